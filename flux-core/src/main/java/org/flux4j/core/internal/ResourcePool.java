package org.flux4j.core.internal;

import java.util.function.LongFunction;
import org.flux4j.core.Allocation;

/**
 * The job manager's seam to the scheduler's resource model: allocate now, satisfiable ever, free,
 * and the status of execution targets. Owned by the scheduling loop; not thread-safe, except {@link
 * #hasRank}, which reads immutable data.
 */
interface ResourcePool {
  /**
   * Allocates the job's request now, or returns null if it does not fit now; null changes nothing.
   * A pool that finds, on answering null, that the job can never be allocated (no later state of
   * the pool would let it start, although it passed {@link #unsatisfiable} at submit) sets {@link
   * Job#unallocatable} to the reason, so that the queue refuses the job instead of keeping it
   * pending forever; {@link #allocateOrReserve} does the same when it neither allocates nor
   * reserves.
   */
  Allocation allocate(Job job);

  /**
   * Why the job's request can never be satisfied even with everything free and up, or null if it
   * can.
   */
  String unsatisfiable(Job job);

  /**
   * What {@link #allocateOrReserve} did: an allocation made now, or else the time (seconds on the
   * pool's planner) at which the job is reserved, or neither (-1: busy, cannot even be reserved).
   *
   * @param allocation the allocation made now, or null
   * @param reservedAt the reserved start, or -1
   */
  record Outcome(Allocation allocation, long reservedAt) {
    /** Nothing now and no reservation. */
    static final Outcome BUSY = new Outcome(null, -1);
  }

  /**
   * Allocates the job's request now or else reserves it at the earliest time it fits (Fluxion's
   * allocate_orelse_reserve), so that later jobs are only backfilled around it. A pool without a
   * time model never reserves.
   */
  default Outcome allocateOrReserve(Job job) {
    Allocation a = allocate(job);
    return a == null ? Outcome.BUSY : new Outcome(a, -1);
  }

  /**
   * The clock time, in milliseconds, of a start time {@link #allocateOrReserve} reserved at (its
   * {@link Outcome#reservedAt()}), or -1 for a pool that never reserves.
   */
  default long reservedMillis(long reservedAt) {
    return -1;
  }

  /**
   * When the job would start if it were matched now after everything the pool holds and has
   * reserved, worked out on a copy of the pool's state (this pool is unchanged): the clock time in
   * milliseconds, or -1 if it cannot be placed at any time, or -2 if this pool keeps no time plan.
   */
  default long whatIfStart(Job job) {
    return -2;
  }

  /**
   * Why the pool cannot honour a reservation for this job's request (then a queue that reserves
   * refuses the job at submit rather than schedule it greedily), or null if it can. The default:
   * every request.
   */
  default String cannotReserve(Job job) {
    return null;
  }

  /**
   * Whether no request at all can be allocated now (see {@link
   * org.flux4j.policy.queue.JobMatcher#nothingFree}); false if the pool cannot tell cheaply.
   */
  default boolean nothingFree() {
    return false;
  }

  /** Releases a reservation made by {@link #allocateOrReserve}; a no-op if there is none. */
  default void cancelReservation(Job job) {}

  /**
   * {@link #cancelReservation} of each job of {@code jobIds} in turn (the default, through {@code
   * jobOf}), or all at once by id, without touching the jobs.
   */
  default void cancelReservations(long[] jobIds, LongFunction<Job> jobOf) {
    for (long id : jobIds) {
      cancelReservation(jobOf.apply(id));
    }
  }

  /**
   * A value equal for jobs whose requests differ at most in duration, or null if the pool cannot
   * tell (see {@link org.flux4j.policy.queue.JobMatcher#requestShape}).
   */
  default Object requestShape(Job job) {
    return null;
  }

  /** The duration the pool plans the job for, in seconds (0 = unknown or unlimited). */
  default long requestDuration(Job job) {
    return 0;
  }

  /**
   * Whether {@link #beginCycle} can ever answer true (see {@link
   * org.flux4j.policy.queue.JobMatcher#repeatsCycles}); false by default.
   */
  default boolean repeatsCycles() {
    return false;
  }

  /**
   * Starts a scheduling cycle: whether it may repeat the cycle that ended with {@code previous}
   * (see {@link org.flux4j.policy.queue.JobMatcher#beginCycle}); false if the pool cannot tell.
   */
  default boolean beginCycle(Object previous) {
    return false;
  }

  /** Ends the cycle: its mark for the next {@link #beginCycle}, or null if not repeatable. */
  default Object endCycle() {
    return null;
  }

  /** What {@link #keptReservationsTime} answers when the bookings cannot be kept. */
  long NOT_KEPT = org.flux4j.policy.queue.JobMatcher.NOT_KEPT;

  /**
   * Whether the open cycle may keep the previous cycle's reservations as they are (see {@link
   * org.flux4j.policy.queue.JobMatcher#keptReservationsTime}): the time now in the unit of the
   * reservation times, or {@link #NOT_KEPT} (the default).
   */
  default long keptReservationsTime() {
    return NOT_KEPT;
  }

  /**
   * Keeps the previous cycle's reservations for the open cycle (see {@link
   * org.flux4j.policy.queue.JobMatcher#keepReservations}).
   *
   * @throws UnsupportedOperationException if the pool never keeps them (the default)
   */
  default void keepReservations() {
    throw new UnsupportedOperationException("this pool does not keep reservations");
  }

  /**
   * Opens a scheduling cycle of the queue {@code owner}; {@code reuse}: the policy books its
   * waiting jobs again in queue order after cancelling every reservation (a rebuild), so the pool
   * may answer from the previous cycle's bookings where a rebuild provably gives them back. The
   * default does nothing.
   */
  default void openCycle(Object owner, boolean reuse) {}

  /** Closes the cycle opened by {@link #openCycle}. */
  default void closeCycle() {}

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
