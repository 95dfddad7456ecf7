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

  /**
   * The errno after a search that began after now = 0 with errno ENODEV, for a window of 5 and
   * {@code request}, whose selects tried {@code times} in order and set {@code errnos}, the last
   * one matching.
   */
  private static int errnoAfter(long[] request, long[] times, int... errnos) {
    ReservationWalk w = new ReservationWalk();
    w.start(0, 5, Traverser.ENODEV);
    for (int i = 0; i < times.length; i++) {
      w.selected(times[i], errnos[i]);
    }
    return w.errnoAfterMatch(plan(), request, FALLBACK);
  }

  @Test
  void refusalOnTheWayToTheMatch_leavesBusy_whenTheSelectSetsNone() {
    // 10 is refused by the nodes on the way to 30; after 30 the walk finds 40 refused, then 50
    assertThat(errnoAfter(new long[] {1, 1}, new long[] {30}, ReservationWalk.NOT_SET))
        .isEqualTo(Traverser.EBUSY);
  }

  @Test
  void walkRunningOutAfterTheMatch_leavesEnoent_whateverCameBefore() {
    // the select at 50 matched; nothing follows it
    assertThat(
            errnoAfter(
                new long[] {1, 1}, new long[] {30, 50}, Traverser.EBUSY, ReservationWalk.NOT_SET))
        .isEqualTo(ENOENT);
  }

  @Test
  void noRefusal_keepsTheSelectsErrno() {
    // cores alone: 10 is the first candidate and 30 follows without a refusal
    assertThat(errnoAfter(new long[] {1, 0}, new long[] {10}, ReservationWalk.NOT_SET))
        .isEqualTo(Traverser.ENODEV);
    assertThat(errnoAfter(new long[] {1, 0}, new long[] {10}, Traverser.EBUSY))
        .isEqualTo(Traverser.EBUSY);
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
