package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fluxion's planners run to {@code INT64_MAX}, far past the graph's window (100 years): the
 * satisfiability probe at the planners' end sees no job at all, and the reservation search finds
 * the graph's end itself, where every job of duration 0 has ended. So a request that fits the empty
 * graph is satisfiable (busy, not unsatisfiable) even while jobs hold resources to the end of the
 * window. (Divergence class "planner horizon": flux4j used the graph's end for both.)
 */
class PlannerHorizonTest {
  private static final long GRAPH_END = 3153600000L;

  private static ResourceRequest cores(long n, long duration) {
    return ResourceRequest.of(
        duration, ResourceRequest.Item.slot(n, "task", ResourceRequest.Item.of("core", 1)));
  }

  private static ResourceQuery fourCores() {
    return ResourceQuery.create(
        Clusters.flat(new int[] {4}), ResourceQuery.Options.builder().policy("first").build());
  }

  @Test
  void satisfiability_whileAJobHoldsCoresToTheGraphsEnd_countsTheEmptyGraph() {
    ResourceQuery rq = fourCores();
    assertThat(rq.match(MatchOp.ALLOCATE, cores(3, 0), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    assertThat(rq.match(MatchOp.SATISFIABILITY, cores(2, 60), 2, 0))
        .isInstanceOf(MatchResult.Satisfiable.class);
    assertThat(rq.match(MatchOp.SATISFIABILITY, cores(4, 0), 2, 0))
        .isInstanceOf(MatchResult.Satisfiable.class);
    assertThat(rq.match(MatchOp.SATISFIABILITY, cores(5, 60), 2, 0))
        .isInstanceOf(MatchResult.Unsatisfiable.class);
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, cores(2, 60), 2, 0))
        .isInstanceOf(MatchResult.Busy.class);
    rq.checkInvariants();
  }

  @Test
  void allocateOrElseReserve_behindAJobToTheGraphsEnd_findsTheEndAndIsBusy() {
    ResourceQuery rq = fourCores();
    rq.match(MatchOp.ALLOCATE, cores(3, 0), 1, 0);
    // the only free time is the graph's end: found there, hence busy, never unsatisfiable
    assertThat(rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, cores(2, 60), 2, 0))
        .isInstanceOf(MatchResult.Busy.class);
    assertThat(rq.match(MatchOp.WITHOUT_ALLOCATING_FUTURE, cores(2, 60), 2, 0))
        .isInstanceOf(MatchResult.Busy.class);
    rq.checkInvariants();
  }

  @Test
  void allocateOrElseReserve_behindAJobEndingOneSecondEarly_reservesThereCutToTheGraphsEnd() {
    ResourceQuery rq = fourCores();
    rq.match(MatchOp.ALLOCATE, cores(3, GRAPH_END - 1), 1, 0);
    MatchResult r = rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, cores(2, 60), 2, 0);
    assertThat(r).isInstanceOf(MatchResult.Reserved.class);
    ResourceSet s = r.resourceSet().orElseThrow();
    assertThat(s.startTime()).isEqualTo(GRAPH_END - 1);
    assertThat(s.startTime() + s.duration()).isEqualTo(GRAPH_END);
    rq.checkInvariants();
  }
}
