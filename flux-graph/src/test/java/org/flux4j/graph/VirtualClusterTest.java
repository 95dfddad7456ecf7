package org.flux4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.fixtures.GraphAssert;
import org.flux4j.fixtures.GraphmlText;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.junit.jupiter.api.Test;

class VirtualClusterTest {

  @Test
  void build_nestedLevels_namesIdsRanksAndPathsFollowGrug() {
    ResourceGraph g =
        VirtualCluster.builder("cluster")
            .basename("c")
            .child(
                "rack",
                2,
                rack ->
                    rack.child(
                        "node",
                        3,
                        node ->
                            node.idScope(1)
                                .child("core", 4, core -> core.idScope(1).idStart(10).idStride(2))
                                .child("memory", 1, mem -> mem.size(64).unit("GB"))))
            .build();

    assertThat(g.vertexCount()).isEqualTo(1 + 2 + 6 + 24 + 6);
    assertThat(g.edgeCount()).isEqualTo(g.vertexCount() - 1);
    int node4 = g.vertexByPath("/c0/rack1/node4").orElseThrow();
    assertThat(g.rank(node4)).isEqualTo(4);
    assertThat(g.uniqId(node4)).isEqualTo(7);
    // id_scope 1 under node: cores numbered across the 3 nodes of a rack: 10 + (j % 3) * 4 * 2 + 2i
    int core = g.vertexByPath("/c0/rack1/node4/core24").orElseThrow();
    assertThat(g.id(core)).isEqualTo(24);
    assertThat(g.rank(core)).isEqualTo(-1);
    int mem = g.vertexByPath("/c0/rack0/node0/memory0").orElseThrow();
    assertThat(g.size(mem)).isEqualTo(64);
    assertThat(g.unit(mem)).isEqualTo("GB");
  }

  @Test
  void build_negativeIdScope_namesAreBasenames() {
    ResourceGraph g =
        VirtualCluster.builder("cluster").child("switch", 2, sw -> sw.idScope(-1)).build();

    int sw = g.vertexByPath("/cluster0/switch").orElseThrow();
    assertThat(g.id(sw)).isEqualTo(-1);
    assertThat(g.name(sw)).isEqualTo("switch");
  }

  @Test
  void build_sameAsEquivalentGraphml() {
    String xml =
        GraphmlText.KEYS
            + GraphmlText.node("c", "cluster", true)
            + GraphmlText.node("n", "node", false)
            + GraphmlText.node("k", "core", false)
            + "<edge source=\"c\" target=\"n\"><data key=\"ms\">3</data></edge>"
            + "<edge source=\"n\" target=\"k\"><data key=\"ms\">5</data>"
            + "<data key=\"sc\">1</data></edge>"
            + "</graph></graphml>";

    ResourceGraph built =
        VirtualCluster.builder("cluster")
            .child("node", 3, n -> n.child("core", 5, c -> c.idScope(1)))
            .build();

    GraphAssert.assertSameGraph(built, GraphReaders.read(xml, "inline", GraphFormat.GRUG));
  }

  @Test
  void vertexCount_countsWithoutBuilding() {
    VirtualCluster.Level huge =
        VirtualCluster.builder("cluster").child("node", 1_000_000, n -> n.child("core", 10_000));

    assertThat(huge.vertexCount()).isEqualTo(1L + 1_000_000L + 10_000_000_000L);
    assertThatThrownBy(huge::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing");
  }

  @Test
  void child_negativeCount_isRefused() {
    assertThatThrownBy(() -> VirtualCluster.builder("cluster").child("node", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void idScope_onRoot_isRefused() {
    assertThatThrownBy(() -> VirtualCluster.builder("cluster").idScope(1))
        .isInstanceOf(IllegalStateException.class);
  }
}
