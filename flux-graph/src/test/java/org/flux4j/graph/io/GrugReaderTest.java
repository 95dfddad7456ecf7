package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.SharedData;
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
}
