package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The candidates of one resource type gathered under a vertex (Fluxion's {@code evals_t}): their
 * qualified and total counts, and after a choice the best k and how many groups cover them.
 */
final class Evals {
  int type;
  EGroup[] groups = new EGroup[4];
  int n;
  long qual;
  long total;
  long bestK;
  int bestI;
  private int cursor = -1;
  private long[] keys = new long[4];

  /** The groups' scores, in the groups' order while {@link #scoresInOrder}. */
  private long[] scores = new long[4];

  private boolean scoresInOrder = true;

  /** The smallest count among the groups (sorting only the top needs every count to be >= 1). */
  long minCount = Long.MAX_VALUE;

  /** The smallest and largest score among the groups (to pack sort keys in one pass). */
  long minScore = Long.MAX_VALUE;

  long maxScore = Long.MIN_VALUE;

  Evals(int type) {
    this.type = type;
  }

  void reset(int newType) {
    type = newType;
    n = 0;
    qual = 0;
    total = 0;
    bestK = 0;
    bestI = 0;
    cursor = -1;
    scoresInOrder = true;
    minCount = Long.MAX_VALUE;
    minScore = Long.MAX_VALUE;
    maxScore = Long.MIN_VALUE;
  }

  void add(EGroup g) {
    total += g.count;
    if (g.score > 0) {
      qual += g.count;
    }
    if (n == groups.length) {
      groups = Arrays.copyOf(groups, n * 2);
    }
    if (n >= scores.length) {
      scores = Arrays.copyOf(scores, groups.length);
    }
    scores[n] = g.score;
    minCount = Math.min(minCount, g.count);
    minScore = Math.min(minScore, g.score);
    maxScore = Math.max(maxScore, g.score);
    groups[n++] = g;
  }

  void merge(Evals o) {
    qual += o.qual;
    total += o.total;
    if (n + o.n > groups.length) {
      groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + o.n));
    }
    System.arraycopy(o.groups, 0, groups, n, o.n);
    minCount = Math.min(minCount, o.minCount);
    minScore = Math.min(minScore, o.minScore);
    maxScore = Math.max(maxScore, o.maxScore);
    if (scoresInOrder) {
      ensureScores(n + o.n);
      if (o.scoresInOrder) {
        System.arraycopy(o.scores, 0, scores, n, o.n);
      } else {
        for (int i = 0; i < o.n; i++) {
          scores[n + i] = o.groups[i].score;
        }
      }
    }
    n += o.n;
  }

  /**
   * Takes over the candidates of {@code o} while this holds none (the same as {@link #merge} into
   * an empty set, in constant time); {@code o} is left holding this one's old, empty arrays.
   */
  void takeFrom(Evals o) {
    if (n != 0) {
      throw new IllegalStateException("takeFrom needs an empty set of candidates");
    }
    EGroup[] myGroups = groups;
    long[] myScores = scores;
    groups = o.groups;
    scores = o.scores;
    o.groups = myGroups;
    o.scores = myScores;
    n = o.n;
    qual = o.qual;
    total = o.total;
    minCount = o.minCount;
    minScore = o.minScore;
    maxScore = o.maxScore;
    scoresInOrder = o.scoresInOrder;
    o.reset(o.type);
  }

  private void ensureScores(int size) {
    if (size > scores.length) {
      scores = Arrays.copyOf(scores, Math.max(scores.length * 2, size));
    }
  }

  /** The groups' scores in the groups' order, as a new array. */
  long[] scoresCopy() {
    if (scoresInOrder) {
      return Arrays.copyOf(scores, n);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = groups[i].score;
    }
    return out;
  }

  /**
   * Appends {@code count} groups with their qualified and total counts (a remembered merge); {@code
   * bounds} holds the groups' smallest count, smallest score and largest score.
   */
  void mergeGroups(
      EGroup[] gs, long[] groupScores, long[] bounds, int count, long addQual, long addTotal) {
    minCount = Math.min(minCount, bounds[0]);
    minScore = Math.min(minScore, bounds[1]);
    maxScore = Math.max(maxScore, bounds[2]);
    qual += addQual;
    total += addTotal;
    if (n + count > groups.length) {
      groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + count));
    }
    System.arraycopy(gs, 0, groups, n, count);
    if (scoresInOrder) {
      ensureScores(n + count);
      System.arraycopy(groupScores, 0, scores, n, count);
    }
    n += count;
  }

  /**
   * Fluxion's choose_best_k: sorts by {@code order} and assigns needs; false if k is invalid. With
   * {@code onlyTop}, only the groups that receive needs are put in their final place (the caller
   * never reads past {@link #bestI}), which is linear rather than n log n; a second choice on the
   * same candidates always sorts them fully, as its input order must be the fully sorted one.
   */
  boolean chooseBestK(long k, Order order, boolean onlyTop) {
    if (k == 0 || k > qual) {
      return false;
    }
    if (keys.length < n) {
      keys = new long[Math.max(n, keys.length * 2)];
    }
    boolean unitCounts = minCount >= 1;
    int top = onlyTop && unitCounts && k < n && bestK == 0 ? (int) k : n;
    int shift = StdSort.indexBits(n);
    if (order.byScore() && StdSort.packable(maxScore - minScore, shift)) {
      packKeys(order.higherFirst(), shift);
      StdSort.sortPacked(groups, keys, n, top, shift);
    } else if (order.byTable() && StdSort.packable(order.maxInterval(), shift)) {
      // higher interval first: the offset from the highest interval
      int max = order.maxInterval();
      for (int i = 0; i < n; i++) {
        keys[i] = ((long) (max - order.intervalOf(score(i))) << shift) | i;
      }
      StdSort.sortPacked(groups, keys, n, top, shift);
    } else {
      for (int i = 0; i < n; i++) {
        keys[i] = order.key(score(i));
      }
      StdSort.sortTop(groups, keys, n, top);
    }
    scoresInOrder = false;
    long left = k;
    int i = 0;
    while (left > 0) {
      EGroup g = groups[i];
      g.needs = left <= g.count ? left : g.count;
      left -= g.count;
      i++;
    }
    bestK = k;
    bestI = i;
    return true;
  }

  /**
   * Fills {@code keys} with each group's score offset from the best score (so that smaller goes
   * first) above its index: what {@link StdSort#sortPacked} sorts.
   */
  private void packKeys(boolean higherFirst, int shift) {
    long base = higherFirst ? maxScore : minScore;
    if (scoresInOrder) {
      long[] s = scores;
      if (higherFirst) {
        for (int i = 0; i < n; i++) {
          keys[i] = ((base - s[i]) << shift) | i;
        }
      } else {
        for (int i = 0; i < n; i++) {
          keys[i] = ((s[i] - base) << shift) | i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        long d = higherFirst ? base - groups[i].score : groups[i].score - base;
        keys[i] = (d << shift) | i;
      }
    }
  }

  /** The score of the group at position {@code i}. */
  long score(int i) {
    return scoresInOrder ? scores[i] : groups[i].score;
  }

  void iterReset() {
    cursor = -1;
  }

  /** The next group in order, or null at the end. */
  EGroup iterNext() {
    if (cursor < n) {
      cursor++;
    }
    return cursor < n ? groups[cursor] : null;
  }
}
