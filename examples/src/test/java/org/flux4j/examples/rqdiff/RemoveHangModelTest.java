package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flux4j.examples.rqdiff.RemoveHangModel.RankRemove;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RemoveHangModel} against what the real Fluxion resource-query did on the same scripts,
 * recorded once (each script run with {@code timeout 4}; "hangs" is exit 124, spinning in {@code
 * remove_metadata_outedges}): on flux-sched's {@code tiny.graphml} (tiny0 / rack0 / node0-1 /
 * socket0-1 / cores and a gpu), its elastic {@code node-test.json} (medium0 / rack0 / node0) with
 * and without the {@code attach} of {@code node-add-test.json} (which adds node3 under rack0), and
 * a generated graph with a power subsystem whose node has one socket; rank removes on {@code
 * tiny_rv1exec.json} (every vertex of a node carries its rank) and {@code tiny.graphml} (only the
 * nodes do). {@link RemoveHangFluxionTest} checks the model against Fluxion live on generated
 * graphs.
 */
class RemoveHangModelTest {
  private static final Path DATA = RqDiff.findFluxionData(Path.of("").toAbsolutePath());

  @BeforeAll
  static void needsFluxionsTestData() {
    assumeTrue(
        DATA != null,
        "no shared/conformance/flux-sched/t/data/resource above the working directory: the"
            + " remove-hang model's tests are skipped");
  }

  private static ResourceGraph tiny() {
    return GraphReaders.read(DATA.resolve("grugs/tiny.graphml"), GraphFormat.GRUG);
  }

  private static ResourceGraph nodeTest() {
    return GraphReaders.read(DATA.resolve("jgfs/elastic/node-test.json"), GraphFormat.JGF);
  }

  private static Map<String, String> attachFile() throws IOException {
    return Map.of(
        "a.json",
        Files.readString(DATA.resolve("jgfs/elastic/node-add-test.json"), StandardCharsets.UTF_8));
  }

  @Test
  void firstHang_tinyGraph_onlyTheLastChildOfAParentHangs() {
    ResourceGraph g = tiny();
    // Fluxion: exit 0
    assertThat(RemoveHangModel.firstHang(g, List.of("remove /tiny0/rack0/node0 true"), Map.of()))
        .isNull();
    // Fluxion: hangs at the second remove (node1 is then rack0's last child)
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of("remove /tiny0/rack0/node0 true", "remove /tiny0/rack0/node1 true"),
                Map.of()))
        .isEqualTo("remove /tiny0/rack0/node1 true");
    // Fluxion: hangs (rack0 is tiny0's only child)
    assertThat(RemoveHangModel.firstHang(g, List.of("remove /tiny0/rack0 true"), Map.of()))
        .isEqualTo("remove /tiny0/rack0 true");
    // Fluxion: hangs at socket1, node0's last socket
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "remove /tiny0/rack0/node0/socket0 true",
                    "remove /tiny0/rack0/node0/socket1 true"),
                Map.of()))
        .isEqualTo("remove /tiny0/rack0/node0/socket1 true");
    // Fluxion: exit 0 (a core among 18 and a gpu); the root and a removed path fail with an error
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "remove /tiny0/rack0/node0/socket0/core0 true",
                    "remove /tiny0 true",
                    "remove /tiny0/rack0/node1 true",
                    "remove /tiny0/rack0/node1 true",
                    "remove /tiny0/rack0/node1/socket0 true"),
                Map.of()))
        .isNull();
  }

  @Test
  void firstHang_attachedSubgraph_addsEntriesToItsParents() throws IOException {
    ResourceGraph g = nodeTest();
    Map<String, String> files = attachFile();
    // Fluxion: hangs (node0 is rack0's only node)
    assertThat(RemoveHangModel.firstHang(g, List.of("remove /medium0/rack0/node0 true"), files))
        .isEqualTo("remove /medium0/rack0/node0 true");
    // Fluxion: after the attach node0 and node3 share rack0, node1-2 do not exist (errors), and
    // node3 hangs once it is the last
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "attach a.json",
                    "remove /medium0/rack0/node0 true",
                    "remove /medium0/rack0/node1 true",
                    "remove /medium0/rack0/node2 true",
                    "remove /medium0/rack0/node3 true"),
                files))
        .isEqualTo("remove /medium0/rack0/node3 true");
  }

  @Test
  void firstHang_powerSubsystem_anOnlyContainmentChildBesideAPowerEdgeDoesNotHang() {
    Scenario s = new ScenarioGenerator(DATA).generate(19);
    assertThat(s.label()).contains("graph=generated-power");
    ResourceGraph g = GraphReaders.read(s.graph(), "g.graphml", GraphFormat.GRUG);
    String socket = "/cluster0/rack0/node0/socket0";
    int node = g.vertexByPath("/cluster0/rack0/node0").getAsInt();
    long containmentKids =
        java.util.stream.IntStream.range(0, g.vertexLimit())
            .filter(v -> g.isMember(v, 0) && g.parent(v) == node)
            .count();
    assertThat(containmentKids).as("node0's containment children").isEqualTo(1);
    // Fluxion: exit 0 under CA and C+PA (node0 keeps the out-edge to its power pool)
    assertThat(RemoveHangModel.firstHang(g, List.of("remove " + socket + " true"), Map.of()))
        .isNull();
  }

  @Test
  void leavesDanglingEntry_powerSubsystem_onlyRemovesOfSuppliedVerticesLeaveAPduEntry() {
    Scenario s = new ScenarioGenerator(DATA).generate(19);
    ResourceGraph g = GraphReaders.read(s.graph(), "g.graphml", GraphFormat.GRUG);
    RemoveHangModel m = new RemoveHangModel(g);
    // a pdu supplies node0 in the power subsystem: its entry for node0 outlives node0's edges
    assertThat(m.leavesDanglingEntry("/cluster0/rack0/node0")).isTrue();
    assertThat(m.leavesDanglingEntry("/cluster0/rack0")).isTrue();
    assertThat(m.leavesDanglingEntry(new TreeSet<>(List.of(g.rank(node(g, "node0")))))).isTrue();
    // the socket's only in-edge is node0's containment edge, whose entry the remove erases
    assertThat(m.leavesDanglingEntry("/cluster0/rack0/node0/socket0")).isFalse();
    assertThat(m.leavesDanglingEntry("/cluster0/nosuch")).isFalse();
    m.remove("/cluster0/rack0/node0/socket0");
    assertThat(m.leavesDanglingEntry("/cluster0/rack0/node0/socket0")).isFalse();
  }

  @Test
  void leavesDanglingEntry_oneSubsystem_never() {
    RemoveHangModel m = new RemoveHangModel(tiny());
    assertThat(m.leavesDanglingEntry("/tiny0/rack0/node0")).isFalse();
    assertThat(m.leavesDanglingEntry("/tiny0/rack0/node0/socket0")).isFalse();
    assertThat(m.leavesDanglingEntry(new TreeSet<>(List.of(0)))).isFalse();
  }

  private static int node(ResourceGraph g, String name) {
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.path(v).endsWith("/" + name)) {
        return v;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void removable_hangingDraw_walksUpToTheSmallestRemovableSubtree() {
    RemoveHangModel m = new RemoveHangModel(tiny());
    assertThat(m.removable("/tiny0/rack0/node0/socket0")).isEqualTo("/tiny0/rack0/node0/socket0");
    m.remove("/tiny0/rack0/node0/socket0");
    // socket1 is node0's last socket, node0 is not rack0's last node
    assertThat(m.removable("/tiny0/rack0/node0/socket1")).isEqualTo("/tiny0/rack0/node0");
    m.remove("/tiny0/rack0/node0");
    // node1's socket0 still has a sibling; node1 itself is rack0's last node, rack0 tiny0's only
    // rack: the root, which Fluxion refuses with an error
    assertThat(m.removable("/tiny0/rack0/node1/socket0")).isEqualTo("/tiny0/rack0/node1/socket0");
    assertThat(m.removable("/tiny0/rack0/node1")).isEqualTo("/tiny0");
    assertThat(m.removable("/tiny0/rack0/node0/socket1")).isEqualTo("/tiny0/rack0/node0/socket1");
    assertThat(m.hangs("/tiny0/rack0/node0/socket1")).isFalse();
  }

  private static ResourceGraph tinyRv1exec() {
    return GraphReaders.read(DATA.resolve("rv1exec/tiny_rv1exec.json"), GraphFormat.RV1EXEC);
  }

  @Test
  void firstHang_rankRemovesOnRv1exec_theParentsLastRankHangs() {
    ResourceGraph g = tinyRv1exec();
    // Fluxion on tiny_rv1exec.json (cluster0 / node0-1, every vertex of a node on its rank):
    // exit 0 for each rank alone
    assertThat(RemoveHangModel.firstHang(g, List.of("remove 0 false"), Map.of(), true)).isNull();
    assertThat(RemoveHangModel.firstHang(g, List.of("remove 1 false"), Map.of(), true)).isNull();
    // hangs: the two ranks' roots are erased one after the other, node1 is then the last
    assertThat(RemoveHangModel.firstHang(g, List.of("remove [0-1] false"), Map.of(), true))
        .isEqualTo("remove [0-1] false");
    assertThat(
            RemoveHangModel.firstHang(
                g, List.of("remove 1 false", "remove 0 false"), Map.of(), true))
        .isEqualTo("remove 0 false");
    // exit 0, "remove: 5 not found in by_rank map" and nothing changes
    assertThat(
            RemoveHangModel.firstHang(
                g, List.of("remove 5 false", "remove 1 false"), Map.of(), true))
        .isNull();
    RemoveHangModel m = new RemoveHangModel(g);
    assertThat(m.rankRemove(new TreeSet<>(List.of(5)))).isEqualTo(RankRemove.ERROR);
    assertThat(m.rankRemove(new TreeSet<>(List.of(0, 5)))).isEqualTo(RankRemove.UNDEFINED);
    m.removeRanks(new TreeSet<>(List.of(0)));
    // every vertex of rank 0 went (its cores and gpus carry the rank too)
    assertThat(m.liveRanks()).containsExactly(1);
    assertThat(m.hangs("/cluster0/node0/core0")).isFalse();
    // rank 0 is still a key, with no vertex: Fluxion reads a null vertex
    assertThat(m.rankRemove(new TreeSet<>(List.of(0)))).isEqualTo(RankRemove.UNDEFINED);
    assertThat(m.rankRemove(new TreeSet<>(List.of(1)))).isEqualTo(RankRemove.HANGS);
    assertThatThrownBy(() -> m.removeRanks(new TreeSet<>(List.of(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HANGS");
  }

  @Test
  void firstHang_rankRemovesOnGrug_onlyTheNodeGoesAndItsSocketsStayWithoutAParent() {
    ResourceGraph g = tiny();
    // Fluxion on tiny.graphml (only nodes carry ranks): exit 0; node0's sockets stay, found by
    // path (get-status answers), and their remove fails ("can't remove subgraph"); a core under
    // one goes; removing node0 by path fails (it is gone); rank 2 is unknown (an error)
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "remove 0 false",
                    "remove /tiny0/rack0/node0/socket0 true",
                    "remove /tiny0/rack0/node0/socket1/core0 true",
                    "remove /tiny0/rack0/node0 true",
                    "remove 2 false"),
                Map.of(),
                true))
        .isNull();
    // Fluxion: hangs at rank 1 (node1 is then rack0's last node), alone or after a path remove
    assertThat(
            RemoveHangModel.firstHang(
                g, List.of("remove 0 false", "remove 1 false"), Map.of(), true))
        .isEqualTo("remove 1 false");
    assertThat(RemoveHangModel.firstHang(g, List.of("remove 0,1 false"), Map.of(), true))
        .isEqualTo("remove 0,1 false");
    assertThat(
            RemoveHangModel.firstHang(
                g, List.of("remove /tiny0/rack0/node0 true", "remove 1 false"), Map.of(), true))
        .isEqualTo("remove 1 false");
    RemoveHangModel m = new RemoveHangModel(g);
    m.removeRanks(new TreeSet<>(List.of(0)));
    assertThat(m.removable("/tiny0/rack0/node0/socket0")).isEqualTo("/tiny0/rack0/node0/socket0");
    assertThat(m.hangs("/tiny0/rack0/node0/socket0")).isFalse();
    assertThat(m.removable("/tiny0/rack0/node1")).isEqualTo("/tiny0");
  }

  /** cluster0 / node0-1 / socket0 / core0-1, as GRUG: only the nodes carry ranks. */
  static ResourceGraph twoNodesOneSocketEach() {
    GrugRecipe recipe =
        new GrugRecipe(
            List.of(
                new GrugRecipe.Kind("cluster", "cluster", 1, ""),
                new GrugRecipe.Kind("node", "node", 1, ""),
                new GrugRecipe.Kind("socket", "socket", 1, ""),
                new GrugRecipe.Kind("core", "core", 1, "")),
            List.of(
                new GrugRecipe.Edge(0, 1, 2, 1, 0, 1),
                new GrugRecipe.Edge(1, 2, 1, 0, 0, 1),
                new GrugRecipe.Edge(2, 3, 2, 0, 0, 1)));
    return GraphReaders.read(recipe.toGraphml(), "g.graphml", GraphFormat.GRUG);
  }

  @Test
  void firstHang_belowASocketLeftByARankRemove_itsLastCoreHangs() {
    ResourceGraph g = twoNodesOneSocketEach();
    String socket = "/cluster0/node0/socket0";
    // Fluxion: exit 0 (node0's socket keeps its cores and its out-edges)
    assertThat(
            RemoveHangModel.firstHang(
                g, List.of("remove 0 false", "remove " + socket + "/core0 true"), Map.of(), true))
        .isNull();
    // Fluxion: hangs at core1, the parentless socket's last core
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "remove 0 false",
                    "remove " + socket + "/core0 true",
                    "remove " + socket + "/core1 true"),
                Map.of(),
                true))
        .isEqualTo("remove " + socket + "/core1 true");
    // Fluxion: exit 0 (the socket's remove fails: no parent; node1's core1 has a sibling)
    assertThat(
            RemoveHangModel.firstHang(
                g,
                List.of(
                    "remove 0 false",
                    "remove " + socket + " true",
                    "remove /cluster0/node1/socket0/core1 true"),
                Map.of(),
                true))
        .isNull();
  }

  @Test
  void remove_hangingPath_isRefused() {
    RemoveHangModel m = new RemoveHangModel(tiny());
    assertThatThrownBy(() -> m.remove("/tiny0/rack0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/tiny0/rack0");
  }
}
