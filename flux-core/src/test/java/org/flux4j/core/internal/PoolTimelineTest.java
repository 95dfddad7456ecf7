package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link PoolTimeline} against a plain model of what it holds (running jobs' estimated ends and
 * bookings in two maps, the use over time swept by {@link SweepProfile} rebuilt from them): over
 * random holds, ends at, before and after the estimated end, bookings, drops at once and deferred
 * (every booking at once too, so that the profile is rebuilt from the running jobs) and time
 * passing, every earliest start, bounded or not, every fits-now, every "unchanged since" and the
 * bookings themselves equal the model's. The use now passed in is what the running jobs hold, as in
 * the pool, so that the remembered bounds are exercised where they are claimed to hold.
 */
class PoolTimelineTest {
  private static final long CAPACITY = 24;

  /** The model: running job -> {estimated end, cores}; booked job -> {start, end, cores}. */
  private final Map<Long, long[]> held = new TreeMap<>();

  private final Map<Long, long[]> booked = new TreeMap<>();

  private SweepProfile sweep() {
    SweepProfile s = new SweepProfile();
    held.values().forEach(h -> s.add(h[0], -h[1]));
    booked.values().forEach(b -> addBooking(s, b));
    return s;
  }

  private static void addBooking(SweepProfile s, long[] b) {
    s.add(b[0], b[2]);
    s.add(b[1], -b[2]);
  }

  private long usedNow() {
    long u = 0;
    for (long[] h : held.values()) {
      u += h[1];
    }
    return u;
  }

  /** Whether a net change of use lies in (lo, hi], a running job is due or a booking started. */
  private boolean changedSince(long lo, long hi) {
    TreeMap<Long, Long> net = new TreeMap<>();
    held.values().forEach(h -> net.merge(h[0], -h[1], Long::sum));
    booked
        .values()
        .forEach(
            b -> {
              net.merge(b[0], b[2], Long::sum);
              net.merge(b[1], -b[2], Long::sum);
            });
    boolean change = net.subMap(lo, false, hi, true).values().stream().anyMatch(v -> v != 0);
    return change
        || held.values().stream().anyMatch(h -> h[0] <= hi)
        || booked.values().stream().anyMatch(b -> b[0] <= hi);
  }

  @Property(tries = 200)
  void answersAsTheModel(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 1, max = 300) int steps) {
    held.clear(); // one instance serves every try
    booked.clear();
    SplittableRandom r = new SplittableRandom(seed);
    PoolTimeline t = new PoolTimeline(CAPACITY);
    long now = 0;
    long last = 0; // a time the "unchanged since" question is asked from
    long nextId = 1;
    for (int step = 0; step < steps; step++) {
      int op = r.nextInt(12);
      List<Long> running = new ArrayList<>(held.keySet());
      List<Long> bookedIds = new ArrayList<>(booked.keySet());
      if (op < 2 && usedNow() < CAPACITY) { // a job starts now
        long cores = 1L + r.nextInt((int) (CAPACITY - usedNow()));
        long end = now + 1 + r.nextInt(60);
        t.hold(nextId, end, cores);
        held.put(nextId++, new long[] {end, cores});
      } else if (op < 4) { // a booking
        long cores = 1L + r.nextInt((int) CAPACITY);
        long at = now + r.nextInt(80);
        long end = at + 1 + r.nextInt(60);
        long stamp = r.nextInt(5);
        t.book(nextId, at, end, cores, stamp);
        booked.put(nextId++, new long[] {at, end, cores});
        assertThat(t.booking(nextId - 1)[3]).isEqualTo(stamp);
      } else if (op == 4 && !running.isEmpty()) { // a running job ends now, whenever it was due
        long id = running.get(r.nextInt(running.size()));
        boolean early = held.remove(id)[0] > now;
        assertThat(t.release(id, now)).as("step %d: early end", step).isEqualTo(early);
      } else if (op == 5 && !bookedIds.isEmpty()) {
        long id = bookedIds.get(r.nextInt(bookedIds.size()));
        booked.remove(id);
        if (r.nextBoolean()) {
          t.drop(id, true);
        } else {
          t.dropLater(id);
        }
      } else if (op == 6 && r.nextInt(4) == 0) { // a rebuild drops every booking
        for (long id : bookedIds) {
          t.dropLater(id);
        }
        booked.clear();
      } else if (op == 7) { // time passes; the running jobs due by then end at their ends
        last = now;
        now += r.nextInt(30);
        for (long id : running) {
          long[] h = held.get(id);
          if (h[0] <= now && r.nextInt(3) > 0) {
            held.remove(id);
            assertThat(t.release(id, now)).isFalse();
          }
        }
      } else if (op == 8 && !bookedIds.isEmpty()) { // a booking due now is allocated in place
        long id = bookedIds.get(r.nextInt(bookedIds.size()));
        long[] b = booked.get(id);
        if (b[0] == now && b[2] <= CAPACITY - usedNow()) {
          t.drop(id, false);
          booked.remove(id);
          t.hold(id, b[1], b[2]);
          held.put(id, new long[] {b[1], b[2]});
        }
      }
      SweepProfile s = sweep();
      long used = usedNow();
      for (int q = 0; q < 3; q++) {
        long d = 1L + r.nextInt(90);
        long need = 1L + r.nextInt((int) CAPACITY);
        long want = s.earliest(now, d, need, used, CAPACITY);
        assertThat(t.earliest(now, d, need, used))
            .as("step %d: earliest(%d, %d, %d)", step, now, d, need)
            .isEqualTo(want);
        assertThat(t.earliestBounded(now, d, need, used))
            .as("step %d: bounded earliest(%d, %d, %d)", step, now, d, need)
            .isEqualTo(want);
        assertThat(t.fitsNow(now, d, need, used))
            .isEqualTo(booked.isEmpty() || s.fitsNow(now, d, need, used, CAPACITY));
      }
      assertThat(t.unchangedSince(last, now)).isEqualTo(!changedSince(last, now));
      assertThat(t.bookings()).isEqualTo(booked.size());
      SortedMap<Long, List<Long>> want = new TreeMap<>();
      booked.forEach((id, b) -> want.put(id, List.of(b[0], b[1], b[2])));
      assertThat(t.bookingsById()).isEqualTo(want);
    }
  }

  /**
   * The untouched-booking rule on its own: with bookings made as the pool makes them (each at the
   * earliest start, allocations only where they fit now), and random ends at, before and after the
   * estimated end, drops and time passing, a booking cancelled and asked again that the timeline
   * calls untouched is exactly where the model's search, without it, starts it.
   */
  @Property(tries = 200)
  void anUntouchedBooking_isTheEarliestStartWithoutIt(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 1, max = 300) int steps) {
    held.clear();
    booked.clear();
    SplittableRandom r = new SplittableRandom(seed);
    PoolTimeline t = new PoolTimeline(CAPACITY);
    long now = 0;
    long nextId = 1;
    int untouched = 0;
    for (int step = 0; step < steps; step++) {
      int op = r.nextInt(10);
      List<Long> running = new ArrayList<>(held.keySet());
      List<Long> bookedIds = new ArrayList<>(booked.keySet());
      long d = 1L + r.nextInt(60);
      long need = 1L + r.nextInt((int) CAPACITY);
      long used = usedNow();
      if (op < 4) { // a job asked: allocated if it fits now, else booked at the earliest start
        long at = t.earliestBounded(now, d, need, used);
        if (at == now && used + need <= CAPACITY) {
          t.hold(nextId, now + d, need);
          held.put(nextId++, new long[] {now + d, need});
        } else if (at >= 0) {
          t.book(nextId, at, at + d, need, 0);
          booked.put(nextId++, new long[] {at, at + d, need});
        }
      } else if (op == 4 && !running.isEmpty()) { // a job ends now, whenever it was due
        long id = running.get(r.nextInt(running.size()));
        held.remove(id);
        t.release(id, now);
      } else if (op == 5 && !bookedIds.isEmpty()) { // a booking leaves
        long id = bookedIds.get(r.nextInt(bookedIds.size()));
        booked.remove(id);
        t.dropLater(id);
      } else if (op == 6) {
        now += r.nextInt(20);
      } else if (!bookedIds.isEmpty()) { // cancelled and asked again
        long id = bookedIds.get(r.nextInt(bookedIds.size()));
        long[] b = booked.remove(id);
        t.dropLater(id);
        long[] kept = t.undoable(id);
        assertThat(kept).isNotNull();
        long at;
        if (b[0] > now && t.untouched(kept)) {
          untouched++;
          at = b[0];
          assertThat(sweep().earliest(now, b[1] - b[0], b[2], used, CAPACITY))
              .as("step %d: untouched booking %s at now %d", step, List.of(b[0], b[1]), now)
              .isEqualTo(b[0]);
          t.undo(id);
        } else {
          at = t.earliestBounded(now, b[1] - b[0], b[2], used);
          t.book(id, at, at + b[1] - b[0], b[2], 0);
        }
        booked.put(id, new long[] {at, at + b[1] - b[0], b[2]});
      }
      assertThat(t.bookingsById().keySet()).isEqualTo(booked.keySet());
    }
    UNTOUCHED.addAndGet(untouched);
  }

  private static final java.util.concurrent.atomic.AtomicLong UNTOUCHED =
      new java.util.concurrent.atomic.AtomicLong();

  /** The rule is not vacuous: many re-asked bookings were found untouched. */
  @net.jqwik.api.lifecycle.AfterContainer
  static void someBookingsWereUntouched() {
    assertThat(UNTOUCHED.get()).isGreaterThan(100);
  }

  @Example
  void aBoundIsUsedWhileUseOnlyGrows_andLoweredWhereItFalls() {
    PoolTimeline t = new PoolTimeline(4);
    t.hold(1, 100, 4); // 4 of 4 used until 100
    assertThat(t.earliestBounded(0, 50, 3, 4)).isEqualTo(100);
    t.book(2, 100, 150, 3, 0);
    assertThat(t.earliestBounded(0, 50, 3, 4)).isEqualTo(150); // searched from 100
    assertThat(t.memoHits()).isEqualTo(1);
    t.book(3, 1000, 1100, 4, 0);
    t.dropLater(3); // use fell over [1000, 1100): the bound 150 of 3 cores for 50 s stays
    assertThat(t.noFitBound(3, 50, 0)).isEqualTo(150);
    t.dropLater(2); // use fell over [100, 150): the bound is lowered to 100 - 50 + 1
    assertThat(t.noFitBound(3, 50, 0)).isEqualTo(51);
    assertThat(t.earliestBounded(0, 50, 3, 4)).isEqualTo(100);
    assertThat(t.memoHits()).isEqualTo(2);
    assertThat(t.release(1, 40)).isTrue(); // 60 s early: use fell over [40, 100)
    assertThat(t.noFitBound(3, 50, 40)).isEqualTo(40);
    assertThat(t.earliestBounded(40, 50, 3, 0)).isEqualTo(40);
  }

  /**
   * The search bounded to the falls reads the profile with every settled drop taken out but the
   * undoable booking still in it, even when that booking is the only one left and nothing runs
   * (where a read would otherwise rebuild the profile from the running jobs alone): given back, the
   * booking still holds its cores.
   */
  @Example
  void aBoundedSearch_keepsTheUndoableBookingInTheProfile() {
    PoolTimeline t = new PoolTimeline(2);
    t.book(1, 100, 150, 2, 0);
    t.book(2, 200, 250, 2, 0);
    t.dropLater(2);
    t.dropLater(1); // job 2's drop takes effect; job 1's may still be undone
    long[] b = t.undoable(1);
    assertThat(t.earliestAfterFalls(b, 50, 2, 0, 0)).isEqualTo(100);
    t.undo(1);
    assertThat(t.earliest(0, 120, 2, 0)).isEqualTo(150); // job 1 holds both cores over [100, 150)
  }
}
