package org.flux4j.policy.match;

import java.util.SplittableRandom;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;

/**
 * Small in-memory clusters for this module's tests: cluster0 -> node{i} -> core{j} (and optional
 * sockets). The one place the module's tests build graphs by hand; presets come from {@link
 * org.flux4j.graph.VirtualClusters}.
 */
public final class Clusters {
  private Clusters() {}

  /** A cluster with the given number of cores per node (node i has rank i). */
  public static ResourceGraph flat(int[] coresPerNode) {
    return flatBuilder(coresPerNode).build();
  }

  /**
   * {@link #flat}, not yet built, to add properties or statuses: the vertices are added cluster
   * first, then each node followed by its cores.
   */
  public static GraphBuilder flatBuilder(int[] coresPerNode) {
    GraphBuilder b = ResourceGraph.builder();
    int root = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(root, "containment");
    for (int i = 0; i < coresPerNode.length; i++) {
      int n = b.addVertex("node", "node", i, i, 1, "");
      b.contain(root, n);
      for (int j = 0; j < coresPerNode[i]; j++) {
        int c = b.addVertex("core", "core", j, -1, 1, "");
        b.contain(n, c);
      }
    }
    return b;
  }

  /** A cluster of {@code nodes} nodes with 2 sockets of {@code cores} cores and a 4-unit memory. */
  static ResourceGraph sockets(int nodes, int cores) {
    GraphBuilder b = ResourceGraph.builder();
    int root = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(root, "containment");
    for (int i = 0; i < nodes; i++) {
      int n = b.addVertex("node", "node", i, i, 1, "");
      b.contain(root, n);
      for (int s = 0; s < 2; s++) {
        int sk = b.addVertex("socket", "socket", s, -1, 1, "");
        b.contain(n, sk);
        for (int j = 0; j < cores; j++) {
          int c = b.addVertex("core", "core", s * cores + j, -1, 1, "");
          b.contain(sk, c);
        }
        int m = b.addVertex("memory", "memory", s, -1, 4, "GB");
        b.contain(sk, m);
      }
    }
    return b.build();
  }

  /** A random flat cluster of 1..maxNodes nodes with 1..maxCores cores each. */
  static int[] randomShape(SplittableRandom r, int maxNodes, int maxCores) {
    int[] shape = new int[1 + r.nextInt(maxNodes)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = 1 + r.nextInt(maxCores);
    }
    return shape;
  }

  /** slot[slots]->core[cores]. */
  static ResourceRequest slots(int slots, int cores, long duration) {
    return ResourceRequest.of(
        duration,
        ResourceRequest.Item.slot(slots, "default", ResourceRequest.Item.of("core", cores)));
  }

  /** node[nodes]->slot[slots]->core[cores]. */
  static ResourceRequest nodes(int nodes, int slots, int cores, long duration) {
    return ResourceRequest.of(
        duration,
        ResourceRequest.Item.of(
            "node",
            nodes,
            ResourceRequest.Item.slot(slots, "default", ResourceRequest.Item.of("core", cores))));
  }
}
