package org.flux4j.bench;

import java.util.concurrent.TimeUnit;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The what-if clone ({@link ResourceQuery#copy()}) of a loaded scheduling state: {@link #copy}
 * alone, and {@link #copyThenMatch} (a copy, then one match and its cancel on the copy, which pays
 * the copy's first writes and scratch space), against {@link #matchOnly} (the same match and cancel
 * without a copy). Run, e.g.:
 *
 * <pre>
 * java -jar flux-bench/target/benchmarks.jar CopyBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyBenchmark extends LargeGraphBenchmark {
  /** The cluster: n100, n1k or n10k (5,103, 51,021 or 510,201 vertices). */
  @Param({"n10k"})
  public String graph;

  /** The jobspec of the jobs allocated before copying. */
  @Param({"node_x1"})
  public String jobspec;

  /** How many jobs are allocated before copying. */
  @Param({"500"})
  public int jobs;

  private ResourceQuery query;
  private ResourceRequest request;
  private long nextId;

  /** Loads the graph and allocates {@link #jobs} jobs, once per trial. */
  @Setup(Level.Trial)
  public void load() {
    request = BenchWorkloads.request(jobspec);
    query =
        ResourceQuery.create(
            BenchWorkloads.graph(graph), ResourceQuery.Options.builder().policy("first").build());
    for (int i = 0; i < jobs; i++) {
      MatchResult r = query.match(MatchOp.ALLOCATE, request, ++nextId, 0);
      if (!(r instanceof MatchResult.Allocated)) {
        throw new IllegalStateException("job " + nextId + " was not allocated: " + r);
      }
    }
  }

  /** One copy of the loaded state. */
  @Benchmark
  public ResourceQuery copy() {
    return query.copy();
  }

  /** For reference: a match and its cancel on the loaded state itself, without copying. */
  @Benchmark
  public MatchResult matchOnly() {
    long id = nextId + 1;
    MatchResult r = query.match(MatchOp.ALLOCATE, request, id, 0);
    query.cancel(id);
    return r;
  }

  /** One copy, then a match and its cancel on the copy. */
  @Benchmark
  public MatchResult copyThenMatch() {
    ResourceQuery c = query.copy();
    long id = nextId + 1;
    MatchResult r = c.match(MatchOp.ALLOCATE, request, id, 0);
    c.cancel(id);
    return r;
  }
}
