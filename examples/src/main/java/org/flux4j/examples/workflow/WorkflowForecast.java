package org.flux4j.examples.workflow;

import java.util.concurrent.ExecutionException;
import org.flux4j.core.Instance;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.ResourceGraph;

/**
 * {@code flux4j workflow FILE --forecast}: the workflow run in virtual time on the same graph, job
 * manager and policies as a real run, each job taking its duration limit as its run time, nothing
 * executed. The summary is the same object as a real run's, start and end in seconds from the
 * workflow's start, so a workflow engine reads a forecast and a run alike.
 */
final class WorkflowForecast {
  private WorkflowForecast() {}

  /**
   * Forecasts {@code workflow} on {@code graph}.
   *
   * @throws IllegalArgumentException naming the first job without a duration (nothing to forecast
   *     it by), or a policy the instance refuses
   */
  static WorkflowSummary run(
      Workflow workflow, ResourceGraph graph, String queuePolicy, String matchPolicy)
      throws InterruptedException {
    for (WorkflowJob j : workflow.jobs()) {
      if (j.duration().isZero()) {
        throw new IllegalArgumentException(
            workflow.source()
                + ": job '"
                + j.name()
                + "' has no duration: --forecast takes each job's duration as its run time");
      }
    }
    VirtualClock clock = new VirtualClock(0);
    try (Instance instance =
        Instance.builder(graph)
            .name("forecast")
            .clock(clock)
            .executor(SimulatedExecutor.ofDurations())
            .matchPolicy(matchPolicy)
            .queuePolicy(queuePolicy)
            .build()) {
      WorkflowRun run = WorkflowRunner.start(instance, workflow);
      clock.runUntilIdle();
      try {
        return run.done().get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the forecast failed", e.getCause());
      }
    }
  }
}
