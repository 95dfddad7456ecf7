package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceQuery#forget}: Fluxion's resource-query commits a match before its writer emits
 * it, and when the writer fails it records no job and gives the id to the next match. The resources
 * stay held; cancelling the next job of that id frees what each match alone held, while the spans
 * of the first match at the vertices both touched stay for good (Fluxion keys them by job id).
 */
class ForgetTest {
  private static ResourceRequest cores(long n) {
    return ResourceRequest.of(
        3600, ResourceRequest.Item.slot(n, "task", ResourceRequest.Item.of("core", 1)));
  }

  @Test
  void forget_keepsTheResourcesHeld_andTheIdFreeForTheNextMatch() {
    ResourceQuery rq =
        ResourceQuery.create(
            Clusters.flat(new int[] {4}), ResourceQuery.Options.builder().policy("low").build());
    assertThat(rq.match(MatchOp.ALLOCATE, cores(2), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.forget(1)).isTrue();
    assertThat(rq.forget(1)).isFalse();
    assertThat(rq.jobs()).isEmpty();
    // the two cores stay held: three more do not fit, two do, under the same id
    assertThat(rq.match(MatchOp.ALLOCATE, cores(3), 1, 0)).isInstanceOf(MatchResult.Busy.class);
    assertThat(rq.match(MatchOp.ALLOCATE, cores(2), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.ALLOCATE, cores(1), 2, 0)).isInstanceOf(MatchResult.Busy.class);
    // cancelling job 1 walks down every vertex tagged with id 1, so it frees the cores of both
    // matches; but where both matches touched a vertex (the node and the cluster) the second one's
    // exclusivity span replaced the first one's under the id, and that one stays for good: a
    // shared use does not mind it, an exclusive one does
    rq.cancel(1);
    assertThat(rq.match(MatchOp.ALLOCATE, cores(4), 2, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    rq.cancel(2);
    ResourceRequest wholeNode =
        ResourceRequest.of(
            3600,
            new ResourceRequest.Item(
                "node",
                ResourceRequest.Quantity.exactly(1),
                true,
                "",
                "",
                List.of(ResourceRequest.Item.slot(1, "task", ResourceRequest.Item.of("core", 1)))));
    assertThat(rq.match(MatchOp.ALLOCATE, wholeNode, 3, 0)).isInstanceOf(MatchResult.Busy.class);
    rq.checkInvariants();
  }
}
