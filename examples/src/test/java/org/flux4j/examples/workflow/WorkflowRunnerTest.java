package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Instance;
import org.flux4j.core.exec.ExecJob;
import org.flux4j.core.exec.ExecListener;
import org.flux4j.core.exec.Execution;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.ProcessExecutor;
import org.flux4j.examples.workflow.WorkflowSummary.JobSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRunnerTest {

  /** Runs {@code true} as success and anything else as exit code 1, at once, without processes. */
  static final class TrueFalseExecutor implements Executor {
    @Override
    public Execution start(ExecJob job, ExecListener listener) {
      listener.started();
      listener.finished(job.command().get(0).equals("true") ? 0 : 1 << 8, null, List.of());
      return () -> {};
    }
  }

  private static WorkflowSummary run(Workflow w, Executor ex, int nodes, int cores)
      throws Exception {
    try (Instance in =
        Instance.builder(WorkflowCommand.localGraph(nodes, cores, 0)).executor(ex).build()) {
      return WorkflowRunner.start(in, w).done().get(60, TimeUnit.SECONDS);
    }
  }

  private static Map<String, JobSummary> byName(WorkflowSummary s) {
    Map<String, JobSummary> m = new HashMap<>();
    s.jobs().forEach(j -> m.put(j.name(), j));
    return m;
  }

  /** What RFC 26 says happens to each job, computed in dependency order without an instance. */
  private record Expected(String result, boolean started, boolean exception) {}

  private static Map<String, Expected> oracle(Workflow w) {
    Map<String, Expected> out = new HashMap<>();
    for (WorkflowJob j : w.order()) {
      boolean ok = true;
      for (WorkflowDependency d : j.dependencies()) {
        Expected t = out.get(d.name());
        boolean met =
            switch (d.type()) {
              case "after", "afterstart" -> t.started();
              case "afterany" -> true;
              case "afterok" -> t.result().equals("COMPLETED");
              case "afternotok" -> !t.result().equals("COMPLETED");
              case "afterexcept" -> t.exception();
              default -> throw new AssertionError(d.type());
            };
        ok &= met;
      }
      out.put(
          j.name(),
          ok
              ? new Expected(
                  j.command().get(0).equals("true") ? "COMPLETED" : "FAILED", true, false)
              : new Expected("CANCELED", false, true));
    }
    return out;
  }

  private static Workflow randomWorkflow(Random rnd) {
    int n = 1 + rnd.nextInt(14);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      sb.append("  - {name: j")
          .append(i)
          .append(", command: [")
          .append(rnd.nextInt(4) == 0 ? "false" : "true")
          .append("], dependencies: [");
      int deps = i == 0 ? 0 : rnd.nextInt(Math.min(i, 3) + 1);
      for (int k = 0; k < deps; k++) {
        String type = WorkflowDependency.TYPES.get(rnd.nextInt(WorkflowDependency.TYPES.size()));
        sb.append(k > 0 ? ", " : "").append('"').append(type).append(":j");
        sb.append(rnd.nextInt(i)).append('"');
      }
      lines.add(sb.append("]}").toString());
    }
    Collections.shuffle(lines, rnd);
    return WorkflowReader.read("jobs:\n" + String.join("\n", lines) + "\n", "random.yaml");
  }

  @Test
  void run_randomDags_matchTheRfc26Oracle() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 60; trial++) {
      Workflow w = randomWorkflow(rnd);
      WorkflowSummary s = run(w, new TrueFalseExecutor(), 2, 2);
      Map<String, Expected> want = oracle(w);
      Map<String, JobSummary> got = byName(s);
      int failed = 0;
      for (WorkflowJob j : w.jobs()) {
        String why = "seed " + seed + " trial " + trial + " job " + j.name();
        Expected e = want.get(j.name());
        JobSummary g = got.get(j.name());
        assertThat(g.result()).as(why).isEqualTo(e.result());
        assertThat(g.state()).as(why).isEqualTo("INACTIVE");
        assertThat(g.start().isPresent()).as(why).isEqualTo(e.started());
        assertThat(g.end()).as(why).isPresent();
        if (e.started()) {
          assertThat(g.exitCode().getAsInt())
              .as(why)
              .isEqualTo(e.result().equals("COMPLETED") ? 0 : 1);
          for (WorkflowDependency d : j.dependencies()) {
            JobSummary t = got.get(d.name());
            boolean onStart = d.type().equals("after") || d.type().equals("afterstart");
            double before = onStart ? t.start().getAsDouble() : t.end().getAsDouble();
            assertThat(g.start().getAsDouble())
                .as(why + " after " + d)
                .isGreaterThanOrEqualTo(before);
          }
        } else {
          assertThat(g.exitCode()).as(why).isEmpty();
        }
        if (!e.result().equals("COMPLETED")) {
          failed++;
        }
      }
      assertThat(s.failed()).as("seed " + seed).isEqualTo(failed);
      assertThat(s.succeeded()).isEqualTo(failed == 0);
    }
  }

  private static boolean gone(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return true;
    }
    try {
      String s = Files.readString(stat);
      return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void run_processes_issueScenario(@TempDir Path dir) throws Exception {
    Path pid = dir.resolve("sleeper.pid");
    Workflow w =
        WorkflowReader.read(
            """
            jobs:
              - name: wide
                command: ["sh", "-c", "echo $FLUX_TASK_RANK"]
                nodes: 3
                tasks: 3
              - name: bad
                command: ["sh", "-c", "exit 3"]
              - name: needs-ok
                command: ["true"]
                dependencies: ["afterok:bad"]
              - name: needs-any
                command: ["sh", "-c", "test \\"$K\\" = v"]
                env: {K: v}
                dependencies: ["afterany:bad"]
              - name: slow
                command: ["sh", "-c", "sleep 60 & echo $! > %s; wait"]
                duration: 1s
            """
                .formatted(pid),
            "scenario.yaml");
    WorkflowSummary s = run(w, new ProcessExecutor(), 3, 2);
    Map<String, JobSummary> got = byName(s);
    assertThat(got.get("wide").result()).isEqualTo("COMPLETED");
    assertThat(got.get("wide").ranks()).contains("0-2");
    assertThat(got.get("wide").hosts()).contains("node[0-2]");
    assertThat(got.get("bad").result()).isEqualTo("FAILED");
    assertThat(got.get("bad").exitCode()).hasValue(3);
    assertThat(got.get("needs-ok").result()).isEqualTo("CANCELED");
    assertThat(got.get("needs-ok").start()).isEmpty();
    assertThat(got.get("needs-any").result()).isEqualTo("COMPLETED");
    assertThat(got.get("slow").result()).isEqualTo("TIMEOUT");
    assertThat(got.get("slow").end().getAsDouble() - got.get("slow").start().getAsDouble())
        .isBetween(0.9, 10.0);
    assertThat(s.failed()).isEqualTo(3);
    assertThat(s.succeeded()).isFalse();
    long sleeper = Long.parseLong(Files.readString(pid).strip());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!gone(sleeper) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(gone(sleeper)).as("the timed-out job's background sleep is gone").isTrue();
  }

  @Test
  void run_unsatisfiableJob_failsAndItsDependentsEnd() throws Exception {
    Workflow w =
        WorkflowReader.read(
            """
            jobs:
              - {name: huge, command: ["true"], nodes: 5, tasks: 5}
              - {name: next, command: ["true"], dependencies: ["afterok:huge"]}
              - {name: anyway, command: ["true"], dependencies: ["afterany:next"]}
            """,
            "u.yaml");
    Map<String, JobSummary> got = byName(run(w, new TrueFalseExecutor(), 2, 1));
    assertThat(got.get("huge").result()).isEqualTo("FAILED");
    assertThat(got.get("huge").error().orElseThrow()).contains("unsatisfiable");
    assertThat(got.get("next").result()).isEqualTo("CANCELED");
    assertThat(got.get("anyway").result()).isEqualTo("COMPLETED");
  }
}
