package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The shrinker on synthetic "differences": it reaches a local minimum that still fails. */
class ShrinkerTest {

  private static List<List<Integer>> dropOne(List<Integer> l) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      List<Integer> c = new ArrayList<>(l);
      c.remove(i);
      out.add(c);
    }
    return out;
  }

  @Test
  void shrink_list_keepsOnlyTheElementsThePredicateNeeds() {
    List<Integer> start = List.of(1, 7, 2, 9, 3, 4, 3, 8);
    Predicate<List<Integer>> fails = l -> l.contains(7) && l.contains(3);
    Shrinker.Result<List<Integer>> r =
        new Shrinker<>(ShrinkerTest::dropOne, 1000).shrink(start, fails);
    assertThat(r.value()).containsExactly(7, 3);
    assertThat(r.steps()).isEqualTo(6);
  }

  @Test
  void shrink_budget_stopsEarly() {
    List<Integer> start = List.of(1, 2, 3, 4, 5, 6, 7, 8);
    Shrinker.Result<List<Integer>> r =
        new Shrinker<>(ShrinkerTest::dropOne, 3).shrink(start, l -> l.contains(8));
    assertThat(r.tests()).isEqualTo(3);
    assertThat(r.value()).hasSize(5).contains(8);
  }

  @Test
  void shrink_scenario_reducesCommandsJobspecsAndGraph() {
    ScenarioGenerator gen = new ScenarioGenerator(null);
    Predicate<Scenario> fails =
        s ->
            s.recipe() != null
                && s.commands().stream().anyMatch(c -> c.startsWith("match allocate "))
                && s.recipe().kinds().stream().anyMatch(k -> k.type().equals("node"));
    int checked = 0;
    for (long seed = 0; checked < 5 && seed < 200; seed++) {
      Scenario s = gen.generate(seed);
      if (!fails.test(s) || s.commands().size() < 4) {
        continue;
      }
      checked++;
      Scenario small = new Shrinker<Scenario>(Scenario::reductions, 5000).shrink(s, fails).value();
      assertThat(fails.test(small)).isTrue();
      assertThat(small.commands()).hasSize(1);
      assertThat(small.commands().get(0)).startsWith("match allocate job0.yaml");
      assertThat(small.jobspecs()).hasSize(1);
      // the graph keeps the root, the node the predicate needs and the types the jobspec asks for
      String yaml = small.jobspecs().get(0).toYaml();
      assertThat(small.recipe().kinds())
          .extracting(GrugRecipe.Kind::type)
          .startsWith("cluster", "node")
          .allMatch(t -> t.equals("cluster") || t.equals("node") || yaml.contains("type: " + t));
      assertThat(small.recipe().edges()).allMatch(e -> e.scale() == 1);
      assertThat(small.reductions()).noneMatch(fails);
    }
    assertThat(checked).isEqualTo(5);
  }

  @Test
  void withoutJobspec_dropsItsCommandsAndRenumbersTheRest() {
    Scenario s =
        new Scenario(
            "t",
            ScenarioGenerator.recipe(new java.util.Random(1)),
            "graph.graphml",
            "",
            List.of(),
            List.of(job(1), job(2), job(3)),
            java.util.Map.of(),
            List.of(
                "match allocate job0.yaml",
                "match allocate job1.yaml",
                "multi-match allocate job1.yaml job2.yaml job0.yaml",
                "multi-match allocate job1.yaml job2.yaml",
                "m satisfiability job2.yaml",
                "cancel 1"));
    Scenario r = s.withoutJobspec(1);
    assertThat(r.jobspecs()).containsExactly(job(1), job(3));
    assertThat(r.commands())
        .containsExactly(
            "match allocate job0.yaml",
            "multi-match allocate job1.yaml job0.yaml",
            "m satisfiability job1.yaml",
            "cancel 1");
  }

  private static JobspecModel job(int cores) {
    return new JobspecModel(
        9999,
        List.of(new JobspecModel.Res("core", JobspecModel.Count.of(cores), "", List.of())),
        60,
        "");
  }
}
