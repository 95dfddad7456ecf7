package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The auxiliary-subsystem part of one vertex visit's scoring (Fluxion's {@code scoring_api_t}
 * entries of a subsystem other than the dominant one): per (subsystem, type) the total and the
 * qualified count of the candidates Fluxion's {@code dom_exp} added for the vertex's out-edges in
 * that subsystem.
 *
 * <p>Nothing is ever chosen or emitted from these entries (the policies choose in the dominant
 * subsystem only, and the update pass does not walk up auxiliary edges); they matter only because
 * they are merged upward with the rest and Fluxion's {@code has_remaining} fails the whole match
 * when any type of any subsystem at the root has a qualified count of 0. An entry is created empty
 * when it is only read (as {@code scoring_api_t}'s map lookups do), so reading a count can make a
 * match fail.
 */
final class AuxEvals {
  private int n;
  private int[] subsystem = new int[4];
  private int[] type = new int[4];
  private long[] qualified = new long[4];
  private long[] total = new long[4];

  void clear() {
    n = 0;
  }

  boolean isEmpty() {
    return n == 0;
  }

  /** The index of the entry of ({@code s}, {@code t}), created empty when absent. */
  private int entry(int s, int t) {
    for (int i = 0; i < n; i++) {
      if (subsystem[i] == s && type[i] == t) {
        return i;
      }
    }
    if (n == type.length) {
      subsystem = Arrays.copyOf(subsystem, n * 2);
      type = Arrays.copyOf(type, n * 2);
      qualified = Arrays.copyOf(qualified, n * 2);
      total = Arrays.copyOf(total, n * 2);
    }
    subsystem[n] = s;
    type[n] = t;
    qualified[n] = 0;
    total[n] = 0;
    return n++;
  }

  /**
   * Adds a candidate of {@code count} units scored {@code score}: it counts as qualified when the
   * score is above Fluxion's cutline (0).
   */
  void add(int s, int t, long count, long score) {
    int i = entry(s, t);
    total[i] += count;
    if (score > 0) {
      qualified[i] += count;
    }
  }

  /** The total count of ({@code s}, {@code t}); creates the entry, empty, when absent. */
  long total(int s, int t) {
    return total[entry(s, t)];
  }

  void merge(AuxEvals o) {
    for (int k = 0; k < o.n; k++) {
      int i = entry(o.subsystem[k], o.type[k]);
      qualified[i] += o.qualified[k];
      total[i] += o.total[k];
    }
  }

  /** Whether some entry has no qualified count (Fluxion's has_remaining then fails). */
  boolean anyUnqualified() {
    for (int i = 0; i < n; i++) {
      if (qualified[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
