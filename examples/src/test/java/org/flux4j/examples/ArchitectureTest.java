package org.flux4j.examples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.flux4j.examples.cyclefixture.a.Ping;
import org.flux4j.examples.cyclefixture.b.Duo;
import org.flux4j.examples.cyclefixture.b.Pong;
import org.flux4j.examples.cyclefixture.b.Solo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of DESIGN.md and STYLE.md, made mechanical, over every main class of flux4j:
 * graph depends on nothing of policy or core, policy nothing of core; internal packages stay inside
 * their module; and no class dependency cycle crosses packages.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.flux4j");
  }

  @Test
  void graph_dependsOnNothingAbove() {
    noClasses()
        .that()
        .resideInAPackage("org.flux4j.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.flux4j.policy..", "org.flux4j.core..", "org.flux4j.examples..")
        .check(classes);
  }

  @Test
  void policy_dependsOnlyOnGraph() {
    noClasses()
        .that()
        .resideInAPackage("org.flux4j.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.flux4j.core..", "org.flux4j.examples..")
        .check(classes);
  }

  @Test
  void core_doesNotReachUp() {
    noClasses()
        .that()
        .resideInAPackage("org.flux4j.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.flux4j.examples..")
        .check(classes);
  }

  @Test
  void internalPackages_areNotUsedFromOtherModules() {
    // flux-graph's module-info exports org.flux4j.graph.internal to org.flux4j.policy only, for
    // PruneFilters (the one prune-filter parser); nothing else of it leaves flux-graph
    noClasses()
        .that()
        .resideOutsideOfPackages("org.flux4j.graph..", "org.flux4j.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flux4j.graph.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.flux4j.policy..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.flux4j.graph.internal..")
                .and(not(name("org.flux4j.graph.internal.PruneFilters"))))
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.flux4j.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flux4j.policy.internal..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("org.flux4j.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flux4j.core.internal..")
        .check(classes);
  }

  /**
   * The planner is exported to the match engine only ({@code exports ... to org.flux4j.policy});
   * this makes that hold on the class path too, where examples and benchmarks run and module
   * exports are not enforced.
   */
  @Test
  void planner_isUsedOnlyByTheGraphAndTheMatchEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.flux4j.graph..", "org.flux4j.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flux4j.graph.planner..")
        .check(classes);
  }

  /**
   * No strongly connected group of main classes spans two packages (a nested class counts as its
   * top-level class): each concept's package depends on the others one way only.
   */
  @Test
  void noClassCycleCrossesPackages() {
    assertThat(CrossPackageCycles.of(classes).violations())
        .as(
            "class dependency cycles across packages (cut one edge of each: move the shared type"
                + " to the lower package, or pass plain values instead of the upper type)")
        .isEmpty();
  }

  @Test
  void crossPackageCycles_findsACycleOverTwoPackages_andNoneInOnePackage() {
    JavaClasses fixture =
        new ClassFileImporter().importClasses(Ping.class, Pong.class, Solo.class, Duo.class);
    assertThat(CrossPackageCycles.of(fixture).violations())
        .singleElement()
        .asString()
        .contains(
            "[org.flux4j.examples.cyclefixture.a, org.flux4j.examples.cyclefixture.b]: 2 classes")
        .contains(
            "org.flux4j.examples.cyclefixture.a.Ping -> org.flux4j.examples.cyclefixture.b.Pong"
                + " -> org.flux4j.examples.cyclefixture.a.Ping")
        .doesNotContain("Solo");
  }
}
