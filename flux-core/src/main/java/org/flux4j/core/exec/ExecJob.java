package org.flux4j.core.exec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;

/**
 * An allocated job as an {@link Executor} sees it: id, request, allocation, and the task layout
 * (task rank r runs in slot {@code r / tasksPerSlot}). Immutable.
 */
public final class ExecJob {
  private final JobId id;
  private final JobRequest request;
  private final Allocation allocation;
  private final Clock clock;
  private final int size;

  /** An executor's view of a job; built by the instance. */
  public ExecJob(JobId id, JobRequest request, Allocation allocation, Clock clock) {
    this.id = id;
    this.request = request;
    this.allocation = allocation;
    this.clock = clock;
    this.size = allocation.slots().size() * request.tasksPerSlot();
  }

  /** The job id. */
  public JobId id() {
    return id;
  }

  /** The job name. */
  public String name() {
    return request.name();
  }

  /** The request as submitted. */
  public JobRequest request() {
    return request;
  }

  /** The allocated resources. */
  public Allocation allocation() {
    return allocation;
  }

  /** The instance's clock. */
  public Clock clock() {
    return clock;
  }

  /** The number of tasks: the allocated slots times the tasks per slot. */
  public int size() {
    return size;
  }

  /** The number of nodes the job spans. */
  public int nnodes() {
    return allocation.nnodes();
  }

  /** The slot that task {@code rank} runs in. */
  public Allocation.Slot slot(int rank) {
    return allocation.slots().get(rank / request.tasksPerSlot());
  }

  /** The command, for process executors. */
  public List<String> command() {
    return request.command();
  }

  /** The Java task, for the in-process executor. */
  public Optional<InProcessTask> task() {
    return request.task();
  }

  /** The simulated run time of each task. */
  public Duration runtime() {
    return request.runtime();
  }

  /**
   * The environment of task {@code rank}: the request's variables, then Flux's job shell variables
   * FLUX_JOB_ID (F58), FLUX_JOB_SIZE, FLUX_JOB_NNODES, FLUX_TASK_RANK, FLUX_TASK_LOCAL_ID and
   * CUDA_VISIBLE_DEVICES (the slot's GPU ids, or -1 without GPUs).
   */
  public Map<String, String> environment(int rank) {
    Map<String, String> env = new LinkedHashMap<>(request.environment());
    env.put("FLUX_JOB_ID", id.f58());
    env.put("FLUX_JOB_SIZE", Integer.toString(size()));
    env.put("FLUX_JOB_NNODES", Integer.toString(nnodes()));
    env.put("FLUX_TASK_RANK", Integer.toString(rank));
    int node = slot(rank).rank();
    int local = 0;
    for (int r = 0; r < rank; r++) {
      if (slot(r).rank() == node) {
        local++;
      }
    }
    env.put("FLUX_TASK_LOCAL_ID", Integer.toString(local));
    int[] gpus = slot(rank).gpus();
    StringBuilder sb = new StringBuilder();
    for (int g : gpus) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(g);
    }
    env.put("CUDA_VISIBLE_DEVICES", gpus.length == 0 ? "-1" : sb.toString());
    return env;
  }
}
