package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

  @Test
  void advanceTo_firesTimersInTimeThenSchedulingOrder() {
    VirtualClock clock = new VirtualClock(1000);
    List<String> fired = new ArrayList<>();
    clock.schedule(3000, () -> fired.add("c@" + clock.millis()));
    clock.schedule(2000, () -> fired.add("a@" + clock.millis()));
    clock.schedule(2000, () -> fired.add("b@" + clock.millis()));
    clock.schedule(9000, () -> fired.add("late"));
    clock.advanceTo(5000);
    assertThat(fired).containsExactly("a@2000", "b@2000", "c@3000");
    assertThat(clock.millis()).isEqualTo(5000);
    assertThat(clock.pendingTimers()).isEqualTo(1);
  }

  @Test
  void timerScheduledByATimer_firesInTheSameAdvance() {
    VirtualClock clock = new VirtualClock();
    List<Long> fired = new ArrayList<>();
    clock.schedule(
        10,
        () -> {
          fired.add(clock.millis());
          clock.schedule(clock.millis() + 5, () -> fired.add(clock.millis()));
        });
    clock.runUntilIdle();
    assertThat(fired).containsExactly(10L, 15L);
    assertThat(clock.millis()).isEqualTo(15);
  }

  @Test
  void cancel_preventsFiring_andReportsWhetherPending() {
    VirtualClock clock = new VirtualClock();
    List<String> fired = new ArrayList<>();
    Clock.Timer t = clock.schedule(10, () -> fired.add("x"));
    assertThat(t.cancel()).isTrue();
    assertThat(t.cancel()).isFalse();
    clock.runUntilIdle();
    assertThat(fired).isEmpty();
    assertThat(clock.millis()).isZero();
  }

  @Test
  void pastTime_firesAtNow() {
    VirtualClock clock = new VirtualClock(100);
    List<Long> fired = new ArrayList<>();
    clock.schedule(50, () -> fired.add(clock.millis()));
    clock.runUntilIdle();
    assertThat(fired).containsExactly(100L);
  }

  @Test
  void advanceTo_past_isRejected() {
    VirtualClock clock = new VirtualClock(100);
    assertThatThrownBy(() -> clock.advanceTo(50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the current time");
    assertThatThrownBy(() -> clock.advanceBy(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void advance_waitsForActivityToEnd() throws Exception {
    VirtualClock clock = new VirtualClock();
    List<String> fired = new ArrayList<>();
    clock.beginActivity();
    clock.schedule(10, () -> fired.add("t"));
    CountDownLatch done = new CountDownLatch(1);
    Thread driver =
        new Thread(
            () -> {
              clock.runUntilIdle();
              done.countDown();
            });
    driver.start();
    assertThat(done.await(100, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(fired).isEmpty();
    clock.endActivity();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("t");
  }

  @Test
  void autoAdvance_firesWhenActivityEnds() {
    VirtualClock clock = new VirtualClock();
    List<Long> fired = new ArrayList<>();
    clock.setAutoAdvance(true);
    clock.beginActivity();
    clock.schedule(
        7,
        () -> {
          clock.beginActivity();
          fired.add(clock.millis());
          clock.schedule(clock.millis() + 3, () -> fired.add(clock.millis()));
          clock.endActivity();
        });
    assertThat(fired).isEmpty();
    clock.endActivity();
    assertThat(fired).containsExactly(7L, 10L);
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void endActivity_withoutBegin_isMisuse() {
    VirtualClock clock = new VirtualClock();
    assertThatThrownBy(clock::endActivity).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void systemClock_firesTimer() throws Exception {
    SystemClock clock = SystemClock.get();
    CountDownLatch fired = new CountDownLatch(1);
    clock.schedule(clock.millis() + 5, fired::countDown);
    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    Clock.Timer t = clock.schedule(clock.millis() + 60_000, () -> {});
    assertThat(t.cancel()).isTrue();
  }

  @Test
  void oneInstant_firesAsABatch_ordinaryTimersFirst_deferredActionsAfterIt() {
    VirtualClock clock = new VirtualClock();
    List<String> fired = new ArrayList<>();
    clock.scheduleAfterTies(10, () -> fired.add("submit"));
    clock.schedule(
        10,
        () -> {
          fired.add("end1");
          assertThat(clock.deferUntilInstantEnds(() -> fired.add("cycle@" + clock.millis())))
              .isTrue();
        });
    clock.schedule(10, () -> fired.add("end2"));
    clock.schedule(20, () -> fired.add("later"));
    clock.advanceTo(15);
    assertThat(fired).containsExactly("end1", "end2", "submit", "cycle@10");
    assertThat(clock.deferUntilInstantEnds(() -> fired.add("never"))).isFalse();
  }

  @Test
  void aTimerCanceledByAnEarlierTimerOfItsInstant_doesNotFire() {
    VirtualClock clock = new VirtualClock();
    List<String> fired = new ArrayList<>();
    Clock.Timer[] second = new Clock.Timer[1];
    boolean[] canceled = new boolean[1];
    clock.schedule(10, () -> canceled[0] = second[0].cancel());
    second[0] = clock.schedule(10, () -> fired.add("second"));
    clock.runUntilIdle();
    assertThat(canceled[0]).isTrue();
    assertThat(fired).isEmpty();
    assertThat(second[0].cancel()).isFalse();
  }

  @Test
  void awaitIdle_withAutoAdvance_runsToTheEnd() {
    VirtualClock clock = new VirtualClock();
    List<Long> fired = new ArrayList<>();
    clock.schedule(5, () -> clock.schedule(clock.millis() + 5, () -> fired.add(clock.millis())));
    clock.setAutoAdvance(true);
    clock.awaitIdle();
    assertThat(fired).containsExactly(10L);
    assertThat(clock.millis()).isEqualTo(10);
  }
}
