package org.flux4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.fixtures.GraphAssert;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualClustersTest {

  @ParameterizedTest
  @CsvSource({"tiny, tiny.graphml", "small, small.graphml", "medium, medium.graphml"})
  void preset_equalsFluxSchedRecipe(String preset, String file) {
    ResourceGraph fromFile = GraphReaders.read(SharedData.grug(file), GraphFormat.GRUG);

    GraphAssert.assertSameGraph(VirtualClusters.byName(preset), fromFile);
  }

  @Test
  void preset10k_equalsBenchmarkRecipe() {
    ResourceGraph fromFile =
        GraphReaders.read(SharedData.require("bench/grugs/n10k.graphml"), GraphFormat.GRUG);

    ResourceGraph preset = VirtualClusters.byName("10k");

    assertThat(preset.vertexCount()).isEqualTo(510_201);
    GraphAssert.assertSameGraph(preset, fromFile);
  }

  @Test
  void preset16k_hasDocumentedShape() {
    ResourceGraph g = VirtualClusters.byName("16k");

    assertThat(g.vertexCount()).isEqualTo(1_687_681);
    assertThat(g.edgeCount()).isEqualTo(1_687_680);
    assertThat(g.countByType())
        .containsEntry("node", 16_384)
        .containsEntry("core", 16_384 * 64)
        .containsEntry("gpu", 16_384 * 4)
        .containsEntry("rack", 128);
    int last = g.vertexByPath("/cluster0/rack127/node16383/socket1/core63").orElseThrow();
    assertThat(g.id(last)).isEqualTo(63);
    int node = g.vertexByPath("/cluster0/rack127/node16383").orElseThrow();
    assertThat(g.rank(node)).isEqualTo(16_383);
  }

  @Test
  void byName_unknownPreset_listsThePresets() {
    assertThatThrownBy(() -> VirtualClusters.byName("huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("huge")
        .hasMessageContaining("medium");
  }
}
