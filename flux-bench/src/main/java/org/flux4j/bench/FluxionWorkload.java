package org.flux4j.bench;

import java.util.Locale;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The parameters of Fluxion's resource-query workloads (../shared/bench/FLUXION.md) and the loaded
 * graph they run on, shared by the match benchmarks (with the run settings of {@link
 * LargeGraphBenchmark}).
 */
public abstract class FluxionWorkload extends LargeGraphBenchmark {
  /** The cluster: n100, n1k or n10k (5,103, 51,021 or 510,201 vertices). */
  @Param({"n100", "n1k", "n10k"})
  public String graph;

  /** The match policy. */
  @Param({"first", "low", "high"})
  public String policy;

  /** The jobspec. */
  @Param({"core1", "node_x1", "slot_2c1g", "node4_socket2"})
  public String jobspec;

  /** allocate or allocate_orelse_reserve. */
  @Param({"allocate", "allocate_orelse_reserve"})
  public String op;

  /** The loaded graph, never matched on itself: each run works on a copy. */
  protected ResourceGraph loaded;

  protected ResourceRequest request;
  protected MatchOp matchOp;

  /** Loads the graph once per trial. */
  @Setup(Level.Trial)
  public void load() {
    loaded = BenchWorkloads.graph(graph);
    request = BenchWorkloads.request(jobspec);
    matchOp = MatchOp.valueOf(op.toUpperCase(Locale.ROOT));
  }

  /**
   * A fresh, empty scheduling state. The copy shares the loaded graph and allocates its own state
   * arrays at its first write (copy-on-write), so one probe match of another shape (and its cancel)
   * makes them here, as Fluxion's graph load does, rather than in the first measured match; the
   * probe leaves nothing remembered for the measured request.
   */
  protected ResourceQuery freshQuery() {
    ResourceQuery query =
        ResourceQuery.create(loaded.copy(), ResourceQuery.Options.builder().policy(policy).build());
    ResourceRequest probe =
        ResourceRequest.of(
            1, ResourceRequest.Item.slot(1, "probe", ResourceRequest.Item.of("core", 1)));
    if (query.match(MatchOp.ALLOCATE, probe, -1, 0).isSuccess()) {
      query.cancel(-1);
    }
    return query;
  }
}
