package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/** Partial cancel by ranks (an rv1exec R), with Fluxion's reduction of the ancestors' spans. */
class PartialCancelTest {

  /** cluster -> 2 nodes (ranks 0 and 1) -> 4 cores each, every vertex of a node on its rank. */
  private static ResourceGraph twoRanks() {
    return ClusterBuilder.nodes(2).cores(4).leafRanks().build();
  }

  /** slot[n] -> node[1]: whole nodes, nothing below them named. */
  private static ResourceRequest nodes(int n) {
    return ResourceRequest.of(
        3600, ResourceRequest.Item.slot(n, "default", ResourceRequest.Item.of("node", 1)));
  }

  private static ResourceQuery query(String pruneFilters) {
    return ResourceQuery.create(
        twoRanks(),
        ResourceQuery.Options.builder().policy("low").pruneFilters(pruneFilters).build());
  }

  @Test
  void partialCancelRanks_oneRankThenTheOther_endsFullyCancelled() {
    ResourceQuery rq = query("ALL:core,ALL:node");
    String fresh = MatchPolicyContractTest.state(rq);
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(2), 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.partialCancelRanks(1, 0)).isEqualTo(CancelStatus.PARTIALLY_CANCELLED);
    assertThat(rq.match(MatchOp.WITHOUT_ALLOCATING, nodes(1), 2).isSuccess()).isTrue();
    assertThat(rq.partialCancelRanks(1, 1)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(rq.info(1)).isEmpty();
    assertThat(MatchPolicyContractTest.state(rq)).isEqualTo(fresh);
    rq.checkInvariants();
  }

  @Test
  void partialCancelRanks_whenNoTrackedTypeReachedTheRoot_leavesTheJobTaggedThere() {
    // node is not tracked: the cluster holds no aggregate span of the job, so its tag stays and
    // the job is only partially cancelled, as in Fluxion (t3008-023)
    ResourceQuery rq = query("ALL:core");
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(2), 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.find("jobid-span=1").isEmpty()).isTrue();
    assertThat(rq.partialCancelRanks(1, 0, 1)).isEqualTo(CancelStatus.PARTIALLY_CANCELLED);
    ResourceSet tagged = rq.find("jobid-tag=1");
    assertThat(tagged.size()).isEqualTo(1);
    assertThat(tagged.graph().type(tagged.vertex(0))).isEqualTo("cluster");
    assertThat(rq.find("sched-now=allocated").isEmpty()).isTrue();
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(rq.find("jobid-tag=1").isEmpty()).isTrue();
  }

  @Test
  void partialCancelRanks_anAncestorTheJobHoldsLosesItsTag_andKeepsItsUnitsForGood() {
    // rq-diff seed 313222 (case-313222): the slot takes the rack exclusively; cancelling both
    // nodes' ranks reduces the rack's aggregate span (it tracks gpu only, with a zero amount) away,
    // so Fluxion drops the rack's tag but keeps its allocation span; the job's cancel then stops
    // at the rack (2 visits, 1 finished) and the rack stays held for the job's whole window
    ResourceQuery rq =
        ResourceQuery.create(
            ClusterBuilder.nodes(3).racks(1).cores(1).build(),
            ResourceQuery.Options.builder()
                .policy("hinode")
                .pruneFilters("ALL:gpu")
                .exactVisitCounts(true)
                .build());
    ResourceRequest rackOfTwo =
        ResourceRequest.of(
            0,
            ResourceRequest.Item.slot(
                1,
                "default",
                ResourceRequest.Item.of(
                    "rack",
                    1,
                    ResourceRequest.Item.of("node", 2, ResourceRequest.Item.of("core", 1)))));
    assertThat(rq.match(MatchOp.ALLOCATE, rackOfTwo, 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.partialCancelRanks(1, 1, 2)).isEqualTo(CancelStatus.PARTIALLY_CANCELLED);
    // the rack's allocation is still in its allocations map, under the job (rq-diff seed 583031)
    // the rack's allocation stays in its allocations map under the job (rq-diff seed 583031):
    // find sees every vertex below the rack allocated, the unused node too
    assertThat(typesOf(rq.find("sched-now=allocated")))
        .containsExactly("core", "node", "core", "node", "core", "node", "rack", "cluster");
    List<String> held = typesOf(rq.find("jobid-alloc=1"));
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.CANCELLED);
    // the cancel stopped at the rack: what the job holds there and below stays
    assertThat(typesOf(rq.find("jobid-alloc=1"))).isEqualTo(held).contains("rack");
    assertThat(typesOf(rq.find("sched-now=allocated"))).hasSize(8);
    assertThat(rq.visitCounts()).isEqualTo(new VisitCounts(2, 1));
    assertThat(rq.match(MatchOp.ALLOCATE, rackOfTwo, 2).isSuccess()).isFalse();
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, rackOfTwo, 3))
        .isInstanceOf(MatchResult.Busy.class);
    rq.checkInvariants();
  }

  /** The types of a found set's vertices, in its order. */
  private static List<String> typesOf(ResourceSet found) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      types.add(found.graph().type(found.vertex(i)));
    }
    return types;
  }

  @Test
  void partialCancelRanks_ofARankTheJobDoesNotHold_fails() {
    ResourceQuery rq = query("ALL:core,ALL:node");
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 1)).isInstanceOf(MatchResult.Allocated.class);
    String before = MatchPolicyContractTest.state(rq);
    assertThat(rq.partialCancelRanks(1, 9)).isEqualTo(CancelStatus.FAILED);
    assertThat(rq.partialCancelMessages()).isEqualTo("remove9 not found in by_rank map.\n");
    assertThat(MatchPolicyContractTest.state(rq)).isEqualTo(before);
    assertThat(rq.partialCancelRanks(1, 1)).isEqualTo(CancelStatus.FAILED);
    assertThat(rq.partialCancelMessages()).isEqualTo("remove: 1 not found in rank_to_counts.\n");
    assertThat(rq.info(1)).isPresent();
    assertThat(rq.partialCancelRanks(1, 0)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(rq.partialCancelMessages()).isEmpty();
    // no rank at all: nothing gets a root
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 2)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.partialCancelRanks(2)).isEqualTo(CancelStatus.FAILED);
    assertThat(rq.partialCancelMessages()).isEqualTo("remove: rank_to_root is empty.\n");
    // a JGF R's vertex the job does not hold: its reader refuses the cancel
    assertThat(rq.partialCancelVertices(2, -1)).isEqualTo(CancelStatus.FAILED);
    assertThat(rq.partialCancelMessages()).isEqualTo("remove: partial_cancel returned error.\n");
  }

  @Test
  void partialCancelRanks_ofARankWhoseVerticesWereRemoved_cancelsTheOtherRanks() {
    // Fluxion's by_rank map keeps the removed rank's key (with no vertices): the rank is known,
    // cancels nothing, and the other ranks are cancelled as usual (rq-diff seed 170126)
    ResourceQuery rq = query("ALL:core,ALL:node");
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(2), 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.shrink("/cluster0/node1")).isTrue();
    assertThat(rq.match(MatchOp.WITHOUT_ALLOCATING, nodes(1), 2).isSuccess()).isFalse();
    assertThat(rq.partialCancelRanks(1, 0, 1)).isEqualTo(CancelStatus.PARTIALLY_CANCELLED);
    assertThat(rq.match(MatchOp.WITHOUT_ALLOCATING, nodes(1), 3).isSuccess()).isTrue();
    assertThat(rq.partialCancelRanks(1, 9)).isEqualTo(CancelStatus.FAILED);
    rq.checkInvariants();
  }

  @Test
  void removalOfRanks_countsNoVisits_evenWhenItFails() {
    // Fluxion's dfu_traverser_t::remove(ranks) sets its totals from a walk that zeroes its counters
    // and counts nothing; a match that then fails before its first select reports those zeros
    ResourceQuery rq = query("ALL:core,ALL:node");
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 1)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.visitCounts().preorder()).isPositive();
    assertThatThrownBy(() -> rq.shrinkRanks(new int[] {9}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(rq.visitCounts()).isEqualTo(new VisitCounts(0, 0));
    assertThat(rq.match(MatchOp.ALLOCATE, nodes(1), 2)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.visitCounts().preorder()).isPositive();
    rq.shrinkRanks(new int[] {0});
    assertThat(rq.visitCounts()).isEqualTo(new VisitCounts(0, 0));
  }
}
