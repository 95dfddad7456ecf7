package org.flux4j.core.internal;

import org.flux4j.core.Allocation;

/**
 * The job manager's seam to the scheduler's resource model: allocate now, satisfiable ever, free,
 * and the status of execution targets. Owned by the scheduling loop; not thread-safe, except {@link
 * #hasRank}, which reads immutable data.
 */
interface ResourcePool {
  /**
   * Allocates the job's request now, or returns null if it does not fit now; null changes nothing.
   */
  Allocation allocate(Job job);

  /**
   * Why the job's request can never be satisfied even with everything free and up, or null if it
   * can.
   */
  String unsatisfiable(Job job);

  /** Returns the allocation of {@code job}, made by {@link #allocate}. */
  void free(Job job);

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
