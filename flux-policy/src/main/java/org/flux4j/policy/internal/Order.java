package org.flux4j.policy.internal;

import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * How a policy orders candidates: by score, higher or lower first, or (Fluxion's locality policy at
 * the top level) by the rank of the interval of consecutive scores a score falls in, higher first.
 * {@link #key} maps a score to a sort key that goes first when smaller.
 */
final class Order {
  static final Order HIGHER_FIRST = new Order(true, null);
  static final Order LOWER_FIRST = new Order(false, null);

  private final boolean higherFirst;
  private final LongIntHashMap interval;

  private Order(boolean higherFirst, LongIntHashMap interval) {
    this.higherFirst = higherFirst;
    this.interval = interval;
  }

  static Order of(boolean higherFirst) {
    return higherFirst ? HIGHER_FIRST : LOWER_FIRST;
  }

  /**
   * Fluxion's greater_interval_first: the candidates' scores joined into closed integer intervals
   * (consecutive scores merge); a candidate in a higher interval goes first, ties within one.
   */
  static Order intervalGreater(Evals e) {
    long[] scores = new long[e.n];
    for (int i = 0; i < e.n; i++) {
      scores[i] = e.groups[i].score;
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
    return new Order(true, interval);
  }

  long key(long score) {
    long v = interval == null ? score : interval.get(score);
    return higherFirst ? -v : v;
  }
}
