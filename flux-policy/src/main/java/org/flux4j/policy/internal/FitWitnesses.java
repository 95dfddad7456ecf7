package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The witnesses that failed fits left, by vertex ({@link SubtreePlan#witness}): a select that finds
 * a vertex's aggregate refusing a request keeps the run of time on which it is too full, and later
 * selects refuse any window meeting that run at once ({@link #refuses}), while the vertex keeps the
 * same aggregate object and no write to it since may have freed room on the run ({@link
 * SubtreePlan#mayHaveFreed}): adds only take room, so they keep the refusal true, as do removals
 * and reductions elsewhere in time. So the many full children of a large vertex cost a few array
 * loads each instead of a visit each (see {@code Traverser#surelyPruned}), also while a
 * conservative queue books job after job onto them.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>Parallel arrays by vertex, grown on demand; {@code plan[v]} is the aggregate the witness was
 * read from (null: none) and {@code frees[v]} its {@link SubtreePlan#frees()} count then, so an
 * aggregate replaced (copied on write, re-primed, dropped) or freed on the run makes the witness
 * stale without a visit here. Scratch of one engine (its {@link TraversalMarks}); a copy of the
 * engine starts without any. Not thread-safe.
 */
final class FitWitnesses {
  private final SchedState st;
  private SubtreePlan[] plan = new SubtreePlan[0];
  private long[] frees = new long[0];
  private int[] type = new int[0];
  private long[] lo = new long[0];
  private long[] hi = new long[0];
  private long[] needAbove = new long[0];
  private final long[] run = new long[3];

  /**
   * How many witnesses were kept or dropped so far; {@code keptAt[v]}: the count after v's last.
   */
  private long keeps;

  private long[] keptAt = new long[0];

  /** The witnesses of large vertices' children, summed up by blocks. */
  final WitnessBlocks blocks;

  FitWitnesses(SchedState st) {
    this.st = st;
    this.blocks = new WitnessBlocks(this, st);
  }

  /**
   * After {@code p}, the aggregate of {@code v}, refused {@code request} over {@code [at, at + d)}:
   * keeps its witness for {@code v} (or drops the one kept, if it gives none).
   */
  void keep(int v, SubtreePlan p, long[] request, long at, long d) {
    if (v >= plan.length) {
      int n = Math.max(v + 1, 2 * plan.length);
      plan = Arrays.copyOf(plan, n);
      frees = Arrays.copyOf(frees, n);
      type = Arrays.copyOf(type, n);
      lo = Arrays.copyOf(lo, n);
      hi = Arrays.copyOf(hi, n);
      needAbove = Arrays.copyOf(needAbove, n);
      keptAt = Arrays.copyOf(keptAt, n);
    }
    keptAt[v] = ++keeps;
    int t = p.witness(request, at, d, run);
    if (t < 0) {
      plan[v] = null;
      return;
    }
    plan[v] = p;
    frees[v] = p.frees();
    type[v] = t;
    lo[v] = run[0];
    hi[v] = run[1];
    needAbove[v] = run[2];
  }

  /** Drops every witness (the vertices were renumbered). */
  void clear() {
    Arrays.fill(plan, null);
    blocks.clear();
  }

  /**
   * Whether the witness kept for {@code v} proves that {@code v}'s aggregate does not fit {@code
   * request} (indexed by prune type) over {@code [at, at + d)}; false when in doubt. O(1).
   */
  boolean refuses(int v, long[] request, long at, long d) {
    if (v >= plan.length || d < 1 || at >= hi[v] || at + d <= lo[v]) {
      return false;
    }
    SubtreePlan p = plan[v];
    // fits ignores a type not asked for (a run may hold more than the total: needAbove < 0)
    long r = request[type[v]];
    return p != null && r > 0 && r > needAbove[v] && live(v, p);
  }

  /**
   * Whether {@code v} has a witness read from {@code s}, its aggregate now, that no write since
   * made stale.
   */
  boolean live(int v, SubtreePlan s) {
    if (v >= plan.length || plan[v] != s || st.sub[v] != s) {
      return false;
    }
    if (s.mayHaveFreed(frees[v], lo[v], hi[v])) {
      // stale for good (a freeing write on the run stays after it): later asks answer at once
      plan[v] = null;
      return false;
    }
    return true;
  }

  /** The prune type of {@code v}'s witness. */
  int type(int v) {
    return type[v];
  }

  /** The start of {@code v}'s witness run. */
  long lo(int v) {
    return lo[v];
  }

  /** The end of {@code v}'s witness run. */
  long hi(int v) {
    return hi[v];
  }

  /** The most of its type {@code v}'s witness admits over its run (see {@link #refuses}). */
  long needAbove(int v) {
    return needAbove[v];
  }

  /** The count of kept witnesses after {@code v}'s last (0: never). */
  long keptAt(int v) {
    return v < keptAt.length ? keptAt[v] : 0;
  }

  /** How many witnesses were kept or dropped so far. */
  long keeps() {
    return keeps;
  }
}
