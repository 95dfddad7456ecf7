package org.flux4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.sim.ReplayJob;
import org.flux4j.core.sim.ReplayOptions;
import org.flux4j.core.sim.ReplayResult;
import org.flux4j.core.sim.TraceReplay;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole trace window replayed under a queue policy chosen by name: what a researcher's policy
 * costs the scheduler against Fluxion's, on the production job manager and graph matcher in virtual
 * time. Any name the registry knows works, including a policy of another jar found through {@code
 * QueuePolicies.Provider}: with the examples jar on the class path, {@code java -cp
 * flux-bench/target/benchmarks.jar:examples/target/flux4j-examples.jar org.openjdk.jmh.Main
 * PolicyReplayBenchmark -p policy=easy,conservative,sjf}.
 *
 * <p>The window is seeded and synthetic (no file needed): {@code jobs} jobs on 64 nodes of 16
 * cores, arriving every 0 to 60 s, one in four wide (64 to 512 cores, 30 to 120 min limit) and the
 * rest narrow (1 to 16 cores, 1 to 20 min), each running a random part of its limit: enough
 * contention that the queue is deep and backfilling matters. The result's metrics are returned so
 * that the replay is not optimised away.
 */
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyReplayBenchmark {
  /** The queue policy, by registered name. */
  @Param({"easy", "conservative"})
  public String policy;

  /** Jobs in the window. */
  @Param({"500"})
  public int jobs;

  private List<ReplayJob> window;
  private TraceReplay replay;

  /** Builds the window and checks that the policy is known. */
  @Setup(Level.Trial)
  public void setUp() {
    QueuePolicies.require(policy, QueueParams.DEFAULTS);
    window = window(jobs, 42);
    replay =
        new TraceReplay(
            new ReplayOptions(
                64,
                16,
                false,
                true,
                policy,
                "first",
                ReplayOptions.UNLIMITED_QUEUE_DEPTH,
                64,
                false));
  }

  /** The seeded window of {@code n} jobs. */
  static List<ReplayJob> window(int n, long seed) {
    Random rnd = new Random(seed);
    List<ReplayJob> out = new ArrayList<>(n);
    long t = 0;
    for (int i = 1; i <= n; i++) {
      t += rnd.nextInt(61);
      boolean wide = rnd.nextInt(4) == 0;
      long procs = wide ? 64 + rnd.nextInt(449) : 1 + rnd.nextInt(16);
      long limit = wide ? 1800 + rnd.nextInt(5401) : 60 + rnd.nextInt(1141);
      long run = 1L + rnd.nextInt((int) limit);
      out.add(new ReplayJob(i, t, run, limit, procs, 0, i));
    }
    return out;
  }

  /** One replay of the whole window. */
  @Benchmark
  public double replay() {
    ReplayResult r = replay.run(window, null, 0, 0);
    if (r.metrics().jobs() != jobs) {
      throw new IllegalStateException("only " + r.metrics().jobs() + " of " + jobs + " jobs ran");
    }
    return r.metrics().avgWait();
  }
}
