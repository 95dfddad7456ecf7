package org.flux4j.core.internal;

import org.flux4j.core.Allocation;
import org.flux4j.core.JobRequest;

/**
 * The job manager's seam to the scheduler's resource model: allocate now, satisfiable ever, free,
 * and the status of execution targets. Owned by the scheduling loop; not thread-safe, except {@link
 * #hasRank}, which reads immutable data.
 */
public interface ResourcePool {
  /** Allocates the request now, or returns null if it does not fit now. Changes nothing on null. */
  Allocation allocate(JobRequest request);

  /**
   * Why the request can never be satisfied by this pool even with everything free and up, or null
   * if it can.
   */
  String unsatisfiable(JobRequest request);

  /** Returns an allocation made by {@link #allocate}. */
  void free(Allocation allocation);

  /** Whether {@code rank} is an execution target of the pool. */
  boolean hasRank(int rank);

  /** Drains or undrains an execution target: drained targets get no new allocations. */
  void setDrained(int rank, boolean drained);

  /** Marks an execution target down or up: down targets get no new allocations. */
  void setDown(int rank, boolean down);

  /** How many cores are free now (for tests and leak checks). */
  int freeCores();

  /** How many cores the pool has. */
  int totalCores();

  /** How many GPUs are free now. */
  int freeGpus();
}
