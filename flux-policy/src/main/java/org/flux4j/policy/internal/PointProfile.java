package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The usage step function of a {@link SubtreePlan}: how much of each tracked type its spans hold
 * over time, against the plan's totals. The plan writes every span's boundaries and amounts here
 * and asks the time queries of the pruning filter ({@link #fits}, {@link #minAvailDuring}, {@link
 * #fitTimes}, {@link #witness}). Not thread-safe; owned by one plan, copied with it.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@code pt[0..pn)} are the distinct span boundaries (every start and end) in increasing order,
 * {@code used[p * types.length + k]} is the amount of slot {@code k} held on {@code [pt[p], pt[p +
 * 1])}, {@code ref[p]} counts the span boundaries at {@code pt[p]} and {@code starts[p]} the spans
 * starting there. Before the first point nothing is held. A point is created by the first span
 * boundary on it and dropped with the last, so the points are exactly the set of all span starts
 * and ends. {@link #usedAt} is a binary search (O(log p)); {@link #minAvailDuring} is O(log p) plus
 * the points inside the window; adding or removing a span costs O(p) (array shifts and the covered
 * points). Amounts add with ordinary {@code long} arithmetic, so the answers equal summing the live
 * spans.
 *
 * <p>{@link #types} and {@link #totals} are the plan's own arrays (never written). The answers here
 * are the step function's alone: a plan whose totals changed under its spans so far that Fluxion
 * clamped a point ({@link FluxionShadow#clamped}) answers from Fluxion's planner instead and does
 * not ask these.
 */
final class PointProfile {
  /** The plan's prune-type indices, one per slot. */
  private final int[] types;

  /** The plan's total of each slot. */
  private final long[] totals;

  /** The distinct span boundaries, increasing, in {@code [0, pn)}. */
  private long[] pt;

  /** How many span boundaries (starts and ends) lie at each point. */
  private int[] ref;

  /** How many spans start at each point. */
  private int[] starts;

  /** The amount of each slot held from each point to the next, row-major by point. */
  private long[] used;

  /** The number of points. */
  private int pn;

  /** An empty profile (nothing held) over {@code types} with {@code totals}. */
  PointProfile(int[] types, long[] totals) {
    this(types, totals, new long[4], new int[4], new int[4], new long[4 * types.length], 0);
  }

  /** A profile over the given arrays, taken as they are (not copied). */
  private PointProfile(
      int[] types, long[] totals, long[] pt, int[] ref, int[] starts, long[] used, int pn) {
    this.types = types;
    this.totals = totals;
    this.pt = pt;
    this.ref = ref;
    this.starts = starts;
    this.used = used;
    this.pn = pn;
  }

  /**
   * An independent copy of these points under {@code newTotals} (same types). O(points x types).
   */
  PointProfile copy(long[] newTotals) {
    return new PointProfile(
        types, newTotals, pt.clone(), ref.clone(), starts.clone(), used.clone(), pn);
  }

  // ------------------------------------------------------------------ writes

  /**
   * Counts a span's boundaries {@code s} and {@code e} and adds the amounts row at {@code row} of
   * {@code rows} over {@code [s, e)}. O(points).
   */
  void addSpan(long s, long e, long[] rows, int row) {
    int from = refPoint(s, true);
    refPoint(e, false);
    if (s < e) {
      // e's point comes after s's, so s's stays at its index
      addRangeFrom(from, e, rows, row, 1);
    }
  }

  /** Undoes {@link #addSpan}{@code (s, e, rows, row)}. O(points). */
  void removeSpan(long s, long e, long[] rows, int row) {
    if (s < e) {
      addRange(s, e, rows, row, -1);
    }
    unrefPoint(s, true);
    unrefPoint(e, false);
  }

  /** Adds {@code sign} times the amounts row at {@code row} to every point in {@code [s, e)}. */
  void addRange(long s, long e, long[] rows, int row, int sign) {
    addRangeFrom(floor(s), e, rows, row, sign);
  }

  /**
   * Starts a batch removal ({@link SubtreePlan#removeAll}): a zeroed array for {@link #dropSpan} to
   * note the changes of usage in, as differences by point.
   */
  long[] newDiff() {
    return new long[(pn + 1) * types.length];
  }

  /**
   * Uncounts the boundaries of a span of {@code [s, e)} holding the amounts row at {@code row} of
   * {@code rows} and notes its usage in {@code diff}, leaving the points as they are until {@link
   * #applyDiff}. O(types + log points).
   */
  void dropSpan(long s, long e, long[] rows, int row, long[] diff) {
    int t = types.length;
    int ps = floor(s);
    int pe = floor(e);
    if (s < e) {
      // a span takes its amounts off from the point of its start up to the point of its end
      for (int k = 0; k < t; k++) {
        diff[ps * t + k] -= rows[row + k];
        diff[pe * t + k] += rows[row + k];
      }
    }
    starts[ps]--;
    ref[ps]--;
    ref[pe]--;
  }

  /**
   * Ends a batch removal: takes the usage noted in {@code diff} off and drops every point no span
   * bounds any longer. O(points x types).
   */
  void applyDiff(long[] diff) {
    int t = types.length;
    long[] run = new long[t];
    int q = 0;
    for (int p = 0; p < pn; p++) {
      for (int k = 0; k < t; k++) {
        run[k] += diff[p * t + k];
      }
      if (ref[p] == 0) {
        continue; // no span bounds it any more
      }
      pt[q] = pt[p];
      ref[q] = ref[p];
      starts[q] = starts[p];
      for (int k = 0; k < t; k++) {
        used[q * t + k] = used[p * t + k] + run[k];
      }
      q++;
    }
    pn = q;
  }

  // ------------------------------------------------------------------ queries

  /** The number of distinct span boundaries (starts and ends). */
  int pointCount() {
    return pn;
  }

  /** The {@code p}-th distinct span boundary in increasing order. */
  long pointTime(int p) {
    return pt[p];
  }

  /** The index of the first point at or after {@code from} ({@link #pointCount()} if none). */
  int firstPointFrom(long from) {
    int q = floor(from);
    if (q < 0 || pt[q] < from) {
      q++;
    }
    return q;
  }

  /** The amount of slot {@code k} held at instant {@code t}. O(log points). */
  long usedAt(int k, long t) {
    int p = floor(t);
    return p < 0 ? 0 : used[p * types.length + k];
  }

  /** The least available amount of slot {@code k} over {@code [at, at + d)}. */
  long minAvailDuring(int k, long at, long d) {
    return totals[k] - maxUsedFrom(k, floor(at), at + d, Long.MAX_VALUE);
  }

  /** Whether some point holds more of a slot than {@code limits} allows. O(points x types). */
  boolean holdsMoreThan(long[] limits) {
    int t = types.length;
    for (int p = 0; p < pn; p++) {
      for (int k = 0; k < t; k++) {
        if (used[p * t + k] > limits[k]) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The most of slot {@code k} held from point {@code p} (the floor of the window start, or -1)
   * until {@code hi}, exclusive; the scan stops early once the answer exceeds {@code enough}.
   */
  private long maxUsedFrom(int k, int p, long hi, long enough) {
    int t = types.length;
    long worst = p < 0 ? 0 : used[p * t + k];
    // usage rises only where a span starts: check at and every start inside the window
    for (int q = p + 1; q < pn && worst <= enough && pt[q] < hi; q++) {
      if (starts[q] > 0) {
        long u = used[q * t + k];
        if (u > worst) {
          worst = u;
        }
      }
    }
    return worst;
  }

  /** {@link SubtreePlan#fits} by the step function. */
  boolean fits(long[] request, long at, long d) {
    // nothing is held before the first point or from the last one on
    boolean free = pn == 0 || at >= pt[pn - 1] || (d > 0 && at + d <= pt[0]);
    int p = -2;
    for (int k = 0; k < types.length; k++) {
      long r = request[types[k]];
      if (r <= 0) {
        continue;
      }
      if (r > totals[k]) {
        return false;
      }
      if (free) {
        continue;
      }
      if (p == -2) {
        p = floor(at);
      }
      // the scan may stop once usage passes totals - r (>= 0 here): it cannot fit any more
      if (totals[k] - maxUsedFrom(k, p, at + d, totals[k] - r) < r) {
        return false;
      }
    }
    return true;
  }

  /** {@link SubtreePlan#witness} by the step function. O(log points + run). */
  int witness(long[] request, long at, long d, long[] run) {
    if (d < 1 || pn == 0) {
      return -1;
    }
    int t = types.length;
    int p = floor(at);
    for (int k = 0; k < t; k++) {
      long r = request[types[k]];
      if (r <= 0 || r > totals[k]) {
        continue;
      }
      long limit = totals[k] - r;
      int q = -1;
      if (p >= 0 && used[p * t + k] > limit) {
        q = p;
      }
      for (int x = p + 1; q < 0 && x < pn && pt[x] < at + d; x++) {
        if (used[x * t + k] > limit) {
          q = x;
        }
      }
      if (q < 0) {
        continue;
      }
      int a = q;
      while (a > 0 && used[(a - 1) * t + k] > limit) {
        a--;
      }
      int b = q;
      while (b + 1 < pn && used[(b + 1) * t + k] > limit) {
        b++;
      }
      // past the last point nothing is held, so a run ends at a point
      if (b + 1 >= pn) {
        return -1;
      }
      long least = Long.MAX_VALUE;
      for (int x = a; x <= b; x++) {
        least = Math.min(least, used[x * t + k]);
      }
      run[0] = pt[a];
      run[1] = pt[b + 1];
      run[2] = totals[k] - least;
      return types[k];
    }
    return -1;
  }

  /**
   * {@link SubtreePlan#fitTimes(long[], long, long, long, int)} by the step function, from point
   * {@code q} ({@link #firstPointFrom}) on.
   */
  long[] fitTimes(long[] request, int q, long d, long planEnd, int max) {
    int t = types.length;
    long[] limit = new long[t];
    boolean any = false;
    for (int k = 0; k < t; k++) {
      long r = request[types[k]];
      if (r > totals[k] && r > 0) {
        return new long[0];
      }
      // a type the request does not ask for never blocks; else usage above totals - r does
      limit[k] = r <= 0 ? Long.MAX_VALUE : totals[k] - r;
      any |= r > 0;
    }
    long[] out = new long[Math.max(0, Math.min(max, pn - q))];
    int w = 0;
    // the first point after q where a span starts and some type is over its limit (or pn), and
    // where the search for the next one goes on: both only move forward
    int nextBadStart = -1;
    int scanned = q + 1;
    for (; q < pn && w < out.length; q++) {
      long time = pt[q];
      if ((any && over(q, limit)) || d > planEnd - time) {
        continue;
      }
      if (nextBadStart <= q) {
        int b = Math.max(scanned, q + 1);
        while (b < pn && !(starts[b] > 0 && any && over(b, limit))) {
          b++;
        }
        nextBadStart = b;
        scanned = b;
      }
      if (nextBadStart == pn || pt[nextBadStart] >= time + d) {
        out[w++] = time;
      }
    }
    return w == out.length ? out : Arrays.copyOf(out, w);
  }

  /** Whether some slot holds more than its {@code limit} at point {@code q}. */
  private boolean over(int q, long[] limit) {
    int t = types.length;
    for (int k = 0; k < t; k++) {
      if (used[q * t + k] > limit[k]) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ points

  /** The index of the last point at or before {@code t}, or -1. */
  private int floor(long t) {
    if (pn <= 4) {
      int p = -1;
      while (p + 1 < pn && pt[p + 1] <= t) {
        p++;
      }
      return p;
    }
    // branch-free halving (the compiler makes the choice a conditional move, and a root's many
    // points make a mispredicted branch per step the cost): the answer stays in [base - 1, base +
    // len - 1], and base is 0 or a point at or before t
    int base = 0;
    int len = pn;
    while (len > 1) {
      int half = len >>> 1;
      base = pt[base + half] <= t ? base + half : base;
      len -= half;
    }
    return pt[base] <= t ? base : base - 1;
  }

  /** Counts a span boundary at {@code time}, making its point if new; returns the point's index. */
  private int refPoint(long time, boolean isStart) {
    int p = floor(time);
    if (p < 0 || pt[p] != time) {
      p++;
      insertPoint(p, time);
    }
    ref[p]++;
    if (isStart) {
      starts[p]++;
    }
    return p;
  }

  /** Makes a point at {@code time} at index {@code p}, holding what the segment it splits holds. */
  private void insertPoint(int p, long time) {
    int t = types.length;
    if (pn == pt.length) {
      int m = pn * 2;
      pt = Arrays.copyOf(pt, m);
      ref = Arrays.copyOf(ref, m);
      starts = Arrays.copyOf(starts, m);
      used = Arrays.copyOf(used, m * t);
    }
    System.arraycopy(pt, p, pt, p + 1, pn - p);
    System.arraycopy(ref, p, ref, p + 1, pn - p);
    System.arraycopy(starts, p, starts, p + 1, pn - p);
    System.arraycopy(used, p * t, used, (p + 1) * t, (pn - p) * t);
    pt[p] = time;
    ref[p] = 0;
    starts[p] = 0;
    // the new point splits the segment before it: same usage (nothing before the first point)
    for (int k = 0; k < t; k++) {
      used[p * t + k] = p == 0 ? 0 : used[(p - 1) * t + k];
    }
    pn++;
  }

  /** Uncounts a span boundary at {@code time}, dropping its point with the last boundary on it. */
  private void unrefPoint(long time, boolean isStart) {
    int p = floor(time);
    if (isStart) {
      starts[p]--;
    }
    if (--ref[p] == 0) {
      int t = types.length;
      System.arraycopy(pt, p + 1, pt, p, pn - p - 1);
      System.arraycopy(ref, p + 1, ref, p, pn - p - 1);
      System.arraycopy(starts, p + 1, starts, p, pn - p - 1);
      System.arraycopy(used, (p + 1) * t, used, p * t, (pn - p - 1) * t);
      pn--;
    }
  }

  /** {@link #addRange} from point {@code from}, the floor of the range's start. */
  private void addRangeFrom(int from, long e, long[] rows, int row, int sign) {
    int t = types.length;
    for (int q = from; q < pn && pt[q] < e; q++) {
      int base = q * t;
      for (int k = 0; k < t; k++) {
        used[base + k] += sign * rows[row + k];
      }
    }
  }
}
