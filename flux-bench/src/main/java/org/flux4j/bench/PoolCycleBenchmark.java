package org.flux4j.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Instance;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.core.sim.TraceReplay;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One conservative scheduling cycle after a single job ends, through the whole Instance on a
 * processor pool (240 one-core nodes, {@code counting} match policy): what a deep queue costs a
 * replay per event.
 *
 * <p>Each iteration builds the state first (not measured): 240 one-core jobs run, ending one per
 * second from t=1000 at exactly their estimated ends, and {@code depth} jobs of 1 to 64 cores wait,
 * each booked by one first cycle. The measured operation advances the virtual clock to t=1000: the
 * first running job ends, and one cycle runs. {@code reservations=kept}: conservative as shipped:
 * nothing but time passed, so the cycle keeps the previous cycle's bookings, starts those due now
 * and asks only the jobs after the last booked one (none here); {@code reservations=rebuild}: the
 * same policy forced to rebuild every booking from the profile; {@code reservations=compress}:
 * conservative with compressed reservations, which re-asks every reserved job after cancelling its
 * booking (the pool gives back each booking no fall of use can move, here all of them).
 *
 * <p>{@code end=estimated}: the first running job ends at its estimated end, as above; {@code
 * end=early}: it was planned to run 30 s longer (every booking was placed beside that), so its end
 * at t=1000 frees a core over [1000, 1030): a rebuild then searches for every job again, and the
 * pool as shipped gives back the bookings that core cannot move ({@code EarlyEnds} in flux-core),
 * here all of them (the first waiting job needs 38 cores, free at 1037); with compression each
 * re-asked booking is searched only over the starts that core can have opened. {@code
 * end=early240}: planned 240 s longer, a core free over [1000, 1240): every waiting job starts a
 * second earlier in a rebuild, and the pool searches for every job too. Run with {@code -gc true}:
 * the setup leaves garbage that a collection inside the measured cycle would otherwise pay for.
 */
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PoolCycleBenchmark {
  private static final int NODES = 240;
  private static final long FIRST_END = 1000;

  /**
   * Waiting jobs. The first cycle books every one; each search for the earliest start begins where
   * the last booking of the same cores and seconds was found (the pool's remembered bounds), so a
   * setup at 100,000 takes seconds (it took minutes when every booking jumped over every hole from
   * now again).
   */
  @Param({"1000", "10000", "100000"})
  public int depth;

  /** "kept" (as shipped), "rebuild" (forced full rebuild every cycle) or "compress". */
  @Param({"kept", "rebuild", "compress"})
  public String reservations;

  /**
   * "estimated" (the first job ends at its estimated end), "early" (30 s before it) or "early240"
   * (240 s before it).
   */
  @Param({"estimated", "early", "early240"})
  public String end;

  private VirtualClock clock;
  private Instance instance;

  static {
    QueuePolicies.register(
        "conservative-fullrebuild",
        params ->
            ((BackfillPolicy) QueuePolicies.require("conservative", params)).withFullRecompute());
  }

  /** Builds the running and waiting jobs and the first cycle's bookings. */
  @Setup(Level.Iteration)
  public void setUp() {
    String policy =
        switch (reservations) {
          case "kept", "compress" -> "conservative";
          case "rebuild" -> "conservative-fullrebuild";
          default ->
              throw new IllegalArgumentException(
                  "reservations is kept, rebuild or compress: " + reservations);
        };
    long earlyBy =
        switch (end) {
          case "estimated" -> 0;
          case "early" -> 30;
          case "early240" -> NODES;
          default ->
              throw new IllegalArgumentException("end is estimated, early or early240: " + end);
        };
    clock = new VirtualClock(0);
    instance =
        Instance.builder(TraceReplay.machine(NODES, 1))
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queuePolicy(policy)
            .queueParams(
                QueueParams.DEFAULTS
                    .withQueueDepth(depth + NODES)
                    .withReservationDepth(depth + NODES)
                    .withCompress(reservations.equals("compress")))
            .matchPolicy("counting")
            .build();
    // every submission at one instant, so that one cycle books them all
    clock.schedule(
        0,
        () -> {
          for (int i = 0; i < NODES; i++) {
            long runs = FIRST_END + i;
            instance.submit(job(1, runs + (i == 0 ? earlyBy : 0), runs));
          }
          for (int i = 1; i <= depth; i++) {
            long seconds = 600 + (i % 7) * 300L;
            instance.submit(job(1 + (i * 37) % 64, seconds, seconds));
          }
        });
    clock.advanceTo(0);
    if (!clock.awaitQuiet(600_000)) {
      throw new IllegalStateException("the first cycle did not end");
    }
  }

  private static JobRequest job(int cores, long planned, long runs) {
    return JobRequest.builder()
        .tasks(cores)
        .duration(Duration.ofSeconds(planned))
        .runtime(Duration.ofSeconds(runs))
        .build();
  }

  /**
   * The first running job ends (at or before its estimated end, see {@link #end}); one cycle runs.
   */
  @Benchmark
  public long cycleAfterOneEnd() {
    clock.advanceTo(FIRST_END * 1000);
    if (!clock.awaitQuiet(600_000)) {
      throw new IllegalStateException("the cycle did not end");
    }
    return clock.millis();
  }

  /** Closes the instance. */
  @TearDown(Level.Iteration)
  public void tearDown() {
    instance.close();
  }
}
