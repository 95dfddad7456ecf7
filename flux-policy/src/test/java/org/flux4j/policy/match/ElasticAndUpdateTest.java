package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
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
}
