package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The reservation search tries now first: when a job's planned end is now but it still holds its
 * cores (its end not applied yet), a job that needs them is reserved at now, not a second later,
 * and never allocated on cores still held.
 */
class ReserveNowTest {
  @Test
  void plannedEndEqualToNow_reservesAtNow() {
    ResourceQuery q =
        ResourceQuery.create(
            Clusters.flat(new int[] {2}), ResourceQuery.Options.builder().policy("first").build());
    assertThat(q.match(MatchOp.ALLOCATE, Clusters.slots(2, 1, 10), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    // at 10, job 1's planned end, job 1 has not been canceled yet
    MatchResult r = q.match(MatchOp.ALLOCATE_ORELSE_RESERVE, Clusters.slots(1, 1, 5), 3, 10);
    assertThat(r)
        .isInstanceOfSatisfying(
            MatchResult.Reserved.class, m -> assertThat(m.resources().startTime()).isEqualTo(10));
    assertThat(q.info(3).orElseThrow().state()).isEqualTo(ScheduledJob.State.RESERVED);
  }
}
