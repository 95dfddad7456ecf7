package org.flux4j.examples.workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;

/**
 * One submitted workflow: its job ids, live progress, and the summary once every job is inactive.
 * Thread-safe.
 */
public final class WorkflowRun {
  /** How the progress line groups jobs. */
  public enum Phase {
    /** Waiting for dependencies, priority or resources. */
    PENDING,
    /** Running or cleaning up. */
    RUNNING,
    /** Ended with {@code COMPLETED}. */
    COMPLETED,
    /** Ended any other way. */
    UNSUCCESSFUL
  }

  private final Instance instance;
  private final Workflow workflow;
  private final List<JobId> ids;
  private final List<CompletableFuture<JobInfo>> ends;
  private final long origin;
  private final CompletableFuture<WorkflowSummary> done;

  WorkflowRun(
      Instance instance,
      Workflow workflow,
      List<JobId> ids,
      List<CompletableFuture<JobInfo>> ends,
      long origin) {
    this.instance = instance;
    this.workflow = workflow;
    this.ids = List.copyOf(ids);
    this.ends = List.copyOf(ends);
    this.origin = origin;
    this.done =
        CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]))
            .thenApply(unused -> WorkflowSummary.of(workflow, infos(), origin));
  }

  /**
   * The final snapshot of every job (with its tasks' captured output), in file order, once {@link
   * #done()} has completed.
   *
   * @throws IllegalStateException if some job is still active
   */
  public List<JobInfo> finalInfos() {
    if (!done.isDone()) {
      throw new IllegalStateException("the workflow is still running");
    }
    return infos();
  }

  private List<JobInfo> infos() {
    List<JobInfo> out = new ArrayList<>(ends.size());
    for (CompletableFuture<JobInfo> f : ends) {
      out.add(f.join());
    }
    return out;
  }

  /** The workflow. */
  public Workflow workflow() {
    return workflow;
  }

  /** The instance it runs in. */
  public Instance instance() {
    return instance;
  }

  /** The job ids, in the workflow's file order. */
  public List<JobId> ids() {
    return ids;
  }

  /** The instance clock's time (ms) when the run began: time 0 of the summary. */
  public long origin() {
    return origin;
  }

  /** Completes with the summary once every job is inactive. */
  public CompletableFuture<WorkflowSummary> done() {
    return done;
  }

  /** How many jobs are in each phase now. */
  public Map<Phase, Integer> progress() {
    Map<Phase, Integer> m = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      m.put(p, 0);
    }
    for (int i = 0; i < ids.size(); i++) {
      CompletableFuture<JobInfo> f = ends.get(i);
      Phase p;
      if (f.isDone()) {
        p =
            WorkflowSummary.JobSummary.of(f.join(), origin).result().equals("COMPLETED")
                ? Phase.COMPLETED
                : Phase.UNSUCCESSFUL;
      } else {
        p = instance.state(ids.get(i)).isRunning() ? Phase.RUNNING : Phase.PENDING;
      }
      m.merge(p, 1, Integer::sum);
    }
    return m;
  }

  /** Cancels every job of the run that is still active. */
  public void cancel(String note) {
    for (int i = 0; i < ids.size(); i++) {
      if (!ends.get(i).isDone()) {
        instance.cancel(ids.get(i), note);
      }
    }
  }
}
