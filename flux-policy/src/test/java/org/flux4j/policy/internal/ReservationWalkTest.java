package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ReservationWalk} against Fluxion's planner walk as traced in gdb on the real
 * resource-query (rq-diff seeds 382516 and 401787): a root plan of cores (prune type 0) and nodes
 * (prune type 1).
 */
class ReservationWalkTest {
  private static final int ENOENT = 2;
  private static final int FALLBACK = -7;

  /** Cores busy over [0, 10), every node over [10, 30) and [40, 50). */
  private static SubtreePlan plan() {
    SubtreePlan p = new SubtreePlan(new int[] {0, 1}, new long[] {8, 2});
    p.add(1, 0, 10, new long[] {8, 0});
    p.add(2, 10, 30, new long[] {0, 2});
    p.add(3, 40, 50, new long[] {0, 2});
    return p;
  }

  @Test
  void refusalOnTheWayToTheMatch_leavesBusy_whenTheSelectSetsNone() {
    ReservationWalk w = new ReservationWalk();
    w.start(0, 5, Traverser.ENODEV);
    // 10 is refused by the nodes on the way to 30; after 30 the walk finds 40 refused, then 50
    w.selected(30, ReservationWalk.NOT_SET);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 1}, FALLBACK)).isEqualTo(Traverser.EBUSY);
  }

  @Test
  void walkRunningOutAfterTheMatch_leavesEnoent_whateverCameBefore() {
    ReservationWalk w = new ReservationWalk();
    w.start(0, 5, Traverser.ENODEV);
    w.selected(30, Traverser.EBUSY);
    // the select at 50 matched; nothing follows it
    w.selected(50, ReservationWalk.NOT_SET);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 1}, FALLBACK)).isEqualTo(ENOENT);
  }

  @Test
  void noRefusal_keepsTheSelectsErrno() {
    ReservationWalk w = new ReservationWalk();
    w.start(0, 5, Traverser.ENODEV);
    // cores alone: 10 is the first candidate and 30 follows without a refusal
    w.selected(10, ReservationWalk.NOT_SET);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 0}, FALLBACK)).isEqualTo(Traverser.ENODEV);
    w.start(0, 5, Traverser.ENODEV);
    w.selected(10, Traverser.EBUSY);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 0}, FALLBACK)).isEqualTo(Traverser.EBUSY);
  }

  @Test
  void timesFluxionWouldNotReturn_giveTheFallback() {
    ReservationWalk w = new ReservationWalk();
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 1}, FALLBACK)).isEqualTo(FALLBACK);
    w.start(0, 5, Traverser.ENODEV);
    w.selected(40, ReservationWalk.NOT_SET);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 1}, FALLBACK)).isEqualTo(FALLBACK);
    w.clear();
    w.selected(30, ReservationWalk.NOT_SET);
    assertThat(w.errnoAfterMatch(plan(), new long[] {1, 1}, FALLBACK)).isEqualTo(FALLBACK);
  }
}
