package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Instance;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.ProcessExecutor;
import org.flux4j.core.exec.SlurmExecutor;
import org.flux4j.examples.workflow.WorkflowSummary.JobSummary;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * The example workflow ({@code examples/workflows/example.yaml}) on a real Slurm (the cluster of
 * {@code SLURM_CONF}, as {@code .ci/run} starts it) and on local processes: every job must end the
 * same way. Skipped with a message when {@code SLURM_CONF} names no reachable Slurm.
 */
class WorkflowSlurmIntegrationTest {

  private static boolean slurmAnswers(String conf) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true);
    pb.environment().put("SLURM_CONF", conf);
    try {
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static WorkflowSummary run(Workflow w, ResourceGraph graph, Executor ex, boolean watch)
      throws Exception {
    try (Instance in = Instance.builder(graph).executor(ex).build()) {
      if (watch) {
        ((SlurmExecutor) ex).watch(in);
      }
      return WorkflowRunner.start(in, w).done().get(120, TimeUnit.SECONDS);
    }
  }

  @Test
  void exampleWorkflow_endsAlikeOnSlurmAndOnLocalProcesses() throws Exception {
    String conf = System.getenv("SLURM_CONF");
    assumeTrue(
        conf != null && slurmAnswers(conf),
        "SLURM_CONF names no reachable Slurm (.ci/run starts scripts/local-slurm.sh): skipped");
    Workflow w = WorkflowReader.read(Path.of("workflows/example.yaml"));
    WorkflowSummary slurm;
    try (SlurmExecutor ex =
        SlurmExecutor.builder()
            .environment(Map.of("SLURM_CONF", conf))
            .allocate(3, "--exclusive")) {
      slurm = run(w, ex.graph(), ex, true);
    }
    WorkflowSummary local =
        run(w, WorkflowCommand.localGraph(3, 2, 0), new ProcessExecutor(), false);
    Map<String, String> want = new HashMap<>();
    for (JobSummary j : local.jobs()) {
      want.put(j.name(), j.result() + "/" + j.exitCode());
    }
    for (JobSummary j : slurm.jobs()) {
      assertThat(j.result() + "/" + j.exitCode()).as(j.name()).isEqualTo(want.get(j.name()));
    }
    JobSummary wide = slurm.jobs().stream().filter(j -> j.name().equals("wide")).findFirst().get();
    assertThat(wide.hosts()).contains("n[1-3]");
    assertThat(slurm.jobs())
        .extracting(JobSummary::result)
        .containsExactly("COMPLETED", "COMPLETED", "FAILED", "CANCELED", "COMPLETED", "TIMEOUT");
    assertThat(slurm.failed()).isEqualTo(3);
    assertThat(List.of(local.failed())).containsExactly(3);
  }
}
