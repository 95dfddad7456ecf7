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
   * Scheduled points are kept in parallel primitive arrays sorted by time: at[i] (strictly
   * increasing), remaining[i] (units free from at[i] until at[i + 1]), key[i] (the remaining amount
   * as the min-time index last saw it; equal to remaining[i] except after updateTotal) and refs[i]
   * (how many span ends sit on the point; the base point holds one extra reference and is never
   * dropped). Invariants: npoints >= 1, at[0] == base, at[npoints - 1] <= end.
   *
   * Fluxion's min-time tree answers "the earliest point whose key is >= n, among points not yet
   * visited by this iteration". Because it always yields the earliest such point, the points an
   * iteration has visited are exactly the points at index <= cursor whose key is >= the request;
   * so the iteration state is the index cursor plus the request. Restoring (Fluxion's
   * restore_track_points) re-keys those visited points from their current remaining amount.
   *
   * Spans are parallel arrays sorted by id (ids grow by one from 1, never reused), found by binary
   * search; span arrays are allocated on first use so that an idle planner stays small.
   */
  private static final long[] NO_LONGS = new long[0];

  private final String resourceType;
  private final long base;
  private final long end;
  private long total;

  private int npoints;
  private long[] at;
  private long[] remaining;
  private long[] key;
  private int[] refs;

  private int nspans;
  private long spanCounter;
  private long[] spanId;
  private long[] spanStart;
  private long[] spanLast;
  private long[] spanPlanned;

  private boolean iterSet;
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
    at = new long[] {base};
    remaining = new long[] {total};
    key = new long[] {total};
    refs = new int[] {1};
    spanId = NO_LONGS;
    spanStart = NO_LONGS;
    spanLast = NO_LONGS;
    spanPlanned = NO_LONGS;
  }

  private Planner(Planner o) {
    resourceType = o.resourceType;
    base = o.base;
    end = o.end;
    total = o.total;
    npoints = o.npoints;
    at = Arrays.copyOf(o.at, npoints);
    remaining = Arrays.copyOf(o.remaining, npoints);
    key = Arrays.copyOf(o.remaining, npoints); // a copy re-indexes every point
    refs = Arrays.copyOf(o.refs, npoints);
    nspans = o.nspans;
    spanCounter = o.spanCounter;
    spanId = Arrays.copyOf(o.spanId, nspans);
    spanStart = Arrays.copyOf(o.spanStart, nspans);
    spanLast = Arrays.copyOf(o.spanLast, nspans);
    spanPlanned = Arrays.copyOf(o.spanPlanned, nspans);
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
    return at[i];
  }

  /** The remaining units from scheduled point {@code i} until the next one. */
  public long pointRemaining(int i) {
    checkPoint(i);
    return remaining[i];
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
    return remaining[floor(t)];
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
    long min = remaining[i];
    long last = t + duration;
    for (i++; i < npoints && at[i] < last; i++) {
      if (remaining[i] < min) {
        min = remaining[i];
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
    for (; i < npoints && at[i] < last; i++) {
      if (count > remaining[i]) {
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
    if (i < npoints && at[i] < reqOnOrAfter) {
      // points before onOrAfter are visited and dropped; jump over them at once
      int first = ceiling(reqOnOrAfter);
      cursor = first - 1;
      i = first;
    }
    while (true) {
      while (i < npoints && key[i] < count) {
        i++;
      }
      if (i >= npoints) {
        return NONE;
      }
      cursor = i;
      long start = at[i];
      long last = start + duration;
      int blocked = -1;
      for (int j = i; j < npoints && at[j] < last; j++) {
        if (count > remaining[j]) {
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
    for (int i = 0; i <= cursor && i < npoints; i++) {
      if (key[i] >= reqCount) {
        key[i] = remaining[i];
      }
    }
    cursor = -1;
  }

  /** Index of the last point at or before {@code t}, or -1 if {@code t < base}. */
  private int floor(long t) {
    int i = Arrays.binarySearch(at, 0, npoints, t);
    return i >= 0 ? i : -i - 2;
  }

  /** Index of the first point at or after {@code t} ({@code npoints} if none). */
  private int ceiling(long t) {
    int i = Arrays.binarySearch(at, 0, npoints, t);
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
    refs[s]++;
    int l = pointAt(last); // inserted after s, so s stays valid
    refs[l]++;
    for (int i = s; i < npoints && at[i] < last; i++) {
      remaining[i] -= amount;
      key[i] = remaining[i];
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
    long start = spanStart[k];
    long last = spanLast[k];
    long planned = spanPlanned[k];
    int s = floor(start);
    for (int i = s; i < npoints && at[i] < last; i++) {
      remaining[i] += planned;
      key[i] = remaining[i];
    }
    int l = floor(last);
    if (--refs[l] == 0) {
      deletePoint(l);
    }
    if (--refs[s] == 0) {
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
    long planned = spanPlanned[k];
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
    spanPlanned[k] = planned - toRemove;
    long last = spanLast[k];
    for (int i = floor(spanStart[k]); i < npoints && at[i] < last; i++) {
      remaining[i] += toRemove;
      key[i] = remaining[i];
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
    for (int i = 0; i < npoints; i++) {
      long r = remaining[i] + delta;
      remaining[i] = r >= 0 ? r : 0;
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
    return Arrays.copyOf(spanId, nspans);
  }

  /**
   * The start time of span {@code id}.
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanStart(long id) {
    return spanStart[requireSpan(id)];
  }

  /**
   * The duration of span {@code id}.
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanDuration(long id) {
    int k = requireSpan(id);
    return spanLast[k] - spanStart[k];
  }

  /**
   * The units span {@code id} holds (after any partial release).
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanAmount(long id) {
    return spanPlanned[requireSpan(id)];
  }

  private int requireSpan(long id) {
    int k = spanIndex(id);
    if (k < 0) {
      throw new IllegalArgumentException("planner " + resourceType + ": no span " + id);
    }
    return k;
  }

  private int spanIndex(long id) {
    return nspans == 0 ? -1 : Math.max(-1, Arrays.binarySearch(spanId, 0, nspans, id));
  }

  private void insertSpan(long id, long start, long last, long amount) {
    if (nspans == spanId.length) {
      int cap = Math.max(2, nspans + (nspans >> 1) + 1);
      spanId = Arrays.copyOf(spanId, cap);
      spanStart = Arrays.copyOf(spanStart, cap);
      spanLast = Arrays.copyOf(spanLast, cap);
      spanPlanned = Arrays.copyOf(spanPlanned, cap);
    }
    // ids grow, so a new span always goes last
    spanId[nspans] = id;
    spanStart[nspans] = start;
    spanLast[nspans] = last;
    spanPlanned[nspans] = amount;
    nspans++;
  }

  private void deleteSpan(int k) {
    int tail = nspans - k - 1;
    System.arraycopy(spanId, k + 1, spanId, k, tail);
    System.arraycopy(spanStart, k + 1, spanStart, k, tail);
    System.arraycopy(spanLast, k + 1, spanLast, k, tail);
    System.arraycopy(spanPlanned, k + 1, spanPlanned, k, tail);
    nspans--;
    if (nspans == 0) {
      spanId = NO_LONGS;
      spanStart = NO_LONGS;
      spanLast = NO_LONGS;
      spanPlanned = NO_LONGS;
    }
  }

  /** The index of the point at {@code t}, created from the state at {@code t} if absent. */
  private int pointAt(long t) {
    int i = Arrays.binarySearch(at, 0, npoints, t);
    if (i >= 0) {
      return i;
    }
    int pos = -i - 1; // > 0: t > base here
    if (npoints == at.length) {
      int cap = npoints + (npoints >> 1) + 2;
      at = Arrays.copyOf(at, cap);
      remaining = Arrays.copyOf(remaining, cap);
      key = Arrays.copyOf(key, cap);
      refs = Arrays.copyOf(refs, cap);
    }
    int tail = npoints - pos;
    System.arraycopy(at, pos, at, pos + 1, tail);
    System.arraycopy(remaining, pos, remaining, pos + 1, tail);
    System.arraycopy(key, pos, key, pos + 1, tail);
    System.arraycopy(refs, pos, refs, pos + 1, tail);
    at[pos] = t;
    remaining[pos] = remaining[pos - 1];
    key[pos] = remaining[pos];
    refs[pos] = 0;
    npoints++;
    return pos;
  }

  private void deletePoint(int i) {
    int tail = npoints - i - 1;
    System.arraycopy(at, i + 1, at, i, tail);
    System.arraycopy(remaining, i + 1, remaining, i, tail);
    System.arraycopy(key, i + 1, key, i, tail);
    System.arraycopy(refs, i + 1, refs, i, tail);
    npoints--;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(32 + 16 * npoints);
    sb.append("Planner[").append(resourceType).append(" total=").append(total);
    sb.append(" [").append(base).append(',').append(end).append(") points=");
    for (int i = 0; i < npoints; i++) {
      sb.append(i == 0 ? "" : " ").append(at[i]).append(':').append(remaining[i]);
    }
    return sb.append(" spans=").append(nspans).append(']').toString();
  }
}
