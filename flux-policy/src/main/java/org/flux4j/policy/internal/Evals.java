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
  }

  void add(EGroup g) {
    total += g.count;
    if (g.score > 0) {
      qual += g.count;
    }
    if (n == groups.length) {
      groups = Arrays.copyOf(groups, n * 2);
    }
    groups[n++] = g;
  }

  void merge(Evals o) {
    qual += o.qual;
    total += o.total;
    if (n + o.n > groups.length) {
      groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + o.n));
    }
    System.arraycopy(o.groups, 0, groups, n, o.n);
    n += o.n;
  }

  /** Appends {@code count} groups with their qualified and total counts (a remembered merge). */
  void mergeGroups(EGroup[] gs, int count, long addQual, long addTotal) {
    qual += addQual;
    total += addTotal;
    if (n + count > groups.length) {
      groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + count));
    }
    System.arraycopy(gs, 0, groups, n, count);
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
    boolean unitCounts = true;
    for (int i = 0; i < n; i++) {
      EGroup g = groups[i];
      keys[i] = order.key(g.score);
      unitCounts &= g.count >= 1;
    }
    if (onlyTop && unitCounts && k < n && bestK == 0) {
      StdSort.sortTop(groups, keys, n, (int) k);
    } else {
      StdSort.sort(groups, keys, n);
    }
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
