package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

class RSubgraphTest {
  private static final String CLUSTER =
      "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-1\", \"children\": {\"core\":"
          + " \"0-3\"}}], \"nodelist\": [\"node[0-1]\"], \"starttime\": 0, \"expiration\": 0}}";

  private static String rv1(String rank, String cores, String nodelist) {
    return "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \""
        + rank
        + "\", \"children\": {\"core\": \""
        + cores
        + "\"}}], \"nodelist\": [\""
        + nodelist
        + "\"], \"starttime\": 0, \"expiration\": 10}}";
  }

  @Test
  void read_rv1exec_addsSharedAncestors_andKeepsTargetIds() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    RSubgraph s = RSubgraph.read(target, "r", rv1("1", "0-1", "node1"), GraphFormat.RV1EXEC);
    ResourceGraph g = s.graph();
    assertThat(g.vertexCount()).isEqualTo(4);
    assertThat(g.path(0)).isEqualTo("/cluster0");
    assertThat(g.path(1)).isEqualTo("/cluster0/node1");
    assertThat(g.path(3)).isEqualTo("/cluster0/node1/core1");
    assertThat(s.format()).isEqualTo(GraphFormat.RV1EXEC);
    // Fluxion's rv1exec reader takes every named vertex exclusively, the node included, but holds
    // the node in its plan only with its whole rank
    assertThat(s.exclusive().test(0)).isFalse();
    assertThat(s.exclusive().test(1)).isTrue();
    assertThat(s.exclusive().test(2)).isTrue();
    assertThat(s.exclusive().test(3)).isTrue();
    assertThat(s.held(0)).isFalse();
    assertThat(s.held(1)).isFalse();
    assertThat(s.held(2)).isTrue();
    assertThat(s.named(0)).isFalse();
    assertThat(s.named(1)).isTrue();
    assertThat(s.named(3)).isTrue();
    assertThat(s.exclusive(-1)).isFalse();
    assertThat(s.exclusive(4)).isFalse();
    assertThat(s.held(4)).isFalse();
    assertThat(s.named(-1)).isFalse();
    for (int v = 0; v < 4; v++) {
      int t = target.vertexByPath(g.path(v)).getAsInt();
      assertThat(g.uniqId(v)).isEqualTo(target.uniqId(t));
      assertThat(g.rank(v)).isEqualTo(target.rank(t));
    }
  }

  /**
   * A JGF node entry for the target's vertex at {@code path}, its fields as the target has them.
   */
  private static String jgfNode(ResourceGraph g, String id, String path, long size) {
    int v = g.vertexByPath(path).getAsInt();
    return "{\"id\": \""
        + id
        + "\", \"metadata\": {\"type\": \""
        + g.type(v)
        + "\", \"basename\": \""
        + g.basename(v)
        + "\", \"name\": \""
        + g.name(v)
        + "\", \"id\": "
        + g.id(v)
        + ", \"uniq_id\": "
        + g.uniqId(v)
        + ", \"rank\": "
        + g.rank(v)
        + ", \"exclusive\": true, \"unit\": \"\", \"size\": "
        + size
        + ", \"paths\": {\"containment\": \""
        + path
        + "\"}}}";
  }

  private static String jgf(String... nodes) {
    return "{\"graph\": {\"nodes\": [" + String.join(", ", nodes) + "], \"edges\": []}}";
  }

  @Test
  void jgfVerticesUntilRefused_takesTheNodesInOrder_andEndsAtTheFirstRefusedOne() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    int core1 = target.vertexByPath("/cluster0/node1/core1").getAsInt();
    int node0 = target.vertexByPath("/cluster0/node0").getAsInt();
    String c1 = jgfNode(target, "a", "/cluster0/node1/core1", 1);
    String n0 = jgfNode(target, "b", "/cluster0/node0", 1);
    assertThat(RSubgraph.jgfVerticesUntilRefused(target, "r", jgf(c1, n0)))
        .containsExactly(core1, node0);
    // Fluxion's reader takes node by node: a path the graph lacks fails there, after the ones
    // before it, and nothing after it is read (not even a malformed node)
    String gone = c1.replace("node1/core1", "node1/core9");
    assertThat(RSubgraph.jgfVerticesUntilRefused(target, "r", jgf(n0, gone, "{}")))
        .containsExactly(node0, -1);
    // fields that differ from the vertex's, and a duplicate node id, are refused the same way
    String wrongSize = jgfNode(target, "c", "/cluster0/node1/core1", 2);
    assertThat(RSubgraph.jgfVerticesUntilRefused(target, "r", jgf(n0, wrongSize)))
        .containsExactly(node0, -1);
    String sameId = jgfNode(target, "b", "/cluster0/node1/core1", 1);
    assertThat(RSubgraph.jgfVerticesUntilRefused(target, "r", jgf(n0, sameId, c1)))
        .containsExactly(node0, -1);
    assertThat(RSubgraph.jgfVerticesUntilRefused(target, "r", jgf("{\"id\": 3}")))
        .containsExactly(-1);
    // a document without its nodes is refused before any node
    assertThatThrownBy(() -> RSubgraph.jgfVerticesUntilRefused(target, "r", "{\"graph\": {}}"))
        .isInstanceOf(GraphParseException.class);
  }

  @Test
  void read_wholeRank_holdsTheNode() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    RSubgraph s = RSubgraph.read(target, "r", rv1("0", "0-3", "node0"), GraphFormat.RV1EXEC);
    assertThat(s.graph().vertexCount()).isEqualTo(6);
    assertThat(s.exclusive().test(1)).isTrue();
    assertThat(s.held(1)).isTrue();
  }

  @Test
  void readVertices_leavesOutTheAncestors() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    RSubgraph s =
        RSubgraph.readVertices(target, "r", rv1("1", "0-1", "node1"), GraphFormat.RV1EXEC);
    ResourceGraph g = s.graph();
    assertThat(g.vertexCount()).isEqualTo(3);
    assertThat(g.path(0)).isEqualTo("/cluster0/node1");
    assertThat(g.parent(0)).isEqualTo(ResourceGraph.NONE);
  }

  @Test
  void read_unknownVertex_isRefusedNamingTheSource() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    assertThatThrownBy(
            () -> RSubgraph.read(target, "r.json", rv1("5", "0", "node5"), GraphFormat.RV1EXEC))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("r.json");
    assertThatThrownBy(() -> RSubgraph.read(target, "r.json", CLUSTER, GraphFormat.GRUG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use jgf, jgf_shorthand or rv1exec");
  }

  /**
   * Random selections of ranks and cores against an independent model: the cluster is always there
   * and shared (neither held nor named); each named rank gives its node (exclusive, held only when
   * all its cores are named) and exactly the named cores, all exclusive and held; paths, ids and
   * ranks are the target's.
   */
  @Test
  void read_randomSelections_matchTheModel() {
    int nodes = 6;
    int cores = 5;
    String cluster =
        rv1("0-" + (nodes - 1), "0-" + (cores - 1), "node[0-" + (nodes - 1) + "]")
            .replace("\"expiration\": 10", "\"expiration\": 0");
    ResourceGraph target = GraphReaders.read(cluster, "cluster", GraphFormat.RV1EXEC);
    for (long seed = 1; seed <= 40; seed++) {
      Random rnd = new Random(seed);
      List<String> entries = new ArrayList<>();
      TreeSet<Integer> ranks = new TreeSet<>();
      int expected = 1;
      List<String> exclusivePaths = new ArrayList<>();
      List<String> heldPaths = new ArrayList<>();
      for (int r = 0; r < nodes; r++) {
        if (rnd.nextInt(3) == 0) {
          continue;
        }
        TreeSet<Integer> cs = new TreeSet<>();
        for (int c = 0; c < cores; c++) {
          if (rnd.nextBoolean()) {
            cs.add(c);
          }
        }
        if (cs.isEmpty()) {
          cs.add(rnd.nextInt(cores));
        }
        ranks.add(r);
        StringBuilder idset = new StringBuilder();
        for (int c : cs) {
          idset.append(idset.length() == 0 ? "" : ",").append(c);
          exclusivePaths.add("/cluster0/node" + r + "/core" + c);
          heldPaths.add("/cluster0/node" + r + "/core" + c);
        }
        exclusivePaths.add("/cluster0/node" + r);
        if (cs.size() == cores) {
          heldPaths.add("/cluster0/node" + r);
        }
        entries.add("{\"rank\": \"" + r + "\", \"children\": {\"core\": \"" + idset + "\"}}");
        expected += 1 + cs.size();
      }
      if (ranks.isEmpty()) {
        continue;
      }
      StringBuilder hosts = new StringBuilder();
      for (int r : ranks) {
        hosts.append(hosts.length() == 0 ? "" : "\", \"").append("node").append(r);
      }
      String text =
          "{\"version\": 1, \"execution\": {\"R_lite\": ["
              + String.join(", ", entries)
              + "], \"nodelist\": [\""
              + hosts
              + "\"], \"starttime\": 0, \"expiration\": 10}}";
      RSubgraph s = RSubgraph.read(target, "r" + seed, text, GraphFormat.RV1EXEC);
      ResourceGraph g = s.graph();
      assertThat(g.vertexCount()).as("seed %d: %s", seed, text).isEqualTo(expected);
      for (int v = 0; v < g.vertexCount(); v++) {
        String path = g.path(v);
        int t = target.vertexByPath(path).getAsInt();
        assertThat(g.uniqId(v)).as("seed %d %s", seed, path).isEqualTo(target.uniqId(t));
        assertThat(g.rank(v)).as("seed %d %s", seed, path).isEqualTo(target.rank(t));
        assertThat(s.exclusive(v))
            .as("seed %d %s exclusive", seed, path)
            .isEqualTo(exclusivePaths.contains(path));
        assertThat(s.held(v)).as("seed %d %s held", seed, path).isEqualTo(heldPaths.contains(path));
        assertThat(s.named(v))
            .as("seed %d %s named", seed, path)
            .isEqualTo(!path.equals("/cluster0"));
      }
    }
  }

  /** An rv1exec R of tiny_rv1exec's node1 (rank 1) with the given R_lite entries. */
  private static String rv1(String entries) {
    return "{\"version\": 1, \"execution\": {\"R_lite\": ["
        + entries
        + "], \"nodelist\": [\"node1\"]}}";
  }

  @Test
  void rv1ExecStop_readsInRsOrderUntilTheFirstVertexTheReaderRefuses() {
    ResourceGraph g =
        Rv1ExecReader.read(FormatsTestData.file("t/data/resource/rv1exec/tiny_rv1exec.json"));
    String whole = "{\"rank\": \"1\", \"children\": {\"core\": \"0-15\", \"gpu\": \"0-3\"}}";
    assertThat(RSubgraph.rv1ExecStop(g, "r", rv1(whole))).isEmpty();
    assertThat(
            RSubgraph.rv1ExecStop(
                g,
                "r",
                rv1(
                    "{\"rank\": \"1\", \"children\": {\"core\": \"0-1\"}}, "
                        + whole.replace("0-15", "2-15"))))
        .isEmpty(); // the node is taken whole only by the second entry

    RSubgraph.Rv1ExecStop missing =
        RSubgraph.rv1ExecStop(
                g, "r", rv1("{\"rank\": \"1\", \"children\": {\"core\": \"3\", \"gpu\": \"7\"}}"))
            .orElseThrow();
    assertThat(missing.name()).isEqualTo("gpu7");
    assertThat(missing.node()).isFalse();
    assertThat(missing.reason()).isEqualTo(RSubgraph.Rv1ExecStop.Reason.NOT_FOUND);
    List<String> ahead = new ArrayList<>();
    ResourceGraph a = missing.ahead().graph();
    for (int v = 0; v < a.vertexLimit(); v++) {
      if (a.isLive(v)) {
        assertThat(missing.ahead().named(v)).isTrue(); // no ancestor added
        ahead.add(a.name(v));
      }
    }
    assertThat(ahead).containsExactly("node1", "core3");

    String noNode =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"1\", \"children\":"
            + " {\"core\": \"0\"}}], \"nodelist\": [\"node9\"]}}";
    RSubgraph.Rv1ExecStop node = RSubgraph.rv1ExecStop(g, "r", noNode).orElseThrow();
    assertThat(node.name()).isEqualTo("node9");
    assertThat(node.node()).isTrue();
    assertThat(node.reason()).isEqualTo(RSubgraph.Rv1ExecStop.Reason.NOT_FOUND);

    RSubgraph.Rv1ExecStop twice =
        RSubgraph.rv1ExecStop(
                g,
                "r",
                rv1(
                    "{\"rank\": \"1\", \"children\": {\"core\": \"0-1\"}}, {\"rank\": \"1\","
                        + " \"children\": {\"core\": \"1\"}}"))
            .orElseThrow();
    assertThat(twice.name()).isEqualTo("core1");
    assertThat(twice.reason()).isEqualTo(RSubgraph.Rv1ExecStop.Reason.NAMED_AGAIN);

    RSubgraph.Rv1ExecStop nodeAgain =
        RSubgraph.rv1ExecStop(
                g, "r", rv1(whole + ", {\"rank\": \"1\", \"children\": {\"core\": \"0\"}}"))
            .orElseThrow();
    assertThat(nodeAgain.name()).isEqualTo("node1");
    assertThat(nodeAgain.node()).isTrue();
    assertThat(nodeAgain.reason()).isEqualTo(RSubgraph.Rv1ExecStop.Reason.NAMED_AGAIN);

    String empty = "{\"rank\": \"1\", \"children\": {}}";
    RSubgraph.Rv1ExecStop noChild = RSubgraph.rv1ExecStop(g, "r", rv1(empty)).orElseThrow();
    assertThat(noChild.name()).isEqualTo("node1");
    assertThat(noChild.reason()).isEqualTo(RSubgraph.Rv1ExecStop.Reason.NO_CHILD);
    // a rank named with children before may come again without any
    assertThat(
            RSubgraph.rv1ExecStop(
                g, "r", rv1("{\"rank\": \"1\", \"children\": {\"core\": \"0\"}}, " + empty)))
        .isEmpty();
    assertThatThrownBy(() -> RSubgraph.read(g, "r", rv1(empty), GraphFormat.RV1EXEC))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/execution/R_lite/0/children")
        .hasMessageContaining("no child of node1");
    assertThatThrownBy(() -> RSubgraph.rv1ExecStop(g, "r", "{\"version\": 2}"))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/version");
  }
}
