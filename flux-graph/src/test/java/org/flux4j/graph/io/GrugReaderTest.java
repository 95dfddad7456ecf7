package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.fixtures.GraphmlText;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

class GrugReaderTest {

  private static int at(ResourceGraph g, String path) {
    return g.vertexByPath(path).orElseThrow();
  }

  @Test
  void read_tiny_hasFluxionVerticesNamesAndIds() {
    ResourceGraph g = GrugReader.read(SharedData.grug("tiny.graphml"));

    assertThat(g.vertexCount()).isEqualTo(100);
    assertThat(g.edgeCount()).isEqualTo(99);
    assertThat(g.name(0)).isEqualTo("tiny0");
    assertThat(g.path(0)).isEqualTo("/tiny0");
    int node1 = at(g, "/tiny0/rack0/node1");
    assertThat(g.uniqId(node1)).isEqualTo(3);
    assertThat(g.rank(node1)).isEqualTo(1);
    int core18 = at(g, "/tiny0/rack0/node0/socket1/core18");
    assertThat(g.id(core18)).isEqualTo(18);
    assertThat(g.uniqId(core18)).isEqualTo(26);
    assertThat(g.rank(core18)).isEqualTo(-1);
    int memory = at(g, "/tiny0/rack0/node1/socket1/memory7");
    assertThat(g.size(memory)).isEqualTo(2);
    assertThat(g.unit(memory)).isEqualTo("GB");
    assertThat(g.countByType())
        .containsEntry("core", 72)
        .containsEntry("memory", 16)
        .containsEntry("gpu", 4)
        .containsEntry("node", 2);
  }

  @Test
  void read_small_nodesAndMemoryPools() {
    ResourceGraph g = GrugReader.read(SharedData.grug("small.graphml"));

    assertThat(g.vertexCount()).isEqualTo(378);
    int node7 = at(g, "/small0/rack0/node7");
    assertThat(g.rank(node7)).isEqualTo(7);
    assertThat(g.uniqId(node7)).isEqualTo(9);
    int memory = at(g, "/small0/rack0/node7/socket1/memory7");
    assertThat(g.size(memory)).isEqualTo(32);
    assertThat(g.countByType()).doesNotContainKey("gpu").containsEntry("core", 288);
  }

  @Test
  void read_medium_nodeIdsAreUniqueAcrossRacks() {
    ResourceGraph g = GrugReader.read(SharedData.grug("medium.graphml"));

    assertThat(g.vertexCount()).isEqualTo(3533);
    int node18 = at(g, "/medium0/rack1/node18");
    assertThat(g.uniqId(node18)).isEqualTo(5 + 18);
    assertThat(g.rank(node18)).isEqualTo(18);
    assertThat(g.vertexByPath("/medium0/rack1/node0")).isEmpty();
    int core35 = at(g, "/medium0/rack3/node71/socket1/core35");
    assertThat(g.uniqId(core35)).isEqualTo(g.vertexCount() - 1 - 144 - 576);
    assertThat(g.parent(core35)).isEqualTo(at(g, "/medium0/rack3/node71/socket1"));
  }

  @Test
  void read_power_associatesPdusAndNodesIntoThePowerSubsystem() {
    ResourceGraph g = GrugReader.read(SharedData.grug("power.graphml"));
    int power = g.subsystemId("power");

    assertThat(g.edgeCount(0)).isEqualTo(3536);
    assertThat(g.edgeCount(power)).isEqualTo(580);
    int pdu2 = at(g, "/power0/rack2/pdu2");
    assertThat(g.path(pdu2, power)).isEqualTo("/powerpanel0/pdu2");
    // ASSOCIATE_BY_PATH_IN: each node goes under the pdu of its own rack
    int node40 = at(g, "/power0/rack2/node40");
    assertThat(g.path(node40, power)).isEqualTo("/powerpanel0/pdu2/node40");
    assertThat(g.pathParent(node40, power)).isEqualTo(pdu2);
    // node_power_capacity vertices hang below the associated node in the power subsystem only
    int capacity = g.vertexByPath(power, "/powerpanel0/pdu2/node40/power1").orElseThrow();
    assertThat(g.isMember(capacity, 0)).isFalse();
    assertThat(g.size(capacity)).isEqualTo(10);
    assertThat(g.unit(capacity)).isEqualTo("KW");
    int root = g.vertexByPath(power, "/powerpanel0").orElseThrow();
    assertThat(g.uniqId(root)).isEqualTo(3537);
  }

  @Test
  void read_associateIn_repathsAndKeepsFormerPath() {
    ResourceGraph g = GrugReader.read(SharedData.grug("mt-storage/mtl3.graphml"));

    int unit = at(g, "/mtl3-test0/mtl2unit0/mtl1unit1");
    assertThat(g.formerPaths(unit, 0)).containsExactly("/mtl3-test0/rack1/mtl1unit1");
    assertThat(g.vertexByPath("/mtl3-test0/rack1/mtl1unit1")).hasValue(unit);
    // the ssds created under it keep the path they were created with
    int ssd = at(g, "/mtl3-test0/rack1/mtl1unit1/ssd7");
    assertThat(g.parent(ssd)).isEqualTo(unit);
    assertThat(g.edgeCount()).isEqualTo(227);
  }

  private static String kind(String id, String type, boolean root) {
    return GraphmlText.node(id, type, root);
  }

  @Test
  void read_idStartStrideAndNegativeScope() {
    String xml =
        GraphmlText.KEYS
            + kind("c", "cluster", true)
            + kind("n", "node", false)
            + kind("k", "core", false)
            + kind("s", "switch", false)
            + "<edge source=\"c\" target=\"n\"><data key=\"ms\">2</data></edge>"
            + "<edge source=\"n\" target=\"k\"><data key=\"ms\">3</data>"
            + "<data key=\"sc\">1</data><data key=\"st\">100</data><data key=\"sd\">10</data></edge>"
            + "<edge source=\"c\" target=\"s\"><data key=\"sc\">-1</data></edge>"
            + "</graph></graphml>";

    ResourceGraph g = GrugReader.read(xml, "inline");

    // scope 1 under 2 nodes: id = 100 + (j % 2) * 3 * 10 + i * 10
    assertThat(g.vertexByPath("/cluster0/node1/core150")).isPresent();
    assertThat(g.id(at(g, "/cluster0/node0/core120"))).isEqualTo(120);
    int sw = at(g, "/cluster0/switch");
    assertThat(g.id(sw)).isEqualTo(-1);
    assertThat(g.name(sw)).isEqualTo("switch");
    assertThat(g.uniqId(sw)).isEqualTo(9);
  }

  @Test
  void read_rootNotFirstInFile_followsFluxionSearchOrder() {
    // Boost's depth-first search starts at the first recipe vertex: the node kind is finished
    // (generating nothing) before the root is reached, and the root's edge to it is then a
    // cross edge that generates nothing either, as in Fluxion.
    String xml =
        GraphmlText.KEYS
            + kind("n", "node", false)
            + kind("c", "cluster", true)
            + kind("k", "core", false)
            + "<edge source=\"c\" target=\"k\"><data key=\"ms\">2</data></edge>"
            + "<edge source=\"c\" target=\"n\"><data key=\"ms\">2</data></edge>"
            + "</graph></graphml>";

    ResourceGraph g = GrugReader.read(xml, "inline");

    assertThat(g.countByType()).containsEntry("cluster", 1).containsEntry("core", 2);
    assertThat(g.countByType()).doesNotContainKey("node");
  }
}
