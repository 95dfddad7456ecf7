package org.flux4j.policy.queue;

import java.util.List;

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

  /**
   * Whether nothing at all is free now, so that no job can be allocated now whatever it asks (a
   * cycle past its reservations then stops instead of asking every remaining job); false (the
   * default) if the matcher cannot tell in O(1).
   */
  default boolean nothingFree() {
    return false;
  }

  /** Releases a reservation made in this or an earlier cycle; a no-op if there is none. */
  void cancelReservation(long jobId);

  /**
   * {@link #cancelReservation} of each of {@code jobIds} in turn (the default), which a matcher may
   * do at once with the same effect.
   */
  default void cancelReservations(List<Long> jobIds) {
    for (Long id : jobIds) {
      cancelReservation(id);
    }
  }

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

  /**
   * Whether {@link #beginCycle} can ever answer true. A policy keeps no record of its cycles for a
   * matcher that never repeats one (the default: false).
   */
  default boolean repeatsCycles() {
    return false;
  }

  /**
   * Starts a scheduling cycle and answers whether it may repeat the previous one: true only if a
   * rebuild now, asking the jobs the previous cycle did not start in the same order, would get the
   * same answers and leave the resources exactly as that cycle left them (see {@link
   * org.flux4j.policy.queue.support.RepeatCheck}). {@code previous} is what {@link #endCycle}
   * returned when that cycle ended (null: none). A policy that gets true keeps that cycle's
   * reservations and goes on after its last job; one that gets false (the default, for matchers
   * that cannot tell) recomputes everything.
   */
  default boolean beginCycle(Object previous) {
    return false;
  }

  /**
   * Ends the cycle begun with {@link #beginCycle}: a mark to pass to the next one, or null if this
   * cycle cannot be repeated (the default).
   */
  default Object endCycle() {
    return null;
  }

  /** What {@link #keptReservationsTime} answers when the reservations cannot be kept. */
  long NOT_KEPT = Long.MIN_VALUE;

  /**
   * Asked after {@link #beginCycle} answered false: whether a rebuild would give back every
   * reservation the previous cycle made (the one {@code previous} of {@code beginCycle} marked), as
   * it is, to the same jobs asked again in the same order from the head of the queue (the jobs that
   * cycle started or rejected left out), except that a reservation starting now would be allocated
   * now. Answers the time now, in the unit of the reservation times, if so; {@link #NOT_KEPT} (the
   * default) if not or if the matcher cannot tell. Jobs the previous cycle found busy without
   * reserving them may fit now, so they are not covered. Asking changes nothing.
   */
  default long keptReservationsTime() {
    return NOT_KEPT;
  }

  /**
   * Keeps the previous cycle's reservations for this cycle, after {@link #keptReservationsTime}
   * gave a time: the policy cancels none of them, asks {@link #allocateOrReserve} again only for
   * the jobs whose reservation starts at that time (which must then be allocated), in queue order
   * and before any other job, and goes on after the last job that cycle reserved or set aside.
   *
   * @throws UnsupportedOperationException if the matcher never keeps reservations (the default)
   */
  default void keepReservations() {
    throw new UnsupportedOperationException("this matcher does not keep reservations");
  }
}
