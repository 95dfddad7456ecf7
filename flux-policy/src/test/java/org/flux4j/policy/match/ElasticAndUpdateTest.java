package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.graph.io.RSubgraph;
import org.junit.jupiter.api.Test;

/** Update from R, partial cancel, shrink and grow through the public API. */
class ElasticAndUpdateTest {
  private static final ResourceRequest TWO_NODES =
      ResourceRequest.of(
          3600,
          ResourceRequest.Item.of(
              "node",
              2,
              ResourceRequest.Item.slot(
                  1,
                  "default",
                  ResourceRequest.Item.of("socket", 1, ResourceRequest.Item.of("core", 2)))));

  /** A graph holding exactly the vertices of {@code s}, with the same paths and sizes. */
  static ResourceGraph toGraph(ResourceSet s, boolean[] exclusiveOut) {
    ResourceGraph g = s.graph();
    GraphBuilder b = ResourceGraph.builder();
    IntIntHashMap map = new IntIntHashMap();
    for (int i = 0; i < s.size(); i++) {
      int v = s.vertex(i);
      int n =
          b.addVertex(
              g.type(v),
              g.basename(v),
              g.name(v),
              g.id(v),
              g.uniqId(v),
              g.rank(v),
              s.count(i),
              g.unit(v));
      map.put(v, n);
      exclusiveOut[n] = s.exclusive(i);
    }
    for (int k = 0; k < s.edgeCount(); k++) {
      b.contain(map.get(s.edgeSource(k)), map.get(s.edgeTarget(k)));
    }
    for (int i = 0; i < s.size(); i++) {
      int v = s.vertex(i);
      if (g.parent(v) == ResourceGraph.NONE) {
        b.root(map.get(v), "containment");
      }
    }
    return b.build();
  }

  @Test
  void update_fromEmittedR_recreatesTheSameAllocation() {
    ResourceQuery rq =
        ResourceQuery.create(
            TestSupport.grug("tiny.graphml"),
            ResourceQuery.Options.builder().policy("high").build());
    MatchResult first = rq.match(MatchOp.ALLOCATE, TWO_NODES, 1);
    ResourceSet set = first.resourceSet().orElseThrow();
    String before = MatchPolicyContractTest.state(rq);
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.CANCELLED);
    boolean[] x = new boolean[set.size()];
    ResourceGraph r = toGraph(set, x);
    MatchResult again = rq.update(1, r, v -> x[v], 0, 3600, false);
    assertThat(again).isInstanceOf(MatchResult.Allocated.class);
    assertThat(TestSupport.simple(again.resourceSet().orElseThrow()))
        .isEqualTo(TestSupport.simple(set));
    assertThat(MatchPolicyContractTest.state(rq)).isEqualTo(before);
    rq.checkInvariants();
  }

  /** An rv1exec R naming {@code cores} of broker rank {@code rank} ({@code node<rank>}). */
  private static String rv1(int rank, String cores) {
    return "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \""
        + rank
        + "\", \"children\": {\"core\": \""
        + cores
        + "\"}}], \"nodelist\": [\"node"
        + rank
        + "\"], \"starttime\": 0, \"expiration\": 0}}";
  }

  private static MatchResult updateRv1(
      ResourceQuery rq, long jobId, int rank, String cores, long at) {
    RSubgraph r = RSubgraph.read(rq.graph(), "r", rv1(rank, cores), GraphFormat.RV1EXEC);
    return rq.update(jobId, r, at, 100, false);
  }

  /** The place of the (first) node vertex in {@code s}. */
  private static int nodeIndex(ResourceSet s) {
    for (int i = 0; i < s.size(); i++) {
      if (s.graph().type(s.vertex(i)).equals("node")) {
        return i;
      }
    }
    throw new AssertionError("no node in " + TestSupport.simple(s));
  }

  private static boolean nodeExclusive(MatchResult m) {
    ResourceSet s = m.resourceSet().orElseThrow();
    return s.exclusive(nodeIndex(s));
  }

  /**
   * Fluxion's rv1exec reader ({@code resource_reader_rv1exec.cpp}): every vertex R names is taken
   * exclusively, the node included, but the node's plan gets a span only when R names its whole
   * rank; the update is refused when a named vertex holds units during the window, the first one in
   * R's order naming the reader's message, and then nothing changes.
   */
  @Test
  void update_rv1exec_nodeExclusive_heldOnlyWithItsWholeRank() {
    ResourceQuery rq = rv1execNodes(2, "low");
    MatchResult part = updateRv1(rq, 1, 0, "0", 0);
    assertThat(part).isInstanceOf(MatchResult.Allocated.class);
    assertThat(nodeExclusive(part)).isTrue();
    // node0 holds no units: another part of its rank updates over the same window
    assertThat(updateRv1(rq, 2, 0, "1-2", 0)).isInstanceOf(MatchResult.Allocated.class);
    MatchResult whole = updateRv1(rq, 3, 1, "0-3", 0);
    assertThat(nodeExclusive(whole)).isTrue();
    String before = MatchPolicyContractTest.state(rq);
    // node1 is held now: the node, named first, is unavailable
    assertThat(updateRv1(rq, 4, 1, "0", 50))
        .isEqualTo(
            new MatchResult.Unsatisfiable(
                4,
                "update_vertex: node1 is unavailable.\n"
                    + "unpack_rank: failed unpacking rank for node1.\n"));
    // core2 of node0 is held by job 2
    assertThat(updateRv1(rq, 5, 0, "2-3", 99))
        .isEqualTo(
            new MatchResult.Unsatisfiable(
                5,
                "update_vertex: core2 is unavailable.\n"
                    + "unpack_child: failed unpacking child for core2.\n"));
    assertThat(MatchPolicyContractTest.state(rq)).isEqualTo(before);
    // after the window all is free again
    assertThat(updateRv1(rq, 6, 1, "0-3", 100)).isInstanceOf(MatchResult.Allocated.class);
    rq.checkInvariants();
  }

  /** A JGF-like R: the vertices of {@code set} held exclusively under {@code prefix}. */
  private static ResourceGraph heldUnder(ResourceSet set, String prefix) {
    ResourceGraph g = set.graph();
    GraphBuilder b = ResourceGraph.builder();
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      if (set.exclusive(i) && g.path(v).startsWith(prefix)) {
        int n =
            b.addVertex(
                g.type(v), g.basename(v), g.name(v), g.id(v), g.uniqId(v), g.rank(v), 1, "");
        b.path(n, "containment", g.path(v));
      }
    }
    return b.build();
  }

  @Test
  void partialCancel_oneNodeThenTheOther_endsFullyCancelled() {
    ResourceQuery rq =
        ResourceQuery.create(
            TestSupport.grug("tiny.graphml"),
            ResourceQuery.Options.builder().policy("low").build());
    String fresh = MatchPolicyContractTest.state(rq);
    ResourceSet set = rq.match(MatchOp.ALLOCATE, TWO_NODES, 1).resourceSet().orElseThrow();
    assertThat(rq.partialCancel(1, heldUnder(set, "/tiny0/rack0/node0/")))
        .isEqualTo(CancelStatus.PARTIALLY_CANCELLED);
    rq.checkInvariants();
    // node0's cores are free again: a 36-core single-node job fits there now
    ResourceRequest wholeNode =
        ResourceRequest.of(
            10,
            ResourceRequest.Item.of(
                "node",
                1,
                ResourceRequest.Item.slot(
                    1,
                    "default",
                    ResourceRequest.Item.of("socket", 2, ResourceRequest.Item.of("core", 18)))));
    assertThat(rq.match(MatchOp.WITHOUT_ALLOCATING, wholeNode, 2).isSuccess()).isTrue();
    assertThat(rq.partialCancel(1, heldUnder(set, "/tiny0/rack0/node1/")))
        .isEqualTo(CancelStatus.CANCELLED);
    assertThat(MatchPolicyContractTest.state(rq)).isEqualTo(fresh);
    rq.checkInvariants();
  }

  @Test
  void partialCancel_ofAVertexTheJobSharesOnly_fails() {
    ResourceQuery rq =
        ResourceQuery.create(
            TestSupport.grug("tiny.graphml"),
            ResourceQuery.Options.builder().policy("low").build());
    ResourceSet set = rq.match(MatchOp.ALLOCATE, TWO_NODES, 1).resourceSet().orElseThrow();
    ResourceGraph g = set.graph();
    int node0 = g.vertexByPath("/tiny0/rack0/node0").getAsInt();
    GraphBuilder b = ResourceGraph.builder();
    int n = b.addVertex("node", "node", g.name(node0), 0, g.uniqId(node0), g.rank(node0), 1, "");
    b.path(n, "containment", "/tiny0/rack0/node0");
    ResourceGraph r = b.build();
    // the job holds node0 only as a container of its cores: Fluxion reports an error
    assertThat(rq.partialCancel(1, r)).isEqualTo(CancelStatus.FAILED);
    assertThat(rq.info(1)).isPresent();
    assertThat(rq.partialCancel(7, r)).isEqualTo(CancelStatus.NO_SUCH_JOB);
  }

  @Test
  void shrink_removesANode_andLargeRequestsBecomeUnsatisfiable() {
    ResourceQuery rq =
        ResourceQuery.create(
            TestSupport.grug("tiny.graphml"),
            ResourceQuery.Options.builder().policy("low").build());
    assertThat(rq.match(MatchOp.SATISFIABILITY, TWO_NODES, 1))
        .isInstanceOf(MatchResult.Satisfiable.class);
    assertThat(rq.shrink("/tiny0/rack0/node1")).isTrue();
    assertThat(rq.match(MatchOp.SATISFIABILITY, TWO_NODES, 1))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(2, 18, 10), 1).isSuccess()).isTrue();
    rq.checkInvariants();
  }

  @Test
  void grow_addsANode_thatCanThenBeAllocated() {
    ResourceGraph g = Clusters.flat(new int[] {2});
    ResourceQuery rq =
        ResourceQuery.create(g, ResourceQuery.Options.builder().policy("high").build());
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(2, 2, 10), 1).isSuccess()).isFalse();
    int[] added = rq.grow(ClusterBuilder.nodes(1).firstNode(1).cores(2).uniqIdsFrom(1000).build());
    assertThat(added).hasSize(3);
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(2, 2, 10), 1).isSuccess()).isTrue();
    rq.checkInvariants();
  }

  /**
   * The scheduler keeps each request's compiled form by the identity of its resource list, so a
   * queue's job is compiled once. One request object matched again and again across a grow that
   * brings a type the graph lacked ("fpga", not one of Fluxion's built-in types) and a shrink must
   * answer as equal new objects do: a compiled form naming a type the graph lacked, or made before
   * a topology change, may not be reused after it.
   */
  @Test
  void oneRequestObject_acrossGrowAndShrink_answersAsNewEqualObjects() {
    ResourceRequest fpgaJob =
        ResourceRequest.of(
            10,
            ResourceRequest.Item.slot(
                1,
                "default",
                ResourceRequest.Item.of("core", 1),
                ResourceRequest.Item.of("fpga", 1)));
    ResourceRequest coreJob = cores(2);
    ResourceQuery kept = ResourceQuery.create(ClusterBuilder.nodes(1).cores(2).build());
    ResourceQuery fresh = ResourceQuery.create(ClusterBuilder.nodes(1).cores(2).build());
    java.util.List<String> keptAnswers = new java.util.ArrayList<>();
    java.util.List<String> freshAnswers = new java.util.ArrayList<>();
    long[] id = {1};
    Runnable round =
        () -> {
          for (ResourceRequest r : new ResourceRequest[] {fpgaJob, coreJob}) {
            keptAnswers.add(answer(kept.match(MatchOp.ALLOCATE, r, id[0])));
            freshAnswers.add(answer(fresh.match(MatchOp.ALLOCATE, newEqual(r), id[0])));
            kept.cancel(id[0]);
            fresh.cancel(id[0]);
            id[0]++;
          }
        };
    round.run();
    kept.grow(nodeWithFpga());
    fresh.grow(nodeWithFpga());
    round.run();
    String node0 = kept.graph().path(kept.graph().roots()[0]) + "/node0";
    assertThat(kept.shrink(node0)).isTrue();
    assertThat(fresh.shrink(node0)).isTrue();
    round.run();
    assertThat(keptAnswers).isEqualTo(freshAnswers);
    // the fpga job is refused before the grow and placed after it
    assertThat(keptAnswers.get(0)).isEqualTo("RequestError");
    assertThat(keptAnswers.get(2)).startsWith("Allocated");
    assertThat(keptAnswers.get(4)).startsWith("Allocated");
  }

  /** A node of two cores and an fpga, to attach as node1. */
  private static ResourceGraph nodeWithFpga() {
    GraphBuilder b = ClusterBuilder.nodes(1).firstNode(1).cores(2).uniqIdsFrom(1000).unbuilt();
    ResourceGraph view = b.peek();
    int node = -1;
    for (int v = 0; v < view.vertexLimit(); v++) {
      if (view.type(v).equals("node")) {
        node = v;
      }
    }
    int fpga = b.addVertex("fpga", "fpga", 0, -1, 1, "");
    b.contain(node, fpga);
    return b.build();
  }

  /** A request equal to {@code r} whose lists are new objects. */
  private static ResourceRequest newEqual(ResourceRequest r) {
    return new ResourceRequest(
        new java.util.ArrayList<>(r.resources()), r.duration(), r.constraint(), r.queue());
  }

  /** What a match answered, without object identities: its kind and the vertices it holds. */
  private static String answer(MatchResult m) {
    if (m instanceof MatchResult.Allocated a) {
      StringBuilder b = new StringBuilder("Allocated");
      for (int i = 0; i < a.resources().size(); i++) {
        b.append(' ').append(a.resources().vertex(i));
      }
      return b.toString();
    }
    return m.getClass().getSimpleName();
  }

  private static ResourceRequest nodes(int n) {
    return ResourceRequest.of(
        10,
        ResourceRequest.Item.of(
            "node",
            n,
            ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("core", 1))));
  }

  /**
   * Fluxion's resource-query counts the nodes up (metadata.nodes_up) when it loads the graph and on
   * set-status only: attach ({@code add_subgraph}) and remove leave the count, so after growing a
   * one-node graph by a node a two-node request is refused by the early feasibility check, and
   * after removing the first node a one-node request still goes through.
   */
  @Test
  void grow_andShrink_leaveTheNodesUpCount() {
    ResourceGraph g = Clusters.flat(new int[] {2});
    ResourceQuery rq =
        ResourceQuery.create(g, ResourceQuery.Options.builder().policy("low").build());
    rq.grow(ClusterBuilder.nodes(1).firstNode(1).cores(2).uniqIdsFrom(1000).build());
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(2), 1).isSuccess()).isFalse();
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 2).isSuccess()).isTrue();
    String first = g.path(g.roots()[0]) + "/node0";
    assertThat(rq.shrink(first)).isTrue();
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 3).isSuccess()).isTrue();
    rq.checkInvariants();
  }

  private static ResourceRequest cores(int n) {
    return ResourceRequest.of(
        10, ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("core", n)));
  }

  /**
   * Fluxion's remove by path only disconnects the subtree: the ancestors' aggregate spans keep
   * counting the core a job held there against the smaller totals, so the root's filter sees one
   * core fewer free until that job is cancelled.
   */
  @Test
  void shrink_keepsTheJobsAggregateSpans() {
    ResourceGraph g = Clusters.flat(new int[] {2, 2});
    ResourceQuery rq =
        ResourceQuery.create(g, ResourceQuery.Options.builder().policy("low").build());
    ResourceSet held = rq.match(MatchOp.ALLOCATE, cores(1), 1).resourceSet().orElseThrow();
    String node = null;
    for (int i = 0; i < held.size(); i++) {
      if (held.graph().type(held.vertex(i)).equals("node")) {
        node = held.graph().path(held.vertex(i));
      }
    }
    assertThat(node).isNotNull();
    assertThat(rq.shrink(node)).isTrue();
    // two cores are left, one of them counted as held by job 1
    assertThat(rq.match(MatchOp.ALLOCATE, cores(2), 2).isSuccess()).isFalse();
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(rq.match(MatchOp.ALLOCATE, cores(2), 3).isSuccess()).isTrue();
    rq.checkInvariants();
  }

  /** A query on an rv1exec cluster of {@code nodes} nodes (ranks from 0) of 4 cores each. */
  private static ResourceQuery rv1execNodes(int nodes, String policy) {
    String last = Integer.toString(nodes - 1);
    String cluster =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-"
            + last
            + "\", \"children\": {\"core\": \"0-3\"}}], \"nodelist\": [\"node[0-"
            + last
            + "]\"], \"starttime\": 0, \"expiration\": 0}}";
    return ResourceQuery.create(
        GraphReaders.read(cluster, "cluster", GraphFormat.RV1EXEC),
        ResourceQuery.Options.builder().policy(policy).build());
  }

  /** The name of the node {@code m} holds. */
  private static String nodeOf(MatchResult m) {
    ResourceSet s = m.resourceSet().orElseThrow();
    return s.graph().name(s.vertex(nodeIndex(s)));
  }

  /**
   * Fluxion's update from R runs with the jobmeta's now left at -1 ({@code
   * dfu_traverser_t::update}), before every planner's start: the edges it passes get weight 0, so a
   * stop-on-first-match policy visits an updated node after every node a match left with free cores
   * (here node1, with 2, before node2, with 3). Recorded from the real Fluxion (rq-diff seed
   * 200283).
   */
  @Test
  void update_rv1exec_setsOutEdgeWeightsToZero_forFirstMatchOrder() {
    ResourceQuery rq = rv1execNodes(3, "first");
    ResourceRequest twoCores =
        ResourceRequest.of(
            3600, ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("core", 2)));
    assertThat(updateRv1(rq, 1, 2, "0", 0)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(nodeOf(rq.match(MatchOp.ALLOCATE, twoCores, 2))).isEqualTo("node1");
    assertThat(nodeOf(rq.match(MatchOp.ALLOCATE, twoCores, 3))).isEqualTo("node0");
    assertThat(rq.cancel(2)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(nodeOf(rq.match(MatchOp.ALLOCATE, twoCores, 4))).isEqualTo("node1");
    rq.checkInvariants();
  }
}
