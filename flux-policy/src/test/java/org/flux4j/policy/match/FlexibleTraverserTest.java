package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/** The flexible traverser ({@code -T flexible}): or-slots and xor-slot alternatives. */
class FlexibleTraverserTest {
  private static ResourceQuery query(ResourceQuery.Traverser t) {
    // one node, 2 sockets of 4 cores and a 4-unit memory each
    ResourceGraph g = Clusters.sockets(1, 4);
    return ResourceQuery.create(
        g, ResourceQuery.Options.builder().policy("high").traverser(t).build());
  }

  private static ResourceRequest.Item xor(long count, ResourceRequest.Item... with) {
    return new ResourceRequest.Item(
        "xor_slot", ResourceRequest.Quantity.exactly(count), null, "x", "", List.of(with));
  }

  private static long cores(MatchResult r) {
    ResourceSet s = r.resourceSet().orElseThrow();
    long n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.graph().type(s.vertex(i)).equals("core")) {
        n += s.count(i);
      }
    }
    return n;
  }

  @Test
  void xorSlot_firstAlternativeTooBig_theSecondIsAllocated() {
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "socket",
                1,
                xor(1, ResourceRequest.Item.of("core", 8)),
                xor(1, ResourceRequest.Item.of("core", 3))));
    ResourceQuery rq = query(ResourceQuery.Traverser.FLEXIBLE);
    MatchResult r = rq.match(MatchOp.ALLOCATE, req, 1);
    assertThat(r).isInstanceOf(MatchResult.Allocated.class);
    assertThat(cores(r)).isEqualTo(3);
    rq.checkInvariants();
  }

  @Test
  void xorSlot_noAlternativeFits_isNotAllocated() {
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "socket",
                1,
                xor(1, ResourceRequest.Item.of("core", 8)),
                xor(1, ResourceRequest.Item.of("core", 5))));
    MatchResult r = query(ResourceQuery.Traverser.FLEXIBLE).match(MatchOp.ALLOCATE, req, 1);
    assertThat(r).isNotInstanceOf(MatchResult.Allocated.class);
  }

  @Test
  void xorSlot_busyButSatisfiableOnlyByALaterVariant_isUnsatisfiable_asInFluxion() {
    // Fluxion's quirk (rq-diff seed 302271): the satisfiability pass tries the variants in turn;
    // the first (a core directly in the slot under the node) fails with ENODEV, the second fits,
    // and a select that succeeds sets no errno, so the first one's ENODEV stays: "Unsatisfiable"
    ResourceRequest.Item sockets =
        ResourceRequest.Item.of("socket", 2, ResourceRequest.Item.of("core", 1));
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "node", 1, xor(1, ResourceRequest.Item.of("core", 1)), xor(1, sockets)));
    // case-302271's graph: one node, 2 sockets of one core each
    ResourceQuery rq =
        ResourceQuery.create(
            ClusterBuilder.nodes(1).sockets(2).cores(1).build(),
            ResourceQuery.Options.builder()
                .policy("first")
                .traverser(ResourceQuery.Traverser.FLEXIBLE)
                .build());
    assertThat(rq.match(MatchOp.ALLOCATE, req, 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, req, 2))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
    // the second variant alone is busy, not unsatisfiable
    ResourceRequest second =
        ResourceRequest.of(
            60, ResourceRequest.Item.of("node", 1, ResourceRequest.Item.slot(1, "x", sockets)));
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, second, 3))
        .isNotInstanceOf(MatchResult.Unsatisfiable.class)
        .isNotInstanceOf(MatchResult.Allocated.class);
    rq.checkInvariants();
  }

  /**
   * Two or-slots: {@code node[2] -> core[1]}, which one node can never hold, and {@code node[1]}.
   */
  private static ResourceRequest twoNodesOrOne(long perNode) {
    return ResourceRequest.of(
        60,
        ResourceRequest.Item.slot(
            1,
            "default",
            ResourceRequest.Item.of("node", 2, ResourceRequest.Item.of("core", perNode))),
        ResourceRequest.Item.slot(
            1, "default", ResourceRequest.Item.of("node", 1, ResourceRequest.Item.of("core", 1))));
  }

  private static ResourceQuery flexible(ResourceGraph g, String policy) {
    return ResourceQuery.create(
        g,
        ResourceQuery.Options.builder()
            .policy(policy)
            .traverser(ResourceQuery.Traverser.FLEXIBLE)
            .build());
  }

  @Test
  void orSlotBeyondTheRootsTotal_whileItsSiblingFits_leavesErange_asInFluxion() {
    // rq-diff seed 307266 (case-307266): one node of 2 cores. The satisfiability select after the
    // busy allocate prunes the root by each or-slot in turn: the node planner refuses the first
    // (2 nodes > 1) with ERANGE, the second passes, and the select succeeds without setting
    // errno again, so resource-query reports the ERANGE and its job counter stays
    ResourceQuery rq = flexible(ClusterBuilder.coresPerNode(2).build(), "lonodex");
    ResourceRequest req = twoNodesOrOne(1);
    assertThat(rq.match(MatchOp.ALLOCATE, req, 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, req, 2))
        .isEqualTo(new MatchResult.Busy(2, 34));
    rq.checkInvariants();
  }

  @Test
  void orSlotErange_thenAVisitThatFails_leavesEbusy_asInFluxion() {
    // nodes of 1 and 3 cores, both held for a while: the root's or-slot ERANGE (6 cores > 4) comes
    // first, then the 1-core node fails the 3-core shape and sets EBUSY, which is what stays
    // (checked against Fluxion's resource-query on the same graph loaded from rv1exec)
    ResourceQuery rq = flexible(ClusterBuilder.coresPerNode(1, 3).build(), "first");
    ResourceRequest one =
        ResourceRequest.of(
            100,
            ResourceRequest.Item.slot(
                1,
                "default",
                ResourceRequest.Item.of("node", 1, ResourceRequest.Item.of("core", 1))));
    assertThat(rq.match(MatchOp.ALLOCATE, one, 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.ALLOCATE, one, 2)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, twoNodesOrOne(3), 3))
        .isEqualTo(new MatchResult.Busy(3, 16));
    rq.checkInvariants();
  }

  @Test
  void orSlotOfATypeNotThere_besideOneThatFits_leavesEinvalUnderFirstMatchPolicies_asInFluxion() {
    // rq-diff seed 353636 (case-353636): a socket holding a core slot or a rack slot. The
    // satisfiability select finds the core slot; under stop_on_1_matches explore_dynamically's
    // tally_shares made an empty rack entry in the slot scores, and dom_finish_slot's
    // choose_accum_all on it sets EINVAL, which the select leaves. Checked against Fluxion's
    // resource-query on tiny.graphml with -T flexible: "traverser: Invalid argument" and the job
    // counter stays under first; EBUSY under high, whose static explore makes no rack entry
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "socket",
                1,
                ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("core", 1)),
                ResourceRequest.Item.slot(1, "default", ResourceRequest.Item.of("rack", 1))));
    for (String policy : List.of("first", "high")) {
      ResourceQuery rq = flexible(ClusterBuilder.nodes(1).sockets(2).cores(1).build(), policy);
      assertThat(rq.match(MatchOp.ALLOCATE, req, 1)).isInstanceOf(MatchResult.Allocated.class);
      assertThat(rq.match(MatchOp.ALLOCATE, req, 2)).isInstanceOf(MatchResult.Allocated.class);
      assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, req, 3))
          .as(policy)
          .isEqualTo(new MatchResult.Busy(3, policy.equals("first") ? 22 : 16));
      rq.checkInvariants();
    }
  }

  @Test
  void orSlots_packingFavoursTheShapeThatFitsMoreSlots() {
    // 4 cores per socket: one 3-core slot leaves nothing usable, two 2-core slots fit
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "socket",
                1,
                ResourceRequest.Item.slot(1, "a", ResourceRequest.Item.of("core", 3)),
                ResourceRequest.Item.slot(1, "b", ResourceRequest.Item.of("core", 2))));
    ResourceQuery rq = query(ResourceQuery.Traverser.FLEXIBLE);
    MatchResult r = rq.match(MatchOp.ALLOCATE, req, 1);
    assertThat(r).isInstanceOf(MatchResult.Allocated.class);
    assertThat(cores(r)).isEqualTo(2);
    rq.checkInvariants();
  }
}
