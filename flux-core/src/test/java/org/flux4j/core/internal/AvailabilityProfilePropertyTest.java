package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The indexed {@link AvailabilityProfile} against the plain sweep of {@link SweepProfile}, over
 * random sequences of what a pool does to it (bookings made and dropped, running jobs' releases,
 * time moving on, everything cleared) and random questions: every answer of {@code earliest},
 * {@code earliestBefore}, {@code fitsNow} and {@code changesWithin} is the same. Bursts of bookings
 * and of drops without a question in between make the profile merge its queued changes in one pass
 * ({@link AvailabilityProfile#MERGE_FROM}), sums of zero included.
 */
class AvailabilityProfilePropertyTest {

  @Property(tries = 300)
  void answersAsTheSweep(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 1, max = 400) int steps,
      @ForAll @IntRange(min = 1, max = 64) int capacity,
      @ForAll @IntRange(min = 2, max = 200) int horizon) {
    Random r = new Random(seed);
    AvailabilityProfile indexed = new AvailabilityProfile();
    SweepProfile sweep = new SweepProfile();
    List<long[]> live = new ArrayList<>(); // {at, units} changes that may be undone
    long now = 0;
    for (int s = 0; s < steps; s++) {
      int op = r.nextInt(10);
      if (op < 4) { // a booking: take at a start, give back at its end
        long at = now + r.nextInt(horizon);
        long end = at + 1 + r.nextInt(horizon);
        long units = 1L + r.nextInt(capacity);
        both(indexed, sweep, live, at, units);
        both(indexed, sweep, live, end, -units);
      } else if (op < 6 && !live.isEmpty()) { // undo one change (a dropped booking half)
        long[] c = live.remove(r.nextInt(live.size()));
        indexed.add(c[0], -c[1]);
        sweep.add(c[0], -c[1]);
      } else if (op < 7) {
        now += r.nextInt(horizon / 2 + 1);
      } else if (op < 8) { // a running job's release
        both(indexed, sweep, live, now + r.nextInt(horizon), -(1L + r.nextInt(capacity)));
      } else if (op < 9 && r.nextInt(8) == 0) { // everything forgotten, as a rebuild starts over
        indexed.clear();
        sweep.clear();
        live.clear();
      } else if (op == 9) { // a burst: many bookings, or many drops, before the next question
        int n = AvailabilityProfile.MERGE_FROM / 2 + r.nextInt(4 * AvailabilityProfile.MERGE_FROM);
        if (r.nextBoolean()) {
          for (int i = 0; i < n; i++) {
            long at = now + r.nextInt(horizon);
            long units = 1L + r.nextInt(capacity);
            both(indexed, sweep, live, at, units);
            both(indexed, sweep, live, at + 1 + r.nextInt(horizon), -units);
          }
        } else {
          for (int i = 0; i < n && !live.isEmpty(); i++) {
            long[] c = live.remove(r.nextInt(live.size()));
            indexed.add(c[0], -c[1]);
            sweep.add(c[0], -c[1]);
          }
        }
        if (r.nextBoolean()) {
          indexed.flush(); // as a cycle's close applies them
        }
      }
      for (int q = 0; q < 3; q++) {
        long d = r.nextInt(5) == 0 ? 100L * 365 * 86_400 : 1 + r.nextInt(horizon);
        long units = r.nextInt(capacity + 2);
        long usedNow = r.nextInt(capacity + 1);
        long qnow = now + (r.nextBoolean() ? 0 : r.nextInt(horizon));
        assertThat(indexed.earliest(qnow, d, units, usedNow, capacity))
            .as("earliest(%d, %d, %d, %d, %d)", qnow, d, units, usedNow, capacity)
            .isEqualTo(sweep.earliest(qnow, d, units, usedNow, capacity));
        assertThat(indexed.fitsNow(qnow, d, units, usedNow, capacity))
            .isEqualTo(sweep.fitsNow(qnow, d, units, usedNow, capacity));
        long limit = qnow + r.nextInt(2 * horizon);
        assertThat(indexed.earliestBefore(qnow, limit, d, units, usedNow, capacity))
            .as("earliestBefore(%d, %d, %d, %d, %d, %d)", qnow, limit, d, units, usedNow, capacity)
            .isEqualTo(sweep.earliestBefore(qnow, limit, d, units, usedNow, capacity));
        long lo = now - 1 + r.nextInt(horizon);
        long hi = lo + r.nextInt(horizon);
        assertThat(indexed.changesWithin(lo, hi))
            .as("changesWithin(%d, %d)", lo, hi)
            .isEqualTo(sweep.changesWithin(lo, hi));
      }
      assertThat(indexed.isEmpty()).isEqualTo(sweep.isEmpty());
    }
  }

  private static void both(
      AvailabilityProfile a, SweepProfile b, List<long[]> live, long at, long units) {
    a.add(at, units);
    b.add(at, units);
    live.add(new long[] {at, units});
  }

  @Test
  void skipsAHoleTooShortForTheRequest() {
    AvailabilityProfile p = new AvailabilityProfile();
    // 4 of 4 used until 10; a booking of 4 over [20, 30): free [10, 20) and from 30
    p.add(10, -4);
    p.add(20, 4);
    p.add(30, -4);
    assertThat(p.earliest(0, 10, 4, 4, 4)).isEqualTo(10);
    assertThat(p.earliest(0, 11, 4, 4, 4)).isEqualTo(30);
    assertThat(p.earliest(0, 5, 5, 4, 4)).isEqualTo(-1);
    assertThat(p.fitsNow(10, 10, 4, 4, 4)).isTrue();
    assertThat(p.fitsNow(10, 11, 4, 4, 4)).isFalse();
    p.add(20, -4);
    p.add(30, 4);
    assertThat(p.isEmpty()).isFalse();
    p.add(10, 4);
    assertThat(p.isEmpty()).isTrue();
  }
}
