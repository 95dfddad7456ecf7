package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.examples.Cli;
import org.flux4j.examples.Flux4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WorkflowCommandTest {
  record Result(int status, String out, String err) {}

  /** Runs the launcher with {@code args}, capturing its status and both streams. */
  static Result run(String... args) {
    Cli cli = new Cli();
    int rc = cli.run(args);
    return new Result(rc, cli.out(), cli.err());
  }

  @Test
  void workflow_isRegisteredInTheLauncher() {
    assertThat(new CommandLine(Flux4j.class).getSubcommands()).containsKey("workflow");
  }

  @Test
  void workflow_allCompleted_exitsZero_withATable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(
        f,
        """
        jobs:
          - {name: a, command: ["true"], tasks: 2}
          - {name: b, command: ["true"], dependencies: ["afterok:a"]}
        """);
    Result r = run("workflow", f.toString(), "--nodes", "1", "--cores-per-node", "2");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("NAME")
        .contains("COMPLETED")
        .contains("2 jobs, 0 not completed");
  }

  @Test
  void workflow_json_hasExactlyTheIssuesFields(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("wf.yaml");
    Files.writeString(
        f,
        """
        jobs:
          - {name: a, command: ["sh", "-c", "exit 4"]}
          - {name: b, command: ["true"], dependencies: ["afterok:a"]}
        """);
    Result r = run("workflow", f.toString(), "--json", "--queue-policy", "easy");
    assertThat(r.status()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(fields(root)).containsExactly("jobs", "makespan", "failed");
    assertThat(root.get("failed").asInt()).isEqualTo(2);
    assertThat(root.get("makespan").isNumber()).isTrue();
    JsonNode a = root.get("jobs").get(0);
    assertThat(fields(a))
        .containsExactly(
            "name", "id", "state", "result", "exit_code", "ranks", "hosts", "start", "end");
    assertThat(a.get("name").asText()).isEqualTo("a");
    assertThat(a.get("result").asText()).isEqualTo("FAILED");
    assertThat(a.get("exit_code").asInt()).isEqualTo(4);
    assertThat(a.get("ranks").asText()).isEqualTo("0");
    assertThat(a.get("hosts").asText()).isEqualTo("node0");
    JsonNode b = root.get("jobs").get(1);
    assertThat(b.get("result").asText()).isEqualTo("CANCELED");
    assertThat(b.get("exit_code").isNull()).isTrue();
    assertThat(b.get("start").isNull()).isTrue();
  }

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void workflow_badFile_isRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f,
        """
        jobs:
          - {name: first, command: ["touch", "%s"]}
          - {name: second, command: ["true"], dependencies: ["afterok:frist"]}
        """
            .formatted(marker));
    Result r = run("workflow", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(f + ":3: job 'second' depends on 'frist', which is not in the workflow");
    assertThat(marker).doesNotExist();
  }

  @Test
  void workflow_output_writesEachJobsTaskOutput(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.yaml");
    Files.writeString(
        f,
        """
        jobs:
          - {name: two, command: ["sh", "-c", "echo hi $FLUX_TASK_RANK; echo e >&2"], tasks: 2}
          - {name: ../one, command: ["echo", "solo"]}
        """);
    Path out = dir.resolve("o");
    Result r = run("workflow", f.toString(), "--output", out.toString(), "--cores-per-node", "2");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("two.out"))).isEqualTo("0: hi 0\n1: hi 1\n");
    assertThat(Files.readString(out.resolve("two.err"))).isEqualTo("0: e\n1: e\n");
    assertThat(Files.readString(out.resolve("_.._one.out"))).isEqualTo("solo\n");
    assertThat(WorkflowCommand.fileName("a b/c")).isEqualTo("a_b_c");
  }

  @Test
  void workflow_badOptions_exitTwo(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "jobs: [{name: a, command: [\"true\"]}]\n");
    assertThat(run("workflow", f.toString(), "--nodes", "0").status()).isEqualTo(2);
    Result r = run("workflow", f.toString(), "--match-policy", "nosuch");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("unknown match policy 'nosuch'");
    assertThat(run("workflow", dir.resolve("missing.yaml").toString()).err())
        .contains("cannot read");
  }
}
