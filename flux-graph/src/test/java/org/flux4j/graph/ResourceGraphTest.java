package org.flux4j.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

class ResourceGraphTest {

  /** cluster0 -> node0, node1 -> core0, core1 each. */
  private static ResourceGraph small() {
    return ClusterBuilder.nodes(2).cores(2).build();
  }

  @Test
  void build_namesPathsAndCounts() {
    ResourceGraph g = small();
    assertThat(g.vertexCount()).isEqualTo(7);
    assertThat(g.edgeCount()).isEqualTo(6);
    assertThat(g.name(2)).isEqualTo("core0");
    assertThat(g.path(5)).isEqualTo("/cluster0/node1/core0");
    assertThat(g.vertexByPath("/cluster0/node1")).hasValue(4);
    assertThat(g.vertexByPath("/cluster0/node9")).isEmpty();
    assertThat(g.uniqId(6)).isEqualTo(6);
    assertThat(g.roots()).containsExactly(0);
    assertThat(g.countByType())
        .containsExactly(
            java.util.Map.entry("cluster", 1),
            java.util.Map.entry("node", 2),
            java.util.Map.entry("core", 4));
    Adjacency out = g.out(0);
    assertThat(out.degree(0)).isEqualTo(2);
    assertThat(out.target(out.start(0))).isEqualTo(1);
    assertThat(g.relationName(out.relation(out.start(0)))).isEqualTo("contains");
  }

  @Test
  void remove_dropsSubtreeAndEdges() {
    ResourceGraph g = small();
    assertThat(g.remove(1)).isEqualTo(3);
    assertThat(g.vertexCount()).isEqualTo(4);
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.isLive(2)).isFalse();
    assertThat(g.vertexByPath("/cluster0/node0")).isEmpty();
    assertThat(g.out(0).degree(0)).isEqualTo(1);
  }

  @Test
  void removeExactly_keepsUnlistedDescendantsFoundByPathButUnreachable() {
    ResourceGraph g = small();
    // node0 (1) alone: its cores 2 and 3 stay, node1's subtree is untouched
    assertThat(g.removeExactly(new int[] {1, 1})).isEqualTo(1);
    assertThat(g.vertexCount()).isEqualTo(6);
    assertThat(g.edgeCount()).isEqualTo(3);
    assertThat(g.isLive(1)).isFalse();
    assertThat(g.isLive(2)).isTrue();
    assertThat(g.vertexByPath("/cluster0/node0")).isEmpty();
    assertThat(g.vertexByPath("/cluster0/node0/core1")).hasValue(3);
    assertThat(g.parent(2)).isEqualTo(1);
    assertThat(g.out(0).degree(0)).isEqualTo(1);
    assertThat(g.in(0).degree(2)).isZero();
    assertThat(g.roots()).containsExactly(0);
    // already removed: nothing more; the orphan's own subtree is removable by path
    assertThat(g.removeExactly(new int[] {1})).isZero();
    assertThat(g.remove(2)).isEqualTo(1);
    assertThat(g.vertexCount()).isEqualTo(5);
    assertThatThrownBy(() -> g.removeExactly(new int[] {3, 99}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99");
    assertThat(g.isLive(3)).as("nothing changed").isTrue();
  }

  @Test
  void attach_addsOnlyNewVertices() {
    ResourceGraph g = small();
    int[] added = g.attach(extraNode());
    assertThat(added).hasSize(2);
    assertThat(g.vertexCount()).isEqualTo(9);
    assertThat(g.path(added[1])).isEqualTo("/cluster0/node2/core0");
    assertThat(g.out(0).degree(0)).isEqualTo(3);
  }

  /** One new node with a core under cluster0, as a graph to attach. */
  private static ResourceGraph extraNode() {
    return ClusterBuilder.nodes(1).firstNode(2).cores(1).uniqIdsFrom(100).build();
  }

  /** What a test compares: every observable of every vertex, and the edges. */
  private static String describe(ResourceGraph g) {
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v)) {
        sb.append(v).append(' ').append(g.path(v)).append(' ').append(g.status(v));
        sb.append(' ').append(g.properties(v)).append(' ').append(g.uniqId(v));
        sb.append(" out=").append(g.out(0).degree(v)).append(" in=").append(g.in(0).degree(v));
        sb.append('\n');
      }
    }
    return sb.append(g.vertexCount()).append(' ').append(g.edgeCount()).toString();
  }

  @Test
  void copy_changesOnEitherSide_areNeverVisibleInTheOther() {
    for (boolean changeOriginal : new boolean[] {true, false}) {
      ResourceGraph a = small();
      a.setProperty(1, "p", "0");
      assertThat(a.vertexByPath("/cluster0/node1")).isPresent(); // builds the shared index
      ResourceGraph b = a.copy();
      ResourceGraph changed = changeOriginal ? a : b;
      ResourceGraph other = changeOriginal ? b : a;
      String before = describe(other);
      changed.setStatus(1, Status.DOWN);
      changed.setProperty(1, "p", "1");
      changed.setProperty(2, "q", "2");
      changed.removeProperty(1, "p");
      int[] added = changed.attach(extraNode());
      changed.remove(changed.vertexByPath("/cluster0/node0").getAsInt());
      assertThat(describe(other)).isEqualTo(before);
      assertThat(other.vertexByPath("/cluster0/node2")).isEmpty();
      assertThat(other.vertexByPath("/cluster0/node0")).isPresent();
      assertThat(other.vertexByUniqId(100)).isEqualTo(ResourceGraph.NONE);
      assertThat(changed.vertexByPath("/cluster0/node2")).hasValue(added[0]);
      assertThat(changed.vertexByPath("/cluster0/node0")).isEmpty();
      assertThat(changed.status(1)).isEqualTo(Status.DOWN);
      assertThat(changed.properties(1)).doesNotContainKey("p");
      assertThat(changed.properties(2)).containsEntry("q", "2");
      // and the other side still changes on its own, without touching the first
      String after = describe(changed);
      other.setStatus(2, Status.DOWN);
      other.attach(extraNode());
      assertThat(describe(changed)).isEqualTo(after);
      assertThat(other.status(2)).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void copy_sharesTheAdjacencyUntilTheTopologyChanges() {
    ResourceGraph a = small();
    Adjacency out = a.out(0);
    ResourceGraph b = a.copy();
    assertThat(b.out(0)).isSameAs(out);
    b.setStatus(1, Status.DOWN);
    assertThat(b.out(0)).isSameAs(out);
    b.remove(2);
    assertThat(b.out(0)).isNotSameAs(out);
    assertThat(a.out(0)).isSameAs(out);
  }

  @Test
  void build_rejectsNegativeSizeAndCycles() {
    GraphBuilder b = GraphBuilder.forSource("bad.json", 4);
    b.addVertex("memory", "memory", 0, -1, -4, "GB");
    assertThatThrownBy(b::build)
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("negative size");

    GraphBuilder c = GraphBuilder.forSource("cycle.json", 4);
    int a = c.addVertex("node", "node", 0, -1, 1, "");
    int d = c.addVertex("node", "node", 1, -1, 1, "");
    c.contain(a, d).contain(d, a);
    assertThatThrownBy(c::build).hasMessageContaining("cycle");
  }

  @Test
  void explicitNameAndPropertiesAndStatus() {
    GraphBuilder b = ResourceGraph.builder();
    int v = b.addVertex("node", "fluke", "fluke-special", 4432, 0, 0, 1, "");
    b.root(v, Subsystems.CONTAINMENT).property(v, "perf_class", "3");
    ResourceGraph g = b.build();
    assertThat(g.name(v)).isEqualTo("fluke-special");
    assertThat(g.hasExplicitName(v)).isTrue();
    assertThat(g.properties(v)).containsEntry("perf_class", "3");
    g.setStatus(v, Status.DOWN);
    assertThat(g.status(v)).isEqualTo(Status.DOWN);
    ResourceGraph copy = g.copy();
    g.setProperty(v, "x", "1");
    assertThat(copy.properties(v)).doesNotContainKey("x");
  }

  @Test
  void modificationCount_countsEveryChange_andOnlyChanges() {
    ResourceGraph g = VirtualClusters.tiny();
    int node = g.vertexByPath("/tiny0/rack0/node0").getAsInt();
    long c0 = g.modificationCount();
    g.status(node);
    g.properties(node);
    assertThat(g.modificationCount()).isEqualTo(c0);
    g.setStatus(node, Status.DOWN);
    assertThat(g.modificationCount()).isEqualTo(c0 + 1);
    g.setProperty(node, "fast", "yes");
    assertThat(g.modificationCount()).isEqualTo(c0 + 2);
    assertThat(g.removeProperty(node, "absent")).isFalse();
    assertThat(g.modificationCount()).isEqualTo(c0 + 2);
    assertThat(g.removeProperty(node, "fast")).isTrue();
    assertThat(g.modificationCount()).isEqualTo(c0 + 3);
    g.remove(node);
    assertThat(g.modificationCount()).isEqualTo(c0 + 4);
  }

  @Test
  void addVertexCopy_keepsEveryAttribute_butTheSizeAskedFor() {
    ResourceGraph g = VirtualClusters.tiny();
    GraphBuilder b = ResourceGraph.builder();
    int[] copy = new int[g.vertexCount()];
    for (int v = 0; v < g.vertexCount(); v++) {
      copy[v] = v % 3 == 0 ? b.addVertexCopy(g, v, g.size(v) + 5) : b.addVertexCopy(g, v);
      int p = g.parent(v);
      if (p == ResourceGraph.NONE) {
        b.root(copy[v], Subsystems.CONTAINMENT);
      } else {
        assertThat(p).as("parents come first").isLessThan(v);
        b.contain(copy[p], copy[v]);
      }
    }
    ResourceGraph c = b.build();
    assertThat(c.vertexCount()).isEqualTo(g.vertexCount());
    for (int v = 0; v < g.vertexCount(); v++) {
      int n = copy[v];
      assertThat(c.path(n)).isEqualTo(g.path(v));
      assertThat(c.type(n)).isEqualTo(g.type(v));
      assertThat(c.basename(n)).isEqualTo(g.basename(v));
      assertThat(c.name(n)).isEqualTo(g.name(v));
      assertThat(c.hasExplicitName(n)).isEqualTo(g.hasExplicitName(v));
      assertThat(c.id(n)).isEqualTo(g.id(v));
      assertThat(c.uniqId(n)).isEqualTo(g.uniqId(v));
      assertThat(c.rank(n)).isEqualTo(g.rank(v));
      assertThat(c.unit(n)).isEqualTo(g.unit(v));
      assertThat(c.size(n)).isEqualTo(v % 3 == 0 ? g.size(v) + 5 : g.size(v));
    }
  }

  @Test
  void typeRankFollowsTheFirstVertexOfEachTypeNotTheOtherStrings() {
    GraphBuilder b = ResourceGraph.builder();
    // the basename "power" is interned before any vertex has the type "power"
    int cluster = b.addVertex("cluster", "power", 0, -1, 1, "");
    b.root(cluster, "containment");
    int pdu = b.addVertex("pdu", "pdu", 0, -1, 1, "");
    b.contain(cluster, pdu);
    b.contain(pdu, b.addVertex("power", "power", 0, -1, 1, ""));
    ResourceGraph g = b.build();

    assertThat(g.typeId("power")).isLessThan(g.typeId("pdu"));
    assertThat(g.typeRank("cluster")).isZero();
    assertThat(g.typeRank("pdu")).isEqualTo(1);
    assertThat(g.typeRank("power")).isEqualTo(2);
    assertThat(g.typeRank("core")).isEqualTo(-1);
    assertThat(g.typeCount()).isEqualTo(3);
    assertThat(g.typeAt(2)).isEqualTo("power");
  }

  @Test
  void aTypeDeclaredBeforeItsVerticesKeepsItsPlace() {
    GraphBuilder b = ResourceGraph.builder();
    b.internType("memory");
    int cluster = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(cluster, "containment");
    b.contain(cluster, b.addVertex("memory", "memory", 0, -1, 1, ""));
    ResourceGraph g = b.build();

    assertThat(g.typeRank("memory")).isZero();
    assertThat(g.typeRank("cluster")).isEqualTo(1);
    // a copy shares the order
    ResourceGraph c = g.copy();
    assertThat(c.typeRank("memory")).isZero();
  }
}
