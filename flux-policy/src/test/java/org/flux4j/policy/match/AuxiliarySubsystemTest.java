package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * Auxiliary subsystems ({@code -S C+PA}) on grugs/power.graphml. The expected answers are the real
 * Fluxion's (recorded in examples' divergences/case-aux-power-low and case-aux-power-first): every
 * vertex explored for its children also scores its power out-edges, and a match fails when such
 * entries reach the root with none qualified.
 */
class AuxiliarySubsystemTest {
  private static final ResourceRequest SLOT_SOCKET =
      ResourceRequest.of(
          3600, ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("socket", 1)));
  private static final ResourceRequest SLOT_CORE =
      ResourceRequest.of(
          3600, ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("core", 1)));

  private static ResourceQuery query(ResourceGraph g, String subsystems, String policy) {
    return ResourceQuery.create(
        g, ResourceQuery.Options.builder().subsystems(subsystems).policy(policy).build());
  }

  @Test
  void lowPolicy_pduEntriesUnqualified_failOnlyWhenThePduIsNotPruned() {
    ResourceGraph g = TestSupport.grug("power.graphml");
    // the pdu (a containment leaf with power out-edges) is pruned for a core slot (its subtree
    // planner holds no core) but not for a socket slot: its unqualified power entries then reach
    // the root
    assertThat(query(g, "C+PA", "low").match(MatchOp.ALLOCATE, SLOT_SOCKET, 1))
        .isInstanceOf(MatchResult.Busy.class);
    assertThat(query(g, "CA", "low").match(MatchOp.ALLOCATE, SLOT_SOCKET, 1))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(query(g, "C+PA", "low").match(MatchOp.ALLOCATE, SLOT_CORE, 1))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(query(g, "C+PA", "low").match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, SLOT_SOCKET, 1))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
  }

  @Test
  void firstPolicy_readingTheTalliesCreatesEmptyEntries() {
    ResourceGraph g = TestSupport.grug("power.graphml");
    // stop-on-match: the node's power edges are tallied against the requested slot type, which
    // leaves an empty (power, slot) entry; a socket slot matches at the node (no power walk there)
    assertThat(query(g, "C+PA", "first").match(MatchOp.ALLOCATE, SLOT_CORE, 1))
        .isInstanceOf(MatchResult.Busy.class);
    assertThat(query(g, "C+PA", "first").match(MatchOp.ALLOCATE, SLOT_SOCKET, 1))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(query(g, "CA", "first").match(MatchOp.ALLOCATE, SLOT_CORE, 1))
        .isInstanceOf(MatchResult.Allocated.class);
  }

  @Test
  void missingAuxiliarySubsystem_isRefusedAsFluxionFailsToInitialize() {
    ResourceGraph tiny = TestSupport.grug("tiny.graphml");
    assertThatThrownBy(() -> query(tiny, "C+PA", "first"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power");
    ResourceGraph power = TestSupport.grug("power.graphml");
    assertThatThrownBy(() -> query(power, "ALL", "first"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ibnet");
  }
}
