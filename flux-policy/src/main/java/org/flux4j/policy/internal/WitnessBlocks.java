package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The fit witnesses ({@link FitWitnesses}) of a large vertex's children summed up by blocks of
 * {@link #SIZE} consecutive places of its out-edge order ({@link OutEdgeOrder}), so that an explore
 * passes a block whose children all refuse the request at once instead of asking each child: a
 * block's witnesses all refuse a window {@code [at, at + d)} and a request {@code r} when the
 * window starts before the earliest run end ({@code minHi}), ends after the latest run start
 * ({@code maxLo}), and {@code r} of the witnesses' one type exceeds the largest amount a run admits
 * ({@code maxNeed}); that is exact: every witness of the block then refuses, and none does
 * otherwise.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>One {@link Layout} per vertex with at least {@link #SIZE} children, laid for one order array
 * ({@link OutEdgeOrder} never writes a kept array in place, so a new array means a new order, and
 * the layout is laid again). A block's summary is rebuilt when it is asked after a witness of one
 * of its children was kept anew ({@link FitWitnesses#keptAt}) or one child's aggregate was replaced
 * or had a freeing write ({@link SubtreePlan#frees()}) since the summary: O({@link #SIZE}) loads to
 * check, O({@link #SIZE}) to rebuild, and nothing to tell (a child under two parents, or twice
 * under one, needs no care). Scratch of one engine, as its witnesses are. Not thread-safe.
 */
final class WitnessBlocks {
  /** Children per block. */
  static final int SIZE = 16;

  private final FitWitnesses w;
  private final SchedState st;

  /** By vertex: the layout of its children, or null. */
  private Layout[] byParent = new Layout[0];

  WitnessBlocks(FitWitnesses w, SchedState st) {
    this.w = w;
    this.st = st;
  }

  /** The blocks of one vertex's children, for one order of them. */
  private static final class Layout {
    final int[] order;
    final boolean oneType;
    final int[] kids;
    final SubtreePlan[] plan;
    final long[] frees;
    final long[] builtAt;
    final boolean[] full;
    final int[] type;
    final long[] maxLo;
    final long[] minHi;
    final long[] maxNeed;

    Layout(int[] order, int[] kids, boolean oneType) {
      this.order = order;
      this.oneType = oneType;
      this.kids = kids;
      int blocks = kids.length / SIZE;
      plan = new SubtreePlan[blocks * SIZE];
      frees = new long[blocks * SIZE];
      builtAt = new long[blocks];
      Arrays.fill(builtAt, -1);
      full = new boolean[blocks];
      type = new int[blocks];
      maxLo = new long[blocks];
      minHi = new long[blocks];
      maxNeed = new long[blocks];
    }
  }

  /** Where a vertex's out-slots lead, and the type of each child. */
  interface Children {
    /** The child out-slot {@code slot} leads to. */
    int target(int slot);

    /** The type of vertex {@code v}. */
    int typeOf(int v);
  }

  /** Drops every layout (the vertices were renumbered). */
  void clear() {
    Arrays.fill(byParent, null);
  }

  /**
   * Whether the children of {@code u} at places {@code [from, from + SIZE)} of {@code order} (its
   * out-slots, children all of one type, else -1) all have live witnesses that refuse one of the
   * {@code requests} (indexed by prune type) over {@code [at, at + d)}: then the number of them not
   * colored {@code tick} and not eligible for {@code memo}, or -1 when one is (or when not all
   * refuse). Blocks start at multiples of {@link #SIZE}; a last partial block is never summed up
   * (-1).
   */
  int refusedBlock(
      int u,
      int[] order,
      Children children,
      int from,
      long[][] requests,
      long at,
      long d,
      int[] color,
      int tick,
      VisitMemo memo) {
    if (from % SIZE != 0 || from + SIZE > order.length || d < 1) {
      return -1;
    }
    Layout l = layout(u, order, children);
    if (!l.oneType) {
      return -1;
    }
    int b = from / SIZE;
    if (!unchanged(l, b)) {
      summarize(l, b);
    }
    if (!l.full[b] || at >= l.minHi[b] || at + d <= l.maxLo[b]) {
      return -1;
    }
    boolean refused = false;
    for (int i = 0; i < requests.length && !refused; i++) {
      long r = requests[i][l.type[b]];
      refused = r > 0 && r > l.maxNeed[b];
    }
    if (!refused) {
      return -1;
    }
    int count = 0;
    for (int p = from; p < from + SIZE; p++) {
      int v = l.kids[p];
      if (memo != null && memo.eligible(v)) {
        return -1;
      }
      if (color[v] != tick) {
        count++;
      }
    }
    return count;
  }

  /**
   * Whether block {@code b} was summed up and no child of it had a witness kept, or its aggregate
   * replaced or freed, since.
   */
  private boolean unchanged(Layout l, int b) {
    long built = l.builtAt[b];
    if (built < 0) {
      return false;
    }
    for (int p = b * SIZE; p < (b + 1) * SIZE; p++) {
      int v = l.kids[p];
      SubtreePlan s = l.plan[p];
      if (s == null || st.sub[v] != s || s.frees() != l.frees[p] || w.keptAt(v) > built) {
        return false;
      }
    }
    return true;
  }

  /** Sums up block {@code b} from its children's witnesses as they are now. */
  private void summarize(Layout l, int b) {
    boolean full = true;
    int type = -1;
    long maxLo = Long.MIN_VALUE;
    long minHi = Long.MAX_VALUE;
    long maxNeed = Long.MIN_VALUE;
    for (int p = b * SIZE; p < (b + 1) * SIZE; p++) {
      int v = l.kids[p];
      SubtreePlan s = st.sub[v];
      l.plan[p] = s;
      l.frees[p] = s == null ? 0 : s.frees();
      if (!full) {
        continue;
      }
      if (s == null || !w.live(v, s) || (type >= 0 && w.type(v) != type)) {
        full = false;
        continue;
      }
      type = w.type(v);
      maxLo = Math.max(maxLo, w.lo(v));
      minHi = Math.min(minHi, w.hi(v));
      maxNeed = Math.max(maxNeed, w.needAbove(v));
    }
    l.full[b] = full;
    l.type[b] = type;
    l.maxLo[b] = maxLo;
    l.minHi[b] = minHi;
    l.maxNeed[b] = maxNeed;
    l.builtAt[b] = w.keeps();
  }

  /** The layout of {@code u}'s children for {@code order}, laid afresh for a new order. */
  private Layout layout(int u, int[] order, Children children) {
    if (u >= byParent.length) {
      byParent = Arrays.copyOf(byParent, Math.max(u + 1, 2 * byParent.length));
    }
    Layout l = byParent[u];
    if (l != null && l.order == order) {
      return l;
    }
    int[] kids = new int[order.length];
    boolean oneType = true;
    for (int p = 0; p < order.length; p++) {
      kids[p] = children.target(order[p]);
      oneType &= children.typeOf(kids[p]) == children.typeOf(kids[0]);
    }
    l = new Layout(order, kids, oneType);
    byParent[u] = l;
    return l;
  }
}
