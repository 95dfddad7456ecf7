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

  /**
   * With {@code searchFromNow(false)} the search starts just after now, as Fluxion's: at job 1's
   * planned end no later time is scheduled, so nothing is reserved, and the search's selects are
   * the ones Fluxion makes (the select at now first, then the satisfiability check, which counts no
   * visits in a reservation search).
   */
  @Test
  void fluxionSearch_startsAfterNow() {
    ResourceQuery q =
        ResourceQuery.create(
            Clusters.flat(new int[] {2}),
            ResourceQuery.Options.builder().policy("first").searchFromNow(false).build());
    assertThat(q.match(MatchOp.ALLOCATE, Clusters.slots(2, 1, 10), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    MatchResult r = q.match(MatchOp.ALLOCATE_ORELSE_RESERVE, Clusters.slots(1, 1, 5), 3, 10);
    assertThat(r).isInstanceOf(MatchResult.Busy.class);
    assertThat(q.info(3)).isEmpty();
    VisitCounts atNow = q.visitCounts();
    // the same select at now alone (a plain allocate) visits as many vertices
    assertThat(q.match(MatchOp.ALLOCATE, Clusters.slots(1, 1, 5), 4, 10))
        .isInstanceOf(MatchResult.Busy.class);
    assertThat(q.visitCounts()).isEqualTo(atNow);
  }
}
