package org.flux4j.policy.internal;

import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * How a policy orders candidates: by score, higher or lower first, or (Fluxion's locality policy at
 * the top level) by the rank of the interval of consecutive scores a score falls in, higher first.
 * {@link #key} maps a score to a sort key that goes first when smaller.
 *
 * <p>Candidates with equal keys come in the order of Fluxion's {@code std::sort}, unless the order
 * is {@link #stable()} (a flux4j extension): then in the order they were gathered.
 */
final class Order {
  static final Order HIGHER_FIRST = new Order(true, false, null, null, 0, 0);
  static final Order LOWER_FIRST = new Order(false, false, null, null, 0, 0);
  static final Order HIGHER_FIRST_STABLE = new Order(true, true, null, null, 0, 0);
  static final Order LOWER_FIRST_STABLE = new Order(false, true, null, null, 0, 0);

  private final boolean higherFirst;
  private final boolean stable;
  private final LongIntHashMap interval;

  /** The interval of each score from {@link #tableBase} on, when the scores span a short range. */
  private final int[] table;

  private final long tableBase;
  private final int maxInterval;

  private Order(
      boolean higherFirst,
      boolean stable,
      LongIntHashMap interval,
      int[] table,
      long tableBase,
      int maxInterval) {
    this.higherFirst = higherFirst;
    this.stable = stable;
    this.interval = interval;
    this.table = table;
    this.tableBase = tableBase;
    this.maxInterval = maxInterval;
  }

  /** By score, higher or lower first, equal keys {@link #stable()} or as {@code std::sort}. */
  static Order of(boolean higherFirst, boolean stable) {
    if (stable) {
      return higherFirst ? HIGHER_FIRST_STABLE : LOWER_FIRST_STABLE;
    }
    return higherFirst ? HIGHER_FIRST : LOWER_FIRST;
  }

  /**
   * Fluxion's greater_interval_first: the candidates' scores joined into closed integer intervals
   * (consecutive scores merge); a candidate in a higher interval goes first, ties within one.
   */
  static Order intervalGreater(Evals e, boolean stable) {
    long range = e.maxScore - e.minScore;
    if (e.n > 0 && range >= 0 && range < Math.max(1024L, 4L * e.n)) {
      // scores in a short range (the usual case): a table by score, built in linear time
      boolean[] present = new boolean[(int) range + 1];
      e.markScores(present, e.minScore);
      return byTable(present, e.minScore, stable);
    }
    long[] scores = new long[e.n];
    for (int i = 0; i < e.n; i++) {
      scores[i] = e.score(i);
    }
    return intervalGreater(scores, stable);
  }

  /**
   * {@link #intervalGreater(Evals, boolean)} over the given scores (any order, repeats allowed):
   * Fluxion's locality policy keeps one interval set for a whole request, into which each requested
   * type's candidates are inserted before that type is chosen, so the intervals that rank a later
   * type also join the scores of the types chosen before it.
   */
  static Order intervalGreater(long[] scores, boolean stable) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long x : scores) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    long range = max - min;
    if (scores.length > 0 && range >= 0 && range < Math.max(1024L, 4L * scores.length)) {
      boolean[] present = new boolean[(int) range + 1];
      for (long x : scores) {
        present[(int) (x - min)] = true;
      }
      return byTable(present, min, stable);
    }
    long[] sorted = scores.clone();
    java.util.Arrays.sort(sorted);
    LongIntHashMap interval = new LongIntHashMap();
    int idx = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] > sorted[i - 1] + 1) {
        idx++;
      }
      interval.put(sorted[i], idx);
    }
    return new Order(true, stable, interval, null, 0, idx);
  }

  /** The interval order of the scores {@code base + off} for which {@code present[off]}. */
  private static Order byTable(boolean[] present, long base, boolean stable) {
    int[] table = new int[present.length];
    int idx = 0;
    int previous = -1;
    for (int off = 0; off < present.length; off++) {
      if (present[off]) {
        if (previous >= 0 && off > previous + 1) {
          idx++;
        }
        previous = off;
      }
      table[off] = idx;
    }
    return new Order(true, stable, null, table, base, idx);
  }

  /** Whether the order is by the score itself (higher or lower first), without intervals. */
  boolean byScore() {
    return interval == null && table == null;
  }

  /** Whether the order is by intervals looked up in a table ({@link #intervalOf}). */
  boolean byTable() {
    return table != null;
  }

  /** The interval of a score, with a table ({@link #byTable}). */
  int intervalOf(long score) {
    return table[(int) (score - tableBase)];
  }

  /** The highest interval index (for an interval order). */
  int maxInterval() {
    return maxInterval;
  }

  boolean higherFirst() {
    return higherFirst;
  }

  /**
   * Whether candidates with equal keys keep the order they were gathered in (a stable sort), rather
   * than the order Fluxion's {@code std::sort} leaves them in.
   */
  boolean stable() {
    return stable;
  }

  long key(long score) {
    long v = table != null ? intervalOf(score) : interval == null ? score : interval.get(score);
    return higherFirst ? -v : v;
  }
}
