package org.flux4j.policy.queue.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.graph.VirtualCluster;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepeatCheckTest {
  private ResourceQuery query;
  private RepeatCheck check;

  @BeforeEach
  void setUp() {
    query =
        ResourceQuery.create(
            VirtualCluster.builder("cluster")
                .child("node", 2, node -> node.child("core", 4))
                .build());
    check = new RepeatCheck(query);
  }

  private static ResourceRequest cores(long n, long seconds) {
    return ResourceRequest.of(seconds, Item.slot(n, "task", Item.of("core", 1)));
  }

  /** Allocates job 1 (8 cores, 0 to 100) outside any cycle, so that later cycles change nothing. */
  private void fillMachine() {
    assertThat(query.match(MatchOp.ALLOCATE, cores(8, 100), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
  }

  /** A cycle at {@code now} that only reserves job {@code id} (4 cores, 50 s). */
  private Object reservingCycle(Object previous, long now, long id) {
    check.begin(previous, now);
    assertThat(query.match(MatchOp.ALLOCATE_ORELSE_RESERVE, cores(4, 50), id, now))
        .isInstanceOf(MatchResult.Reserved.class);
    return check.end(now);
  }

  @Test
  void begin_withoutPreviousMark_isNotARepeat() {
    assertThat(check.begin(null, 0)).isFalse();
  }

  @Test
  void unchangedResources_repeatTheCycle() {
    fillMachine();
    Object mark = reservingCycle(null, 10, 2);
    assertThat(mark).isNotNull();
    assertThat(check.begin(mark, 20)).isTrue();
  }

  @Test
  void anyChangeBetweenCycles_preventsTheRepeat() {
    fillMachine();
    Object mark = reservingCycle(null, 10, 2);
    query.cancel(1); // a job ends early
    assertThat(check.begin(mark, 20)).isFalse();
  }

  @Test
  void aJobBoundaryPassedSinceTheCycle_preventsTheRepeat() {
    fillMachine();
    Object mark = reservingCycle(null, 10, 2); // job 1 ends at 100, job 2 is reserved at 100
    assertThat(check.begin(mark, 99)).isTrue();
    check.end(99);
    assertThat(check.begin(mark, 100)).isFalse();
    check.end(100);
    assertThat(check.begin(mark, 5)).as("time never goes back").isFalse();
  }

  @Test
  void aCycleThatAllocates_isNotRepeatable() {
    check.begin(null, 0);
    query.match(MatchOp.ALLOCATE, cores(1, 10), 7, 0);
    check.allocated();
    assertThat(check.end(0)).isNull();
  }

  @Test
  void aCycleThatMovesTheTraversalOrder_isNotRepeatable() {
    fillMachine();
    query.cancel(1);
    check.begin(null, 0);
    // the allocation refreshes the weights of the edges it passes (not reported as allocated
    // here, so that only the order check can refuse the mark)
    query.match(MatchOp.ALLOCATE, cores(6, 10), 8, 0);
    assertThat(check.end(0)).isNull();
  }

  @Test
  void timeMovingWithinTheCycle_makesItNotRepeatable() {
    check.begin(null, 0);
    assertThat(check.end(1)).isNull();
  }

  @Test
  void end_withoutBegin_isNull() {
    assertThat(check.end(0)).isNull();
  }
}
