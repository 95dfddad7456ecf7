package org.flux4j.policy.queue;

/**
 * What the resource side answered for one job in a scheduling cycle: the narrow view of a match
 * result that a queue policy needs.
 */
public sealed interface MatchOutcome {
  /** The job was allocated now. */
  record Allocated() implements MatchOutcome {}

  /** The job was reserved to start at {@code at}. */
  record Reserved(long at) implements MatchOutcome {}

  /** The job fits the machine but not now (and, for a reservation request, not at any time). */
  record Busy() implements MatchOutcome {}

  /** The job can never be satisfied by this machine; it must be rejected. */
  record Unsatisfiable(String reason) implements MatchOutcome {}

  /** The shared allocated outcome. */
  MatchOutcome ALLOCATED = new Allocated();

  /** The shared busy outcome. */
  MatchOutcome BUSY = new Busy();
}
