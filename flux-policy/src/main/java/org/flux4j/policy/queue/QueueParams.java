package org.flux4j.policy.queue;

import java.util.Locale;

/**
 * Fluxion's queue and policy parameters (flux-config-sched-fluxion-qmanager(5)): queue-depth
 * (default 32), max-queue-depth (default 1,000,000), reservation-depth (default 64, hybrid only)
 * and max-reservation-depth (default 100,000). The effective depths are capped by their maxima, as
 * Fluxion does. One more, flux4j's own: {@code reservations=rebuild|compress}, how hybrid and
 * conservative keep their reservations between cycles (see {@link BackfillPolicy}). Immutable.
 *
 * @param queueDepth how many pending jobs one cycle considers
 * @param maxQueueDepth the cap of queueDepth
 * @param reservationDepth how many jobs the hybrid policy reserves per cycle
 * @param maxReservationDepth the cap of reservations (conservative reserves up to this)
 * @param compress false (the default, as Fluxion's qmanager): every cycle drops every reservation
 *     and books the waiting jobs again in queue order; true: reservations are kept and each cycle
 *     moves each reserved job, in queue order, to the earliest time it fits (never later)
 */
public record QueueParams(
    int queueDepth,
    int maxQueueDepth,
    int reservationDepth,
    int maxReservationDepth,
    boolean compress) {

  /** Fluxion's defaults. */
  public static final QueueParams DEFAULTS = new QueueParams(32, 1_000_000, 64, 100_000);

  /** Parameters that rebuild reservations every cycle (Fluxion's way). */
  public QueueParams(
      int queueDepth, int maxQueueDepth, int reservationDepth, int maxReservationDepth) {
    this(queueDepth, maxQueueDepth, reservationDepth, maxReservationDepth, false);
  }

  /** Checks that every value is positive. */
  public QueueParams {
    positive("queue-depth", queueDepth);
    positive("max-queue-depth", maxQueueDepth);
    positive("reservation-depth", reservationDepth);
    positive("max-reservation-depth", maxReservationDepth);
  }

  private static void positive(String key, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be a positive integer, got " + v);
    }
  }

  /** The queue depth in force: min(queue-depth, max-queue-depth). */
  public int effectiveQueueDepth() {
    return Math.min(queueDepth, maxQueueDepth);
  }

  /** The reservation depth in force: min(reservation-depth, max-reservation-depth). */
  public int effectiveReservationDepth() {
    return Math.min(reservationDepth, maxReservationDepth);
  }

  /** A copy with another queue depth. */
  public QueueParams withQueueDepth(int depth) {
    return new QueueParams(
        depth, Math.max(maxQueueDepth, depth), reservationDepth, maxReservationDepth, compress);
  }

  /** A copy that compresses reservations (true) or rebuilds them every cycle (false). */
  public QueueParams withCompress(boolean on) {
    return new QueueParams(queueDepth, maxQueueDepth, reservationDepth, maxReservationDepth, on);
  }

  /** A copy with another reservation depth. */
  public QueueParams withReservationDepth(int depth) {
    return new QueueParams(
        queueDepth, maxQueueDepth, depth, Math.max(maxReservationDepth, depth), compress);
  }

  /**
   * Applies Fluxion's comma-separated {@code key=value} lists (queue-params and policy-params, e.g.
   * "queue-depth=8192,max-queue-depth=1000000") over these values; {@code reservations=rebuild} or
   * {@code reservations=compress} chooses how reservations are kept.
   *
   * @throws IllegalArgumentException naming the item that is not {@code key=positive-integer} or
   *     whose key is unknown
   */
  public QueueParams with(String params) {
    int qd = queueDepth;
    int mqd = maxQueueDepth;
    int rd = reservationDepth;
    int mrd = maxReservationDepth;
    boolean comp = compress;
    if (params == null || params.isBlank()) {
      return this;
    }
    for (String item : params.split(",", 0)) {
      String it = item.strip();
      if (it.isEmpty()) {
        continue;
      }
      int eq = it.indexOf('=');
      if (eq <= 0 || eq == it.length() - 1) {
        throw new IllegalArgumentException("queue parameter '" + it + "' is not key=value");
      }
      String key = it.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (key.equals("reservations")) {
        String v = it.substring(eq + 1).strip();
        if (!v.equals("rebuild") && !v.equals("compress")) {
          throw new IllegalArgumentException(
              "queue parameter '" + it + "': reservations is rebuild or compress");
        }
        comp = v.equals("compress");
        continue;
      }
      int value;
      try {
        value = Integer.parseInt(it.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "queue parameter '" + it + "' needs a positive integer value", e);
      }
      switch (key) {
        case "queue-depth" -> qd = value;
        case "max-queue-depth" -> mqd = value;
        case "reservation-depth" -> rd = value;
        case "max-reservation-depth" -> mrd = value;
        default ->
            throw new IllegalArgumentException(
                "unknown queue parameter '"
                    + key
                    + "' (known: queue-depth, max-queue-depth,"
                    + " reservation-depth, max-reservation-depth, reservations)");
      }
    }
    return new QueueParams(qd, mqd, rd, mrd, comp);
  }
}
