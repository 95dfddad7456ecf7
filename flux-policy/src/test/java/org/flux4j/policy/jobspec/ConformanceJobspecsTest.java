package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Every jobspec file under the Fluxion conformance data either parses, or fails as Fluxion fails on
 * it.
 */
class ConformanceJobspecsTest {
  /** flux-sched's jobspec test data; skips the test when the shared data is absent. */
  static Path jobspecs() {
    return SharedData.resourceData("jobspecs");
  }

  static List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(jobspecs())) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void conformanceJobspecs_allYamlParse_andRFilesFailLikeFluxion() throws IOException {
    List<Path> files = files();
    assertThat(files).hasSizeGreaterThan(200);
    List<String> failures = new ArrayList<>();
    int parsed = 0;
    for (Path f : files) {
      try {
        Jobspec js = Jobspec.parse(f);
        assertThat(js.resources()).as(f.toString()).isNotEmpty();
        assertThat(js.tasks()).as(f.toString()).isNotEmpty();
        parsed++;
      } catch (JobspecException e) {
        failures.add(jobspecs().relativize(f) + ": " + e.reason());
      }
    }
    // The only files that do not parse are the R documents under update/, which have no
    // "resources" key: Fluxion says (with its typo) "resource".
    assertThat(failures)
        .allMatch(
            s ->
                s.startsWith("update/")
                    && s.endsWith(".json: Missing key \"resource\" in top level mapping"));
    assertThat(failures).hasSize(6);
    assertThat(parsed).isEqualTo(files.size() - 6);
  }

  @Test
  void toJson_everyConformanceJobspec_roundTrips() throws IOException {
    int n = 0;
    for (Path f : files()) {
      Jobspec js;
      try {
        js = Jobspec.parse(f);
      } catch (JobspecException e) {
        continue;
      }
      String json = js.toJson();
      assertThat(Jobspec.parse(json, f + " as JSON")).as(f.toString()).isEqualTo(js);
      n++;
    }
    assertThat(n).isGreaterThan(200);
  }

  @Test
  void parse_unknownTypeWithGraphTypes_failsWithFluxionText() {
    Path f = jobspecs().resolve("basics/test001.yaml");
    Jobspec js = Jobspec.parser().knownTypes(List.of("core")).parse(f);
    assertThat(js.types()).isNotEmpty();
    JobspecException e =
        catchThrowableOfType(
            JobspecException.class,
            () -> Jobspec.parser().knownTypes(t -> !t.equals("core")).parse(f));
    assertThat(e.reason()).isEqualTo("Value of \"type\" must be a resource type known to fluxion");
    assertThat(e.pointer()).endsWith("/type");
  }
}
