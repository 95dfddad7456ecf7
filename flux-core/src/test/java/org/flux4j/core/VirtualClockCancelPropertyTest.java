package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Canceled timers stay in the clock's heap until they reach its head (or are swept out): against a
 * list model of the live timers, random schedules, cancels (many, to force sweeps) and advances
 * fire exactly the live timers, in time then scheduling order, and {@link
 * VirtualClock#pendingTimers} counts only them.
 */
class VirtualClockCancelPropertyTest {
  /** schedule (a: delay), cancel (a: which of those scheduled), advance (a: by how much). */
  record Op(String kind, int a) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.integers().between(0, 500).map(a -> new Op("schedule", a))),
            Tuple.of(4, Arbitraries.integers().between(0, 10_000).map(a -> new Op("cancel", a))),
            Tuple.of(1, Arbitraries.integers().between(0, 300).map(a -> new Op("advance", a))))
        .list()
        .ofMaxSize(400);
  }

  @Property(tries = 200)
  void firesTheLiveTimersInOrder(@ForAll("ops") List<Op> ops) {
    VirtualClock clock = new VirtualClock(0);
    List<Integer> fired = new ArrayList<>();
    List<Clock.Timer> timers = new ArrayList<>();
    List<long[]> model = new ArrayList<>(); // {at, number} of the live timers
    List<Integer> expected = new ArrayList<>();
    for (Op op : ops) {
      switch (op.kind()) {
        case "schedule" -> {
          int number = timers.size();
          long at = clock.millis() + op.a();
          timers.add(clock.schedule(at, () -> fired.add(number)));
          model.add(new long[] {at, number});
        }
        case "cancel" -> {
          if (!timers.isEmpty()) {
            int number = op.a() % timers.size();
            boolean live = model.removeIf(t -> t[1] == number);
            assertThat(timers.get(number).cancel()).isEqualTo(live);
          }
        }
        default -> {
          long target = clock.millis() + op.a();
          model.sort(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]));
          while (!model.isEmpty() && model.get(0)[0] <= target) {
            expected.add((int) model.remove(0)[1]);
          }
          clock.advanceTo(target);
          assertThat(fired).isEqualTo(expected);
        }
      }
      assertThat(clock.pendingTimers()).isEqualTo(model.size());
    }
    clock.runUntilIdle();
    model.sort(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]));
    model.forEach(t -> expected.add((int) t[1]));
    assertThat(fired).isEqualTo(expected);
    assertThat(clock.pendingTimers()).isZero();
  }
}
