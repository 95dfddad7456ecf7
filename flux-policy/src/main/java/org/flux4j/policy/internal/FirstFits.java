package org.flux4j.policy.internal;

import java.util.HashMap;

/**
 * Where a reservation search over the root aggregate may start: for each request shape (the amounts
 * of the root's prune types and the duration) the instants before which nothing fits, kept while
 * the aggregate only takes room. A conservative queue's rebuild books job after job, and each
 * search for a later job of a shape already booked would sweep again all the points the earlier one
 * swept; with this it starts where the earlier one found its first fit.
 *
 * <h2>Why the bound holds</h2>
 *
 * <p>Candidate times are the aggregate's points {@code p} at or after the search's start where the
 * request fits over {@code [p, p + d)} ({@link SubtreePlan#fitTimes}). A claim about points alone
 * would not survive a booking, which makes new points; so what is kept is a claim about every
 * instant: nothing fits at any instant of {@code [from0, first)}. It is made from a search from
 * {@code from0} that found its first fit at the point {@code first}:
 *
 * <ul>
 *   <li>at an instant {@code t} strictly between two points {@code p < t < q}, with {@code p} at or
 *       after {@code from0}: if the request fit over {@code [t, t + d)}, usage on {@code [p, q)}
 *       would be low enough (it is the usage at {@code t}) and so would usage on {@code [q, p + d)}
 *       (inside {@code [t, t + d)}), so it would fit at the point {@code p}, which the search
 *       refused;
 *   <li>at the instants of {@code [from0, q)}, where {@code q} is the first point at or after
 *       {@code from0}: the window from {@code from0} holds every later window's part left of {@code
 *       q} (the same usage) and a shorter part right of it, so a fit anywhere there means a fit at
 *       {@code from0}, which is checked ({@link SubtreePlan#fits}); if the request fits at {@code
 *       from0} itself, nothing is kept.
 * </ul>
 *
 * <p>A write that only takes room (an add) keeps every such claim, since a window that did not fit
 * fits still less; a claim is dropped with every other when the aggregate is replaced or a write
 * may have freed room ({@link SubtreePlan#frees}). A later search of the same shape from {@code
 * from} in {@code [from0, first)} then starts at {@code first} (still a point: only freeing writes
 * drop points), and what it finds extends the claim from {@code from0}. A plan kept in Fluxion's
 * own index ({@link SubtreePlan#fluxionAvailTimes}) or clamped answers by other rules and is left
 * alone. Scratch of one engine; not thread-safe.
 */
final class FirstFits {
  /** A request shape: the duration and the amounts of up to three root prune types. */
  private record Shape(long d, long r0, long r1, long r2) {}

  /** The most shapes kept; the table is cleared past it. */
  static final int SHAPES_KEPT = 4096;

  /** By shape: {@code {from0, first}}, nothing fits at any instant of {@code [from0, first)}. */
  private final HashMap<Shape, long[]> known = new HashMap<>();

  /** The aggregate the claims are about, and its {@link SubtreePlan#frees()} count then. */
  private SubtreePlan plan;

  private long frees;

  /** Where the last {@link #fitTimes} started its search (tests read it). */
  private long lastStart;

  /**
   * {@link SubtreePlan#fitTimes(long[], long, long, long, int)} of {@code p} for {@code request}
   * (by prune type) over {@code d} from {@code from}: the same times, searched from the first fit
   * of a claim covering {@code from} when there is one; what it finds is kept as a claim.
   */
  long[] fitTimes(SubtreePlan p, long[] request, long from, long d, long planEnd, int max) {
    Shape s = shape(p, request, d);
    long[] c = s == null ? null : known.get(s);
    boolean claimed = c != null && c[0] <= from && from < c[1];
    lastStart = claimed ? c[1] : from;
    long[] fit = p.fitTimes(request, lastStart, d, planEnd, max);
    if (s == null || fit.length == 0 || fit[0] <= from) {
      return fit;
    }
    if (claimed) {
      c[1] = fit[0]; // [c[0], lastStart) held; the search found nothing before fit[0]
    } else if (!p.fits(request, from, d)) { // else: a fit at an instant that is no point
      if (known.size() >= SHAPES_KEPT) {
        known.clear();
      }
      known.put(s, new long[] {from, fit[0]});
    }
    return fit;
  }

  /** Where the last {@link #fitTimes} started its search. */
  long lastStart() {
    return lastStart;
  }

  /** The shape of the request over {@code p}, or null when {@code p} is left alone. */
  private Shape shape(SubtreePlan p, long[] request, long d) {
    if (p.isClamped() || p.types.length == 0 || p.types.length > 3 || d < 1) {
      return null;
    }
    if (p != plan || p.frees() != frees) {
      known.clear();
      plan = p;
      frees = p.frees();
    }
    int[] ts = p.types;
    return new Shape(
        d, request[ts[0]], ts.length > 1 ? request[ts[1]] : 0, ts.length > 2 ? request[ts[2]] : 0);
  }
}
