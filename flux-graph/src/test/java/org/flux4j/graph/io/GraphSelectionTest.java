package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

class GraphSelectionTest {

  private static ResourceGraph tiny() {
    return JgfReader.read(FormatsTestData.file("t/data/resource/jgfs/tiny.json"));
  }

  private static String node(
      int uid, String type, String name, int id, int rank, boolean x, String path) {
    return "{\"id\": \""
        + uid
        + "\", \"metadata\": {\"type\": \""
        + type
        + "\", \"name\": \""
        + name
        + "\", \"id\": "
        + id
        + ", \"rank\": "
        + rank
        + (x ? ", \"exclusive\": true" : "")
        + ", \"paths\": {\"containment\": \""
        + path
        + "\"}}}";
  }

  private static String edge(int s, int t) {
    return "{\"source\": \"" + s + "\", \"target\": \"" + t + "\"}";
  }

  /** tiny0 > rack0 > node1 > socket1 (exclusive), as the shorthand writer emits it. */
  private static String shorthandR(String socketName) {
    return "{\"graph\": {\"nodes\": ["
        + node(0, "cluster", "tiny0", 0, -1, false, "/tiny0")
            .replace("\"name\"", "\"basename\": \"tiny\", \"name\"")
        + ", "
        + node(1, "rack", "rack0", 0, -1, false, "/tiny0/rack0")
        + ", "
        + node(3, "node", "node1", 1, 1, false, "/tiny0/rack0/node1")
        + ", "
        + node(7, "socket", socketName, 1, -1, true, "/tiny0/rack0/node1/socket1")
        + "], \"edges\": ["
        + edge(0, 1)
        + ", "
        + edge(1, 3)
        + ", "
        + edge(3, 7)
        + "]}}";
  }

  @Test
  void fromJgf_findsTheNamedVertices() {
    ResourceGraph g = tiny();
    GraphSelection s = GraphSelection.fromJgf(g, "r.json", shorthandR("socket1"), false);
    assertThat(s.vertices()).containsExactly(0, 1, 3, 7);
    assertThat(s.exclusive(2)).isFalse();
    assertThat(s.exclusive(3)).isTrue();
    // from JGF the reader holds exactly the exclusive vertices
    assertThat(s.held(2)).isFalse();
    assertThat(s.held(3)).isTrue();
  }

  @Test
  void fromJgf_shorthandAddsTheExclusiveSubtreeDepthFirst() {
    ResourceGraph g = tiny();
    GraphSelection s =
        GraphSelection.read(g, "r.json", shorthandR("socket1"), GraphFormat.JGF_SHORTHAND);
    int socket = g.vertexByPath("/tiny0/rack0/node1/socket1").orElseThrow();
    int subtree = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.path(v).startsWith("/tiny0/rack0/node1/socket1/")) {
        subtree++;
      }
    }
    assertThat(subtree).isPositive();
    assertThat(s.size()).isEqualTo(4 + subtree);
    assertThat(s.vertex(3)).isEqualTo(socket);
    assertThat(g.parent(s.vertex(4))).isEqualTo(socket);
    for (int i = 4; i < s.size(); i++) {
      assertThat(s.exclusive(i)).isTrue();
      assertThat(g.path(s.vertex(i))).startsWith("/tiny0/rack0/node1/socket1/");
    }
  }

  @Test
  void fromJgf_mismatches_areRefusedWithTheirPointer() {
    ResourceGraph g = tiny();
    assertThatThrownBy(() -> GraphSelection.fromJgf(g, "r.json", shorthandR("socketX"), false))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("r.json: /graph/nodes/3")
        .hasMessageContaining("inconsistent input vertex")
        .hasMessageContaining("name=(socket1, socketX)");
    String missing = shorthandR("socket1").replace("node1/socket1\"", "node1/socket7\"");
    assertThatThrownBy(() -> GraphSelection.fromJgf(g, "r.json", missing, false))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("nonexistent path (/tiny0/rack0/node1/socket7)");
    String badEdge = shorthandR("socket1").replace(edge(3, 7), edge(0, 7));
    assertThatThrownBy(() -> GraphSelection.fromJgf(g, "r.json", badEdge, false))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/graph/edges/2")
        .hasMessageContaining("not found in resource graph");
  }

  @Test
  void fromJgf_freeRanks_skipsTheirVerticesAndEdges() {
    ResourceGraph g = tiny();
    String r = shorthandR("socket1").replace("{\"graph\"", "{\"free_ranks\": \"1\", \"graph\"");
    GraphSelection s = GraphSelection.fromJgf(g, "r.json", r, false);
    // node1 has rank 1: skipped with its two edges; the rest remain
    assertThat(s.vertices()).containsExactly(0, 1, 7);
    String bad = r.replace("\"free_ranks\": \"1\"", "\"free_ranks\": \"x\"");
    assertThatThrownBy(() -> GraphSelection.fromJgf(g, "r.json", bad, false))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/free_ranks");
  }

  @Test
  void rv1ExecRanks_collectsEveryEntry() {
    IdSet ranks =
        Rv1ExecReader.ranks(
            "r.json",
            "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"3-4\"}, {\"rank\": \"0\"}]}}");
    assertThat(ranks.encode()).isEqualTo("0,3-4");
  }

  @Test
  void fromRv1Exec_nodeIsExclusive_heldOnlyWhenAllItsRankIsSelected() {
    ResourceGraph g =
        Rv1ExecReader.read(FormatsTestData.file("t/data/resource/rv1exec/tiny_rv1exec.json"));
    String all =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"1\", \"children\":"
            + " {\"core\": \"0-15\", \"gpu\": \"0-3\"}}], \"nodelist\": [\"node1\"]}}";
    GraphSelection s = GraphSelection.read(g, "r.json", all, GraphFormat.RV1EXEC);
    assertThat(s.size()).isEqualTo(21);
    assertThat(g.name(s.vertex(0))).isEqualTo("node1");
    assertThat(s.exclusive(0)).isTrue();
    assertThat(s.held(0)).isTrue();
    assertThat(g.path(s.vertex(1))).isEqualTo("/cluster0/node1/core0");
    GraphSelection part =
        GraphSelection.fromRv1Exec(g, "r.json", all.replace("0-15", "0-1").replace("0-3", "0"));
    assertThat(part.size()).isEqualTo(4);
    assertThat(part.exclusive(0)).isTrue();
    assertThat(part.held(0)).isFalse();
    assertThat(part.exclusive(1)).isTrue();
    assertThat(part.held(1)).isTrue();
    assertThatThrownBy(() -> GraphSelection.fromRv1Exec(g, "r.json", all.replace("0-15", "16")))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/execution/R_lite/0/children/core")
        .hasMessageContaining("core16");
    assertThatThrownBy(() -> GraphSelection.read(g, "r.json", all, GraphFormat.HWLOC))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
