package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/** The facade dispatches the non-GRUG formats to their readers, from files and from strings. */
class GraphReadersFormatsTest {

  @Test
  void read_jgfAndShorthand_fromFileAndString_giveTheSameGraph() throws IOException {
    Path file = FormatsTestData.file("t/data/resource/jgfs/tiny.json");
    ResourceGraph a = GraphReaders.read(file, GraphFormat.JGF);
    ResourceGraph b =
        GraphReaders.read(Files.readString(file), "tiny.json", GraphFormat.JGF_SHORTHAND);
    assertThat(FormatsTestData.counts(b)).containsExactly(FormatsTestData.counts(a));
    for (int v = 0; v < a.vertexLimit(); v++) {
      assertThat(b.path(v)).isEqualTo(a.path(v));
    }
  }

  @Test
  void read_hwloc_fromString_appliesTheTypeSet() throws IOException {
    Path file = FormatsTestData.file("t/data/hwloc-data/001N/node_local_storage/lassen/0.xml");
    ResourceGraph g =
        GraphReaders.read(
            Files.readString(file), "lassen.xml", GraphFormat.HWLOC, Set.of("node", "gpu"));
    assertThat(g.countByType()).containsOnlyKeys("cluster", "node", "gpu");
    assertThat(GraphReaders.read(file, GraphFormat.HWLOC).vertexCount()).isEqualTo(231);
  }

  @Test
  void read_rv1exec_fromString() throws IOException {
    Path file = FormatsTestData.file("t/data/resource/rv1exec/tiny_rv1exec.json");
    ResourceGraph g = GraphReaders.read(Files.readString(file), "r.json", GraphFormat.RV1EXEC);
    assertThat(g.vertexCount()).isEqualTo(43);
  }
}
