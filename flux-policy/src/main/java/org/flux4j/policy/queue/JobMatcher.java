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

  /**
   * A value equal for two jobs whose requests are identical except for their duration, or null if
   * unknown (then no shortcut is taken). Lets a cycle skip allocating a job when an identical
   * request of no longer duration was already busy in the same cycle: within a cycle, after its
   * last reservation, resources are only taken, never given back.
   */
  default Object requestShape(long jobId) {
    return null;
  }

  /** The duration of the job's request in seconds (0 = unlimited), used with its shape. */
  default long requestDuration(long jobId) {
    return 0;
  }
}
