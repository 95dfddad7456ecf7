package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.junit.jupiter.api.Test;

class WorkflowReaderTest {

  private static Workflow read(String yaml) {
    return WorkflowReader.read(yaml, "wf.yaml");
  }

  private static void refused(String yaml, int line, String message) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(WorkflowException.class)
        .hasMessageStartingWith(line > 0 ? "wf.yaml:" + line + ": " : "wf.yaml: ")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((WorkflowException) e).line()).isEqualTo(line));
  }

  @Test
  void read_everyField_isKept() {
    Workflow w =
        read(
            """
            jobs:
              - name: other
                command: [true]
              - name: prepare
                command: ["sh", "-c", "echo hi"]
                nodes: 2
                tasks: 4
                cores-per-task: 3
                gpus-per-task: 1
                duration: 10m
                dependencies: ["afterok:other", "afterany:other"]
                env: {KEY: value, N: 3}
            """);
    assertThat(w.jobs()).hasSize(2);
    WorkflowJob j = w.job("prepare").orElseThrow();
    assertThat(j.command()).containsExactly("sh", "-c", "echo hi");
    assertThat(j.nodes()).isEqualTo(2);
    assertThat(j.tasks()).isEqualTo(4);
    assertThat(j.coresPerTask()).isEqualTo(3);
    assertThat(j.gpusPerTask()).isEqualTo(1);
    assertThat(j.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(j.dependencies())
        .containsExactly(
            new WorkflowDependency("afterok", "other", 11),
            new WorkflowDependency("afterany", "other", 11));
    assertThat(j.env()).containsExactly(Map.entry("KEY", "value"), Map.entry("N", "3"));
    assertThat(j.line()).isEqualTo(4);
    WorkflowJob other = w.job("other").orElseThrow();
    assertThat(other.tasks()).isEqualTo(1);
    assertThat(other.coresPerTask()).isEqualTo(1);
    assertThat(other.gpusPerTask()).isZero();
    assertThat(other.nodes()).isZero();
    assertThat(other.duration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void read_json_isYaml() {
    Workflow w =
        read(
            "{\"jobs\": [{\"name\": \"a\", \"command\": [\"true\"], \"duration\": 1.5},"
                + " {\"name\": \"b\", \"command\": [\"true\"], \"dependencies\": [\"after:a\"]}]}");
    assertThat(w.job("a").orElseThrow().duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(w.order()).extracting(WorkflowJob::name).containsExactly("a", "b");
  }

  @Test
  void read_durations_followRfc23() {
    for (var c :
        Map.of("30", 30_000L, "30s", 30_000L, "1.5h", 5_400_000L, "2d", 172_800_000L, "inf", 0L)
            .entrySet()) {
      Workflow w = read("jobs:\n  - name: a\n    command: [x]\n    duration: " + c.getKey() + "\n");
      assertThat(w.jobs().get(0).duration().toMillis()).as(c.getKey()).isEqualTo(c.getValue());
    }
    refused("jobs:\n  - name: a\n    command: [x]\n    duration: 5w\n", 4, "'duration'");
    refused("jobs:\n  - name: a\n    command: [x]\n    duration: -1\n", 4, "'duration'");
  }

  @Test
  void read_order_putsDependenciesFirst_elseFileOrder() {
    Workflow w =
        read(
            """
            jobs:
              - {name: c, command: [x], dependencies: ["afterok:b"]}
              - {name: d, command: [x]}
              - {name: b, command: [x], dependencies: ["afterany:a"]}
              - {name: a, command: [x]}
            """);
    assertThat(w.jobs()).extracting(WorkflowJob::name).containsExactly("c", "d", "b", "a");
    assertThat(w.order()).extracting(WorkflowJob::name).containsExactly("d", "a", "b", "c");
  }

  @Test
  void read_unknownField_namesItsLine() {
    refused("jobs:\n  - name: a\n    command: [x]\n    cores: 2\n", 4, "unknown field 'cores'");
    refused("jobs: [{name: a, command: [x]}]\nversion: 1\n", 2, "unknown field 'version'");
  }

  @Test
  void read_duplicates_areRefused() {
    refused(
        "jobs:\n  - name: a\n    command: [x]\n  - name: a\n    command: [y]\n",
        4,
        "duplicate job name 'a' (first at line 2)");
    refused("jobs:\n  - name: a\n    name: b\n    command: [x]\n", 3, "duplicate field 'name'");
    refused(
        "jobs:\n  - name: a\n    command: [x]\n    env: {K: 1, K: 2}\n",
        4,
        "duplicate env variable 'K'");
  }

  @Test
  void read_dependencyOnUnknownJob_namesTheDependencyLine() {
    refused(
        """
        jobs:
          - name: a
            command: [x]
            dependencies:
              - afterok:a2
        """,
        5,
        "job 'a' depends on 'a2', which is not in the workflow");
    refused(
        "jobs:\n  - name: a\n    command: [x]\n    dependencies: [\"afterwards:b\"]\n",
        4,
        "unknown type 'afterwards'");
    refused(
        "jobs:\n  - name: a\n    command: [x]\n    dependencies: [\"afterok\"]\n",
        4,
        "names no job");
  }

  @Test
  void read_cycle_isRefusedWithItsPath() {
    refused(
        """
        jobs:
          - {name: free, command: [x]}
          - {name: a, command: [x], dependencies: ["afterok:c"]}
          - {name: b, command: [x], dependencies: ["afterok:a", "afterok:free"]}
          - {name: c, command: [x], dependencies: ["afterany:b"]}
        """,
        3,
        "dependency cycle: a -> c -> b -> a");
    refused(
        "jobs:\n  - {name: self, command: [x], dependencies: [\"after:self\"]}\n",
        2,
        "dependency cycle: self -> self");
  }

  @Test
  void read_badValues_areRefused() {
    refused("", 0, "the file is empty");
    refused("- a\n", 1, "the top level must be a mapping");
    refused("other: 1\n", 1, "unknown field 'other'");
    refused("jobs: {}\n", 1, "'jobs' must be a list");
    refused("jobs: []\n", 1, "'jobs' is empty");
    refused("jobs:\n  - command: [x]\n", 2, "a job without 'name'");
    refused("jobs:\n  - name: a\n", 2, "job 'a' has no 'command'");
    refused("jobs:\n  - name: a\n    command: echo hi\n", 3, "'command' must be an argv list");
    refused("jobs:\n  - name: a\n    command: [x]\n    tasks: 0\n", 4, "at least 1, got '0'");
    refused("jobs:\n  - name: a\n    command: [x]\n    tasks: two\n", 4, "got 'two'");
    refused("jobs:\n  - name: a\n    command: [x]\n    tasks: 1.5\n", 4, "an integer");
    refused(
        "jobs:\n  - name: a\n    command: [x]\n    nodes: 2\n    tasks: 3\n",
        2,
        "tasks (3) must be a multiple of nodes (2)");
    refused("jobs:\n  - name: a\n    command: [x]\n    nodes: 2\n", 2, "nodes (2) must not exceed");
    refused(
        "jobs:\n  - name: a\n    command: [x\n",
        3,
        "malformed YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>");
    refused("jobs:\n  - name: a\n    command: [x]\n---\njobs: []\n", 5, "one YAML document");
  }

  @Test
  void read_tags_instantiateNothing() {
    Workflow w =
        read("jobs:\n  - name: !!java.lang.Runtime a\n    command: [!!javax.script.X x]\n");
    assertThat(w.jobs().get(0).name()).isEqualTo("a");
    assertThat(w.jobs().get(0).command()).containsExactly("x");
  }

  @Test
  void toRequest_mapsShapeAndDependencyIds() {
    Workflow w =
        read(
            """
            jobs:
              - {name: a, command: [x]}
              - name: b
                command: [sh, -c, "exit 0"]
                nodes: 2
                tasks: 4
                cores-per-task: 2
                duration: 1m
                dependencies: ["afterok:a"]
                env: {K: v}
            """);
    JobId a = JobId.of(1, 0, 7);
    JobRequest r = w.job("b").orElseThrow().toRequest(Map.of("a", a));
    assertThat(r.name()).isEqualTo("b");
    assertThat(r.command()).isEqualTo(List.of("sh", "-c", "exit 0"));
    assertThat(r.nodes()).isEqualTo(2);
    assertThat(r.slots()).isEqualTo(4);
    assertThat(r.coresPerSlot()).isEqualTo(2);
    assertThat(r.exclusive()).isTrue();
    assertThat(r.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.environment()).containsEntry("K", "v");
    assertThat(r.dependencies()).containsExactly("afterok:" + a.decimal());
    assertThatThrownBy(() -> w.job("b").orElseThrow().toRequest(Map.of()))
        .hasMessageContaining("depends on a");
  }
}
