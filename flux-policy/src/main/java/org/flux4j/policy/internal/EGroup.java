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
  int[] edgeVertex = new int[1];
  long[] edgeCount = new long[1];
  long[] edgeNeeds = new long[1];
  boolean[] edgeExcl = new boolean[1];

  void addEdge(int v, long count, long needs, boolean x) {
    if (nEdges == edgeVertex.length) {
      int m = nEdges * 2;
      edgeVertex = java.util.Arrays.copyOf(edgeVertex, m);
      edgeCount = java.util.Arrays.copyOf(edgeCount, m);
      edgeNeeds = java.util.Arrays.copyOf(edgeNeeds, m);
      edgeExcl = java.util.Arrays.copyOf(edgeExcl, m);
    }
    edgeVertex[nEdges] = v;
    edgeCount[nEdges] = count;
    edgeNeeds[nEdges] = needs;
    edgeExcl[nEdges] = x;
    nEdges++;
  }
}
