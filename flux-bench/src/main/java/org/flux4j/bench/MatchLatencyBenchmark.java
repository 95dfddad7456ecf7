package org.flux4j.bench;

import java.util.concurrent.TimeUnit;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The distribution of single-match times over Fluxion's command files (../shared/bench): each
 * invocation is the next match of a file of {@code N} identical matches on a graph that fills up (N
 * = 1000, or 50 for the scoring policies on n10k, as in FLUXION.md), and the graph starts afresh
 * after the last one. JMH's sample mode times every match, so its {@code p0.50} is comparable with
 * the "median ms" of FLUXION.md, which is over every match of such a file, failed ones included.
 * Run, e.g.:
 *
 * <pre>
 * java -jar flux-bench/target/benchmarks.jar MatchLatencyBenchmark -p graph=n10k -p policy=low
 * </pre>
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatchLatencyBenchmark extends FluxionWorkload {
  private int fileLength;
  private ResourceQuery query;
  private int done;

  /** The length of the command file, as in FLUXION.md. */
  @Setup(Level.Trial)
  public void fileLength() {
    fileLength = graph.equals("n10k") && !policy.equals("first") ? 50 : 1000;
    done = fileLength;
  }

  /** Starts the command file again on a fresh copy of the graph after its last match. */
  @Setup(Level.Invocation)
  public void nextMatch() {
    if (done >= fileLength) {
      query = freshQuery();
      done = 0;
    }
  }

  /** The next match of the command file. */
  @Benchmark
  public MatchResult match() {
    done++;
    return query.match(matchOp, request, done, 0);
  }
}
