package org.flux4j.examples.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;

/**
 * Submits a {@link Workflow} to an {@link Instance} that the caller built (any graph, executor,
 * clock and policies), so the same workflow runs on local processes, on Slurm, or in virtual time.
 *
 * <p>Jobs are submitted in {@link Workflow#order()}, each dependency naming the id its job got, so
 * the instance's job manager enforces RFC 26 exactly as Flux does: a dependent waits in DEPEND, and
 * one whose dependency can never be met gets a fatal {@code dependency} exception and ends instead
 * of staying pending. Stateless; the returned {@link WorkflowRun} tracks one run.
 */
public final class WorkflowRunner {
  private WorkflowRunner() {}

  /**
   * Submits every job of {@code workflow} to {@code instance} and returns at once. The run's origin
   * (time 0 of its summary) is the instance clock's time now.
   *
   * @throws IllegalArgumentException if the instance refuses a job (e.g. an unknown queue); jobs
   *     submitted before it are canceled
   */
  public static WorkflowRun start(Instance instance, Workflow workflow) {
    Objects.requireNonNull(instance, "instance");
    long origin = instance.clock().millis();
    Map<String, JobId> ids = new HashMap<>();
    List<JobId> submitted = new ArrayList<>();
    try {
      for (WorkflowJob j : workflow.order()) {
        JobId id = instance.submit(j.toRequest(ids));
        ids.put(j.name(), id);
        submitted.add(id);
      }
    } catch (RuntimeException e) {
      for (JobId id : submitted) {
        instance.cancel(id, "workflow " + workflow.source() + " could not be submitted");
      }
      throw e;
    }
    List<JobId> inFileOrder = new ArrayList<>();
    List<CompletableFuture<JobInfo>> ends = new ArrayList<>();
    for (WorkflowJob j : workflow.jobs()) {
      JobId id = ids.get(j.name());
      inFileOrder.add(id);
      ends.add(instance.whenInactive(id));
    }
    return new WorkflowRun(instance, workflow, inFileOrder, ends, origin);
  }
}
