package org.flux4j.policy.internal;

/**
 * Priming of a request before its select: after Fluxion's {@code prime_jobspec} ({@code
 * resource/traversers/dfu_impl.cpp}, and the flexible one of {@code dfu_flexible.cpp}). Each
 * request gets the totals of the pruned-by types below it (its user data, which {@link SelectPrune}
 * checks against the subtree aggregates), the top level's totals go to the caller (the root's
 * aggregate check), and explicitly exclusive types become exclusive for the match. Not thread-safe.
 */
final class JobspecPriming {
  private final TraversalMarks mk;

  JobspecPriming(TraversalMarks mk) {
    this.mk = mk;
  }

  /** Fluxion's prime_jobspec: per-request user data and the top-level totals (by prune type). */
  void prime(Req[] resources, long[] toParent) {
    for (Req r : resources) {
      primeOwn(r, toParent);
      if (r.primedFor == mk.prune) {
        // primed before under this configuration (a queue asks for the same job again and again):
        // the data below stand, only the exclusive types are marked anew for this match
        for (int t : r.exclusiveBelow) {
          mk.addExclusiveType(t);
        }
      } else {
        r.userData = new long[mk.prune.count()];
        prime(r.with, r.userData);
        r.hasUserData = false;
        for (long u : r.userData) {
          r.hasUserData |= u != 0;
        }
        if (!r.hasUserData) {
          // Fluxion's user_data map has an entry for every pruning type met below, even with 0
          r.hasUserData = hasPruningTypeBelow(r);
        }
        org.eclipse.collections.impl.set.mutable.primitive.IntHashSet x =
            new org.eclipse.collections.impl.set.mutable.primitive.IntHashSet();
        exclusiveTypesBelow(r, x);
        r.exclusiveBelow = x.toSortedArray();
        r.primedFor = mk.prune;
      }
      for (int k = 0; k < r.userData.length; k++) {
        if (r.userData[k] != 0) {
          toParent[k] += r.min * r.userData[k];
        }
      }
    }
  }

  /** Adds the types of the explicitly exclusive requests below {@code r} to {@code out}. */
  private static void exclusiveTypesBelow(
      Req r, org.eclipse.collections.impl.set.mutable.primitive.IntHashSet out) {
    for (Req c : r.with) {
      if (c.exclusive == 1) {
        out.add(c.type);
      }
      exclusiveTypesBelow(c, out);
    }
  }

  /**
   * The part of priming {@code r} that does not look below it: its explicit exclusivity, and its
   * own count added to {@code toParent} when its type is pruned by; returns that prune index or -1.
   */
  private int primeOwn(Req r, long[] toParent) {
    if (r.exclusive == 1) {
      mk.addExclusiveType(r.type);
    }
    int pt = pruneIndex(r);
    if (pt >= 0) {
      toParent[pt] += r.min;
    }
    return pt;
  }

  private boolean hasPruningTypeBelow(Req r) {
    for (Req c : r.with) {
      if (pruneIndex(c) >= 0 || hasPruningTypeBelow(c)) {
        return true;
      }
    }
    return false;
  }

  /** The prune index of a request's type, by name when the graph has no vertex of that type. */
  private int pruneIndex(Req r) {
    if (r.type >= 0) {
      return mk.prune.pruneIndexOfType(r.type);
    }
    return r.isSlot() ? -1 : mk.prune.pruneIndexOfName(r.typeName);
  }

  /**
   * The flexible traverser's prime_jobspec ({@code dfu_flexible.cpp}): like {@link #prime}, but the
   * siblings that are slots (or xor slots) are alternatives, so they contribute the minimum of
   * their totals, and a pruning type that one of them lacks contributes nothing.
   */
  void primeAlternatives(Req[] resources, long[] toParent) {
    primeFlexible(resources, toParent, new boolean[toParent.length]);
  }

  /** {@code present} tracks which entries of {@code toParent} exist (Fluxion's map keys). */
  private void primeFlexible(Req[] resources, long[] toParent, boolean[] present) {
    int k = toParent.length;
    for (Req r : resources) {
      int pt = primeOwn(r, toParent);
      if (pt >= 0) {
        present[pt] = true;
      }
      r.userData = new long[k];
      r.primedFor = null;
      boolean[] mine = new boolean[k];
      primeFlexible(r.with, r.userData, mine);
      r.hasUserData = false;
      for (int i = 0; i < k; i++) {
        r.hasUserData |= mine[i];
      }
      if (r.isSlot() || r.isXorSlot()) {
        for (int i = 0; i < k; i++) {
          if (mine[i]) {
            minIf(toParent, present, i, r.min * r.userData[i]);
          }
        }
        for (int i = 0; i < k; i++) {
          if (present[i] && !mine[i]) {
            minIf(toParent, present, i, 0);
          }
        }
      } else {
        for (int i = 0; i < k; i++) {
          if (mine[i]) {
            toParent[i] += r.min * r.userData[i];
            present[i] = true;
          }
        }
      }
    }
  }

  private static void minIf(long[] toParent, boolean[] present, int i, long v) {
    if (!present[i] || toParent[i] > v) {
      toParent[i] = v;
      present[i] = true;
    }
  }
}
