package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flux4j workflow FILE --forecast}: starts and ends against a hand calculation, on 1 node of
 * 8 cores, for a chain, a fan-out and fan-in, and a job that waits for cores; nothing is run.
 */
class WorkflowForecastTest {
  private static WorkflowCommandTest.Result run(String... args) {
    return WorkflowCommandTest.run(args);
  }

  /** {@code workflow FILE --forecast --nodes 1 --cores-per-node C} and then {@code more}. */
  private static WorkflowCommandTest.Result forecast(Object file, int cores, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "workflow",
                file.toString(),
                "--forecast",
                "--nodes",
                "1",
                "--cores-per-node",
                Integer.toString(cores)));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  /**
   * By hand, on 8 cores: a 0-60 then b 60-90 (chain); f1 (4 cores, 100 s) and f2 (4 cores, 50 s)
   * after b take all 8 cores 90-190 and 90-140; wide (6 cores) after b waits: 4 free at 140, 8 at
   * 190, so 190-200; join after f1 and f2 starts at 190 beside wide (6 + 1 of 8), 190-195. Makespan
   * 200.
   */
  private static Path workflow(Path dir, Path marker) throws Exception {
    String touch = "[\"touch\", \"" + marker + "\"]";
    Path f = dir.resolve("wf.yaml");
    Files.writeString(
        f,
        "jobs:\n"
            + "  - {name: a, command: "
            + touch
            + ", tasks: 2, duration: 60s}\n"
            + "  - {name: b, command: "
            + touch
            + ", tasks: 2, duration: 30s, dependencies: [\"afterok:a\"]}\n"
            + "  - {name: f1, command: "
            + touch
            + ", tasks: 4, duration: 100s, dependencies: [\"afterok:b\"]}\n"
            + "  - {name: f2, command: "
            + touch
            + ", tasks: 4, duration: 50s, dependencies: [\"afterok:b\"]}\n"
            + "  - {name: wide, command: "
            + touch
            + ", tasks: 6, duration: 10s, dependencies: [\"afterok:b\"]}\n"
            + "  - {name: join, command: "
            + touch
            + ", tasks: 1, duration: 5s, dependencies: [\"afterok:f1\", \"afterok:f2\"]}\n");
    return f;
  }

  @Test
  void forecast_json_predictsTheHandCalculation_andRunsNothing(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    Path f = workflow(dir, marker);
    WorkflowCommandTest.Result r = forecast(f, 8, "--json");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(marker).doesNotExist();
    JsonNode o = new ObjectMapper().readTree(r.out());
    List<String> got = new ArrayList<>();
    for (JsonNode j : o.get("jobs")) {
      got.add(
          j.get("name").asText() + " " + j.get("start").asDouble() + "-" + j.get("end").asDouble());
      assertThat(j.get("result").asText()).isEqualTo("COMPLETED");
    }
    assertThat(got)
        .containsExactly(
            "a 0.0-60.0",
            "b 60.0-90.0",
            "f1 90.0-190.0",
            "f2 90.0-140.0",
            "wide 190.0-200.0",
            "join 190.0-195.0");
    assertThat(o.get("makespan").asDouble()).isEqualTo(200.0);
    assertThat(o.get("failed").asInt()).isZero();
  }

  @Test
  void forecast_ofTheReadmeExample_givesTheSameHandCalculation() throws Exception {
    WorkflowCommandTest.Result r = forecast("workflows/forecast.yaml", 8, "--json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertThat(o.get("jobs").get(4).get("name").asText()).isEqualTo("wide");
    assertThat(o.get("jobs").get(4).get("start").asDouble()).isEqualTo(190.0);
    assertThat(o.get("makespan").asDouble()).isEqualTo(200.0);
  }

  @Test
  void forecast_json_isTheSameObjectAsARealRun(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("tiny.yaml");
    Files.writeString(
        f,
        "jobs:\n"
            + "  - {name: a, command: [\"true\"], duration: 5s}\n"
            + "  - {name: b, command: [\"true\"], duration: 5s, dependencies: [\"afterok:a\"]}\n");
    WorkflowCommandTest.Result real =
        run("workflow", f.toString(), "--nodes", "1", "--cores-per-node", "2", "--json");
    WorkflowCommandTest.Result fore = forecast(f, 2, "--json");
    assertThat(real.status()).as(real.err()).isZero();
    assertThat(fore.status()).as(fore.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(real.out());
    JsonNode b = new ObjectMapper().readTree(fore.out());
    assertThat(names(b)).isEqualTo(names(a));
    assertThat(names(b.get("jobs").get(0))).isEqualTo(names(a.get("jobs").get(0)));
    assertThat(b.get("jobs").get(1).get("start").asDouble()).isEqualTo(5.0);
    assertThat(b.get("makespan").asDouble()).isEqualTo(10.0);
  }

  @Test
  void forecast_table_saysNothingRan_andGivesTheMakespan(@TempDir Path dir) throws Exception {
    Path f = workflow(dir, dir.resolve("ran"));
    WorkflowCommandTest.Result r = forecast(f, 8);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("forecast (nothing was run")
        .contains("6 jobs, 0 not completed, makespan 200.000 s");
  }

  @Test
  void forecast_refusesAJobWithoutDuration_naming(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("nodur.yaml");
    Files.writeString(f, "jobs:\n  - {name: open-ended, command: [\"true\"]}\n");
    WorkflowCommandTest.Result r = run("workflow", f.toString(), "--forecast");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("job 'open-ended' has no duration");
  }

  private static List<String> names(JsonNode o) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
