package org.flux4j.core.exec;

import java.util.Map;
import java.util.function.Supplier;
import org.flux4j.core.JobId;

/**
 * What an {@link InProcessTask} knows about itself: its rank in the job, the job size, the cores
 * and GPUs of its slot, its environment and whether the job has been canceled. Thread-safe.
 */
public final class TaskContext {
  private final JobId jobId;
  private final int rank;
  private final int size;
  private final int[] cores;
  private final int[] gpus;
  private final Supplier<Map<String, String>> environment;
  private Map<String, String> env;
  private final CancellationSignal cancellation;

  /**
   * The context of task {@code rank} of a job of {@code size} tasks; built by executors from the
   * job's {@link ExecJob#slot(int)} and {@link ExecJob#environment(int)}. It holds plain values,
   * not the job, so that the task API does not depend back on the job request.
   */
  TaskContext(
      JobId jobId,
      int rank,
      int size,
      int[] cores,
      int[] gpus,
      Supplier<Map<String, String>> environment,
      CancellationSignal cancellation) {
    if (rank < 0 || rank >= size) {
      throw new IllegalArgumentException(
          "task rank " + rank + " outside 0.." + (size - 1) + "; ranks count from 0 to size - 1");
    }
    this.jobId = jobId;
    this.rank = rank;
    this.size = size;
    this.cores = cores.clone();
    this.gpus = gpus.clone();
    this.environment = environment;
    this.cancellation = cancellation;
  }

  /** The job. */
  public JobId jobId() {
    return jobId;
  }

  /** This task's rank, 0 to size - 1. */
  public int rank() {
    return rank;
  }

  /** The number of tasks in the job. */
  public int size() {
    return size;
  }

  /** The logical ids of the cores of this task's slot (a copy). */
  public int[] cores() {
    return cores.clone();
  }

  /** The logical ids of the GPUs of this task's slot (a copy). */
  public int[] gpus() {
    return gpus.clone();
  }

  /** The environment Flux would give the task (see {@link ExecJob#environment(int)}). */
  public synchronized Map<String, String> environment() {
    // built on first use only: most tasks never read it, and launch is a hot path
    if (env == null) {
      env = Map.copyOf(environment.get());
    }
    return env;
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
