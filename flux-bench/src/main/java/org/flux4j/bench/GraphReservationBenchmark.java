package org.flux4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.sim.TraceReplay;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The graph matcher's reservation search on a busy machine, as a trace replay under hybrid or
 * conservative asks for it: the HPC2N machine of {@code flux4j replay} (240 one-core nodes, the
 * {@code first} policy, slot paths committed as the Instance does), full of running jobs that end
 * at staggered times, with {@code depth} jobs already reserved behind them.
 *
 * <p>{@link #reserve}: one allocate-or-reserve of a further job (a select at now that fails, the
 * earliest-time search, selects at candidate times, the update) and its cancel. {@link #cycle}:
 * what a rebuilding cycle does to the reservations: every reserved job cancelled, then reserved
 * again in queue order (divide by {@code depth} for the cost per job). Run, e.g.:
 *
 * <pre>
 * java -jar flux-bench/target/benchmarks.jar GraphReservationBenchmark -p depth=64 -p exact=false
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphReservationBenchmark extends LargeGraphBenchmark {
  private static final int NODES = 240;
  private static final int PROBES = 64;

  /** Jobs reserved behind the running ones. */
  @Param({"64", "1000"})
  public int depth;

  /**
   * "true": every select runs, as in Fluxion (resource-query); "false": selects proven to miss are
   * skipped, as an instance's scheduler does ({@code ResourceQuery.Options.exactVisitCounts}).
   */
  @Param({"true", "false"})
  public boolean exact;

  private ResourceQuery query;
  private ResourceRequest[] reserved;
  private ResourceRequest[] probes;
  private long nextId;
  private int probe;

  private static ResourceRequest job(Random rnd) {
    // HPC2N-like: mostly small jobs, a few wide ones; runs of ten minutes to a day
    int cores = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(128) : 1 + rnd.nextInt(8);
    long duration = 600 + 60L * rnd.nextInt(1430);
    return ResourceRequest.of(duration, Item.slot(cores, "task", Item.of("core", 1)));
  }

  /** Fills the machine and reserves {@code depth} jobs. */
  @Setup
  public void setUp() {
    ResourceGraph graph = TraceReplay.machine(NODES, 1);
    query =
        ResourceQuery.create(
            graph,
            ResourceQuery.Options.builder()
                .policy("first")
                .commitSlotPaths(true)
                .exactVisitCounts(exact)
                .build());
    Random rnd = new Random(42);
    nextId = 1;
    for (int free = NODES; free > 0; ) {
      int cores = Math.min(free, 1 + rnd.nextInt(8));
      ResourceRequest r =
          ResourceRequest.of(
              300 + 60L * rnd.nextInt(1440), Item.slot(cores, "task", Item.of("core", 1)));
      if (!(query.match(MatchOp.ALLOCATE, r, nextId++, 0) instanceof MatchResult.Allocated)) {
        throw new IllegalStateException("a running job did not start");
      }
      free -= cores;
    }
    reserved = new ResourceRequest[depth];
    for (int i = 0; i < depth; i++) {
      reserved[i] = job(rnd);
      reserve(reserved[i], 1_000_000 + i);
    }
    probes = new ResourceRequest[PROBES];
    for (int i = 0; i < PROBES; i++) {
      probes[i] = job(rnd);
    }
    nextId = 2_000_000;
  }

  private void reserve(ResourceRequest r, long id) {
    MatchResult m = query.match(MatchOp.ALLOCATE_ORELSE_RESERVE, r, id, 0);
    if (!(m instanceof MatchResult.Reserved)) {
      throw new IllegalStateException("job " + id + " was not reserved: " + m);
    }
  }

  /** One reservation search of a further job, and its cancel. */
  @Benchmark
  public MatchResult reserve() {
    long id = nextId++;
    MatchResult m = query.match(MatchOp.ALLOCATE_ORELSE_RESERVE, probes[probe++ % PROBES], id, 0);
    query.cancel(id);
    return m;
  }

  /** A rebuilding cycle's reservations: every one cancelled, then all made again in order. */
  @Benchmark
  public int cycle() {
    for (int i = 0; i < depth; i++) {
      query.cancel(1_000_000 + i);
    }
    for (int i = 0; i < depth; i++) {
      reserve(reserved[i], 1_000_000 + i);
    }
    return depth;
  }
}
