package org.flux4j.graph.planner;

import java.util.Arrays;

/**
 * Time-indexed availability of one resource pool (Fluxion's {@code planner_t}): {@code total} units
 * over the horizon {@code [base, base + horizon)}, reduced by spans (start, duration, amount) that
 * jobs or reservations hold.
 *
 * <p>Semantics follow flux-sched {@code resource/planner/c/planner.h} exactly, including its
 * quirks, which callers may rely on:
 *
 * <ul>
 *   <li>Only <em>scheduled points</em> are candidate times for {@link #availTimeFirst}: the base
 *       time and the start and end of every live span. A free interval that begins between two
 *       points is found at the later point only, never at {@code onOrAfter} itself unless a point
 *       is there.
 *   <li>{@link #availTimeFirst} and {@link #availTimeNext} iterate the candidate times in
 *       increasing order; {@link #addSpan} and {@link #removeSpan} end the iteration ({@link
 *       #availTimeNext} then answers {@link #NONE}), a partial {@link #reduceSpan} restarts it from
 *       the first candidate.
 *   <li>{@link #updateTotal} shifts every point's remaining amount by the change, clamping at 0; it
 *       does not refresh the min-time index, so until a span operation or a new iteration touches a
 *       point, the earliest-time search still sees that point's old remaining amount (the window
 *       check always uses the current amount).
 *   <li>{@link #availDuring} answers true for a window that starts before the base time and ends at
 *       or before the first point.
 * </ul>
 *
 * <p>Misuse (unknown span, negative amount, duration below 1, a time outside the horizon where
 * Fluxion reports EINVAL or ERANGE) throws {@link IllegalArgumentException} and changes nothing. A
 * miss where a miss is normal is a sentinel: {@link #NONE} from the earliest-time searches, {@code
 * false} from {@link #availDuring}.
 *
 * <p>Complexity: with {@code p} scheduled points, point lookup is O(log p); adding or removing a
 * span costs O(log p + k) for the {@code k} points it covers plus an O(p) array shift when a point
 * is created or dropped; an earliest-time search is O(log p) plus the points it steps over,
 * skipping blocked stretches in one step. Not thread-safe: one scheduling loop owns a planner.
 */
public final class Planner {
  /** The sentinel for "no such time" or "no such span". */
  public static final long NONE = -1;

  /*
   * Implementation notes.
   *
   * Representation. Scheduled points are records of W = 4 longs in one array pts, sorted by time:
   * AT (the time, strictly increasing), REM (units free from this point until the next one), KEY
   * (the remaining amount as Fluxion's min-time tree last saw it) and REF (how many span ends sit
   * on the point; the base point holds one extra reference so it is never dropped). One array of
   * records instead of four columns halves the footprint of an idle planner (one record) and keeps
   * a point's fields on one cache line. Spans are records of 4 longs (SID, SSTART, SLAST,
   * SPLANNED) sorted by id in spans; ids grow by one from 1 and are never reused, so a new span is
   * appended; the array is shared-empty while there are none.
   *
   * Invariants: npoints >= 1; point 0 is at base; points are at most at end; KEY == REM for every
   * point except after updateTotal (Fluxion does not re-index there) until the point is re-keyed
   * by a span operation covering it or by a restore; REF > 0 for every point; every span's start
   * and last are points.
   *
   * Iteration. Fluxion's min-time tree answers "the earliest point whose key is >= n, among points
   * this iteration has not visited yet", and every candidate it yields is marked visited. Because
   * it always yields the earliest such point, the visited points are exactly those at index <=
   * cursor whose key is >= the request; so cursor plus the request is the whole iteration state.
   * Restoring (Fluxion's restore_track_points, done before a span operation or a new iteration)
   * re-keys those visited points from their current remaining amount. A candidate whose window
   * hits a point short of units rules out every candidate up to that point, so the search jumps
   * there in one step.
   *
   * Reference: flux-sched resource/planner/c/planner_c_interface.cpp (avail_at, span_ok,
   * update_points_*), resource/planner/c++/mintime_resource_tree.cpp.
   */
  private static final long[] NO_LONGS = new long[0];

  private final String resourceType;
  private final long base;
  private final long end;
  private long total;

  // record width and field offsets of the point and span arrays
  private static final int W = 4;
  private static final int AT = 0;
  private static final int REM = 1;
  private static final int KEY = 2;
  private static final int REF = 3;
  private static final int SID = 0;
  private static final int SSTART = 1;
  private static final int SLAST = 2;
  private static final int SPLANNED = 3;

  private int npoints;
  private long[] pts;

  private int nspans;
  private long spanCounter;
  private long[] spans;

  private boolean iterSet;
  private boolean stale; // some KEY may differ from REM (after updateTotal)
  private int cursor = -1;
  private long reqOnOrAfter;
  private long reqDuration;
  private long reqCount;

  private Planner(String resourceType, long base, long end, long total) {
    this.resourceType = resourceType;
    this.base = base;
    this.end = end;
    this.total = total;
    npoints = 1;
    pts = new long[] {base, total, total, 1};
    spans = NO_LONGS;
  }

  private Planner(Planner o) {
    resourceType = o.resourceType;
    base = o.base;
    end = o.end;
    total = o.total;
    npoints = o.npoints;
    pts = Arrays.copyOf(o.pts, W * npoints);
    for (int i = 0; i < npoints; i++) {
      pts[W * i + KEY] = pts[W * i + REM]; // a copy re-indexes every point
    }
    nspans = o.nspans;
    spanCounter = o.spanCounter;
    spans = nspans == 0 ? NO_LONGS : Arrays.copyOf(o.spans, W * nspans);
    iterSet = o.iterSet;
    cursor = -1;
    reqOnOrAfter = o.reqOnOrAfter;
    reqDuration = o.reqDuration;
    reqCount = o.reqCount;
  }

  /**
   * Creates a planner of {@code total} units of {@code resourceType} over {@code [base, base +
   * horizon)} (Fluxion's {@code planner_new}).
   *
   * @throws IllegalArgumentException if {@code horizon < 1}, {@code total < 0}, the end overflows
   *     or the type is null
   */
  public static Planner create(long base, long horizon, long total, String resourceType) {
    if (resourceType == null) {
      throw new IllegalArgumentException("planner: resource type must not be null");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("planner: horizon " + horizon + " must be at least 1");
    }
    if (total < 0) {
      throw new IllegalArgumentException("planner: total " + total + " must not be negative");
    }
    long end = base + horizon;
    if (end < base) {
      throw new IllegalArgumentException("planner: base + horizon overflows");
    }
    return new Planner(resourceType, base, end, total);
  }

  /**
   * A deep, independent copy (Fluxion's {@code planner_copy}), for what-if clones. Span ids,
   * counters and an iteration in progress carry over; the copy's iteration restarts from its first
   * candidate and its min-time index is fresh. O(points + spans).
   */
  public Planner copy() {
    return new Planner(this);
  }

  // ---------------------------------------------------------------- properties

  /** The resource type this planner tracks. */
  public String resourceType() {
    return resourceType;
  }

  /** The base time (start of the horizon). */
  public long baseTime() {
    return base;
  }

  /** The horizon length: {@code end() - baseTime()}. */
  public long horizon() {
    return end - base;
  }

  /** The end of the horizon (exclusive for spans: a span may end exactly here). */
  public long end() {
    return end;
  }

  /** The total number of units. */
  public long total() {
    return total;
  }

  /** How many scheduled points exist (at least 1: the base point). */
  public int pointCount() {
    return npoints;
  }

  /** The time of scheduled point {@code i}, {@code 0 <= i < pointCount()}, ascending. */
  public long pointTime(int i) {
    checkPoint(i);
    return pts[W * i + AT];
  }

  /** The remaining units from scheduled point {@code i} until the next one. */
  public long pointRemaining(int i) {
    checkPoint(i);
    return pts[W * i + REM];
  }

  private void checkPoint(int i) {
    if (i < 0 || i >= npoints) {
      throw new IndexOutOfBoundsException("point " + i + " of " + npoints);
    }
  }

  // ---------------------------------------------------------------- queries

  /**
   * How many units are free at time {@code t} (Fluxion's {@code planner_avail_resources_at}). O(log
   * p).
   *
   * @throws IllegalArgumentException if {@code t} is before the base time or after the end
   */
  public long availableAt(long t) {
    if (t > end || t < base) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": time " + t + " outside [" + base + ", " + end + "]");
    }
    return pts[W * (floor(t)) + REM];
  }

  /**
   * The fewest units free at any time of {@code [t, t + duration)} (Fluxion's {@code
   * planner_avail_resources_during}). O(log p + k).
   *
   * @throws IllegalArgumentException if {@code duration < 1}, {@code t} is before the base time or
   *     {@code t + duration} is past the end
   */
  public long availableDuring(long t, long duration) {
    if (duration < 1) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": duration " + duration + " must be at least 1");
    }
    if (t < base || t > end || t + duration > end) {
      throw new IllegalArgumentException(
          "planner "
              + resourceType
              + ": window ["
              + t
              + ", "
              + (t + duration)
              + ") outside ["
              + base
              + ", "
              + end
              + ")");
    }
    int i = floor(t);
    long min = pts[W * i + REM];
    long last = t + duration;
    for (i++; i < npoints && pts[W * i + AT] < last; i++) {
      if (pts[W * i + REM] < min) {
        min = pts[W * i + REM];
      }
    }
    return min;
  }

  /**
   * Whether {@code count} units are free during all of {@code [t, t + duration)} (Fluxion's {@code
   * planner_avail_during}). False when busy, when {@code count > total()} or when the window ends
   * past the horizon. O(log p + k).
   *
   * @throws IllegalArgumentException if {@code duration < 1} or {@code count < 0}
   */
  public boolean availDuring(long t, long duration, long count) {
    if (duration < 1) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": duration " + duration + " must be at least 1");
    }
    checkCount(count);
    if (count > total) {
      return false;
    }
    return fits(t, duration, count);
  }

  /** Fluxion's static avail_during: horizon check and the point walk, no total check. */
  private boolean fits(long t, long duration, long count) {
    long last = t + duration;
    if (last > end) {
      return false;
    }
    int i = floor(t);
    if (i < 0) {
      return true; // no state before the base point: Fluxion's loop does not run
    }
    for (; i < npoints && pts[W * i + AT] < last; i++) {
      if (count > pts[W * i + REM]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest scheduled point at or after {@code onOrAfter} from which {@code count} units are
   * free for {@code duration} (Fluxion's {@code planner_avail_time_first}), and the start of an
   * iteration continued by {@link #availTimeNext}. Returns {@link #NONE} when there is no such
   * point within the horizon, when {@code count > total()}, or when {@code onOrAfter} is outside
   * {@code [base, end)} (Fluxion's ENOENT, ERANGE and EINVAL; the last two leave any iteration in
   * progress untouched).
   *
   * @throws IllegalArgumentException if {@code duration < 1} or {@code count < 0}
   */
  public long availTimeFirst(long onOrAfter, long duration, long count) {
    if (duration < 1) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": duration " + duration + " must be at least 1");
    }
    checkCount(count);
    if (onOrAfter < base || onOrAfter >= end || count > total) {
      return NONE;
    }
    restore();
    iterSet = true;
    reqOnOrAfter = onOrAfter;
    reqDuration = duration;
    reqCount = count;
    return search();
  }

  /**
   * The next time of the iteration begun by {@link #availTimeFirst} (Fluxion's {@code
   * planner_avail_time_next}), or {@link #NONE} when exhausted, when no iteration is in progress
   * (none begun, or a span was added or removed since) or when the request now exceeds the total.
   */
  public long availTimeNext() {
    if (!iterSet || reqCount > total) {
      return NONE;
    }
    return search();
  }

  private long search() {
    long count = reqCount;
    long duration = reqDuration;
    int i = cursor + 1;
    if (i < npoints && pts[W * i + AT] < reqOnOrAfter) {
      // points before onOrAfter are visited and dropped; jump over them at once
      int first = ceiling(reqOnOrAfter);
      cursor = first - 1;
      i = first;
    }
    while (true) {
      while (i < npoints && pts[W * i + KEY] < count) {
        i++;
      }
      if (i >= npoints) {
        return NONE;
      }
      cursor = i;
      long start = pts[W * i + AT];
      long last = start + duration;
      int blocked = -1;
      for (int j = i; j < npoints && pts[W * j + AT] < last; j++) {
        if (count > pts[W * j + REM]) {
          blocked = j;
          break;
        }
      }
      if (blocked < 0) {
        return last > end ? NONE : start;
      }
      // every candidate from i to the blocking point includes it in its window
      cursor = blocked;
      i = blocked + 1;
    }
  }

  /** Fluxion's restore_track_points: re-index the points visited by the current iteration. */
  private void restore() {
    if (stale) {
      // only keys made stale by updateTotal can differ from the remaining amounts
      boolean still = false;
      for (int i = 0; i < npoints; i++) {
        int r = W * i;
        if (i <= cursor && pts[r + KEY] >= reqCount) {
          pts[r + KEY] = pts[r + REM];
        }
        still |= pts[r + KEY] != pts[r + REM];
      }
      stale = still;
    }
    cursor = -1;
  }

  /** Index of the last point at or before {@code t}, or -1 if {@code t < base}. */
  private int floor(long t) {
    int i = findPoint(t);
    return i >= 0 ? i : -i - 2;
  }

  /** Binary search of the point times: the index, or -(insertion point) - 1. */
  private int findPoint(long t) {
    int lo = 0;
    int hi = npoints - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = pts[W * mid + AT];
      if (v < t) {
        lo = mid + 1;
      } else if (v > t) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Index of the first point at or after {@code t} ({@code npoints} if none). */
  private int ceiling(long t) {
    int i = findPoint(t);
    return i >= 0 ? i : -i - 1;
  }

  private void checkCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": amount " + count + " must not be negative");
    }
  }

  // ---------------------------------------------------------------- spans

  /**
   * Why {@link #addSpan} would refuse these arguments, or null if it would succeed. O(log p + k).
   */
  String spanProblem(long start, long duration, long amount) {
    if (amount < 0) {
      return "amount " + amount + " must not be negative";
    }
    if (duration < 1) {
      return "duration " + duration + " must be at least 1";
    }
    if (start < base || start + duration > end) {
      return "span [" + start + ", " + (start + duration) + ") outside [" + base + ", " + end + ")";
    }
    if (amount > total) {
      return "amount " + amount + " exceeds the total " + total;
    }
    if (!fits(start, duration, amount)) {
      return amount + " units are not free during [" + start + ", " + (start + duration) + ")";
    }
    return null;
  }

  /**
   * Reserves {@code amount} units during {@code [start, start + duration)} and returns the new
   * span's id (Fluxion's {@code planner_add_span}); ids start at 1 and are never reused. Ends any
   * earliest-time iteration. O(log p + k), plus O(p) when a new point is created.
   *
   * @throws IllegalArgumentException if the span leaves the horizon, {@code duration < 1}, {@code
   *     amount} is negative or above the total, or the units are not free during the span
   */
  public long addSpan(long start, long duration, long amount) {
    String problem = spanProblem(start, duration, amount);
    if (problem != null) {
      throw new IllegalArgumentException("planner " + resourceType + ": " + problem);
    }
    restore();
    long id = ++spanCounter;
    long last = start + duration;
    int s = pointAt(start);
    pts[W * s + REF]++;
    int l = pointAt(last); // inserted after s, so s stays valid
    pts[W * l + REF]++;
    for (int i = s; i < npoints && pts[W * i + AT] < last; i++) {
      pts[W * i + REM] -= amount;
      pts[W * i + KEY] = pts[W * i + REM];
    }
    insertSpan(id, start, last, amount);
    iterSet = false;
    return id;
  }

  /**
   * Releases a span entirely (Fluxion's {@code planner_rem_span}). Ends any earliest-time
   * iteration. O(log p + k), plus O(p) when a point is dropped.
   *
   * @throws IllegalArgumentException if there is no span {@code id}
   */
  public void removeSpan(long id) {
    int k = spanIndex(id);
    if (k < 0) {
      throw new IllegalArgumentException("planner " + resourceType + ": no span " + id);
    }
    restore();
    long start = spans[W * k + SSTART];
    long last = spans[W * k + SLAST];
    long planned = spans[W * k + SPLANNED];
    int s = floor(start);
    for (int i = s; i < npoints && pts[W * i + AT] < last; i++) {
      pts[W * i + REM] += planned;
      pts[W * i + KEY] = pts[W * i + REM];
    }
    int l = floor(last);
    if (--pts[W * l + REF] == 0) {
      deletePoint(l);
    }
    if (--pts[W * s + REF] == 0) {
      deletePoint(s);
    }
    deleteSpan(k);
    iterSet = false;
  }

  /**
   * Releases {@code toRemove} of a span's units (Fluxion's {@code planner_reduce_span}, a partial
   * cancel). Releasing exactly the span's amount removes the span (also when both are 0) and
   * returns true; releasing 0 of a non-empty span changes nothing; otherwise the span shrinks and
   * an earliest-time iteration in progress restarts from its first candidate. O(log p + k).
   *
   * @return whether the span was removed
   * @throws IllegalArgumentException if there is no span {@code id}, or {@code toRemove} is
   *     negative or above the span's amount
   */
  public boolean reduceSpan(long id, long toRemove) {
    int k = spanIndex(id);
    if (k < 0) {
      throw new IllegalArgumentException("planner " + resourceType + ": no span " + id);
    }
    long planned = spans[W * k + SPLANNED];
    if (toRemove == planned) {
      removeSpan(id);
      return true;
    }
    if (toRemove == 0) {
      return false;
    }
    if (toRemove < 0 || toRemove > planned) {
      throw new IllegalArgumentException(
          "planner "
              + resourceType
              + ": cannot release "
              + toRemove
              + " of span "
              + id
              + " holding "
              + planned);
    }
    restore();
    spans[W * k + SPLANNED] = planned - toRemove;
    long last = spans[W * k + SLAST];
    for (int i = floor(spans[W * k + SSTART]); i < npoints && pts[W * i + AT] < last; i++) {
      pts[W * i + REM] += toRemove;
      pts[W * i + KEY] = pts[W * i + REM];
    }
    return false;
  }

  /**
   * Changes the total (Fluxion's {@code planner_update_total}, used by grow and shrink): every
   * point's remaining amount moves by the difference, clamped at 0. See the class comment for its
   * effect on earliest-time searches. O(p).
   *
   * @throws IllegalArgumentException if {@code newTotal < 0}
   */
  public void updateTotal(long newTotal) {
    if (newTotal < 0) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": total " + newTotal + " must not be negative");
    }
    long delta = newTotal - total;
    if (delta == 0) {
      return;
    }
    total = newTotal;
    stale = true;
    for (int i = 0; i < npoints; i++) {
      long r = pts[W * i + REM] + delta;
      pts[W * i + REM] = r >= 0 ? r : 0;
    }
  }

  /** How many spans are held. */
  public int spanCount() {
    return nspans;
  }

  /** Whether span {@code id} is held. O(log spans). */
  public boolean hasSpan(long id) {
    return spanIndex(id) >= 0;
  }

  /** The ids of the held spans, ascending. */
  public long[] spanIds() {
    long[] ids = new long[nspans];
    for (int k = 0; k < nspans; k++) {
      ids[k] = spans[W * k + SID];
    }
    return ids;
  }

  /**
   * The start time of span {@code id}.
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanStart(long id) {
    return spans[W * (requireSpan(id)) + SSTART];
  }

  /**
   * The duration of span {@code id}.
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanDuration(long id) {
    int k = requireSpan(id);
    return spans[W * k + SLAST] - spans[W * k + SSTART];
  }

  /**
   * The units span {@code id} holds (after any partial release).
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanAmount(long id) {
    return spans[W * (requireSpan(id)) + SPLANNED];
  }

  private int requireSpan(long id) {
    int k = spanIndex(id);
    if (k < 0) {
      throw new IllegalArgumentException("planner " + resourceType + ": no span " + id);
    }
    return k;
  }

  private int spanIndex(long id) {
    int lo = 0;
    int hi = nspans - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = spans[W * mid + SID];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private void insertSpan(long id, long start, long last, long amount) {
    if (W * nspans == spans.length) {
      int cap = Math.max(1, nspans + (nspans >> 1) + 1);
      spans = Arrays.copyOf(spans, W * cap);
    }
    // ids grow, so a new span always goes last
    spans[W * nspans + SID] = id;
    spans[W * nspans + SSTART] = start;
    spans[W * nspans + SLAST] = last;
    spans[W * nspans + SPLANNED] = amount;
    nspans++;
  }

  private void deleteSpan(int k) {
    int tail = nspans - k - 1;
    System.arraycopy(spans, W * (k + 1), spans, W * k, W * tail);
    nspans--;
    if (nspans == 0) {
      spans = NO_LONGS;
    }
  }

  /** The index of the point at {@code t}, created from the state at {@code t} if absent. */
  private int pointAt(long t) {
    int i = findPoint(t);
    if (i >= 0) {
      return i;
    }
    int pos = -i - 1; // > 0: t > base here
    if (W * npoints == pts.length) {
      int cap = npoints + (npoints >> 1) + 2;
      pts = Arrays.copyOf(pts, W * cap);
    }
    int tail = npoints - pos;
    System.arraycopy(pts, W * pos, pts, W * (pos + 1), W * tail);
    pts[W * pos + AT] = t;
    pts[W * pos + REM] = pts[W * (pos - 1) + REM];
    pts[W * pos + KEY] = pts[W * pos + REM];
    pts[W * pos + REF] = 0;
    npoints++;
    return pos;
  }

  private void deletePoint(int i) {
    int tail = npoints - i - 1;
    System.arraycopy(pts, W * (i + 1), pts, W * i, W * tail);
    npoints--;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(32 + 16 * npoints);
    sb.append("Planner[").append(resourceType).append(" total=").append(total);
    sb.append(" [").append(base).append(',').append(end).append(") points=");
    for (int i = 0; i < npoints; i++) {
      sb.append(i == 0 ? "" : " ").append(pts[W * i + AT]).append(':').append(pts[W * i + REM]);
    }
    return sb.append(" spans=").append(nspans).append(']').toString();
  }
}
