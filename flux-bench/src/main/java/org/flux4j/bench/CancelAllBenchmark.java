package org.flux4j.bench;

import java.util.concurrent.TimeUnit;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a conservative queue's rebuild pays first on the graph matcher: dropping every reservation
 * of the previous cycle, at a queue depth of {@code depth}, one by one ({@code
 * ResourceQuery.cancel} per job, {@code mode=each}) or at once ({@code ResourceQuery.cancelAll},
 * {@code mode=all}), on a machine shaped as the HPC2N replay's (240 nodes of one core; the engine
 * counting visits inexactly, as an Instance's). The machine runs one job per node; {@code depth}
 * jobs of 1 to 32 cores and 1 to 12 hours are reserved behind them, so the root's aggregate holds
 * about {@code 2 x depth} points. Each invocation starts from a copy of that state (made outside
 * the timing; the copy's first write to a shared vertex clones it, in both modes alike).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CancelAllBenchmark extends LargeGraphBenchmark {
  /** Reserved jobs dropped. */
  @Param({"1000", "5000"})
  public int depth;

  /** "each": one cancel per job; "all": one cancelAll. */
  @Param({"each", "all"})
  public String mode;

  private ResourceQuery booked;
  private ResourceQuery query;
  private long[] reserved;

  /** Books the running jobs and the reservations. */
  @Setup(Level.Trial)
  public void setUp() {
    ResourceGraph graph =
        VirtualCluster.builder("cluster").child("node", 240, n -> n.child("core", 1)).build();
    booked =
        ResourceQuery.create(
            graph, ResourceQuery.Options.builder().exactVisitCounts(false).build());
    long id = 1;
    for (int i = 0; i < 240; i++) {
      ResourceRequest one = ResourceRequest.of(3600, Item.slot(1, "task", Item.of("core", 1)));
      if (!(booked.match(MatchOp.ALLOCATE, one, id++, 0) instanceof MatchResult.Allocated)) {
        throw new IllegalStateException("a running job did not start");
      }
    }
    reserved = new long[depth];
    for (int i = 0; i < depth; i++) {
      ResourceRequest r =
          ResourceRequest.of(
              3600L * (1 + (i * 7) % 12), Item.slot(1 + (i * 37) % 32, "task", Item.of("core", 1)));
      if (!(booked.match(MatchOp.ALLOCATE_ORELSE_RESERVE, r, id, 0)
          instanceof MatchResult.Reserved)) {
        throw new IllegalStateException("job " + id + " was not reserved");
      }
      reserved[i] = id++;
    }
  }

  /** A fresh copy of the booked state for each invocation. */
  @Setup(Level.Invocation)
  public void copy() {
    query = booked.copy();
  }

  /** Drops every reservation. */
  @Benchmark
  public Object dropReservations() {
    if (mode.equals("all")) {
      return query.cancelAll(reserved);
    }
    CancelStatus last = null;
    for (long id : reserved) {
      last = query.cancel(id);
    }
    return last;
  }
}
