package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.sim.KeptReservationsPropertyTest;
import org.flux4j.core.sim.ReplayJob;
import org.flux4j.core.sim.TraceReplay;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.flux4j.policy.queue.QueuePolicy;
import org.junit.jupiter.api.Test;

/**
 * A cycle that keeps the previous cycle's bookings on the counting pool ({@link
 * CountingPool#keepReservations}, used by easy, hybrid and conservative when nothing but time
 * passed) books exactly as a full rebuild does: two queues over two pools get the same random
 * operations (submissions, ends at, before and after the estimated end, cancellations of waiting
 * jobs, instants with several events; the workloads of {@link KeptReservationsPropertyTest}), one
 * with the policy as shipped, the other forced to cancel and book every reservation from the
 * profile in every cycle ({@link BackfillPolicy#withFullRecompute}); after every cycle both started
 * the same jobs in the same order on the same cores, and every booking left in the pool (job,
 * start, end, cores) is equal.
 */
class KeptCyclePropertyTest {
  private static final AtomicLong KEPT = new AtomicLong();
  private static final AtomicLong CYCLES = new AtomicLong();
  private static final AtomicLong REPEATED = new AtomicLong();
  private static final AtomicLong REBOOKED = new AtomicLong();
  private static final AtomicLong COMPRESSED = new AtomicLong();
  private static final AtomicLong MOVED_BY_FALLS = new AtomicLong();
  private static final AtomicLong EARLY_CYCLES = new AtomicLong();
  private static final AtomicLong EARLY_ANSWERS = new AtomicLong();
  private static final AtomicLong EARLY_SEARCHES = new AtomicLong();
  private static final AtomicLong EARLY_FOUND = new AtomicLong();
  private static final AtomicLong EARLY_PROPERTY_CYCLES = new AtomicLong();
  private static final int NODES = 16;

  /** One job of the workload: when it arrives, what it asks, how long it runs, when cancelled. */
  private record Spec(long submit, int cores, long requested, long runs, long cancelAt) {}

  /** A queue over its own pool, with what its cycles did. */
  private static final class World implements QueueDiscipline.Scheduler {
    final CountingPool pool;
    final BackfillQueue queue;
    final Map<Long, Job> jobs = new LinkedHashMap<>();
    final List<String> started = new ArrayList<>();
    boolean again;

    World(VirtualClock clock, QueuePolicy policy, int nodes) {
      this(clock, policy, nodes, true);
    }

    World(VirtualClock clock, QueuePolicy policy, int nodes, boolean rebookUntouched) {
      // the early-end answers from any depth: these queues are short
      pool = new CountingPool(TraceReplay.machine(nodes, 1), clock, rebookUntouched, 0);
      queue = new BackfillQueue(policy);
    }

    @Override
    public ResourcePool pool() {
      return pool;
    }

    @Override
    public void run(Job job, Allocation allocation) {
      job.allocation = allocation;
      started.add(job.id.value() + " on " + allocation.slots());
    }

    @Override
    public void reject(Job job, String reason) {
      throw new AssertionError("job " + job.id + " rejected: " + reason);
    }

    @Override
    public void again() {
      again = true;
    }
  }

  /** The workload of the Instance-level property, with some waiting jobs cancelled. */
  private static List<Spec> workload(long seed, int n, int nodes, int exactPercent) {
    return workload(seed, n, nodes, exactPercent, 25, false);
  }

  /**
   * The workload of the Instance-level property; one waiting job in {@code cancelOneIn} is
   * cancelled (0: none); {@code cut}: no job runs past its requested time.
   */
  private static List<Spec> workload(
      long seed, int n, int nodes, int exactPercent, int cancelOneIn, boolean cut) {
    Random r = new Random(~seed);
    List<Spec> out = new ArrayList<>();
    for (ReplayJob j : KeptReservationsPropertyTest.workload(seed, n, nodes, exactPercent)) {
      long cancelAt =
          cancelOneIn > 0 && r.nextInt(cancelOneIn) == 0 ? j.submit() + r.nextInt(200) : -1;
      long runs = cut ? Math.min(j.runTime(), j.requestedTime()) : j.runTime();
      out.add(new Spec(j.submit(), (int) j.procs(), j.requestedTime(), runs, cancelAt));
    }
    return out;
  }

  private static Job job(long id, Spec s, long nowMillis) {
    JobRequest r =
        JobRequest.builder().tasks(s.cores()).duration(Duration.ofSeconds(s.requested())).build();
    Job j = new Job(new JobId(id), r, nowMillis, List.of());
    j.priority = 16;
    return j;
  }

  /** Easy, hybrid or conservative ({@code which}: 0, 1, 2) with the property's parameters. */
  private static BackfillPolicy policy(
      int which, int reservationDepth, boolean shallowQueue, boolean compress) {
    QueueParams params =
        QueueParams.DEFAULTS.withReservationDepth(reservationDepth).withCompress(compress);
    if (shallowQueue) {
      params = params.withQueueDepth(8);
    }
    String name = List.of("easy", "hybrid", "conservative").get(which);
    return (BackfillPolicy) QueuePolicies.require(name, params);
  }

  @Property(tries = 60)
  void keptCycles_bookAndStartExactlyAsAFullRebuild(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @IntRange(min = 1, max = 5) int reservationDepth,
      @ForAll @IntRange(min = 40, max = 100) int exactPercent,
      @ForAll boolean shallowQueue) {
    List<Spec> specs = workload(seed, 120, NODES, exactPercent);
    Run run = againstFullRebuild(specs, policy(which, reservationDepth, shallowQueue, false));
    assertThat(run.full().pool.keptCycles()).isZero();
    assertThat(run.full().pool.earlyEndCycles()).isZero();
    KEPT.addAndGet(run.shipped().pool.keptCycles());
    REPEATED.addAndGet(run.shipped().pool.repeatedCycles());
    CYCLES.addAndGet(run.cycles());
    countEarly(run.shipped().pool);
  }

  /**
   * Cycles after early ends ({@link EarlyEnds}: the old bookings that no early end or moved job can
   * have opened an earlier start for are given back without a search) book and start exactly as a
   * full rebuild: workloads where most jobs end early (some at the instant they start, several at
   * one instant, none past its requested time, so that no running job is past its estimated end),
   * others on time, with submissions between and, in half the tries, cancellations of waiting jobs.
   */
  @Property(tries = 80)
  void cyclesAfterEarlyEnds_bookAndStartExactlyAsAFullRebuild(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll @IntRange(min = 1, max = 5) int reservationDepth,
      @ForAll @IntRange(min = 0, max = 70) int exactPercent,
      @ForAll boolean cancels,
      @ForAll boolean shallowQueue) {
    List<Spec> specs = workload(seed, 150, NODES, exactPercent, cancels ? 25 : 0, true);
    Run run = againstFullRebuild(specs, policy(which, reservationDepth, shallowQueue, false));
    assertThat(run.full().pool.earlyEndCycles()).isZero();
    EARLY_PROPERTY_CYCLES.addAndGet(run.cycles());
    countEarly(run.shipped().pool);
  }

  /**
   * A long run of keeping cycles carries the booking order on, with the ids of the jobs that
   * started in their booking's place; past {@link KeptBookings#STALE_KEPT} of them a keeping cycle
   * takes them out. Then jobs end early, and the cycles that answer from the carried order still
   * book and start exactly as a full rebuild: 1,500 jobs that all run exactly their requested time,
   * then 200 that end early.
   */
  @Test
  void aLongRunOfKeptCycles_thenEarlyEnds_bookExactlyAsAFullRebuild() {
    List<Spec> specs = new ArrayList<>(workload(7, 1500, NODES, 100, 0, true));
    long after = specs.get(specs.size() - 1).submit() + 1;
    for (Spec s : workload(11, 200, NODES, 0, 0, true)) {
      specs.add(new Spec(after + s.submit(), s.cores(), s.requested(), s.runs(), -1));
    }
    Run run = againstFullRebuild(specs, policy(2, 1, false, false));
    assertThat(run.shipped().pool.orderCompactions()).isPositive();
    assertThat(run.shipped().pool.earlyEndAnswers()).isPositive();
  }

  /** The shipped policy's world and a forced full rebuild's, after the workload; and the cycles. */
  private record Run(World shipped, World full, int cycles) {}

  /**
   * Runs the workload under {@code shipped} and under its forced full rebuild ({@link #simulate}).
   */
  private static Run againstFullRebuild(List<Spec> specs, BackfillPolicy shipped) {
    VirtualClock clock = new VirtualClock(0);
    World kept = new World(clock, shipped, NODES);
    World full = new World(clock, shipped.withFullRecompute(), NODES, false);
    int cycles = simulate(specs, clock, kept, full);
    return new Run(kept, full, cycles);
  }

  private static void countEarly(CountingPool pool) {
    EARLY_CYCLES.addAndGet(pool.earlyEndCycles());
    EARLY_ANSWERS.addAndGet(pool.earlyEndAnswers());
    EARLY_SEARCHES.addAndGet(pool.earlyEndSearches());
    EARLY_FOUND.addAndGet(pool.earlyEndFound());
  }

  /**
   * Compressing reservations re-asks every reserved job right after cancelling its booking; the
   * pool gives the booking back without a search where no fall of use since it was found can reach
   * it ({@link PoolTimeline#untouched}), and else, where the falls since are known one by one,
   * searches only the starts they can have opened ({@link PoolTimeline#earliestAfterFalls}). The
   * same workloads through hybrid and conservative with compression, on a pool that does so and on
   * one that always searches: the same starts and the same bookings after every cycle.
   */
  @Property(tries = 60)
  void compressedCycles_bookAndStartExactlyAsWithASearchForEveryJob(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 2) int which,
      @ForAll @IntRange(min = 1, max = 5) int reservationDepth,
      @ForAll @IntRange(min = 40, max = 100) int exactPercent,
      @ForAll boolean shallowQueue) {
    List<Spec> specs = workload(seed, 120, NODES, exactPercent);
    QueuePolicy policy = policy(which, reservationDepth, shallowQueue, true);
    VirtualClock clock = new VirtualClock(0);
    World shortcut = new World(clock, policy, NODES, true);
    World searching = new World(clock, policy, NODES, false);
    int cycles = simulate(specs, clock, shortcut, searching);
    assertThat(searching.pool.untouchedRebookings()).isZero();
    REBOOKED.addAndGet(shortcut.pool.untouchedRebookings());
    MOVED_BY_FALLS.addAndGet(shortcut.pool.movedByFalls());
    COMPRESSED.addAndGet(cycles);
  }

  /**
   * Runs the workload through both worlds at once (ends first, in id order, then submissions, then
   * cancellations, then cycles until none asks for another) and asserts after every cycle that they
   * started the same jobs on the same cores and hold the same bookings; the cycles run.
   */
  private static int simulate(List<Spec> specs, VirtualClock clock, World kept, World full) {
    List<World> worlds = List.of(kept, full);
    // instants at which something happens: submissions and cancellations now, ends as they start
    TreeSet<Long> instants = new TreeSet<>();
    specs.forEach(
        s -> {
          instants.add(s.submit());
          if (s.cancelAt() >= 0) {
            instants.add(s.cancelAt());
          }
        });
    Map<Long, Long> endOf = new LinkedHashMap<>(); // running job -> when it ends
    int cycles = 0;
    while (!instants.isEmpty()) {
      long now = instants.pollFirst();
      clock.advanceTo(now * 1000);
      for (World w : worlds) {
        // ends first (in id order), then submissions, then cancellations
        for (Map.Entry<Long, Long> e : endOf.entrySet()) {
          if (e.getValue() == now) {
            w.pool.free(w.jobs.get(e.getKey()));
          }
        }
        for (int i = 0; i < specs.size(); i++) {
          if (specs.get(i).submit() == now && !w.jobs.containsKey(i + 1L)) {
            Job j = job(i + 1, specs.get(i), now * 1000);
            w.jobs.put(j.id.value(), j);
            w.queue.add(j);
          }
        }
        for (int i = 0; i < specs.size(); i++) {
          Job j = w.jobs.get(i + 1L);
          if (specs.get(i).cancelAt() == now && j != null && j.allocation == null) {
            if (w.queue.remove(j)) {
              w.pool.cancelReservation(j);
            }
          }
        }
      }
      endOf.values().removeIf(end -> end == now);
      boolean again = true;
      while (again) {
        for (World w : worlds) {
          w.started.clear();
          w.again = false;
          w.queue.schedule(w);
        }
        cycles++;
        assertThat(kept.started).as("started at t=%d", now).isEqualTo(full.started);
        assertThat(kept.pool.bookings())
            .as("bookings at t=%d", now)
            .isEqualTo(full.pool.bookings());
        assertThat(kept.again).isEqualTo(full.again);
        for (String s : kept.started) {
          long id = Long.parseLong(s.substring(0, s.indexOf(' ')));
          long end = now + specs.get((int) id - 1).runs();
          endOf.put(id, end);
          instants.add(end);
        }
        again = kept.again;
      }
    }
    assertThat(kept.queue.size()).isEqualTo(full.queue.size());
    return cycles;
  }

  /**
   * The properties are not vacuous: many of the cycles kept their bookings, some repeating every
   * answer of the cycle before (after submissions alone), many bookings of compressing cycles were
   * given back without a search, and cycles after early ends both gave old bookings back and
   * searched for jobs the early ends could move.
   */
  @AfterContainer
  static void manyCyclesKeptTheirBookings() {
    assertThat(KEPT.get()).as("kept cycles of %d", CYCLES.get()).isGreaterThan(CYCLES.get() / 10);
    assertThat(REPEATED.get()).as("repeated cycles of %d", CYCLES.get()).isPositive();
    assertThat(REBOOKED.get())
        .as("bookings given back without a search in %d compressing cycles", COMPRESSED.get())
        .isGreaterThan(COMPRESSED.get() / 10);
    assertThat(MOVED_BY_FALLS.get())
        .as("bookings moved by a search bounded to the falls in %d compressing cycles", COMPRESSED)
        .isPositive();
    assertThat(EARLY_CYCLES.get())
        .as("cycles after early ends of %d", EARLY_PROPERTY_CYCLES.get())
        .isGreaterThan(EARLY_PROPERTY_CYCLES.get() / 20);
    assertThat(EARLY_ANSWERS.get())
        .as("old bookings given back in %d cycles after early ends", EARLY_CYCLES.get())
        .isGreaterThan(EARLY_CYCLES.get());
    assertThat(EARLY_SEARCHES.get())
        .as("old-order jobs searched plainly in %d cycles after early ends", EARLY_CYCLES.get())
        .isGreaterThan(EARLY_CYCLES.get() / 10);
    assertThat(EARLY_FOUND.get())
        .as("old-order jobs moved by a bounded search in %d cycles after early ends", EARLY_CYCLES)
        .isGreaterThan(EARLY_CYCLES.get() / 10);
  }
}
