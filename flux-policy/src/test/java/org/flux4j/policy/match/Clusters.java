package org.flux4j.policy.match;

import java.util.SplittableRandom;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;

/**
 * Small in-memory clusters for this module's tests, by {@link ClusterBuilder}, and the requests
 * they are asked; presets come from {@link org.flux4j.graph.VirtualClusters}.
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
    return ClusterBuilder.coresPerNode(coresPerNode).unbuilt();
  }

  /** A cluster of {@code nodes} nodes with 2 sockets of {@code cores} cores and a 4-unit memory. */
  static ResourceGraph sockets(int nodes, int cores) {
    return ClusterBuilder.nodes(nodes).sockets(2).cores(cores).memory(4, "GB").build();
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
