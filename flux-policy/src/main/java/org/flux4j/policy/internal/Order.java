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
    return intervalGreater(new Evals[] {e}, 1, stable);
  }

  /**
   * {@link #intervalGreater(Evals, boolean)} over the scores of the candidates of the first {@code
   * k} of {@code es} together: Fluxion's locality policy keeps one interval set for the whole
   * request, into which each requested type's candidates are inserted before that type is chosen,
   * so the intervals of a later type also join the scores of the types chosen before it.
   */
  static Order intervalGreater(Evals[] es, int k, boolean stable) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long n = 0;
    for (int j = 0; j < k; j++) {
      if (es[j].n > 0) {
        min = Math.min(min, es[j].minScore);
        max = Math.max(max, es[j].maxScore);
        n += es[j].n;
      }
    }
    long range = max - min;
    if (n > 0 && range >= 0 && range < Math.max(1024L, 4L * n)) {
      // scores in a short range (the usual case): a table by score, built in linear time
      boolean[] present = new boolean[(int) range + 1];
      for (int j = 0; j < k; j++) {
        if (es[j].n > 0) {
          es[j].markScores(present, min);
        }
      }
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
      return new Order(true, stable, null, table, min, idx);
    }
    long[] scores = new long[(int) n];
    int w = 0;
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < es[j].n; i++) {
        scores[w++] = es[j].score(i);
      }
    }
    java.util.Arrays.sort(scores);
    LongIntHashMap interval = new LongIntHashMap();
    int idx = 0;
    for (int i = 0; i < scores.length; i++) {
      if (i > 0 && scores[i] > scores[i - 1] + 1) {
        idx++;
      }
      interval.put(scores[i], idx);
    }
    return new Order(true, stable, interval, null, 0, idx);
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
