package org.flux4j.policy.writer;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceSet;

/** Graphs and resource sets for the writer tests. */
final class Fixtures {
  private Fixtures() {}

  /** Fluxion's match formats, in the order {@code resource-query} lists them. */
  static final List<String> FLUXION_WRITERS =
      List.of(
          "simple",
          "pretty_simple",
          "jgf",
          "jgf_shorthand",
          "rlite",
          "rv1",
          "rv1_nosched",
          "rv1_shorthand");

  /** {@link #FLUXION_WRITERS}, as a JUnit method source. */
  static List<String> fluxionWriters() {
    return FLUXION_WRITERS;
  }

  // ---------------------------------------------------------------- graphs

  /**
   * The 4-node graph of jgfs/4node.*.json: tiny++0 -> rack0 -> node0..3 -> socket0, socket1 ->
   * core0..17 / core18..35, gpu0 / gpu1; node i has rank {@code ranks[i]}; with {@code modified},
   * node0's core0 has id 100.
   */
  static ResourceGraph fourNode(int[] ranks, boolean modified) {
    ClusterBuilder c =
        ClusterBuilder.nodes(4)
            .basename("tiny++")
            .racks(1)
            .nodeRanks(ranks)
            .sockets(2)
            .cores(18)
            .gpus(1);
    return (modified ? c.renumber("/tiny++0/rack0/node0/socket0/core0", 100) : c).build();
  }

  // ---------------------------------------------------------------- sets

  /**
   * On the tiny preset, one core of a node exclusively: the core and its socket exclusive, the
   * node, rack and cluster shared (the socket is {@code core / 18}).
   */
  static ResourceSet coreJob(ResourceGraph g, int node, int core) {
    String n = "/tiny0/rack0/node" + node;
    String socket = n + "/socket" + (core / 18);
    return set(
        g,
        socket + "/core" + core + "[1:x]",
        socket + "[1:x]",
        n + "[1:s]",
        "/tiny0/rack0[1:s]",
        "/tiny0[1:s]");
  }

  /**
   * A set from entries "path[count:x|s]" in emission order; each entry whose containment parent is
   * in the set gets the edge parent->entry right after it, as Fluxion's traverser emits them.
   */
  /** The text the writer {@code name} makes of {@link #set} {@code entries} of the tiny graph. */
  static String formatOnTiny(String name, String... entries) {
    return MatchWriters.require(name).format(set(VirtualClusters.tiny(), entries));
  }

  static ResourceSet set(ResourceGraph g, String... entries) {
    ResourceSet.Builder b = ResourceSet.builder(g);
    List<Integer> vs = new ArrayList<>();
    for (String e : entries) {
      int open = e.indexOf('[');
      String path = e.substring(0, open);
      String[] cm = e.substring(open + 1, e.length() - 1).split(":", 0);
      int v = g.vertexByPath(0, path).orElseThrow(() -> new IllegalArgumentException(path));
      b.add(v, Long.parseLong(cm[0]), cm[1].equals("x"));
      vs.add(v);
    }
    for (int v : vs) {
      int p = g.parent(v);
      if (p != ResourceGraph.NONE && vs.contains(p)) {
        b.edge(p, v, 0);
      }
    }
    return b.build();
  }
}
