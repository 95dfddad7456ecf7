package org.flux4j.policy.internal;

/**
 * One candidate of a resource type under a vertex (Fluxion's {@code eval_egroup_t}): a score, how
 * many units it offers, and the edges (child vertices) it stands for with their needs and
 * exclusivity. A slot candidate has several edges; an ordinary one has one.
 */
final class EGroup {
  long score;
  long count;
  long needs;
  boolean exclusive;
  boolean root;
  int nEdges;

  /** Out-edge slots (in the dominant subsystem's adjacency) of the edges; -1 = the root edge. */
  int[] edgeSlot = new int[1];

  long[] edgeCount = new long[1];
  long[] edgeNeeds = new long[1];
  boolean[] edgeExcl = new boolean[1];

  /** Whether this group belongs to a {@link VisitMemo} entry (and so never changes). */
  boolean frozen;

  /** This group, or an unchanging copy of it if it is scratch that a later select reuses. */
  EGroup frozen() {
    if (frozen) {
      return this;
    }
    EGroup c = new EGroup();
    c.score = score;
    c.count = count;
    c.needs = needs;
    c.exclusive = exclusive;
    c.root = root;
    c.nEdges = nEdges;
    c.edgeSlot = java.util.Arrays.copyOf(edgeSlot, nEdges);
    c.edgeCount = java.util.Arrays.copyOf(edgeCount, nEdges);
    c.edgeNeeds = java.util.Arrays.copyOf(edgeNeeds, nEdges);
    c.edgeExcl = java.util.Arrays.copyOf(edgeExcl, nEdges);
    c.frozen = true;
    return c;
  }

  void addEdge(int slot, long count, long needs, boolean x) {
    if (nEdges == edgeSlot.length) {
      int m = nEdges * 2;
      edgeSlot = java.util.Arrays.copyOf(edgeSlot, m);
      edgeCount = java.util.Arrays.copyOf(edgeCount, m);
      edgeNeeds = java.util.Arrays.copyOf(edgeNeeds, m);
      edgeExcl = java.util.Arrays.copyOf(edgeExcl, m);
    }
    edgeSlot[nEdges] = slot;
    edgeCount[nEdges] = count;
    edgeNeeds[nEdges] = needs;
    edgeExcl[nEdges] = x;
    nEdges++;
  }
}
