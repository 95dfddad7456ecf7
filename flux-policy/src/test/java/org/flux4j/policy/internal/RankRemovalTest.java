package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchPolicies;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.junit.jupiter.api.Test;

/**
 * What a rank removal ({@link RankRemoval}, through {@link QueryEngine#shrinkRanks}) leaves behind,
 * step by step as Fluxion's {@code dfu_impl_t::remove(root, ranks)} does, on a cluster of two racks
 * of two nodes (ranks 0-3) of two cores each. The whole outputs after such removals are checked
 * against the real Fluxion by the divergence cases {@code case-340458-rankremove-reduceorder},
 * {@code case-334603-rankremove-clearedfilter} and {@code case-336567-rankremove-xspan}.
 */
class RankRemovalTest {
  private static final int CLUSTER = 0;
  private static final int RACK0 = 1;
  private static final int RACK1 = 2;
  private static final int NODE0 = 3;
  private static final int NODE1 = 4;
  private static final int NODE2 = 5;
  private static final long FOREVER = 1L << 40;

  /**
   * cluster0 (0) > rack0 (1), rack1 (2); node i (3 + i, rank i) in rack i / 2, with 2 cores of its
   * rank (as rv1exec gives them).
   */
  private static ResourceGraph twoRacks() {
    GraphBuilder b = ResourceGraph.builder();
    int cluster = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(cluster, "containment");
    int[] racks = {
      b.addVertex("rack", "rack", 0, -1, 1, ""), b.addVertex("rack", "rack", 1, -1, 1, "")
    };
    for (int r : racks) {
      b.contain(cluster, r);
    }
    int[] nodes = new int[4];
    for (int i = 0; i < 4; i++) {
      nodes[i] = b.addVertex("node", "node", i, i, 1, "");
      b.contain(racks[i / 2], nodes[i]);
    }
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 2; c++) {
        b.contain(nodes[i], b.addVertex("core", "core", c, i, 1, ""));
      }
    }
    return b.build();
  }

  private static QueryEngine engine() {
    return new QueryEngine(
        twoRacks(), new EngineOptions(MatchPolicies.byName("low"), "CA", "ALL:core", false, false));
  }

  /** {@code n} slots of one core each. */
  private static ResourceRequest cores(int n) {
    return ResourceRequest.of(3600, Item.slot(n, "default", Item.of("core", 1)));
  }

  private static void allocate(QueryEngine e, long job, int cores) {
    assertThat(e.match(MatchOp.ALLOCATE, cores(cores), job, 0).isSuccess()).isTrue();
  }

  private static boolean tagged(QueryEngine e, int v, long job) {
    VertexSchedule s = e.state().sched[v];
    return s != null && s.indexOf(job) >= 0;
  }

  private static boolean exclusivelyBusy(QueryEngine e, int v) {
    VertexSchedule s = e.state().sched[v];
    return s != null && s.anyDuring(0, FOREVER);
  }

  @Test
  void aFailedReductionKeepsTheReductionsFluxionsHashOrderMadeBeforeIt() {
    QueryEngine e = engine();
    allocate(e, 1, 2); // node0's two cores
    allocate(e, 2, 4); // node1's and node2's
    assertThat(tagged(e, NODE0, 1)).isTrue();
    assertThat(tagged(e, NODE1, 2)).isTrue();
    assertThat(tagged(e, NODE2, 2)).isTrue();

    // ranks 0 and 2: ancestors met rack1, cluster0, rack0, iterated (13 buckets) rack0, cluster0,
    // rack1; at rack0 both jobs lose rank 0's two cores (job 2 its whole span there, node1's); at
    // cluster0 job 1 (first of the jobs) cannot lose both ranks' four from its two
    assertThatThrownBy(() -> e.shrinkRanks(new int[] {2, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mod_agfilter: planner_multi_reduce_span returned -1.")
        .hasMessageContaining("remove: cluster0: cancel_vertex failed.");

    SchedState st = e.state();
    assertThat(st.sub[RACK0].has(1)).isFalse();
    assertThat(st.sub[RACK0].has(2)).isFalse();
    assertThat(tagged(e, RACK0, 1)).isFalse();
    assertThat(tagged(e, RACK0, 2)).isFalse();
    // never reached
    assertThat(st.sub[RACK1].has(2)).isTrue();
    assertThat(tagged(e, RACK1, 2)).isTrue();
    assertThat(exclusivelyBusy(e, RACK1)).isTrue();
    // the failing reduction changed nothing at cluster0
    assertThat(st.sub[CLUSTER].has(1)).isTrue();
    assertThat(st.sub[CLUSTER].has(2)).isTrue();
  }

  @Test
  void aFailedRemovalLeavesTheRanksClearedWithEmptyFiltersAndTheirExclusivitySpans() {
    QueryEngine e = engine();
    allocate(e, 1, 2);
    allocate(e, 2, 4);
    SubtreePlan before = e.state().sub[NODE0];
    assertThatThrownBy(() -> e.shrinkRanks(new int[] {0, 2}))
        .isInstanceOf(IllegalArgumentException.class);

    for (int node : new int[] {NODE0, NODE2}) {
      assertThat(e.graph().isLive(node)).isTrue();
      SubtreePlan p = e.state().sub[node];
      // planner_multi_reset: still a filter, with its totals and no span
      assertThat(p).isNotNull();
      assertThat(p.n).isZero();
      assertThat(p.totals).containsExactly(before.totals);
      assertThat(tagged(e, node, 1)).isFalse();
      assertThat(tagged(e, node, 2)).isFalse();
      // the x_checker is not reset
      assertThat(exclusivelyBusy(e, node)).isTrue();
    }
    assertThat(tagged(e, NODE1, 2)).isTrue();
  }

  @Test
  void aPartialCancelDropsTheAncestorsExclusivitySpansButKeepsTheirTags() {
    QueryEngine e = engine();
    allocate(e, 1, 3); // node0's two cores and one of node1's
    assertThat(exclusivelyBusy(e, RACK0)).isTrue();

    assertThat(e.shrinkRanks(new int[] {1})).isEqualTo(3); // node1 and its cores

    for (int a : new int[] {RACK0, CLUSTER}) {
      assertThat(tagged(e, a, 1)).isTrue();
      assertThat(e.state().sub[a].has(1)).isTrue();
      assertThat(exclusivelyBusy(e, a)).isFalse();
    }
    assertThat(e.graph().isLive(NODE1)).isFalse();
  }

  private static final int FLAT_NODE0 = 1;
  private static final int FLAT_NODE1 = 4;

  /** cluster0 (0) > node i (1 + 3i, rank i) for i < 2, each with 2 cores of its rank after it. */
  private static QueryEngine flat(String pruneFilters) {
    GraphBuilder b = ResourceGraph.builder();
    int cluster = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(cluster, "containment");
    for (int i = 0; i < 2; i++) {
      int node = b.addVertex("node", "node", i, i, 1, "");
      b.contain(cluster, node);
      for (int c = 0; c < 2; c++) {
        b.contain(node, b.addVertex("core", "core", c, i, 1, ""));
      }
    }
    return new QueryEngine(
        b.build(),
        new EngineOptions(MatchPolicies.byName("low"), "CA", pruneFilters, false, false));
  }

  /** Job 2 reserves the whole cluster exclusively after job 1, which holds {@code cores} now. */
  private static QueryEngine reservedBehind(String pruneFilters, int cores) {
    QueryEngine e = flat(pruneFilters);
    allocate(e, 1, cores);
    ResourceRequest whole =
        ResourceRequest.of(
            3600,
            Item.of("cluster", 1, Item.slot(4, "default", Item.of("core", 1))).withExclusive(true));
    var r = e.match(MatchOp.ALLOCATE_ORELSE_RESERVE, whole, 2, 0);
    assertThat(r.isSuccess()).isTrue();
    assertThat(e.state().sched[CLUSTER].hasKindFor(2, VertexSchedule.RESERVED)).isTrue();
    return e;
  }

  /** The window of job {@code job}'s own entry at {@code v} is not empty (its x_checker span). */
  private static boolean ownExclusivitySpan(QueryEngine e, int v, long job) {
    VertexSchedule s = e.state().sched[v];
    int i = s.indexOf(job);
    return s.start[i] < s.end[i];
  }

  /** The units of {@code v} no job owns any more, at an instant of the reservation's window. */
  private static boolean leakedHoldsTheReservation(QueryEngine e, int v) {
    VertexSchedule s = e.state().sched[v];
    return s.hasKindFor(TraversalUpdate.LEAKED_SPAN, VertexSchedule.SHARED)
        && s.maxUnitsDuring(3600, 1) == 1
        && s.maxUnitsDuring(7200, 1) == 0;
  }

  @Test
  void aReservationAtAnAncestorIsLetGoWhenThePartialCancelFailsThere() {
    QueryEngine e = reservedBehind("ALL:core", 2);
    assertThatThrownBy(() -> e.shrinkRanks(new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "mod_plan: traverser tried to remove schedule and span after vtx_cancel during"
                + " partial cancel:\ncluster0 Success.\nremove: cluster0: cancel_vertex failed.");

    // mod_plan erased the reservation but left its span in the planner, under no job; job 2's
    // aggregate span was only reduced, so it keeps its tag, but not its exclusivity span
    assertThat(e.state().sched[CLUSTER].hasKindFor(2, VertexSchedule.RESERVED)).isFalse();
    assertThat(leakedHoldsTheReservation(e, CLUSTER)).isTrue();
    assertThat(tagged(e, CLUSTER, 2)).isTrue();
    assertThat(e.state().sub[CLUSTER].has(2)).isTrue();
    assertThat(ownExclusivitySpan(e, CLUSTER, 2)).isFalse();
    assertThat(e.graph().isLive(FLAT_NODE0)).isTrue();

    // so the next removal meets no reservation there and goes through (rq-diff seed 401758)
    assertThat(e.shrinkRanks(new int[] {1})).isEqualTo(3);
    assertThat(e.graph().isLive(FLAT_NODE1)).isFalse();
    assertThat(leakedHoldsTheReservation(e, CLUSTER)).isTrue();
  }

  @Test
  void aReservationReducedAwayLeavesNoTagBehind() {
    // job 1's four cores are what ranks 0 and 1 held: job 2's span of four goes whole
    QueryEngine e = reservedBehind("ALL:core", 4);
    assertThatThrownBy(() -> e.shrinkRanks(new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove: cluster0: cancel_vertex failed.");
    assertThat(tagged(e, CLUSTER, 2)).isFalse();
    assertThat(e.state().sub[CLUSTER].has(2)).isFalse();
    assertThat(leakedHoldsTheReservation(e, CLUSTER)).isTrue();
  }

  @Test
  void aReservationWithoutAnAggregateSpanKeepsItsTagAndExclusivitySpan() {
    // only the cluster has a filter: rack0, which job 2 reserves, has no aggregate to reduce
    QueryEngine e =
        new QueryEngine(
            twoRacks(),
            new EngineOptions(MatchPolicies.byName("low"), "CA", "cluster:core", false, false));
    allocate(e, 1, 5); // both racks busy now
    ResourceRequest rack =
        ResourceRequest.of(
            3600,
            Item.of(
                "cluster",
                1,
                Item.of("rack", 1, Item.slot(4, "default", Item.of("core", 1)))
                    .withExclusive(true)));
    assertThat(e.match(MatchOp.ALLOCATE_ORELSE_RESERVE, rack, 2, 0).isSuccess()).isTrue();
    assertThat(e.state().sched[RACK0].hasKindFor(2, VertexSchedule.RESERVED)).isTrue();
    assertThat(e.state().sub[RACK0]).isNull();

    assertThatThrownBy(() -> e.shrinkRanks(new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove: rack0: cancel_vertex failed.");
    assertThat(e.state().sched[RACK0].hasKindFor(2, VertexSchedule.RESERVED)).isFalse();
    assertThat(leakedHoldsTheReservation(e, RACK0)).isTrue();
    assertThat(tagged(e, RACK0, 2)).isTrue();
    assertThat(ownExclusivitySpan(e, RACK0, 2)).isTrue();
    assertThat(e.shrinkRanks(new int[] {1})).isEqualTo(3);
  }

  @Test
  void anUnknownRankFailsAfterTheLowerRanksWereCleared() {
    QueryEngine e = engine();
    allocate(e, 1, 2);
    assertThatThrownBy(() -> e.shrinkRanks(new int[] {9, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove: 9 not found in by_rank map.");
    assertThat(e.graph().isLive(NODE0)).isTrue();
    assertThat(tagged(e, NODE0, 1)).isFalse();
    assertThat(e.state().sub[NODE0].n).isZero();
    // no reduction ran: the ancestors keep the job
    assertThat(e.state().sub[RACK0].has(1)).isTrue();
    assertThat(exclusivelyBusy(e, RACK0)).isTrue();
  }

  /**
   * Fluxion's interned type ids, as gdb read them from resource-query on {@code power.json}
   * (rq-diff seed 792717): the start-up types 0-9, {@code "*"} and {@code ""} at 10 and 11, then
   * the graph's other types in the order of their first vertex, whatever basenames came before.
   */
  @Test
  void fluxionTypeIdsCountTheStartupTypesAndFollowTheFirstVertexOfEachType() {
    // power.json's order: the cluster's basename "power" comes long before the type "power"
    String[][] vertices = {
      {"cluster", "power", "-1", "/power0"},
      {"rack", "rack", "-1", "/power0/rack0"},
      {"pdu", "pdu", "-1", "/power0/pdu0"},
      {"node", "node", "0", "/power0/rack0/node0"},
      {"memory", "memory", "0", "/power0/rack0/node0/memory0"},
      {"powerpanel", "powerpanel", "-1", "/power0/pdu0/powerpanel0"},
      {"power", "power", "-1", "/power0/pdu0/power0"}
    };
    int[] parent = {-1, 0, 0, 1, 3, 2, 2};
    StringBuilder nodes = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < vertices.length; i++) {
      String[] v = vertices[i];
      nodes
          .append(i == 0 ? "" : ",")
          .append(
              String.format(
                  "{\"id\": \"%d\", \"metadata\": {\"type\": \"%s\", \"basename\": \"%s\", \"id\": 0,"
                      + " \"rank\": %s, \"paths\": {\"containment\": \"%s\"}}}",
                  i, v[0], v[1], v[2], v[3]));
      if (parent[i] >= 0) {
        edges
            .append(edges.length() == 0 ? "" : ",")
            .append(String.format("{\"source\": \"%d\", \"target\": \"%d\"}", parent[i], i));
      }
    }
    ResourceGraph g =
        org.flux4j.graph.io.GraphReaders.read(
            "{\"graph\": {\"nodes\": [" + nodes + "], \"edges\": [" + edges + "]}}",
            "power.json",
            org.flux4j.graph.io.GraphFormat.JGF);

    int[] ids = RankRemoval.fluxionTypeIds(g);

    assertThat(ids[g.typeId("cluster")]).isZero();
    assertThat(ids[g.typeId("node")]).isEqualTo(4);
    assertThat(ids[g.typeId("rack")]).isEqualTo(5);
    assertThat(ids[g.typeId("pdu")]).isEqualTo(12);
    assertThat(ids[g.typeId("memory")]).isEqualTo(13);
    assertThat(ids[g.typeId("powerpanel")]).isEqualTo(14);
    assertThat(ids[g.typeId("power")]).isEqualTo(15);
  }
}
