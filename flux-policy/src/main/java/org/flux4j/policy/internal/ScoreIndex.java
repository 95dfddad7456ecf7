package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * A remembered part's scores in ascending order with their positions (equal scores by position),
 * made when first asked for and kept with the part, whose scores never change: it marks where the
 * scores on one side of a bound are, and which scores occur, without reading the rest.
 */
final class ScoreIndex {
  private boolean built;

  /** The scores in ascending order, or null when they span too wide a range to be ordered here. */
  private long[] sorted;

  /** The position of each score of {@link #sorted}. */
  private int[] positions;

  /** The different scores, ascending. */
  private long[] distinct;

  /** Orders {@code scores[0, len)} on the first call; later calls find it done. */
  void build(long[] scores, int len) {
    if (built) {
      return;
    }
    built = true;
    if (len == 0) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < len; i++) {
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    sorted = new long[len];
    positions = new int[len];
    long range = max - min;
    if (range >= 0 && range < 2L * len) {
      // a short range (a node's cores by id): counting, in linear time
      int[] start = new int[(int) range + 2];
      for (int i = 0; i < len; i++) {
        start[(int) (scores[i] - min) + 1]++;
      }
      for (int v = 1; v < start.length; v++) {
        start[v] += start[v - 1];
      }
      for (int i = 0; i < len; i++) {
        int at = start[(int) (scores[i] - min)]++;
        positions[at] = i;
        sorted[at] = scores[i];
      }
      keepDistinct();
      return;
    }
    int shift = StdSort.indexBits(len);
    if (!StdSort.packable(range, shift)) {
      sorted = null;
      positions = null;
      return;
    }
    long[] packed = new long[len];
    for (int i = 0; i < len; i++) {
      packed[i] = ((scores[i] - min) << shift) | i;
    }
    Arrays.sort(packed);
    long mask = (1L << shift) - 1;
    for (int i = 0; i < len; i++) {
      positions[i] = (int) (packed[i] & mask);
      sorted[i] = scores[positions[i]];
    }
    keepDistinct();
  }

  private void keepDistinct() {
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        m++;
      }
    }
    distinct = new long[m];
    m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct[m++] = sorted[i];
      }
    }
  }

  /**
   * Sets {@code present[score - base]} for every score that occurs (the part is {@link #ordered}).
   */
  void markDistinct(boolean[] present, long base) {
    for (long s : distinct) {
      present[(int) (s - base)] = true;
    }
  }

  /** Whether the part is ordered (it was built, and its scores span a short enough range). */
  boolean ordered() {
    return sorted != null;
  }

  /**
   * Marks the scores at most {@code bound} (or, with {@code fromTop}, at least it), reading them
   * from that end of the order: sets each one's position in {@code bits}, and {@code
   * keys[position]} to the score times {@code sign}. Returns how many there are.
   */
  int mark(long bound, boolean fromTop, long[] bits, long[] keys, long sign) {
    int len = sorted.length;
    int i = fromTop ? len - 1 : 0;
    int step = fromTop ? -1 : 1;
    int count = 0;
    for (; i >= 0 && i < len; i += step) {
      long score = sorted[i];
      if (fromTop ? score < bound : score > bound) {
        break;
      }
      int p = positions[i];
      bits[p >>> 6] |= 1L << p;
      keys[p] = sign * score;
      count++;
    }
    return count;
  }

  /** The length of the part. */
  int length() {
    return sorted.length;
  }
}
