package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.sim.TraceReplay;

/**
 * The counting pool's remembered bounds (a search for a request starts where the last one of the
 * same cores and seconds ended, while the use of cores only grows) never change an answer: over
 * random bookings, allocations, cancellations, ends at and before the estimated end and time
 * passing, every reservation equals the pool's what-if start worked out just before, which searches
 * the profile from now without any bound. Bounds must also be used (the runs hit them).
 */
class CountingPoolBoundsTest {
  private long nextId = 1;

  private Job job(VirtualClock clock, int cores, long seconds) {
    JobRequest r = JobRequest.builder().tasks(cores).duration(Duration.ofSeconds(seconds)).build();
    return new Job(new JobId(nextId++), r, clock.millis(), List.of());
  }

  @Property(tries = 60)
  void reservations_equalTheUnboundedSearch(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    VirtualClock clock = new VirtualClock(0);
    CountingPool pool = new CountingPool(TraceReplay.machine(16, 1), clock);
    List<Job> running = new ArrayList<>();
    List<long[]> ends = new ArrayList<>(); // the estimated end (ms) of each running job
    List<Job> booked = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      int what = r.nextInt(10);
      if (what == 0 && !booked.isEmpty()) {
        pool.cancelReservation(booked.remove(r.nextInt(booked.size())));
      } else if (what == 1 && !running.isEmpty()) {
        int k = r.nextInt(running.size());
        ends.remove(k);
        pool.free(running.remove(k)); // mostly before its estimated end
      } else if (what == 2) {
        // time passes to the next estimated end at most; the jobs due then end there
        long next = clock.millis() + 1000L * r.nextInt(40);
        for (long[] e : ends) {
          next = Math.min(next, e[0]);
        }
        clock.advanceTo(next);
        for (int k = running.size() - 1; k >= 0; k--) {
          if (ends.get(k)[0] == clock.millis()) {
            ends.remove(k);
            pool.free(running.remove(k));
          }
        }
      } else {
        // a few kinds of requests, so that bounds are found again
        Job j = job(clock, 1 + 5 * r.nextInt(4), 10 + 30L * r.nextInt(3));
        long want = pool.whatIfStart(j);
        ResourcePool.Outcome o = pool.allocateOrReserve(j);
        if (o.allocation() != null) {
          j.allocation = o.allocation();
          running.add(j);
          ends.add(new long[] {clock.millis() + j.request.duration().toMillis()});
          assertThat(want).as("step %d: allocated now", step).isEqualTo(clock.millis());
        } else {
          assertThat(o.reservedAt()).as("step %d: reserved", step).isGreaterThanOrEqualTo(0);
          assertThat(pool.reservedMillis(o.reservedAt()))
              .as("step %d: the reservation of %s", step, j.request)
              .isEqualTo(want);
          booked.add(j);
        }
      }
    }
  }

  @Example
  void aDeepQueueOfOneKind_searchesFromTheBound() {
    VirtualClock clock = new VirtualClock(0);
    CountingPool pool = new CountingPool(TraceReplay.machine(8, 1), clock);
    Job big = job(clock, 8, 100);
    big.allocation = pool.allocateOrReserve(big).allocation();
    assertThat(big.allocation).isNotNull();
    for (int i = 0; i < 40; i++) {
      Job j = job(clock, 3, 50);
      long want = pool.whatIfStart(j);
      ResourcePool.Outcome o = pool.allocateOrReserve(j);
      assertThat(pool.reservedMillis(o.reservedAt())).as("job %d", i).isEqualTo(want);
    }
    assertThat(pool.memoHits()).isEqualTo(39);
  }
}
