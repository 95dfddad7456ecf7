package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.sim.TraceReplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counting pool answers a rebuilding cycle from its kept bookings only when nothing but time
 * passed (jobs ended at their estimated ends), and the answers are those of a rebuild: the same
 * bookings, and an allocation now for a booking that starts now. An early end, a cancellation
 * between cycles or a drained node makes it rebuild.
 */
class CountingPoolKeptTest {
  private final VirtualClock clock = new VirtualClock(0);
  private final Object queue = new Object();
  private long nextId = 1;
  private final List<Job> waiting = new ArrayList<>();
  private Job running; // a 4-core job until 100
  private CountingPool pool;
  private long before; // the kept answers once the first cycle booked the waiting jobs

  private Job job(int cores, long seconds) {
    JobRequest r = JobRequest.builder().tasks(cores).duration(Duration.ofSeconds(seconds)).build();
    return new Job(new JobId(nextId++), r, clock.millis(), List.of());
  }

  /** One rebuilding cycle: cancel every booking, then allocate or reserve each job in order. */
  private static List<Long> rebuild(CountingPool pool, Object owner, List<Job> waiting) {
    pool.openCycle(owner, true);
    for (Job j : waiting) {
      pool.cancelReservation(j);
    }
    List<Long> out = new ArrayList<>();
    for (Job j : waiting) {
      ResourcePool.Outcome o = pool.allocateOrReserve(j);
      if (o.allocation() != null) {
        j.allocation = o.allocation();
        out.add(-1L); // started now
      } else {
        out.add(o.reservedAt());
      }
    }
    pool.closeCycle();
    return out;
  }

  /** A 4-core pool running a 4-core job until 100; three jobs booked behind it. */
  @BeforeEach
  void fill() {
    pool = new CountingPool(TraceReplay.machine(4, 1), clock, true, 0);
    running = job(4, 100);
    pool.openCycle(queue, true);
    running.allocation = pool.allocateOrReserve(running).allocation();
    pool.closeCycle();
    waiting.add(job(2, 50)); // booked at 100
    waiting.add(job(2, 80)); // booked at 100, beside it
    waiting.add(job(4, 10)); // booked at 180
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 100L, 180L);
    before = pool.keptAnswers();
  }

  @Test
  void endAtTheEstimatedEnd_keepsTheBookings_andStartsTheOnesDueNow() {
    clock.advanceTo(100_000);
    pool.free(running); // at its estimated end
    assertThat(rebuild(pool, queue, waiting)).containsExactly(-1L, -1L, 180L);
    assertThat(pool.keptAnswers() - before).isEqualTo(3);
    assertThat(pool.freeCores()).isZero();
  }

  @Test
  void anEarlyEnd_rebuilds() {
    clock.advanceTo(40_000);
    pool.free(running); // 60 s before its estimated end
    assertThat(rebuild(pool, queue, waiting)).containsExactly(-1L, -1L, 120L);
    assertThat(pool.keptAnswers()).isEqualTo(before);
  }

  /**
   * After an early end, the bookings the freed cores cannot move are given back without a search,
   * and a job that can use them is searched for (here allocated now): the answers of a rebuild.
   */
  @Test
  void anEarlyEnd_givesBackTheBookingsItCannotMove() {
    CountingPool p = new CountingPool(TraceReplay.machine(4, 1), clock, true, 0);
    Job a = job(2, 100);
    Job b = job(2, 200);
    List<Job> first = List.of(a, b);
    rebuild(p, queue, first);
    List<Job> jobs = new ArrayList<>(List.of(job(4, 10), job(2, 50), job(3, 10)));
    assertThat(rebuild(p, queue, jobs)).containsExactly(200L, 100L, 210L);
    clock.advanceTo(50_000);
    p.free(a); // 50 s before its estimated end: 2 cores free over [50, 100)
    // the 4-core job needs b's cores too; once the 2-core job starts now, the 3-core one cannot
    // use the 2 cores its old booking leaves free over [100, 150) (b holds 2 of the 4 until 200)
    assertThat(rebuild(p, queue, jobs)).containsExactly(200L, -1L, 210L);
    assertThat(p.earlyEndCycles()).isEqualTo(1);
    assertThat(p.earlyEndAnswers()).isEqualTo(2);
    assertThat(p.earlyEndSearches()).isEqualTo(1);
    assertThat(p.bookings()).containsOnlyKeys(jobs.get(0).id.value(), jobs.get(2).id.value());
  }

  @Test
  void aCancellationBetweenCycles_rebuilds_andTheLaterBookingsMoveEarlier() {
    pool.cancelReservation(waiting.remove(1)); // the 80 s job leaves the queue
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 150L);
    assertThat(pool.keptAnswers()).isEqualTo(before);
  }

  @Test
  void aJobAskedOutOfOrder_endsTheKeptAnswers_theRestIsRebuilt() {
    waiting.add(0, waiting.remove(2)); // the 4-core job moves to the head (reprioritised)
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 110L, 110L);
    assertThat(pool.keptAnswers()).isEqualTo(before);
  }

  @Test
  void aDrainedNode_orAnotherQueuesCycle_rebuilds() {
    pool.setDrained(0, true);
    pool.setDrained(0, false);
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 100L, 180L);
    assertThat(pool.keptAnswers()).isEqualTo(before);
    rebuild(pool, new Object(), List.of());
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 100L, 180L);
    assertThat(pool.keptAnswers()).isEqualTo(before);
    assertThat(rebuild(pool, queue, waiting)).containsExactly(100L, 100L, 180L);
    assertThat(pool.keptAnswers() - before).isEqualTo(3); // clean again
  }
}
