package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.flux4j.fixtures.BareJgf;
import org.flux4j.fixtures.FluxionExpected;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;
import org.flux4j.graph.TestGraphs;
import org.junit.jupiter.api.Test;

class JgfWriterTest {

  @Test
  void write_wholeGraph_equalsFluxionFindStatusUp() throws IOException {
    ResourceGraph g = BareJgf.load(SharedData.resourceData("jgfs/elastic/node-test.json"), true);
    // elastic/003: match, then "find status=up" (find writes every vertex as exclusive)
    List<String> expected = FluxionExpected.segments("elastic/003.R.out");
    assertThat(JgfWriter.write(g) + "\n").isEqualTo(expected.get(1));
  }

  @Test
  void write_skipsReverseInEdgesAndWritesPostOrder() {
    ResourceGraph g = TestGraphs.tinyWithInEdges();
    String out = JgfWriter.write(g);
    assertThat(out).startsWith("{\"graph\": {\"nodes\": [{\"id\": \"8\", \"metadata\": {");
    assertThat(out).endsWith("{\"source\": \"0\", \"target\": \"1\"}]}}");
    assertThat(out).doesNotContain("\"source\": \"1\", \"target\": \"0\"");
    // 100 vertices, 99 tree edges
    assertThat(out.split("\"metadata\": \\{\"type\"", -1)).hasSize(101);
    assertThat(out.split("\"source\"", -1)).hasSize(100);
  }

  @Test
  void tinyFixture_isWhatGrugReaderMakesOfTinyGraphml() {
    ResourceGraph grug = GrugReader.read(SharedData.grug("tiny.graphml"));
    ResourceGraph tiny = TestGraphs.tinyWithInEdges();
    assertThat(JgfWriter.write(tiny)).isEqualTo(JgfWriter.write(grug));
  }

  @Test
  void appendVertex_optionalKeysInFluxionOrder() {
    GraphBuilder b = ResourceGraph.builder();
    int c = b.addVertex("cluster", "tiny", 0, -1, 1, "");
    b.root(c, Subsystems.CONTAINMENT);
    int m = b.addVertex("memory", "memory", "bank\"A", 3, 7, 0, 16, "GB");
    b.contain(c, m);
    b.property(m, "zone", "a");
    b.property(m, "arch", "x86");
    int pw = b.addVertex("pdu", "pdu", 0, -1, 1, "");
    b.edge(pw, m, "power", "supplies");
    b.root(pw, "power");
    b.pathParent(m, "power", pw);
    ResourceGraph g = b.build();

    StringBuilder sb = new StringBuilder();
    JgfWriter.appendVertex(sb, g, m, 4, true, Map.of("label", "default"), Map.of());
    assertThat(sb.toString())
        .isEqualTo(
            "{\"id\": \"7\", \"metadata\": {\"type\": \"memory\", \"name\": \"bank\\\"A\", "
                + "\"id\": 3, \"rank\": 0, \"properties\": {\"arch\": \"x86\", \"zone\": \"a\"}, "
                + "\"unit\": \"GB\", \"exclusive\": true, \"size\": 4, \"paths\": "
                + "{\"containment\": \"/tiny0/bank\\\"A\", \"power\": \"/pdu0/bank\\\"A\"}, "
                + "\"ephemeral\": {\"label\": \"default\"}}}");

    sb.setLength(0);
    JgfWriter.appendVertex(sb, g, c, 1, false, Map.of(), Map.of("core", "used:0, total:4"));
    assertThat(sb.toString())
        .isEqualTo(
            "{\"id\": \"0\", \"metadata\": {\"type\": \"cluster\", \"basename\": \"tiny\", "
                + "\"id\": 0, \"rank\": -1, \"paths\": {\"containment\": \"/tiny0\"}, "
                + "\"agfilter\": {\"core\": \"used:0, total:4\"}}}");

    sb.setLength(0);
    JgfWriter.appendEdge(sb, g, c, m, 0);
    sb.append(", ");
    JgfWriter.appendEdge(sb, g, pw, m, g.subsystemId("power"));
    assertThat(sb.toString())
        .isEqualTo(
            "{\"source\": \"0\", \"target\": \"7\"}, {\"source\": \"2\", \"target\": \"7\", "
                + "\"metadata\": {\"subsystem\": \"power\"}}");
  }

  @Test
  void document_withWriterUri_addsTopLevelKey() {
    ResourceGraph g = TestGraphs.tinyWithInEdges();
    JgfWriter w = new JgfWriter(g);
    w.vertex(2, 1, true, Map.of(), Map.of()).vertex(1, 1, false, Map.of(), Map.of());
    w.edge(1, 2, 0);
    StringBuilder sb = new StringBuilder();
    w.appendDocument(sb, "fluxion:jgf_shorthand");
    assertThat(sb.toString())
        .isEqualTo(
            "{\"graph\": {\"nodes\": [{\"id\": \"2\", \"metadata\": {\"type\": \"node\", \"id\":"
                + " 0, \"rank\": 0, \"exclusive\": true, \"paths\": {\"containment\":"
                + " \"/tiny0/rack0/node0\"}}}, {\"id\": \"1\", \"metadata\": {\"type\": \"rack\","
                + " \"id\": 0, \"rank\": -1, \"paths\": {\"containment\": \"/tiny0/rack0\"}}}],"
                + " \"edges\": [{\"source\": \"1\", \"target\": \"2\"}]}, \"writer\":"
                + " \"fluxion:jgf_shorthand\"}");
    assertThat(w.vertexCount()).isEqualTo(2);
    assertThat(w.edgeCount()).isEqualTo(1);
    w.clear();
    assertThat(w.toString()).isEqualTo("{\"graph\": {\"nodes\": [], \"edges\": []}}");
  }

  @Test
  void appendString_escapesAsJansson() {
    StringBuilder sb = new StringBuilder();
    JgfWriter.appendString(sb, "a\"b\\c\n\t\u0001/é\u007f");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001/é\u007f\"");
  }
}
