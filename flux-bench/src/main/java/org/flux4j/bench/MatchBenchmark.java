package org.flux4j.bench;

import java.util.concurrent.TimeUnit;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fluxion's resource-query workloads (../shared/bench/FLUXION.md) on flux4j's match engine.
 *
 * <p>{@link #sequence} replays the start of one command file: 50 identical matches on a fresh
 * graph, which fills up as in Fluxion's runs (Fluxion ran 1000, or 50 for low/high on n10k); the
 * score is the mean time per match, comparable with Fluxion's "mean ms" column where Fluxion's run
 * was 50 matches too. {@link MatchLatencyBenchmark} replays whole command files and gives the
 * per-match distribution, whose median compares with Fluxion's "median ms". {@link #steadyState}
 * measures one match followed by its cancel on a graph that stays empty. Run, e.g.:
 *
 * <pre>
 * java -jar flux-bench/target/benchmarks.jar MatchBenchmark -p graph=n10k -prof gc
 * </pre>
 */
public class MatchBenchmark extends FluxionWorkload {
  private static final int SEQUENCE = 50;

  private ResourceQuery query;
  private long nextId;

  /** A fresh, empty scheduling state for every iteration. */
  @Setup(Level.Iteration)
  public void fresh() {
    query = freshQuery();
    nextId = 1;
  }

  /** One command file: {@value #SEQUENCE} identical matches as the graph fills up. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(SEQUENCE)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 5, batchSize = 1)
  @Measurement(iterations = 10, batchSize = 1)
  public void sequence(Blackhole bh) {
    for (int i = 0; i < SEQUENCE; i++) {
      bh.consume(query.match(matchOp, request, nextId++, 0));
    }
  }

  /** One match and its cancel, on a graph that stays empty. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public MatchResult steadyState() {
    long id = nextId++;
    MatchResult r = query.match(matchOp, request, id, 0);
    query.cancel(id);
    return r;
  }
}
