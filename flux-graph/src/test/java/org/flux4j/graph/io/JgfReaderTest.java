package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JgfReaderTest {

  @ParameterizedTest
  @CsvSource({
    "t/data/resource/jgfs/4node.rank0123.nid0123.mod.json, 166, 165, 6, 46, 166, 4",
    "t/data/resource/jgfs/4node.rank1230.nid0123.mod.json, 166, 165, 6, 46, 166, 4",
    "t/data/resource/jgfs/dyn_explore.json, 23, 22, 5, 17, 23, 0",
    "t/data/resource/jgfs/elastic/node-test.json, 41, 40, 5, 41, 41, 0",
    "t/data/resource/jgfs/elastic/tiny-partial-cancel.json, 100, 99, 7, 52, 100, 98",
    "t/data/resource/jgfs/issue1260.json, 88, 87, 5, 51, 88, 13",
    "t/data/resource/jgfs/power.json, 4042, 4116, 10, 329, 4118, 3528",
    "t/data/resource/jgfs/tiny.json, 100, 99, 7, 52, 100, 2",
  })
  void read_conformanceFiles_matchFluxionCounts(
      String file, long v, long e, long types, long names, long paths, long ranked) {
    ResourceGraph g = JgfReader.read(FormatsTestData.file(file));
    assertThat(FormatsTestData.counts(g)).containsExactly(v, e, types, names, paths, ranked);
  }

  @Test
  void read_tiny_namesPathsRanksAndOrder() {
    ResourceGraph g = JgfReader.read(FormatsTestData.file("t/data/resource/jgfs/tiny.json"));
    assertThat(g.name(0)).isEqualTo("tiny0");
    assertThat(g.type(0)).isEqualTo("cluster");
    assertThat(g.basename(0)).isEqualTo("tiny");
    assertThat(g.path(1)).isEqualTo("/tiny0/rack0");
    assertThat(g.roots()).containsExactly(0);
    for (int v = 0; v < g.vertexLimit(); v++) {
      assertThat(g.uniqId(v)).isEqualTo(v);
      if (g.type(v).equals("node")) {
        assertThat(g.rank(v)).isEqualTo((int) g.id(v));
      }
    }
    int core = g.vertexByPath("/tiny0/rack0/node1/socket1/core35").orElseThrow();
    assertThat(g.rank(core)).isEqualTo(-1);
    assertThat(g.parent(core))
        .isEqualTo(g.vertexByPath("/tiny0/rack0/node1/socket1").orElseThrow());
  }

  @Test
  void read_power_hasTwoSubsystemsWithTheirPaths() {
    ResourceGraph g = JgfReader.read(FormatsTestData.file("t/data/resource/jgfs/power.json"));
    int power = g.subsystemId("power");
    assertThat(power).isPositive();
    int pdu = g.vertexByPath("/power0/rack0/pdu0").orElseThrow();
    assertThat(g.path(pdu, power)).isEqualTo("/powerpanel0/pdu0");
    assertThat(g.edgeCount(0)).isEqualTo(3536);
    assertThat(g.edgeCount(power)).isEqualTo(580);
  }

  private static ResourceGraph parse(String json) {
    return JgfReader.read(
        "test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String TWO =
      "{\"graph\": {\"nodes\": ["
          + "{\"id\": \"7\", \"metadata\": {\"type\": \"cluster\", \"paths\": {\"containment\": \"/cluster7\"}}},"
          + "{\"id\": \"9\", \"metadata\": {\"type\": \"node\", \"name\": \"fluke012\", \"rank\": 3,"
          + " \"status\": 1, \"size\": 2, \"unit\": \"x\", \"exclusive\": true,"
          + " \"properties\": {\"gpu\": \"\", \"perf_class\": \"2\"},"
          + " \"paths\": {\"containment\": \"/cluster7/fluke012\"}}}"
          + "], \"edges\": [{\"source\": \"7\", \"target\": \"9\"}]}}";

  @Test
  void read_defaults_comeFromTypeIdAndHostName() {
    ResourceGraph g = parse(TWO);
    assertThat(g.vertexCount()).isEqualTo(2);
    assertThat(g.uniqId(0)).isEqualTo(7);
    assertThat(g.id(0)).isEqualTo(7);
    assertThat(g.basename(0)).isEqualTo("cluster");
    assertThat(g.name(0)).isEqualTo("cluster7");
    assertThat(g.rank(0)).isEqualTo(-1);
    assertThat(g.size(0)).isEqualTo(1);
    assertThat(g.id(1)).isEqualTo(12);
    assertThat(g.name(1)).isEqualTo("fluke012");
    assertThat(g.rank(1)).isEqualTo(3);
    assertThat(g.size(1)).isEqualTo(2);
    assertThat(g.unit(1)).as("Fluxion's JGF reader drops the unit").isEmpty();
    assertThat(g.status(1)).isEqualTo(Status.DOWN);
    assertThat(g.status(0)).isEqualTo(Status.UP);
    assertThat(g.properties(1)).containsEntry("gpu", "").containsEntry("perf_class", "2");
    assertThat(g.path(1)).isEqualTo("/cluster7/fluke012");
    assertThat(g.parent(1)).isEqualTo(0);
  }

  @Test
  void read_fluxionSentinels_meanAbsent() {
    ResourceGraph g =
        parse(TWO.replace("\"size\": 2", "\"size\": -1, \"id\": -2, \"uniq_id\": -1"));
    assertThat(g.size(1)).isEqualTo(1);
    assertThat(g.uniqId(1)).isEqualTo(9);
    assertThat(g.id(1)).isEqualTo(12);
  }

  @Test
  void read_nodeWithSamePathAndRank_isMergedIntoTheFirst() {
    String json =
        "{\"graph\": {\"nodes\": ["
            + "{\"id\": \"0\", \"metadata\": {\"type\": \"cluster\", \"paths\": {\"containment\": \"/c0\"}}},"
            + "{\"id\": \"1\", \"metadata\": {\"type\": \"node\", \"id\": 0, \"paths\": {\"containment\": \"/c0/node0\"}}},"
            + "{\"id\": \"2\", \"metadata\": {\"type\": \"node\", \"id\": 0, \"paths\": {\"containment\": \"/c0/node0\"}}},"
            + "{\"id\": \"3\", \"metadata\": {\"type\": \"node\", \"id\": 0, \"rank\": 1, \"paths\": {\"containment\": \"/c0/node0\"}}}"
            + "], \"edges\": [{\"source\": \"0\", \"target\": \"1\"}, {\"source\": \"0\", \"target\": \"2\"},"
            + " {\"source\": \"0\", \"target\": \"3\"}]}}";
    ResourceGraph g = parse(json);
    assertThat(g.vertexCount()).isEqualTo(3);
    // as in Fluxion, an edge is added when one of its ends is new, even if it repeats an edge
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.out(0).degree(0)).isEqualTo(3);
    assertThat(g.out(0).target(1)).isEqualTo(1);
    assertThat(g.rank(2)).isEqualTo(1);
  }

  private static void assertBad(String json, String pointer, String problem) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining(problem)
        .satisfies(
            ex -> {
              GraphParseException p = (GraphParseException) ex;
              assertThat(p.location()).hasValue(pointer);
            });
  }

  @Test
  void read_badInput_namesSourcePointerAndProblem() {
    assertBad("{\"graph\": {\"nodes\": [}", "line 1, column 22", "malformed JSON");
    assertBad("{\"grap\": {}}", "", "\"graph\"");
    assertBad("{\"graph\": {\"nodes\": []}}", "/graph", "\"edges\"");
    assertBad("{\"graph\": {\"nodes\": {}, \"edges\": []}}", "/graph/nodes", "must be an array");
  }

  /**
   * Each row breaks one field of {@link #TWO}: the text replaced, its replacement, and the error.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"size\": 2               | \"size\": -4         | /graph/nodes/1/metadata/size      | negative size",
        "\"size\": 2               | \"size\": \"2\"        | /graph/nodes/1/metadata/size      | must be an integer",
        "{\"type\": \"cluster\",    | {                    | /graph/nodes/0/metadata           | \"type\"",
        "\"exclusive\": true       | \"exclusive\": 1      | /graph/nodes/1/metadata/exclusive | boolean",
        "\"target\": \"9\"         | \"target\": \"10\"     | /graph/edges/0/target             | not a node",
        "\"id\": \"7\"             | \"id\": \"x\"          | /graph/nodes/0/id                 | uniq_id",
        "\"status\": 1             | \"status\": 3         | /graph/nodes/1/metadata/status    | status",
        "\"perf_class\": \"2\"     | \"perf_class\": 2     | /graph/nodes/1/metadata/properties/perf_class | string",
      })
  void read_badField_namesPointerAndProblem(
      String text, String replacement, String pointer, String problem) {
    assertThat(TWO).contains(text);
    assertBad(TWO.replace(text, replacement), pointer, problem);
  }

  @Test
  void read_containmentCycle_isRejectedAtTheClosingEdge() {
    assertBad(
        rootAnd(
            "{\"id\": \"1\", \"metadata\": {\"type\": \"b\", \"paths\": {\"containment\": \"/a0/b1\"}}}",
            "{\"source\": \"0\", \"target\": \"1\"}, {\"source\": \"1\", \"target\": \"0\"}"),
        "/graph/edges/1",
        "cycle");
  }

  @Test
  void read_secondRootOfASubsystem_isRejectedAsFluxionDoes() {
    assertBad(
        rootAnd(
            "{\"id\": \"1\", \"metadata\": {\"type\": \"b\", \"paths\": {\"containment\": \"/b1\"}}}",
            ""),
        "/graph/nodes/1/metadata/paths/containment",
        "duplicate root");
  }

  @Test
  void read_duplicateNodeId_isRejected() {
    assertBad(
        rootAnd(
            "{\"id\": \"0\", \"metadata\": {\"type\": \"b\", \"uniq_id\": 5, \"paths\": {\"containment\": \"/a0/b1\"}}}",
            ""),
        "/graph/nodes/1/id",
        "duplicate JGF node id");
  }

  /** A JGF graph of vertex a0 (id 0, containment root) and {@code second}, with {@code edges}. */
  private static String rootAnd(String second, String edges) {
    return "{\"graph\": {\"nodes\": ["
        + "{\"id\": \"0\", \"metadata\": {\"type\": \"a\", \"paths\": {\"containment\": \"/a0\"}}},"
        + second
        + "], \"edges\": ["
        + edges
        + "]}}";
  }
}
