package org.flux4j.policy.internal;

import java.util.function.IntToLongFunction;

/**
 * When a stop-on-first-match explore has found enough: Fluxion's {@code tally_shares}, {@code
 * is_enough} and {@code new_sat_types} ({@code resource/traversers/dfu_impl.cpp}). Each requested
 * type is satisfied once its candidates' total has grown, in steps of the request's count, {@code
 * multiplier} times (the slot count, or 1); a satisfied type's further children are skipped, and
 * the explore stops when every type is satisfied. The first request of a type stands for all of
 * that type, as in Fluxion's map keyed by type (an auxiliary explore, {@link #forAuxiliary}, takes
 * the last request's count instead). One explore at a time ({@link #reset} starts the next); not
 * thread-safe.
 */
final class ShareTally {
  private Req[] resources;
  private long multiplier;
  private long[] perShare;
  private long[] prevTotal;
  private long[] accum;
  private long[] shares;
  private boolean[] satType;

  /** Whether some {@link #satType} is set (until then {@link #satisfied} needs no scan). */
  private boolean anySat;

  ShareTally(Req[] resources, long multiplier) {
    reset(resources, multiplier);
  }

  /**
   * Starts the tally over for another explore, of {@code resources} {@code multiplier} times,
   * reusing the arrays when they are long enough (a traverser keeps one tally per depth).
   */
  ShareTally reset(Req[] resources, long multiplier) {
    this.resources = resources;
    this.multiplier = multiplier;
    int nr = resources.length;
    if (perShare == null || perShare.length < nr) {
      perShare = new long[nr];
      prevTotal = new long[nr];
      accum = new long[nr];
      shares = new long[nr];
      satType = new boolean[nr];
    } else {
      java.util.Arrays.fill(prevTotal, 0, nr, 0);
      java.util.Arrays.fill(accum, 0, nr, 0);
      java.util.Arrays.fill(shares, 0, nr, 0);
      java.util.Arrays.fill(satType, 0, nr, false);
    }
    anySat = false;
    for (int k = 0; k < nr; k++) {
      perShare[k] = resources[k].effectiveMax();
    }
    return this;
  }

  /**
   * The tally of an auxiliary subsystem's explore ({@link AuxScoring}): one share per type, whose
   * size is the count of the last request of the type.
   */
  static ShareTally forAuxiliary(Req[] resources) {
    ShareTally t = new ShareTally(resources, 1);
    for (int k = 0; k < resources.length; k++) {
      t.perShare[t.firstIndexOfType(k)] = resources[k].effectiveMax();
    }
    return t;
  }

  /** Whether children of type {@code t} are no longer wanted. */
  boolean satisfied(int t) {
    if (!anySat) {
      return false;
    }
    for (int k = 0; k < resources.length; k++) {
      if (satType[k] && resources[k].type == t) {
        return true;
      }
    }
    return false;
  }

  /** Counts the candidates {@code dfu} holds now; returns whether every type is satisfied. */
  boolean enoughAfter(Dfu dfu) {
    return enoughAfter(dfu::totalCount);
  }

  /**
   * Counts the candidates whose total per type {@code totalOfType} gives (read once for each
   * requested type); returns whether every type is satisfied.
   */
  boolean enoughAfter(IntToLongFunction totalOfType) {
    int nr = resources.length;
    for (int k = 0; k < nr; k++) {
      if (firstIndexOfType(k) != k) {
        continue;
      }
      long total = totalOfType.applyAsLong(resources[k].type);
      if (total <= prevTotal[k]) {
        continue;
      }
      long delta = total - prevTotal[k];
      prevTotal[k] = total;
      accum[k] += delta;
      if (perShare[k] > 0 && accum[k] >= perShare[k]) {
        shares[k]++;
        accum[k] = 0;
      }
    }
    boolean enough = true;
    for (int k = 0; k < nr; k++) {
      int f = firstIndexOfType(k);
      boolean sat = perShare[f] == 0 || shares[f] >= multiplier;
      if (sat) {
        satType[k] = true;
        anySat = true;
      } else {
        enough = false;
      }
    }
    return enough;
  }

  private int firstIndexOfType(int k) {
    for (int i = 0; i < k; i++) {
      if (resources[i].type == resources[k].type) {
        return i;
      }
    }
    return k;
  }
}
