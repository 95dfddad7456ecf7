package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Backfilling through the Instance: the queue policy and the graph planner working together. */
class ReplayPoliciesTest {
  // 1 node x 16 cores. Job 1 holds 12 cores for 100 s; job 2 needs all 16 (reserved at 100);
  // job 3 (4 cores, 50 s) ends before 100 and is backfilled at once; job 4 (4 cores, 200 s)
  // would delay job 2, so it waits until job 2 is done.
  private static final List<ReplayJob> JOBS =
      List.of(
          new ReplayJob(1, 0, 100, 100, 12, 0, 1),
          new ReplayJob(2, 1, 10, 10, 16, 0, 2),
          new ReplayJob(3, 2, 50, 50, 4, 0, 3),
          new ReplayJob(4, 3, 200, 200, 4, 0, 4));

  private static List<Long> starts(String policy) {
    ReplayOptions o = new ReplayOptions(1, 16, false, true, policy, "first", 1_000_000, 64, false);
    return new TraceReplay(o).run(JOBS, null, 0, 0).jobs().stream().map(JobOutcome::start).toList();
  }

  @Test
  void easy_backfillsWithoutDelayingTheReservedJob() {
    assertThat(starts("easy")).containsExactly(0L, 100L, 2L, 110L);
  }

  @Test
  void conservative_backfillsWithoutDelayingTheReservedJob() {
    assertThat(starts("conservative")).containsExactly(0L, 100L, 2L, 110L);
  }

  @Test
  void fcfs_neverBackfills() {
    assertThat(starts("fcfs")).containsExactly(0L, 100L, 110L, 110L);
  }
}
