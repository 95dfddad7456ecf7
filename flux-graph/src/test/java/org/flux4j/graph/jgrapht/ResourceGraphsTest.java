package org.flux4j.graph.jgrapht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.Subsystems;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.DepthFirstIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceGraphsTest {

  /** cluster0 -> node0, node1 -> core0, core1 each; node1 down, with a power edge. */
  private static ResourceGraph small() {
    GraphBuilder b = ClusterBuilder.nodes(2).cores(2).unbuilt();
    int pdu = b.addVertex("pdu", "pdu", 0, -1, 1, "");
    b.contain(0, pdu); // under cluster0
    b.root(pdu, Subsystems.POWER);
    b.edge(pdu, 1, Subsystems.POWER, "supplies_to");
    b.pathParent(1, Subsystems.POWER, pdu);
    b.status(4, Status.DOWN);
    b.property(4, "perf_class", "2");
    return b.build();
  }

  @Test
  void asJGraphT_containment_isAReadOnlyViewOfTheTree() {
    ResourceGraph g = small();
    Graph<Integer, Integer> view = ResourceGraphs.asJGraphT(g);
    assertThat(view.vertexSet()).hasSize(8).contains(0, 7);
    assertThat(view.edgeSet()).hasSize(7);
    assertThat(view.outDegreeOf(0)).isEqualTo(3);
    assertThat(view.inDegreeOf(2)).isEqualTo(1);
    Integer e = view.getEdge(1, 2);
    assertThat(view.getEdgeSource(e)).isEqualTo(1);
    assertThat(view.getEdgeTarget(e)).isEqualTo(2);
    assertThat(view.incomingEdgesOf(2)).containsExactly(e);
    assertThat(view.getEdge(2, 1)).isNull();
    assertThat(view.containsEdge(0, 4)).isTrue();
    assertThat(view.getType().isDirected()).isTrue();
    assertThat(new ConnectivityInspector<>(view).isConnected()).isTrue();
    List<Integer> order = new java.util.ArrayList<>();
    new DepthFirstIterator<>(view, 0).forEachRemaining(order::add);
    assertThat(order).hasSize(8).startsWith(0);
    assertThatThrownBy(() -> view.addVertex(99)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> view.removeEdge(e)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void asJGraphT_power_hasOnlyItsMembersAndEdges() {
    ResourceGraph g = small();
    Graph<Integer, Integer> view = ResourceGraphs.asJGraphT(g, Subsystems.POWER);
    assertThat(view.vertexSet()).containsExactly(1, 7);
    assertThat(view.edgeSet()).hasSize(1);
    assertThat(view.getEdgeSource(0)).isEqualTo(7);
    assertThatThrownBy(() -> ResourceGraphs.asJGraphT(g, "nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void exportDot_writesAttributes() {
    StringWriter w = new StringWriter();
    ResourceGraphs.exportDot(small(), Subsystems.CONTAINMENT, w);
    String dot = w.toString();
    assertThat(dot).startsWith("digraph G {");
    assertThat(dot).contains("path=\"/cluster0/node1/core0\"").contains("relation=\"contains\"");
    assertThat(dot).contains("1 -> 2");
  }

  @Test
  void exportGraphML_declaresAndWritesAttributes(@TempDir Path dir) throws Exception {
    Path file =
        ResourceGraphs.export(
            small(), Subsystems.CONTAINMENT, ResourceGraphs.ExportFormat.GRAPHML, dir.resolve("g"));
    assertThat(file.getFileName().toString()).isEqualTo("g.graphml");
    String xml = Files.readString(file);
    assertThat(xml).contains("attr.name=\"uniq_id\"").contains("<node id=\"4\">");
    assertThat(xml).contains(">/cluster0/node1<");
    assertThat(ResourceGraphs.ExportFormat.byName("DOT")).hasValue(ResourceGraphs.ExportFormat.DOT);
  }

  @Test
  void importGraphML_readsBackWhatExportGraphMLWrote() {
    ResourceGraph g = small();
    StringWriter w = new StringWriter();
    ResourceGraphs.exportGraphML(g, Subsystems.CONTAINMENT, w);
    ResourceGraph back = ResourceGraphs.importGraphML(new java.io.StringReader(w.toString()), "g");
    assertThat(back.vertexCount()).isEqualTo(8);
    assertThat(back.edgeCount()).isEqualTo(7);
    for (int v = 0; v < g.vertexLimit(); v++) {
      int u = back.vertexByUniqId(g.uniqId(v));
      assertThat(back.path(u)).isEqualTo(g.path(v));
      assertThat(back.rank(u)).isEqualTo(g.rank(v));
    }
    String noType = w.toString().replace("<data key=\"key0\">cluster</data>", "");
    assertThatThrownBy(
            () -> ResourceGraphs.importGraphML(new java.io.StringReader(noType), "g.graphml"))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("g.graphml")
        .hasMessageContaining("no \"type\"");
    assertThatThrownBy(
            () ->
                ResourceGraphs.importGraphML(
                    new java.io.StringReader(
                        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><graphml/>"),
                    "bad"))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void fromJGraphT_roundTripsThroughTheView() {
    ResourceGraph g = small();
    ResourceGraph copy =
        ResourceGraphs.fromJGraphT(ResourceGraphs.asJGraphT(g), v -> ResourceAttributes.of(g, v));
    assertThat(copy.vertexCount()).isEqualTo(g.vertexCount());
    assertThat(copy.edgeCount()).isEqualTo(7);
    for (int v = 0; v < g.vertexLimit(); v++) {
      assertThat(copy.path(v)).isEqualTo(g.path(v));
      assertThat(copy.uniqId(v)).isEqualTo(g.uniqId(v));
      assertThat(copy.status(v)).isEqualTo(g.status(v));
      assertThat(copy.properties(v)).isEqualTo(g.properties(v));
    }
  }

  @Test
  void fromJGraphT_buildsAClusterFromPlainJGraphT() {
    Graph<String, DefaultEdge> j = new DefaultDirectedGraph<>(DefaultEdge.class);
    j.addVertex("c");
    j.addVertex("n7");
    j.addVertex("x");
    j.addEdge("c", "n7");
    j.addEdge("n7", "x");
    ResourceGraph g =
        ResourceGraphs.fromJGraphT(
            j,
            v ->
                v.equals("c")
                    ? ResourceAttributes.of("cluster", 0)
                    : v.equals("n7")
                        ? ResourceAttributes.of("node", 7)
                        : ResourceAttributes.of("core", 3));
    assertThat(g.path(2)).isEqualTo("/cluster0/node7/core3");
    assertThat(g.uniqId(2)).isEqualTo(2);
    j.addEdge("x", "c");
    assertThatThrownBy(() -> ResourceGraphs.fromJGraphT(j, v -> ResourceAttributes.of("a", 0)))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("JGraphT graph")
        .hasMessageContaining("cycle");
    j.removeEdge("x", "c");
    j.addEdge("c", "x");
    assertThatThrownBy(() -> ResourceGraphs.fromJGraphT(j, v -> ResourceAttributes.of("a", 0)))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("two containment parents");
  }
}
