package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cycle bookkeeping of {@link KeptBookings} on its own, over a real {@link PoolTimeline}: a
 * cycle answers from kept bookings only when the previous cycle of the same queue left them and
 * nothing but time passed (a first cycle, an early end, a cancellation outside a cycle, a change of
 * the nodes, another queue's cycle or an allocation outside a cycle each prevent it); kept answers
 * follow the booking order, and the first job out of order drops every kept booking not yet
 * answered; a policy's mark lets a cycle keep the bookings whole or repeat the previous one.
 */
class KeptBookingsTest {
  private final Object queue = new Object();
  private PoolTimeline timeline;
  private KeptBookings kept;

  /** A first (dirty) cycle of {@code queue} books jobs 1, 2 and 3 at 100, 100 and 180. */
  @BeforeEach
  void firstCycle() {
    timeline = new PoolTimeline(4);
    timeline.hold(9, 100, 4);
    kept = new KeptBookings(timeline);
    kept.open(queue, true, true);
    assertThat(kept.deferring()).isFalse(); // dirty at first
    kept.book(1, 100, 150, 2);
    kept.book(2, 100, 180, 2);
    kept.book(3, 180, 190, 4);
    kept.close();
  }

  @Test
  void aCleanCycle_answersInBookingOrder_andCancellationsAreDeferred() {
    kept.open(queue, true, true);
    assertThat(kept.deferring()).isTrue();
    kept.cancel(1); // a rebuild's cancellation: deferred, the booking stays
    kept.cancel(2);
    assertThat(timeline.bookings()).isEqualTo(3);
    assertThat(kept.answer(1, 50)).isEqualTo(100);
    assertThat(kept.answer(2, 50)).isEqualTo(100);
    assertThat(kept.answer(3, 50)).isEqualTo(180);
    assertThat(kept.keptAnswers()).isEqualTo(3);
    kept.close();
    assertThat(timeline.bookings()).isEqualTo(3);
    kept.open(queue, true, true); // the answered bookings are the new booking order
    assertThat(kept.deferring()).isTrue();
    kept.close();
  }

  @Test
  void aBookingDueNow_isDroppedForTheAllocation() {
    kept.open(queue, true, true);
    assertThat(kept.answer(1, 100)).isEqualTo(100);
    assertThat(timeline.booking(1)).isNull(); // the pool allocates it in its place
    assertThat(timeline.booking(2)).isNotNull();
    kept.close();
  }

  @Test
  void aJobOutOfOrder_endsDeferring_andDropsTheKeptBookingsLeft() {
    kept.open(queue, true, true);
    assertThat(kept.answer(1, 50)).isEqualTo(100);
    assertThat(kept.answer(3, 50)).isEqualTo(-1);
    assertThat(kept.deferring()).isFalse();
    assertThat(timeline.bookingsById()).containsOnlyKeys(1L);
    kept.cancel(1); // no longer deferred, and booked in this cycle: dirty
    assertThat(timeline.bookings()).isZero();
    kept.close();
    kept.open(queue, true, true);
    assertThat(kept.deferring()).isFalse();
  }

  @Test
  void anAllocationAheadOfTheKeptBookings_endsDeferring() {
    kept.open(queue, true, true);
    assertThat(kept.answer(1, 50)).isEqualTo(100);
    kept.allocating();
    assertThat(kept.deferring()).isFalse();
    assertThat(timeline.bookingsById()).containsOnlyKeys(1L);
    kept.close();
  }

  @Test
  void whatMakesTheNextCycleRebuild() {
    assertThat(rebuild(queue, true, true)).isTrue();
    kept.freed(true); // an early end
    assertThat(rebuild(queue, true, true)).isFalse();
    kept.freed(false); // an end at the estimated end: still clean
    assertThat(rebuild(queue, true, true)).isTrue();
    kept.cancel(2); // a cancellation outside a cycle
    assertThat(timeline.bookings()).isEqualTo(2);
    assertThat(rebuild(queue, true, true)).isFalse();
    assertThat(rebuild(queue, true, true)).isTrue();
  }

  @Test
  void otherCausesOfARebuild() {
    kept.nodesChanged();
    assertThat(rebuild(queue, true, true)).isFalse();
    assertThat(rebuild(queue, true, false)).isFalse(); // a node is drained or down
    assertThat(rebuild(new Object(), true, true)).isFalse(); // another queue's cycle
    assertThat(rebuild(queue, true, true)).isFalse(); // the owner changed since the last cycle
    assertThat(rebuild(queue, true, true)).isTrue();
    kept.allocating(); // an allocation outside a cycle
    assertThat(rebuild(queue, true, true)).isFalse();
    assertThat(rebuild(queue, false, true)).isFalse(); // a policy that does not rebuild in order
    assertThat(rebuild(queue, true, true)).isTrue();
  }

  @Test
  void aMarkedCycle_keepsTheBookingsOrRepeats() {
    kept.open(queue, true, true);
    assertThat(kept.keptTime(0)).isEqualTo(ResourcePool.NOT_KEPT); // no mark yet
    assertThat(kept.begin(null, 0)).isFalse();
    for (long id = 1; id <= 3; id++) {
      assertThat(kept.answer(id, 0)).isPositive();
    }
    Object mark = kept.end(0);
    kept.close();
    // nothing changed: the next cycle repeats, keeping the bookings
    kept.open(queue, true, true);
    assertThat(kept.keptTime(10)).isEqualTo(ResourcePool.NOT_KEPT); // before begin gives the mark
    assertThat(kept.begin(mark, 10)).isTrue();
    assertThat(kept.keeping()).isTrue();
    assertThat(kept.deferring()).isFalse();
    assertThat(kept.repeatedCycles()).isEqualTo(1);
    mark = kept.end(10);
    kept.close();
    // a job ended (at its estimated end): bookings may be kept, but the cycle does not repeat
    kept.freed(false);
    kept.open(queue, true, true);
    assertThat(kept.begin(mark, 100)).isFalse();
    assertThat(kept.keptTime(100)).isEqualTo(100);
    kept.keep();
    assertThat(kept.keptCycles()).isEqualTo(2);
    kept.close();
    // a stale mark keeps nothing, and keeping is then refused
    kept.open(queue, true, true);
    assertThat(kept.begin(mark, 100)).isFalse();
    assertThat(kept.keptTime(100)).isEqualTo(ResourcePool.NOT_KEPT);
    kept.close();
    kept.nodesChanged();
    kept.open(queue, true, true);
    assertThatThrownBy(kept::keep).isInstanceOf(IllegalStateException.class);
    kept.close();
  }

  /**
   * A long run of keeping cycles, each starting the first kept job in its booking's place and
   * booking a new one, carries the booking order on; past {@link KeptBookings#STALE_KEPT} ids of
   * started jobs a keeping cycle takes them out, and the order still lines up with the bookings:
   * after an early end, the next cycle answers from it ({@link EarlyEnds}).
   */
  @Test
  void aLongRunOfKeepingCycles_dropsTheStartedIds_andStillFollowsEarlyEnds() {
    timeline = new PoolTimeline(1000);
    timeline.hold(9, 1_000_000, 10); // ends early, last
    kept = new KeptBookings(timeline, 0);
    kept.open(queue, true, true);
    for (long id = 1; id <= 10; id++) {
      kept.book(id, 1000 + id, 2000 + id, 1);
    }
    kept.close();
    long next = 11;
    int cycles = KeptBookings.STALE_KEPT + 20;
    for (int c = 0; c < cycles; c++) {
      kept.open(queue, true, true);
      kept.keep();
      kept.startsInPlace(next - 10); // the oldest booking starts where it was
      kept.book(next, 1000 + next, 2000 + next, 1);
      next++;
      kept.close();
    }
    assertThat(kept.keptCycles()).isEqualTo(cycles);
    assertThat(kept.orderCompactions()).isEqualTo(1);
    assertThat(timeline.bookings()).isEqualTo(10);
    timeline.release(9, 500);
    kept.freedEarly(1_000_000, 10);
    kept.open(queue, true, true);
    assertThat(kept.early().active()).as("answers from the carried order").isTrue();
    kept.close();
  }

  /**
   * One rebuilding cycle as the pool runs it: jobs 1, 2 and 3 cancelled, then each answered from
   * its kept booking or booked again where it was; whether every answer was a kept one.
   */
  private boolean rebuild(Object owner, boolean reuse, boolean allUp) {
    long[][] spans = {{100, 150, 2}, {100, 180, 2}, {180, 190, 4}};
    long before = kept.keptAnswers();
    kept.open(owner, reuse, allUp);
    for (long id = 1; id <= 3; id++) {
      kept.cancel(id);
    }
    for (int k = 0; k < 3; k++) {
      long id = k + 1L;
      if (!kept.deferring() || kept.answer(id, 50) < 0) {
        kept.book(id, spans[k][0], spans[k][1], spans[k][2]);
      }
    }
    kept.close();
    assertThat(timeline.bookings()).isEqualTo(3);
    return kept.keptAnswers() - before == 3;
  }
}
