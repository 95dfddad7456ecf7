package org.flux4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceGraphTest {

  /** cluster0 -> node0, node1 -> core0, core1 each. */
  private static ResourceGraph small() {
    return TestGraphs.twoNodesOfTwoCores().build();
  }

  @Test
  void build_namesPathsAndCounts() {
    ResourceGraph g = small();
    assertThat(g.vertexCount()).isEqualTo(7);
    assertThat(g.edgeCount()).isEqualTo(6);
    assertThat(g.name(2)).isEqualTo("core0");
    assertThat(g.path(5)).isEqualTo("/cluster0/node1/core0");
    assertThat(g.vertexByPath("/cluster0/node1")).hasValue(4);
    assertThat(g.vertexByPath("/cluster0/node9")).isEmpty();
    assertThat(g.uniqId(6)).isEqualTo(6);
    assertThat(g.roots()).containsExactly(0);
    assertThat(g.countByType())
        .containsExactly(
            java.util.Map.entry("cluster", 1),
            java.util.Map.entry("node", 2),
            java.util.Map.entry("core", 4));
    Adjacency out = g.out(0);
    assertThat(out.degree(0)).isEqualTo(2);
    assertThat(out.target(out.start(0))).isEqualTo(1);
    assertThat(g.relationName(out.relation(out.start(0)))).isEqualTo("contains");
  }

  @Test
  void remove_dropsSubtreeAndEdges() {
    ResourceGraph g = small();
    assertThat(g.remove(1)).isEqualTo(3);
    assertThat(g.vertexCount()).isEqualTo(4);
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.isLive(2)).isFalse();
    assertThat(g.vertexByPath("/cluster0/node0")).isEmpty();
    assertThat(g.out(0).degree(0)).isEqualTo(1);
  }

  @Test
  void attach_addsOnlyNewVertices() {
    ResourceGraph g = small();
    GraphBuilder b = ResourceGraph.builder();
    int c = b.addVertex("cluster", "cluster", null, 0, 0, -1, 1, "");
    b.root(c, Subsystems.CONTAINMENT);
    int node = b.addVertex("node", "node", null, 2, 100, 2, 1, "");
    b.contain(c, node);
    b.contain(node, b.addVertex("core", "core", null, 0, 101, -1, 1, ""));
    int[] added = g.attach(b.build());
    assertThat(added).hasSize(2);
    assertThat(g.vertexCount()).isEqualTo(9);
    assertThat(g.path(added[1])).isEqualTo("/cluster0/node2/core0");
    assertThat(g.out(0).degree(0)).isEqualTo(3);
  }

  @Test
  void build_rejectsNegativeSizeAndCycles() {
    GraphBuilder b = GraphBuilder.forSource("bad.json", 4);
    b.addVertex("memory", "memory", 0, -1, -4, "GB");
    assertThatThrownBy(b::build)
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("negative size");

    GraphBuilder c = GraphBuilder.forSource("cycle.json", 4);
    int a = c.addVertex("node", "node", 0, -1, 1, "");
    int d = c.addVertex("node", "node", 1, -1, 1, "");
    c.contain(a, d).contain(d, a);
    assertThatThrownBy(c::build).hasMessageContaining("cycle");
  }

  @Test
  void explicitNameAndPropertiesAndStatus() {
    GraphBuilder b = ResourceGraph.builder();
    int v = b.addVertex("node", "fluke", "fluke-special", 4432, 0, 0, 1, "");
    b.root(v, Subsystems.CONTAINMENT).property(v, "perf_class", "3");
    ResourceGraph g = b.build();
    assertThat(g.name(v)).isEqualTo("fluke-special");
    assertThat(g.hasExplicitName(v)).isTrue();
    assertThat(g.properties(v)).containsEntry("perf_class", "3");
    g.setStatus(v, Status.DOWN);
    assertThat(g.status(v)).isEqualTo(Status.DOWN);
    ResourceGraph copy = g.copy();
    g.setProperty(v, "x", "1");
    assertThat(copy.properties(v)).doesNotContainKey("x");
  }

  @Test
  void modificationCount_countsEveryChange_andOnlyChanges() {
    ResourceGraph g = VirtualClusters.tiny();
    int node = g.vertexByPath("/tiny0/rack0/node0").getAsInt();
    long c0 = g.modificationCount();
    g.status(node);
    g.properties(node);
    assertThat(g.modificationCount()).isEqualTo(c0);
    g.setStatus(node, Status.DOWN);
    assertThat(g.modificationCount()).isEqualTo(c0 + 1);
    g.setProperty(node, "fast", "yes");
    assertThat(g.modificationCount()).isEqualTo(c0 + 2);
    assertThat(g.removeProperty(node, "absent")).isFalse();
    assertThat(g.modificationCount()).isEqualTo(c0 + 2);
    assertThat(g.removeProperty(node, "fast")).isTrue();
    assertThat(g.modificationCount()).isEqualTo(c0 + 3);
    g.remove(node);
    assertThat(g.modificationCount()).isEqualTo(c0 + 4);
  }
}
