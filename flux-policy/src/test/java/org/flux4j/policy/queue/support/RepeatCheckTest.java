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

  /** Allocates job {@code id} in the open cycle at {@code now} and reports it to the check. */
  private void allocateInCycle(long cores, long seconds, long id, long now) {
    assertThat(query.match(MatchOp.ALLOCATE, cores(cores, seconds), id, now))
        .isInstanceOf(MatchResult.Allocated.class);
    check.allocated();
  }

  /** Reserves job {@code id} in the open cycle at {@code now} and reports it to the check. */
  private void reserveInCycle(long cores, long seconds, long id, long now) {
    assertThat(query.match(MatchOp.ALLOCATE_ORELSE_RESERVE, cores(cores, seconds), id, now))
        .isInstanceOf(MatchResult.Reserved.class);
    check.notAllocated();
  }

  @Test
  void aCycleThatAllocatesAfterAnotherAnswer_isNotRepeatable() {
    fillMachine();
    query.cancel(1);
    assertThat(query.match(MatchOp.ALLOCATE, cores(6, 10), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    check.begin(null, 0);
    reserveInCycle(4, 50, 2, 0);
    // a backfill: it fits before the reservation, which a rebuild would then book beside it
    allocateInCycle(1, 5, 3, 0);
    assertThat(check.end(0)).isNull();
  }

  @Test
  void aCycleThatAllocatesOnlyAtItsHead_isRepeatable() {
    check.begin(null, 0);
    allocateInCycle(8, 10, 7, 0);
    // the head's allocation moved the order; the reservation after it leaves it as it was
    reserveInCycle(8, 50, 8, 0);
    Object mark = check.end(0);
    assertThat(mark).isNotNull();
    assertThat(check.begin(mark, 5)).isTrue();
    assertThat(check.end(5))
        .as("a repeat keeps reservations ahead of what it allocates")
        .isNotNull();
  }

  @Test
  void aRepeatThatAllocates_isNotRepeatable() {
    fillMachine();
    Object mark = reservingCycle(null, 10, 2);
    assertThat(check.begin(mark, 20)).isTrue();
    check.allocated(); // ahead of it are the kept reservations
    assertThat(check.end(20)).isNull();
  }

  @Test
  void reservationsAfterTheHeadThatMoveTheOrder_makeTheCycleNotRepeatable() {
    fillMachine();
    query.cancel(1);
    // job 1 took node0's and node1's cores at 0, then ended: their weights say busy
    assertThat(query.match(MatchOp.ALLOCATE, cores(8, 10), 1, 0))
        .isInstanceOf(MatchResult.Allocated.class);
    query.cancel(1);
    check.begin(null, 20);
    allocateInCycle(2, 100, 2, 20);
    long afterHead = query.orderStamp();
    // reserving 8 cores passes an edge whose weight still says busy, though free now
    reserveInCycle(8, 50, 3, 20);
    assertThat(query.orderStamp()).isNotEqualTo(afterHead);
    assertThat(check.end(20)).isNull();
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
