package org.flux4j.core.exec;

import java.util.Map;
import org.flux4j.core.JobId;

/**
 * What an {@link InProcessTask} knows about itself: its rank in the job, the job size, the cores
 * and GPUs of its slot, its environment and whether the job has been canceled. Thread-safe.
 */
public final class TaskContext {
  private final ExecJob job;
  private final int rank;
  private final CancellationSignal cancellation;

  /** The context of task {@code rank} of {@code job}; built by executors. */
  TaskContext(ExecJob job, int rank, CancellationSignal cancellation) {
    if (rank < 0 || rank >= job.size()) {
      throw new IllegalArgumentException("task rank " + rank + " outside 0.." + (job.size() - 1));
    }
    this.job = job;
    this.rank = rank;
    this.cancellation = cancellation;
  }

  /** The job. */
  public JobId jobId() {
    return job.id();
  }

  /** This task's rank, 0 to size - 1. */
  public int rank() {
    return rank;
  }

  /** The number of tasks in the job. */
  public int size() {
    return job.size();
  }

  /** The logical ids of the cores of this task's slot (a copy). */
  public int[] cores() {
    return job.slot(rank).cores();
  }

  /** The logical ids of the GPUs of this task's slot (a copy). */
  public int[] gpus() {
    return job.slot(rank).gpus();
  }

  /** The environment Flux would give the task (see {@link ExecJob#environment(int)}). */
  public Map<String, String> environment() {
    return job.environment(rank);
  }

  /** The job's cancellation signal. */
  public CancellationSignal cancellation() {
    return cancellation;
  }

  /** Whether the job has been canceled (or timed out); a cooperative task should return. */
  public boolean isCanceled() {
    return cancellation.isCanceled();
  }
}
