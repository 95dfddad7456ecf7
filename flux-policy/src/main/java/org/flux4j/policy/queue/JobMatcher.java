package org.flux4j.policy.queue;

/**
 * The resource side of a scheduling cycle, one job at a time: what a {@link QueuePolicy} calls.
 *
 * <p>An instance adapts its {@code ResourceQuery} to this interface; tests use a processor-pool
 * model. Calls come from the scheduling loop's thread only.
 */
public interface JobMatcher {
  /** Allocates the job now, or answers busy or unsatisfiable; a failure changes nothing. */
  MatchOutcome allocate(long jobId);

  /**
   * Allocates the job now, or else reserves it at the earliest time at which it fits (Fluxion's
   * allocate_orelse_reserve); answers busy if it cannot even be reserved.
   */
  MatchOutcome allocateOrReserve(long jobId);

  /** Releases a reservation made in this or an earlier cycle; a no-op if there is none. */
  void cancelReservation(long jobId);
}
