package org.flux4j.core.internal;

import java.util.Arrays;

/**
 * Where the use of a pool's cores fell over time, in the order the falls happened: each fall is
 * logged with the first instant at which the use is lower than before (a job that ended before its
 * estimated end: now; a dropped booking: its start). {@link #earliestSince} answers the earliest
 * such instant among the falls logged since a mark ({@link #size} when the mark was taken), so that
 * a booking can tell whether any fall since it was searched can reach its window.
 *
 * <p>Implementation notes: the log keeps only its suffix minima, a stack of (index, instant) pairs
 * with both increasing from the bottom: a fall is dominated, for every mark, by a later fall from
 * an instant no later, so appending pops the dominated tops first. The earliest instant since a
 * mark is then that of the first stack entry at or after the mark (binary search). When the stack
 * reaches {@link #LIMIT}, the log forgets everything before its end: marks from before that answer
 * {@link Long#MIN_VALUE} (a fall may reach anything). Append amortised O(1), query O(log LIMIT).
 *
 * <p>Each fall also has an end, the instant from which the use is as before again (a job that ended
 * early: its estimated end; a dropped booking: its end); the last {@link #RECENT} falls are kept
 * whole, start and end, in a ring, so that {@link #since} lists them one by one for a mark that
 * recent. Loop-owned; not thread-safe.
 */
final class FallLog {
  /** The most suffix minima kept before the log forgets its past. */
  static final int LIMIT = 1 << 12;

  private long size; // falls logged
  private long floor; // marks before this index answer MIN_VALUE (the log forgot them)
  private long[] index = new long[16];
  private long[] from = new long[16];
  private int top; // entries on the stack

  /** How many of the latest falls {@link #since} can list. */
  static final int RECENT = 64;

  private final long[] recentFrom = new long[RECENT]; // fall k at k % RECENT
  private final long[] recentTo = new long[RECENT];

  /** How many falls were logged: a mark for {@link #earliestSince}. */
  long size() {
    return size;
  }

  /**
   * Logs a fall of use over {@code [at, to)} ({@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}:
   * anywhere).
   */
  void add(long at, long to) {
    recentFrom[(int) (size % RECENT)] = at;
    recentTo[(int) (size % RECENT)] = to;
    while (top > 0 && from[top - 1] >= at) {
      top--;
    }
    if (top == LIMIT) {
      top = 0;
      floor = size; // forgets every fall before this one
    }
    if (top == index.length) {
      index = Arrays.copyOf(index, top * 2);
      from = Arrays.copyOf(from, top * 2);
    }
    index[top] = size++;
    from[top++] = at;
  }

  /**
   * Copies the falls logged at or after {@code mark}, in the order logged, into {@code starts} and
   * {@code ends} (each at least {@link #RECENT} long) and answers how many there are; -1 if there
   * are more than {@link #RECENT} of them or the log forgot some.
   */
  int since(long mark, long[] starts, long[] ends) {
    if (mark < floor || size - mark > RECENT) {
      return -1;
    }
    int n = 0;
    for (long k = mark; k < size; k++) {
      starts[n] = recentFrom[(int) (k % RECENT)];
      ends[n++] = recentTo[(int) (k % RECENT)];
    }
    return n;
  }

  /**
   * The earliest instant from which a fall logged at or after {@code mark} lowered the use: {@link
   * Long#MAX_VALUE} if none was, {@link Long#MIN_VALUE} if the log forgot falls since the mark.
   */
  long earliestSince(long mark) {
    if (mark < floor) {
      return Long.MIN_VALUE;
    }
    int lo = 0;
    int hi = top; // the first entry with index >= mark lies in [lo, hi]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (index[mid] < mark) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < top ? from[lo] : Long.MAX_VALUE;
  }
}
