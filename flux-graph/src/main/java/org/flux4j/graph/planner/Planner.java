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
 * <p>Complexity: with {@code p} scheduled points held in chunks of at most 64, finding a time is
 * O(log p); adding, reducing or removing a span costs O(log p + k) for the {@code k} points it
 * covers plus O(64 + p / 64) to create or drop a point; an earliest-time search is O(log p) plus
 * the points it steps over, skipping a blocked stretch in one step; span lookup by id is O(log s).
 * Not thread-safe: one scheduling loop owns a planner.
 */
public final class Planner {
  /** The sentinel for "no such time" or "no such span". */
  public static final long NONE = -1;

  /*
   * Implementation notes.
   *
   * Representation. Scheduled points are records of W = 4 longs: AT (the time), REM (units free
   * from this point until the next one), KEY (the remaining amount as Fluxion's min-time tree last
   * saw it) and REF (how many span ends sit on the point; the base point holds one extra reference
   * so it is never dropped). Records live in chunks (a two-level sorted array, like a B+ tree of
   * height 2): chunks[c] holds sizes[c] records (1..C) sorted by time, and every record of chunk c
   * is earlier than every record of chunk c + 1. A time is found by binary search over the first
   * times of the chunks, then inside one chunk; creating or dropping a point shifts at most C
   * records and, on a split or an emptied chunk, the directory. A fresh planner is one chunk of one
   * record. Positions are (chunk, offset) pairs; nothing outside this class sees them.
   *
   * Spans are records of 4 longs (SID, SSTART, SLAST, SPLANNED) in one array sorted by id; ids grow
   * by one from 1 and are never reused, so a new span is appended. A removed span becomes a
   * tombstone (SPLANNED = DEAD) and the array is compacted when tombstones outnumber live spans,
   * so removal is amortised O(log s).
   *
   * Invariants: npoints >= 1; chunk 0 starts with the base point; times are strictly increasing
   * across chunks; all points are at most at end; REF > 0 for every point; every live span's start
   * and last are points; KEY == REM for every point unless stale (updateTotal does not re-index,
   * as in Fluxion), until the point is re-keyed by a span operation covering it or by a restore.
   *
   * Iteration. Fluxion's min-time tree answers "the earliest point whose key is >= n, among points
   * this iteration has not visited yet", and every candidate it yields is marked visited. Because
   * it always yields the earliest such point, the visited points are exactly those at or before
   * cursorTime whose key is >= the request; so cursorTime plus the request is the whole iteration
   * state. Restoring (Fluxion's restore_track_points, done before a span operation or a new
   * iteration) re-keys those visited points from their current remaining amount, which only
   * matters while keys are stale. A candidate whose window hits a point short of units rules out
   * every candidate up to that point (their windows contain it), so the search jumps past it.
   *
   * Reference: flux-sched resource/planner/c/planner_c_interface.cpp (avail_at, span_ok,
   * update_points_*, planner_reduce_span), resource/planner/c++/planner.cpp (update_total) and
   * resource/planner/c++/mintime_resource_tree.cpp.
   */
  private static final long[] NO_LONGS = new long[0];
  private static final int W = 4;
  private static final int AT = 0;
  private static final int REM = 1;
  private static final int KEY = 2;
  private static final int REF = 3;
  private static final int SID = 0;
  private static final int SSTART = 1;
  private static final int SLAST = 2;
  private static final int SPLANNED = 3;
  private static final long DEAD = -1;
  private static final int C = 64;
  private static final long NO_CURSOR = Long.MIN_VALUE;

  private final String resourceType;
  private final long base;
  private final long end;
  private long total;

  private long[][] chunks;
  private int[] sizes;
  private int nchunks;
  private int npoints;

  private long[] spans;
  private int nslots;
  private int nspans;
  private long spanCounter;

  private boolean iterSet;
  private boolean stale; // some KEY may differ from REM (after updateTotal)
  private long cursorTime = NO_CURSOR;
  private long reqOnOrAfter;
  private long reqDuration;
  private long reqCount;

  private Planner(String resourceType, long base, long end, long total) {
    this.resourceType = resourceType;
    this.base = base;
    this.end = end;
    this.total = total;
    chunks = new long[][] {{base, total, total, 1}};
    sizes = new int[] {1};
    nchunks = 1;
    npoints = 1;
    spans = NO_LONGS;
  }

  private Planner(Planner o, boolean exact) {
    resourceType = o.resourceType;
    base = o.base;
    end = o.end;
    total = o.total;
    nchunks = o.nchunks;
    npoints = o.npoints;
    chunks = new long[nchunks][];
    sizes = Arrays.copyOf(o.sizes, nchunks);
    for (int c = 0; c < nchunks; c++) {
      long[] ch = Arrays.copyOf(o.chunks[c], W * sizes[c]);
      if (!exact) {
        for (int r = 0; r < ch.length; r += W) {
          ch[r + KEY] = ch[r + REM]; // a copy re-indexes every point
        }
      }
      chunks[c] = ch;
    }
    spans = NO_LONGS;
    if (o.nspans > 0) {
      spans = new long[W * o.nspans];
      for (int k = 0; k < o.nslots; k++) {
        if (o.spans[W * k + SPLANNED] != DEAD) {
          System.arraycopy(o.spans, W * k, spans, W * nslots, W);
          nslots++;
        }
      }
    }
    nspans = o.nspans;
    spanCounter = o.spanCounter;
    iterSet = o.iterSet;
    reqOnOrAfter = o.reqOnOrAfter;
    reqDuration = o.reqDuration;
    reqCount = o.reqCount;
    if (exact) {
      stale = o.stale;
      cursorTime = o.cursorTime;
    }
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
    return new Planner(this, false);
  }

  /**
   * An exact, independent copy: unlike {@link #copy} (Fluxion's {@code planner_copy}) it keeps the
   * min-time index as it is, stale keys and the iteration in progress included, so that the copy
   * goes on exactly as this planner would (a copy-on-write snapshot of one planner, where Fluxion
   * has no copy). O(points + spans).
   */
  public Planner snapshot() {
    return new Planner(this, true);
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

  /** The time of scheduled point {@code i}, {@code 0 <= i < pointCount()}, ascending. O(p / 64). */
  public long pointTime(int i) {
    return record(i)[0];
  }

  /** The remaining units from scheduled point {@code i} until the next one. O(p / 64). */
  public long pointRemaining(int i) {
    return record(i)[1];
  }

  /** The time and remaining amount of point {@code i}. */
  private long[] record(int i) {
    if (i < 0 || i >= npoints) {
      throw new IndexOutOfBoundsException("point " + i + " of " + npoints);
    }
    int c = 0;
    while (i >= sizes[c]) {
      i -= sizes[c];
      c++;
    }
    return new long[] {chunks[c][W * i + AT], chunks[c][W * i + REM]};
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
    long pos = floorPos(t);
    return chunks[chunkOf(pos)][W * offsetOf(pos) + REM];
  }

  /**
   * The fewest units free at any time of {@code [t, t + duration)} (Fluxion's {@code
   * planner_avail_resources_during}). O(log p + k).
   *
   * @throws IllegalArgumentException if {@code duration < 1}, {@code t} is before the base time or
   *     {@code t + duration} is past the end
   */
  public long availableDuring(long t, long duration) {
    checkDuration(duration);
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
    long pos = floorPos(t);
    int c = chunkOf(pos);
    int o = offsetOf(pos);
    long min = chunks[c][W * o + REM];
    long last = t + duration;
    for (; c < nchunks; c++, o = 0) {
      long[] ch = chunks[c];
      int n = sizes[c];
      for (; o < n; o++) {
        int r = W * o;
        if (ch[r + AT] >= last) {
          return min;
        }
        if (ch[r + REM] < min) {
          min = ch[r + REM];
        }
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
    checkDuration(duration);
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
    long pos = floorPos(t);
    if (pos < 0) {
      return true; // no state before the base point: Fluxion's loop does not run
    }
    return blockerFrom(chunkOf(pos), offsetOf(pos), last, count) < 0;
  }

  /**
   * The position of the first point from chunk {@code c}, offset {@code o} on, before {@code last},
   * that has fewer than {@code count} units remaining; -1 if none does.
   */
  private long blockerFrom(int c, int o, long last, long count) {
    for (; c < nchunks; c++, o = 0) {
      long[] ch = chunks[c];
      int n = sizes[c];
      for (; o < n; o++) {
        int r = W * o;
        if (ch[r + AT] >= last) {
          return -1;
        }
        if (count > ch[r + REM]) {
          return ((long) c << 32) | o;
        }
      }
    }
    return -1;
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
    checkDuration(duration);
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
    if (reqOnOrAfter > base && cursorTime < reqOnOrAfter - 1) {
      // candidates before onOrAfter are visited and dropped: skip them at once
      cursorTime = reqOnOrAfter - 1;
    }
    int c = 0;
    int o = 0;
    if (cursorTime != NO_CURSOR) {
      long pos = floorPos(cursorTime);
      if (pos >= 0) {
        c = chunkOf(pos);
        o = offsetOf(pos) + 1;
      }
    }
    while (true) {
      // the earliest unvisited point whose key admits the request
      for (; c < nchunks; c++, o = 0) {
        long[] ch = chunks[c];
        int n = sizes[c];
        while (o < n && ch[W * o + KEY] < count) {
          o++;
        }
        if (o < n) {
          break;
        }
      }
      if (c >= nchunks) {
        return NONE;
      }
      long start = chunks[c][W * o + AT];
      cursorTime = start;
      long last = start + duration;
      // its window: every point in [start, start + duration) must have the units
      long blocker = blockerFrom(c, o, last, count);
      if (blocker < 0) {
        return last > end ? NONE : start;
      }
      c = chunkOf(blocker);
      o = offsetOf(blocker);
      cursorTime = chunks[c][W * o + AT];
      o++;
    }
  }

  /** Fluxion's restore_track_points: re-index the points visited by the current iteration. */
  private void restore() {
    if (stale) {
      // only keys made stale by updateTotal can differ from the remaining amounts
      boolean still = false;
      for (int c = 0; c < nchunks; c++) {
        long[] ch = chunks[c];
        for (int r = 0; r < W * sizes[c]; r += W) {
          if (ch[r + AT] <= cursorTime && ch[r + KEY] >= reqCount) {
            ch[r + KEY] = ch[r + REM];
          }
          still |= ch[r + KEY] != ch[r + REM];
        }
      }
      stale = still;
    }
    cursorTime = NO_CURSOR;
  }

  private void checkDuration(long duration) {
    if (duration < 1) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": duration " + duration + " must be at least 1");
    }
  }

  private void checkCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "planner " + resourceType + ": amount " + count + " must not be negative");
    }
  }

  // ---------------------------------------------------------------- positions

  private static int chunkOf(long pos) {
    return (int) (pos >>> 32);
  }

  private static int offsetOf(long pos) {
    return (int) pos;
  }

  /** The position of the last point at or before {@code t}, or -1 if {@code t < base}. */
  private long floorPos(long t) {
    int lo = 0;
    int hi = nchunks - 1;
    int c = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (chunks[mid][AT] <= t) {
        c = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (c < 0) {
      return -1;
    }
    long[] ch = chunks[c];
    lo = 0;
    hi = sizes[c] - 1;
    int o = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (ch[W * mid + AT] <= t) {
        o = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ((long) c << 32) | o;
  }

  /** Adds a reference to the point at {@code t > base}, creating it from the state at t. */
  private void refPoint(long t) {
    long pos = floorPos(t);
    int c = chunkOf(pos);
    int o = offsetOf(pos);
    long[] ch = chunks[c];
    if (ch[W * o + AT] == t) {
      ch[W * o + REF]++;
      return;
    }
    long rem = ch[W * o + REM];
    int at = o + 1;
    if (sizes[c] == C) {
      splitChunk(c);
      if (at > sizes[c]) {
        at -= sizes[c];
        c++;
      }
    }
    int n = sizes[c];
    ch = chunks[c];
    if (W * n == ch.length) {
      ch = Arrays.copyOf(ch, W * Math.min(C, Math.max(2, 2 * n)));
      chunks[c] = ch;
    }
    System.arraycopy(ch, W * at, ch, W * (at + 1), W * (n - at));
    int r = W * at;
    ch[r + AT] = t;
    ch[r + REM] = rem;
    ch[r + KEY] = rem;
    ch[r + REF] = 1;
    sizes[c] = n + 1;
    npoints++;
  }

  /** Drops a reference to the point at {@code t}, deleting the point when none is left. */
  private void unrefPoint(long t) {
    long pos = floorPos(t);
    int c = chunkOf(pos);
    int o = offsetOf(pos);
    long[] ch = chunks[c];
    if (--ch[W * o + REF] > 0) {
      return;
    }
    int n = sizes[c];
    System.arraycopy(ch, W * (o + 1), ch, W * o, W * (n - o - 1));
    sizes[c] = n - 1;
    npoints--;
    if (n == 1) {
      // chunk 0 holds the base point, so an emptied chunk is never the first
      System.arraycopy(chunks, c + 1, chunks, c, nchunks - c - 1);
      System.arraycopy(sizes, c + 1, sizes, c, nchunks - c - 1);
      nchunks--;
      chunks[nchunks] = null;
    } else if (c + 1 < nchunks && sizes[c] + sizes[c + 1] <= C / 2) {
      mergeWithNext(c);
    } else if (c > 0 && sizes[c - 1] + sizes[c] <= C / 2) {
      mergeWithNext(c - 1);
    }
  }

  private void splitChunk(int c) {
    if (nchunks == chunks.length) {
      chunks = Arrays.copyOf(chunks, 2 * nchunks);
      sizes = Arrays.copyOf(sizes, 2 * nchunks);
    }
    System.arraycopy(chunks, c + 1, chunks, c + 2, nchunks - c - 1);
    System.arraycopy(sizes, c + 1, sizes, c + 2, nchunks - c - 1);
    nchunks++;
    int half = sizes[c] / 2;
    int rest = sizes[c] - half;
    long[] upper = new long[W * C];
    System.arraycopy(chunks[c], W * half, upper, 0, W * rest);
    chunks[c + 1] = upper;
    sizes[c + 1] = rest;
    sizes[c] = half;
  }

  private void mergeWithNext(int c) {
    int n = sizes[c];
    int m = sizes[c + 1];
    long[] ch = chunks[c];
    if (ch.length < W * (n + m)) {
      ch = Arrays.copyOf(ch, W * C);
      chunks[c] = ch;
    }
    System.arraycopy(chunks[c + 1], 0, ch, W * n, W * m);
    sizes[c] = n + m;
    System.arraycopy(chunks, c + 2, chunks, c + 1, nchunks - c - 2);
    System.arraycopy(sizes, c + 2, sizes, c + 1, nchunks - c - 2);
    nchunks--;
    chunks[nchunks] = null;
  }

  /** Adds {@code delta} to the remaining amount of every point in [start, last); re-keys them. */
  private void rangeAdd(long start, long last, long delta) {
    long pos = floorPos(start);
    int o = offsetOf(pos);
    for (int c = chunkOf(pos); c < nchunks; c++, o = 0) {
      long[] ch = chunks[c];
      int n = sizes[c];
      for (; o < n; o++) {
        int r = W * o;
        if (ch[r + AT] >= last) {
          return;
        }
        ch[r + REM] += delta;
        ch[r + KEY] = ch[r + REM];
      }
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
   * earliest-time iteration. O(log p + k).
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
    if (start == base) {
      chunks[0][REF]++;
    } else {
      refPoint(start);
    }
    refPoint(last);
    rangeAdd(start, last, -amount);
    appendSpan(id, start, last, amount);
    iterSet = false;
    return id;
  }

  /**
   * Consumes {@code k} span ids without adding spans, as {@code k} spans added and removed again
   * would (see {@link PlannerMulti#skipSpanIds}).
   *
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public void skipSpanIds(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("planner " + resourceType + ": cannot skip " + k + " ids");
    }
    spanCounter += k;
  }

  /**
   * Releases a span entirely (Fluxion's {@code planner_rem_span}). Ends any earliest-time
   * iteration. O(log p + k).
   *
   * @throws IllegalArgumentException if there is no span {@code id}
   */
  public void removeSpan(long id) {
    int k = requireSpan(id);
    restore();
    long start = spans[W * k + SSTART];
    long last = spans[W * k + SLAST];
    rangeAdd(start, last, spans[W * k + SPLANNED]);
    unrefPoint(last);
    unrefPoint(start);
    killSpan(k);
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
    int k = requireSpan(id);
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
    rangeAdd(spans[W * k + SSTART], spans[W * k + SLAST], toRemove);
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
    for (int c = 0; c < nchunks; c++) {
      long[] ch = chunks[c];
      for (int r = 0; r < W * sizes[c]; r += W) {
        long v = ch[r + REM] + delta;
        ch[r + REM] = v >= 0 ? v : 0;
      }
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
    int i = 0;
    for (int k = 0; k < nslots; k++) {
      if (spans[W * k + SPLANNED] != DEAD) {
        ids[i++] = spans[W * k + SID];
      }
    }
    return ids;
  }

  /**
   * The start time of span {@code id}.
   *
   * @throws IllegalArgumentException if there is no such span
   */
  public long spanStart(long id) {
    return spans[W * requireSpan(id) + SSTART];
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
    return spans[W * requireSpan(id) + SPLANNED];
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
    int hi = nslots - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = spans[W * mid + SID];
      if (v < id) {
        lo = mid + 1;
      } else if (v > id) {
        hi = mid - 1;
      } else {
        return spans[W * mid + SPLANNED] == DEAD ? -1 : mid;
      }
    }
    return -1;
  }

  private void appendSpan(long id, long start, long last, long amount) {
    if (W * nslots == spans.length) {
      if (nslots - nspans > nspans) {
        compactSpans();
      }
      if (W * nslots == spans.length) {
        spans = Arrays.copyOf(spans, W * Math.max(1, nslots + (nslots >> 1) + 1));
      }
    }
    // ids grow, so a new span always goes last
    int r = W * nslots;
    spans[r + SID] = id;
    spans[r + SSTART] = start;
    spans[r + SLAST] = last;
    spans[r + SPLANNED] = amount;
    nslots++;
    nspans++;
  }

  private void killSpan(int k) {
    spans[W * k + SPLANNED] = DEAD;
    nspans--;
    if (nspans == 0) {
      spans = NO_LONGS;
      nslots = 0;
    } else if (nslots - nspans > 8 && nslots - nspans > nspans) {
      compactSpans();
    }
  }

  private void compactSpans() {
    int j = 0;
    for (int k = 0; k < nslots; k++) {
      if (spans[W * k + SPLANNED] != DEAD) {
        if (j != k) {
          System.arraycopy(spans, W * k, spans, W * j, W);
        }
        j++;
      }
    }
    nslots = j;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(32 + 16 * npoints);
    sb.append("Planner[").append(resourceType).append(" total=").append(total);
    sb.append(" [").append(base).append(',').append(end).append(") points=");
    String sep = "";
    for (int c = 0; c < nchunks; c++) {
      long[] ch = chunks[c];
      for (int r = 0; r < W * sizes[c]; r += W) {
        sb.append(sep).append(ch[r + AT]).append(':').append(ch[r + REM]);
        sep = " ";
      }
    }
    return sb.append(" spans=").append(nspans).append(']').toString();
  }
}
