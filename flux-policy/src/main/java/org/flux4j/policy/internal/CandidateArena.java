package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The scoring scratch a select reuses from match to match: one {@link Dfu} per recursion depth for
 * vertices and one for slots (Fluxion's {@code scoring_api_t} locals of {@code dom_dfv} and {@code
 * dom_slot} in {@code resource/traversers/dfu_impl.cpp}), and an arena of candidate groups ({@code
 * eval_egroup_t}), recycled at the start of each select. Not thread-safe.
 */
final class CandidateArena {
  private Dfu[] vertexPool = new Dfu[16];
  private Dfu[] slotPool = new Dfu[16];
  private EGroup[] groups = new EGroup[256];
  private int groupsUsed;

  /** Recycles every group handed out so far. */
  void reset() {
    groupsUsed = 0;
  }

  /** The (reset) scoring scratch of a vertex visit at recursion depth {@code d}. */
  Dfu vertex(int d) {
    if (d >= vertexPool.length) {
      vertexPool = Arrays.copyOf(vertexPool, d * 2);
    }
    return fresh(vertexPool, d);
  }

  /** The (reset) scoring scratch of a slot explored at recursion depth {@code d}. */
  Dfu slot(int d) {
    if (d >= slotPool.length) {
      slotPool = Arrays.copyOf(slotPool, d * 2);
    }
    return fresh(slotPool, d);
  }

  /** The vertex scratch at depth {@code d} as the last visit there left it (not reset). */
  Dfu vertexAsLeft(int d) {
    return vertexPool[d];
  }

  private static Dfu fresh(Dfu[] pool, int d) {
    Dfu x = pool[d];
    if (x == null) {
      x = new Dfu();
      pool[d] = x;
    }
    x.reset();
    return x;
  }

  /**
   * An empty candidate group: from the arena, or (when {@code kept}, made during a remembered visit
   * and so kept by the memo entry as it is) a new one outside it.
   */
  EGroup group(boolean kept) {
    if (kept) {
      EGroup g = new EGroup();
      g.outsideArena = true;
      return g;
    }
    if (groupsUsed == groups.length) {
      groups = Arrays.copyOf(groups, groupsUsed * 2);
    }
    EGroup g = groups[groupsUsed];
    if (g == null) {
      g = new EGroup();
      groups[groupsUsed] = g;
    } else {
      g.reset();
    }
    groupsUsed++;
    return g;
  }
}
