package org.flux4j.graph.io;

import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/**
 * The graph Fluxion's GRUG reader makes of t/data/resource/grugs/tiny.graphml, built by hand: tiny0
 * -> rack0 -> node0, node1 -> socket0, socket1 -> core0..17 / core18..35 (node-wide ids), gpu0 /
 * gpu1, memory0..3 / memory4..7 (2 GB each). uniq_ids follow GRUG's generation order (level by
 * level along each recipe edge), and each containment edge has a reverse "in" edge.
 */
final class TinyGraph {
  private TinyGraph() {}

  static ResourceGraph build() {
    GraphBuilder b = ResourceGraph.builder();
    int cluster = b.addVertex("cluster", "tiny", 0, -1, 1, "");
    b.root(cluster, Subsystems.CONTAINMENT);
    int rack = b.addVertex("rack", "rack", 0, -1, 1, "");
    link(b, cluster, rack);
    int[] nodes = new int[2];
    for (int n = 0; n < 2; n++) {
      nodes[n] = b.addVertex("node", "node", n, n, 1, "");
      link(b, rack, nodes[n]);
    }
    int[] sockets = new int[4];
    for (int n = 0; n < 2; n++) {
      for (int s = 0; s < 2; s++) {
        sockets[2 * n + s] = b.addVertex("socket", "socket", s, -1, 1, "");
        link(b, nodes[n], sockets[2 * n + s]);
      }
    }
    for (int k = 0; k < 4; k++) {
      for (int c = 0; c < 18; c++) {
        link(b, sockets[k], b.addVertex("core", "core", (k % 2) * 18 + c, -1, 1, ""));
      }
    }
    for (int k = 0; k < 4; k++) {
      link(b, sockets[k], b.addVertex("gpu", "gpu", k % 2, -1, 1, ""));
    }
    for (int k = 0; k < 4; k++) {
      for (int m = 0; m < 4; m++) {
        link(b, sockets[k], b.addVertex("memory", "memory", (k % 2) * 4 + m, -1, 2, "GB"));
      }
    }
    return b.build();
  }

  private static void link(GraphBuilder b, int parent, int child) {
    b.contain(parent, child);
    b.edge(child, parent, Subsystems.CONTAINMENT, "in");
  }
}
