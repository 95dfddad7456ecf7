package org.flux4j.policy.internal;

import org.flux4j.graph.Adjacency;

/**
 * Each vertex's out-slots in Fluxion's by_outedges order (descending weight, then descending
 * uniq_id of the target), in which stop-on-first-match policies explore children: the sort that
 * Fluxion's {@code explore_dynamically} ({@code resource/traversers/dfu_impl.cpp}) gets from its
 * edge container, kept between matches.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>Weights change only on the edges an update passes, so an order worked out last time is mostly
 * still in order, which one pass checks; else it is mended by insertion when a few slots are out of
 * place, or sorted afresh by a stable merge sort (slots that tie in both keys stay in ascending
 * order). A kept array is never written in place, as a caller may still be iterating it. Not
 * thread-safe.
 */
final class OutEdgeOrder {
  private static final int[] NO_SLOTS = new int[0];

  /** The most out-of-order slots a kept order is mended by insertion rather than sorted afresh. */
  private static final int MEND_AT_MOST = 8;

  private final TraversalMarks mk;

  /** Each vertex's order as last worked out, for the marks' current edge index; null: none. */
  private int[][] outOrder;

  /**
   * With {@link #outOrder}: the weight stamp ({@link SchedState#weightStamp}) under which each kept
   * order was last found in order; while the stamp is unchanged the order needs no check.
   */
  private long[] checkedAt;

  /** Whether orders are kept between matches (tests turn it off to compare). */
  private boolean keep;

  OutEdgeOrder(TraversalMarks mk, boolean keep) {
    this.mk = mk;
    this.keep = keep;
  }

  boolean keeps() {
    return keep;
  }

  /** Sets whether orders are kept, and forgets the kept ones. */
  void keep(boolean k) {
    keep = k;
    outOrder = null;
  }

  /** Forgets every kept order (the edge index changed). */
  void forget() {
    outOrder = null;
  }

  /** The out-slots of {@code u} in by_outedges order; the caller must not write the array. */
  int[] of(int u) {
    Adjacency a = mk.adj;
    int n = a.degree(u);
    if (n == 0) {
      return NO_SLOTS;
    }
    if (outOrder == null) {
      outOrder = new int[mk.g.vertexLimit()][];
      checkedAt = new long[outOrder.length];
    }
    long stamp = mk.st.weightStamp;
    int[] kept = keep ? outOrder[u] : null;
    if (kept != null && kept.length == n) {
      if (checkedAt[u] == stamp) {
        return kept;
      }
      int descents = 0;
      for (int i = 1; i < n && descents <= MEND_AT_MOST; i++) {
        if (precedes(kept[i], kept[i - 1])) {
          descents++;
        }
      }
      if (descents == 0) {
        checkedAt[u] = stamp;
        return kept;
      }
      if (descents <= MEND_AT_MOST) {
        int[] out = kept.clone();
        for (int i = 1; i < n; i++) {
          int x = out[i];
          int j = i;
          while (j > 0 && precedes(x, out[j - 1])) {
            out[j] = out[j - 1];
            j--;
          }
          out[j] = x;
        }
        outOrder[u] = out;
        checkedAt[u] = stamp;
        return out;
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = a.start(u) + i;
    }
    int[] tmp = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int x = lo;
        int y = mid;
        int k = lo;
        while (x < mid && y < hi) {
          tmp[k++] = before(out[y], out[x]) ? out[y++] : out[x++];
        }
        while (x < mid) {
          tmp[k++] = out[x++];
        }
        while (y < hi) {
          tmp[k++] = out[y++];
        }
        System.arraycopy(tmp, lo, out, lo, hi - lo);
      }
    }
    outOrder[u] = out;
    checkedAt[u] = stamp;
    return out;
  }

  /** The total order {@link #of} sorts by: {@link #before}, then the lower slot. */
  private boolean precedes(int x, int y) {
    return before(x, y) || (x < y && !before(y, x));
  }

  /** Whether out-slot {@code x} comes strictly before {@code y} in by_outedges order. */
  private boolean before(int x, int y) {
    int c = Long.compareUnsigned(mk.st.weight[x], mk.st.weight[y]);
    if (c != 0) {
      return c > 0;
    }
    return mk.g.uniqId(mk.adj.target(x)) > mk.g.uniqId(mk.adj.target(y));
  }
}
