package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * A request for nodes on a graph without any node vertex: "node" is a pruning type of the default
 * filters whether or not the graph has one (Fluxion's is_pruning_type reads the filters), so the
 * early feasibility check counts the requested nodes against the nodes up (none) and answers busy
 * for the allocating operations, unsatisfiable for those that check satisfiability. (Divergence
 * class "prune type absent from the graph": flux4j counted no nodes and fell through to the
 * satisfiability check.) The answers were read from the real Fluxion resource-query.
 */
class NodelessGraphTest {
  private static ResourceGraph coresOnly() {
    return ClusterBuilder.nodeless().cores(4).build();
  }

  private static final ResourceRequest NODE_SLOT_CORE =
      ResourceRequest.of(
          0,
          ResourceRequest.Item.of(
              "node", 1, ResourceRequest.Item.slot(1, "task", ResourceRequest.Item.of("core", 1))));

  @Test
  void nodeRequest_onANodelessGraph_isBusyForAllocatingOps_andUnsatisfiableWhenChecked() {
    ResourceQuery rq = ResourceQuery.create(coresOnly(), ResourceQuery.Options.builder().build());
    for (MatchOp op :
        new MatchOp[] {
          MatchOp.ALLOCATE,
          MatchOp.ALLOCATE_ORELSE_RESERVE,
          MatchOp.WITHOUT_ALLOCATING,
          MatchOp.WITHOUT_ALLOCATING_FUTURE
        }) {
      assertThat(rq.match(op, NODE_SLOT_CORE, 1, 0))
          .as(op.toString())
          .isInstanceOf(MatchResult.Busy.class);
    }
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, NODE_SLOT_CORE, 1, 0))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
    assertThat(rq.match(MatchOp.SATISFIABILITY, NODE_SLOT_CORE, 1, 0))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
    rq.checkInvariants();
  }
}
