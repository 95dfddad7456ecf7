package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * One candidate of a resource type under a vertex (Fluxion's {@code eval_egroup_t}): a score, how
 * many units it offers, and the edges (child vertices) it stands for with their needs and
 * exclusivity. A slot candidate has several edges; an ordinary one has one, so the first edge is
 * held in fields and only further edges in arrays (one object per ordinary candidate).
 */
final class EGroup {
  long score;
  long count;
  long needs;
  boolean exclusive;
  boolean root;
  int nEdges;

  // the first edge: its out-edge slot in the dominant subsystem's adjacency (-1 = the root edge)
  private int slot0;
  private long count0;
  private long needs0;
  private boolean excl0;

  // edges 1.. (null until a second edge is added)
  private int[] moreSlot;
  private long[] moreCount;
  private long[] moreNeeds;
  private boolean[] moreExcl;

  /**
   * Whether this group belongs to a {@link VisitMemo} entry (and so never changes again), or was
   * made during a remembered visit, outside the traverser's reusable arena (then it can be kept
   * without a copy).
   */
  boolean frozen;

  boolean outsideArena;

  int edgeSlot(int k) {
    return k == 0 ? slot0 : moreSlot[k - 1];
  }

  long edgeCount(int k) {
    return k == 0 ? count0 : moreCount[k - 1];
  }

  long edgeNeeds(int k) {
    return k == 0 ? needs0 : moreNeeds[k - 1];
  }

  boolean edgeExcl(int k) {
    return k == 0 ? excl0 : moreExcl[k - 1];
  }

  /** Clears this arena group for reuse. */
  void reset() {
    score = 0;
    count = 0;
    needs = 0;
    exclusive = false;
    root = false;
    nEdges = 0;
  }

  /**
   * This group as an unchanging member of a memo entry: itself if it is already one or was made
   * outside the arena, else a copy (arena groups are reused by later selects).
   */
  EGroup frozen() {
    if (frozen) {
      return this;
    }
    if (outsideArena) {
      frozen = true;
      return this;
    }
    EGroup c = new EGroup();
    c.score = score;
    c.count = count;
    c.needs = needs;
    c.exclusive = exclusive;
    c.root = root;
    c.nEdges = nEdges;
    c.slot0 = slot0;
    c.count0 = count0;
    c.needs0 = needs0;
    c.excl0 = excl0;
    if (nEdges > 1) {
      c.moreSlot = Arrays.copyOf(moreSlot, nEdges - 1);
      c.moreCount = Arrays.copyOf(moreCount, nEdges - 1);
      c.moreNeeds = Arrays.copyOf(moreNeeds, nEdges - 1);
      c.moreExcl = Arrays.copyOf(moreExcl, nEdges - 1);
    }
    c.frozen = true;
    return c;
  }

  void addEdge(int slot, long edgeCount, long edgeNeeds, boolean x) {
    if (nEdges == 0) {
      slot0 = slot;
      count0 = edgeCount;
      needs0 = edgeNeeds;
      excl0 = x;
      nEdges = 1;
      return;
    }
    int k = nEdges - 1;
    if (moreSlot == null || k == moreSlot.length) {
      int m = moreSlot == null ? 2 : moreSlot.length * 2;
      moreSlot = moreSlot == null ? new int[m] : Arrays.copyOf(moreSlot, m);
      moreCount = moreCount == null ? new long[m] : Arrays.copyOf(moreCount, m);
      moreNeeds = moreNeeds == null ? new long[m] : Arrays.copyOf(moreNeeds, m);
      moreExcl = moreExcl == null ? new boolean[m] : Arrays.copyOf(moreExcl, m);
    }
    moreSlot[k] = slot;
    moreCount[k] = edgeCount;
    moreNeeds[k] = edgeNeeds;
    moreExcl[k] = x;
    nEdges++;
  }
}
