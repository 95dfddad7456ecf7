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
    return run(instance, workflow, ids, origin);
  }

  private static WorkflowRun run(
      Instance instance, Workflow workflow, Map<String, JobId> ids, long origin) {
    List<JobId> inFileOrder = new ArrayList<>();
    List<CompletableFuture<JobInfo>> ends = new ArrayList<>();
    for (WorkflowJob j : workflow.jobs()) {
      JobId id = ids.get(j.name());
      inFileOrder.add(id);
      ends.add(instance.whenInactive(id));
    }
    return new WorkflowRun(instance, workflow, inFileOrder, ends, origin);
  }

  /**
   * Resumes {@code workflow} on an instance built on the store of an earlier run of it (see {@link
   * Instance.Builder#store}): each job is matched by name to the newest job of that name in the
   * store. A job that COMPLETED is not run again; one still pending (recovered into its queue) is
   * kept unless a job it depends on is run again, in which case it is canceled and submitted anew;
   * any other (lost at restart, failed, canceled, timed out, or not in the store) is submitted
   * again. The run's origin is the earliest submit time of the jobs it covers, so its summary spans
   * the earlier runs too.
   *
   * @throws IllegalArgumentException if the instance refuses a job
   */
  public static WorkflowRun resume(Instance instance, Workflow workflow) {
    Objects.requireNonNull(instance, "instance");
    Map<String, JobInfo> newest = new HashMap<>();
    for (JobId id : instance.storedJobs()) { // ascending: the last one of a name wins
      JobInfo info = instance.info(id);
      newest.put(info.name(), info);
    }
    Map<String, JobId> ids = new HashMap<>();
    java.util.Set<String> fresh = new java.util.HashSet<>();
    long origin = instance.clock().millis();
    for (WorkflowJob j : workflow.order()) {
      JobInfo old = newest.get(j.name());
      boolean depsKept = j.dependencies().stream().noneMatch(d -> fresh.contains(d.name()));
      boolean keep =
          old != null
              && (old.result().map(r -> r == org.flux4j.core.JobResult.COMPLETED).orElse(false)
                  || (old.state().isActive() && depsKept));
      if (keep) {
        ids.put(j.name(), old.id());
        origin = Math.min(origin, old.submitTime());
        continue;
      }
      if (old != null && old.state().isActive()) {
        instance.cancel(old.id(), "resubmitted by the resumed workflow " + workflow.source());
      }
      ids.put(j.name(), instance.submit(j.toRequest(ids)));
      fresh.add(j.name());
    }
    return run(instance, workflow, ids, origin);
  }
}
