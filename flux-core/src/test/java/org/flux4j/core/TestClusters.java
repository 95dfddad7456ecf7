package org.flux4j.core;

import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/** Small virtual clusters for tests: cluster0 / nodeN (rank N) / coreK, gpuK. */
final class TestClusters {
  private TestClusters() {}

  static ResourceGraph cluster(int nodes, int coresPerNode, int gpusPerNode) {
    GraphBuilder b = ResourceGraph.builder();
    int c = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(c, Subsystems.CONTAINMENT);
    for (int n = 0; n < nodes; n++) {
      int node = b.addVertex("node", "node", n, n, 1, "");
      b.contain(c, node);
      for (int k = 0; k < coresPerNode; k++) {
        b.contain(node, b.addVertex("core", "core", k, n, 1, ""));
      }
      for (int k = 0; k < gpusPerNode; k++) {
        b.contain(node, b.addVertex("gpu", "gpu", k, n, 1, ""));
      }
    }
    return b.build();
  }
}
