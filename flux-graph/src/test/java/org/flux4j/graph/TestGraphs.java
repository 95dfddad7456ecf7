package org.flux4j.graph;

/** Small graphs shared by this module's tests, so that each shape is built in one place. */
public final class TestGraphs {
  private TestGraphs() {}

  /**
   * The {@code tiny} preset (what GRUG makes of flux-sched's tiny.graphml: same vertex order, ids
   * and uniq_ids) with, as Fluxion's GRUG reader adds them, a reverse "in" edge from each child to
   * its containment parent.
   */
  public static ResourceGraph tinyWithInEdges() {
    ResourceGraph tiny = VirtualClusters.tiny();
    GraphBuilder b = ResourceGraph.builder();
    for (int v = 0; v < tiny.vertexLimit(); v++) {
      b.addVertex(
          tiny.type(v),
          tiny.basename(v),
          tiny.name(v),
          tiny.id(v),
          tiny.uniqId(v),
          tiny.rank(v),
          tiny.size(v),
          tiny.unit(v));
    }
    b.root(tiny.roots()[0], Subsystems.CONTAINMENT);
    Adjacency out = tiny.out(0);
    for (int v = 0; v < tiny.vertexLimit(); v++) {
      for (int e = out.start(v); e < out.end(v); e++) {
        b.contain(v, out.target(e));
        b.edge(out.target(e), v, Subsystems.CONTAINMENT, "in");
      }
    }
    return b.build();
  }
}
