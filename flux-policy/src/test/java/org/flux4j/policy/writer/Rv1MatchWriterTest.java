package org.flux4j.policy.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.fixtures.FluxionExpected;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.Clusters;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rv1MatchWriterTest {

  /** Every node of the 4-node graph exclusively, as RV/full.yaml allocates it. */
  private static ResourceSet full(ResourceGraph g, long start, long duration) {
    List<String> e = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      String node = "/tiny++0/rack0/node" + n;
      for (int s = 0; s < 2; s++) {
        String socket = node + "/socket" + s;
        for (int c = 0; c < 18; c++) {
          e.add(socket + "/core" + (s * 18 + c) + "[1:x]");
        }
        e.add(socket + "/gpu" + s + "[1:x]");
        e.add(socket + "[1:x]");
      }
      e.add(node + "[1:x]");
    }
    e.add("/tiny++0/rack0[1:s]");
    e.add("/tiny++0[1:s]");
    return retime(Fixtures.set(g, e.toArray(new String[0])), start, duration);
  }

  /**
   * RV/R1: the plain graph; R2: node0's core0 has id 100, so ranks group by signature in text
   * order; R3: the same with the ranks rotated, so the nodelist follows rank order.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"R1, 0 1 2 3, false", "R2, 0 1 2 3, true", "R3, 1 2 3 0, true"})
  void rv1Nosched_R1R2R3_matchFluxion(String expected, String ranks, boolean modified) {
    int[] r = java.util.Arrays.stream(ranks.split(" ", 0)).mapToInt(Integer::parseInt).toArray();
    ResourceGraph g = Fixtures.fourNode(r, modified);
    assertThat(MatchWriters.require("rv1_nosched").format(full(g, 0, 3600)))
        .isEqualTo(FluxionExpected.segments("RV/" + expected + ".out").get(0));
  }

  @Test
  void rlite_writesTheRliteArrayOnly() {
    ResourceGraph g = Fixtures.fourNode(new int[] {0, 1, 2, 3}, true);
    assertThat(MatchWriters.require("rlite").format(full(g, 0, 3600)))
        .isEqualTo(
            "[{\"rank\": \"1-3\", \"children\": {\"core\": \"0-35\", \"gpu\": \"0-1\"}},"
                + " {\"rank\": \"0\", \"children\": {\"core\": \"1-35,100\", \"gpu\": \"0-1\"}}]\n");
  }

  @Test
  void rv1_addsSchedulingJgf_andTimes() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet timed = retime(Fixtures.coreJob(g, 1, 35), 100, 50);
    String jgf = MatchWriters.require("jgf").format(timed);
    String prefix =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"1\", \"children\": {\"core\":"
            + " \"35\"}}], \"nodelist\": [\"node1\"], \"starttime\": 100, \"expiration\": 150}";
    assertThat(MatchWriters.require("rv1_nosched").format(timed)).isEqualTo(prefix + "}\n");
    assertThat(MatchWriters.require("rv1").format(timed))
        .isEqualTo(prefix + ", \"scheduling\": " + jgf.substring(0, jgf.length() - 1) + "}\n");
  }

  @Test
  void rv1Shorthand_usesShorthandJgf() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet s =
        Fixtures.set(
            g,
            "/tiny0/rack0/node0/socket0/core3[1:x]",
            "/tiny0/rack0/node0/socket0/gpu0[1:x]",
            "/tiny0/rack0/node0/socket0[1:x]",
            "/tiny0/rack0/node0[1:x]",
            "/tiny0/rack0[1:s]",
            "/tiny0[1:s]");
    String out = MatchWriters.require("rv1_shorthand").format(s);
    assertThat(out)
        .startsWith(
            "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\":"
                + " {\"core\": \"3\", \"gpu\": \"0\"}}], \"nodelist\": [\"node0\"], \"starttime\":"
                + " 0, \"expiration\": 0}, \"scheduling\": {\"graph\": {\"nodes\": [{\"id\": \"2\",")
        .endsWith("]}, \"writer\": \"fluxion:jgf_shorthand\"}}\n")
        .doesNotContain("core3");
  }

  @Test
  void rv1_properties_keyOrValueSortedWithRankSets() {
    GraphBuilder b = Clusters.flatBuilder(new int[] {1, 1, 1});
    for (int n = 1; n < 3; n++) {
      int node = b.peek().vertexByPath("/cluster0/node" + n).orElseThrow();
      b.property(node, "arch", "x86");
      if (n == 2) {
        b.property(node, "fast", "");
      }
    }
    ResourceGraph g = b.build();
    ResourceSet s =
        Fixtures.set(
            g,
            "/cluster0/node0/core0[1:x]",
            "/cluster0/node0[1:s]",
            "/cluster0/node1/core0[1:x]",
            "/cluster0/node1[1:s]",
            "/cluster0/node2/core0[1:x]",
            "/cluster0/node2[1:s]",
            "/cluster0[1:s]");
    assertThat(MatchWriters.require("rv1_nosched").format(s))
        .isEqualTo(
            "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-2\", \"children\":"
                + " {\"core\": \"0\"}}], \"nodelist\": [\"node[0-2]\"], \"properties\":"
                + " {\"arch=x86\": \"1-2\", \"fast\": \"2\"}, \"starttime\": 0, \"expiration\":"
                + " 0}}\n");
  }

  @Test
  void rv1_withoutNodesOrCores_writesNothing() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet memOnly = memoryOnly(g);
    for (String name : List.of("rlite", "rv1", "rv1_nosched", "rv1_shorthand")) {
      MatchWriter w = MatchWriters.require(name);
      assertThat(w.format(memOnly)).as(name).isEmpty();
      // Fluxion's rlite emit fails on nothing gathered; the R v1 writers skip it without error
      assertThat(w.lastError()).as(name).isEqualTo(name.equals("rlite") ? "Invalid argument" : "");
    }
  }

  @Test
  void rv1Formats_negativeRank_failWithInvalidArgument_asFluxionsEmit() {
    ResourceGraph g = nodeWithoutRankThenNodeOfRank1();
    ResourceSet s = Fixtures.set(g, "/cluster0/node0/core0[1:x]", "/cluster0/node0[1:x]");
    for (String name : List.of("rlite", "rv1", "rv1_nosched", "rv1_shorthand")) {
      MatchWriter w = MatchWriters.require(name);
      assertThat(w.format(s)).as(name).isEmpty();
      assertThat(w.lastError()).as(name).isEqualTo("Invalid argument");
    }
    MatchWriter simple = MatchWriters.require("simple");
    assertThat(simple.format(s)).isNotEmpty();
    assertThat(simple.lastError()).isEmpty();
  }

  @Test
  void rlite_negativeRank_writesNothingAsInFluxion() {
    GraphBuilder b = ResourceGraph.builder();
    int node = b.addVertex("node", "node", 0, -1, 1, "");
    b.root(node, Subsystems.CONTAINMENT);
    b.contain(node, b.addVertex("core", "core", 0, -1, 1, ""));
    ResourceGraph g = b.build();
    ResourceSet s = Fixtures.set(g, "/node0/core0[1:x]", "/node0[1:x]");
    assertThat(MatchWriters.require("rlite").format(s)).isEmpty();
  }

  @Test
  void rv1_queueAttribute_isWrittenAfterSchedulingAndStays() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet job = Fixtures.coreJob(g, 1, 35);
    ResourceSet.Builder b = ResourceSet.builder(g).attribute("queue", "batch");
    for (int i = 0; i < job.size(); i++) {
      b.add(job.vertex(i), job.count(i), job.exclusive(i));
    }
    for (int k = 0; k < job.edgeCount(); k++) {
      b.edge(job.edgeSource(k), job.edgeTarget(k), job.edgeSubsystem(k));
    }
    ResourceSet queued = b.build();
    MatchWriter rv1 = MatchWriters.require("rv1");
    String attrs = ", \"attributes\": {\"system\": {\"scheduler\": {\"queue\": \"batch\"}}}}\n";
    assertThat(rv1.format(queued)).endsWith("}]}}" + attrs);
    assertThat(rv1.format(Fixtures.coreJob(g, 0, 3))).endsWith("}]}}" + attrs);
    assertThat(MatchWriters.require("rv1_nosched").format(queued)).doesNotContain("attributes");
  }

  @Test
  void rv1_memoryOnlyMatch_carriesItsJgfIntoTheNextOutput() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet memOnly = memoryOnly(g);
    MatchWriter rv1 = MatchWriters.require("rv1");
    assertThat(rv1.format(memOnly)).isEmpty();
    String next = rv1.format(Fixtures.coreJob(g, 1, 35));
    assertThat(next).contains("\"scheduling\": {\"graph\": {\"nodes\": [{\"id\": \"84\"");
    assertThat(next).contains("\"R_lite\": [{\"rank\": \"1\", \"children\": {\"core\": \"35\"}}]");
  }

  @Test
  void rlite_negativeRank_failsEveryLaterWriteAsInFluxion() {
    ResourceGraph g = nodeWithoutRankThenNodeOfRank1();
    MatchWriter w = MatchWriters.require("rlite");
    ResourceSet onGood = Fixtures.set(g, "/cluster0/node1/core0[1:x]", "/cluster0/node1[1:x]");
    assertThat(MatchWriters.require("rlite").format(onGood))
        .isEqualTo("[{\"rank\": \"1\", \"children\": {\"core\": \"0\"}}]\n");
    assertThat(w.format(Fixtures.set(g, "/cluster0/node0/core0[1:x]", "/cluster0/node0[1:x]")))
        .isEmpty();
    assertThat(w.format(onGood)).isEmpty();
  }

  /** cluster0 -> node0 (rank -1) -> core0, node1 (rank 1) -> core0. */
  private static ResourceGraph nodeWithoutRankThenNodeOfRank1() {
    return ClusterBuilder.nodes(2).nodeRanks(-1, 1).cores(1).build();
  }

  /** On the tiny preset, two units of one memory pool, nothing that has a rank or a core. */
  private static ResourceSet memoryOnly(ResourceGraph g) {
    return Fixtures.set(
        g,
        "/tiny0/rack0/node0/socket0/memory0[2:x]",
        "/tiny0/rack0/node0/socket0[1:s]",
        "/tiny0/rack0/node0[1:s]");
  }

  private static ResourceSet retime(ResourceSet s, long start, long duration) {
    ResourceSet.Builder b = ResourceSet.builder(s.graph());
    for (int i = 0; i < s.size(); i++) {
      b.add(s.vertex(i), s.count(i), s.exclusive(i));
    }
    for (int k = 0; k < s.edgeCount(); k++) {
      b.edge(s.edgeSource(k), s.edgeTarget(k), s.edgeSubsystem(k));
    }
    return b.schedule(start, duration).build();
  }
}
