package org.flux4j.core.sim;

import java.util.Objects;

/**
 * How a trace is replayed: the machine, how jobs ask for it, and the scheduler's policies.
 *
 * @param nodes the machine's nodes
 * @param coresPerNode cores per node
 * @param byNode whether jobs ask for whole nodes (else cores anywhere)
 * @param truncate whether a job is stopped at its requested time, as a real manager does (it ends
 *     TIMEOUT); otherwise its limit is raised to its traced run time, so that it runs to its end
 *     (backfilling then sees that longer limit for those jobs only)
 * @param queuePolicy the queue policy name (fcfs, easy, conservative, hybrid)
 * @param matchPolicy the match policy name (first, low, high, ...)
 * @param queueDepth the queue depth; a replay considers every waiting job by default
 * @param reservationDepth the reservation depth of the hybrid policy
 * @param compress whether hybrid and conservative compress their reservations (never moving one
 *     later) instead of rebuilding them every cycle as Fluxion does
 */
public record ReplayOptions(
    long nodes,
    long coresPerNode,
    boolean byNode,
    boolean truncate,
    String queuePolicy,
    String matchPolicy,
    int queueDepth,
    int reservationDepth,
    boolean compress) {

  /**
   * The queue depth of a replay unless told otherwise: every waiting job (textbook backfilling).
   */
  public static final int UNLIMITED_QUEUE_DEPTH = 1_000_000;

  /** Checks the values. */
  public ReplayOptions {
    if (nodes <= 0 || coresPerNode <= 0) {
      throw new IllegalArgumentException(
          "the machine needs at least one node and one core per node");
    }
    if (nodes > Integer.MAX_VALUE || coresPerNode > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          "a machine of " + nodes + " x " + coresPerNode + " cores is too large to represent");
    }
    Objects.requireNonNull(queuePolicy, "queuePolicy");
    Objects.requireNonNull(matchPolicy, "matchPolicy");
    if (queueDepth <= 0 || reservationDepth <= 0) {
      throw new IllegalArgumentException("queue and reservation depths must be positive");
    }
  }

  /** The defaults of {@code flux4j replay}: easy, first, unlimited depth, by core. */
  public static ReplayOptions defaults(long nodes, long coresPerNode) {
    return new ReplayOptions(
        nodes, coresPerNode, false, true, "easy", "first", UNLIMITED_QUEUE_DEPTH, 64, false);
  }
}
