package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * A remembered part's scores in ascending order with their positions (equal scores by position),
 * made when first asked for and kept with the part, whose scores never change: it tells where the
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

  // the last stops asked for, and what they were asked with (stopsN < 0: none yet)
  private int stopsN = -1;
  private long stopsBound;
  private long stopsSign;
  private int[] stopsAt;
  private long[] stopsKey;

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
   * The positions, highest first, of the scores at most {@code bound} (or, with {@code sign} -1 for
   * an order of higher scores first, at least it) go to {@link #stopsAt}, their scores times {@code
   * sign} to {@link #stopsKey}; returns how many. The answer is kept for the next ask with the same
   * bound and sign: a run of matches mostly asks the same. {@code bits} and {@code keys} are
   * scratch for at least {@link #length} positions.
   */
  int stops(long bound, long sign, long[] bits, long[] keys) {
    if (stopsN >= 0 && bound == stopsBound && sign == stopsSign) {
      return stopsN;
    }
    boolean fromTop = sign < 0;
    int len = sorted.length;
    int words = (len + 63) >>> 6;
    Arrays.fill(bits, 0, words, 0L);
    // read from that end of the order, marking positions
    int count = 0;
    for (int i = fromTop ? len - 1 : 0; i >= 0 && i < len; i += fromTop ? -1 : 1) {
      long score = sorted[i];
      if (fromTop ? score < bound : score > bound) {
        break;
      }
      int p = positions[i];
      bits[p >>> 6] |= 1L << p;
      keys[p] = sign * score;
      count++;
    }
    // then take the marks highest first
    stopsAt = new int[count];
    stopsKey = new long[count];
    int n = 0;
    for (int w = words - 1; w >= 0; w--) {
      long word = bits[w];
      while (word != 0) {
        int p = (w << 6) + 63 - Long.numberOfLeadingZeros(word);
        stopsAt[n] = p;
        stopsKey[n++] = keys[p];
        word &= ~(1L << p);
      }
    }
    stopsBound = bound;
    stopsSign = sign;
    stopsN = count;
    return count;
  }

  /** The positions of the last {@link #stops}, highest first (never written by the caller). */
  int[] stopsAt() {
    return stopsAt;
  }

  /** The keys of the last {@link #stops}, by position as {@link #stopsAt}. */
  long[] stopsKey() {
    return stopsKey;
  }

  /** The length of the part. */
  int length() {
    return sorted.length;
  }
}
