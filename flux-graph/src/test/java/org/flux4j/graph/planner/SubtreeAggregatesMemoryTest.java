package org.flux4j.graph.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.PruneFilters;
import org.junit.jupiter.api.Test;

/**
 * Heap cost of the aggregates on a 1.65M-vertex cluster with the default filters. Run with {@code
 * -Dflux4j.measure=true}; prints bytes per vertex.
 */
class SubtreeAggregatesMemoryTest {

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }

  @Test
  void build_largeCluster_staysWithinBudget() {
    assumeTrue(Boolean.getBoolean("flux4j.measure"), "set -Dflux4j.measure=true to measure");
    // 33 racks x 1000 nodes x 2 sockets x 24 cores: 1,683,034 vertices
    ResourceGraph g = SubtreeAggregatesTest.cluster(33, 1000, 2, 24, false);
    g.out(0); // the graph's CSR index is built on first use: not ours to count
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, 1L << 40);
    long t1 = System.nanoTime();
    long after = usedAfterGc();
    double perVertex = (after - before) / (double) g.vertexCount();
    double perPlanner = (after - before) / (double) a.plannerCount();
    System.out.printf(
        "aggregates: %d vertices, %d planners, %.1f MB, %.1f B/vertex, %.0f B/planner vertex,"
            + " built in %d ms%n",
        g.vertexCount(),
        a.plannerCount(),
        (after - before) / 1e6,
        perVertex,
        perPlanner,
        (t1 - t0) / 1_000_000);
    assertThat(a.total(g.roots()[0], "core")).isEqualTo(33L * 1000 * 48);
    long t2 = System.nanoTime();
    SubtreeAggregates c = a.copy();
    long t3 = System.nanoTime();
    c.addSpan(g.roots()[0], 0, 100, new long[] {48, 1});
    System.out.printf("aggregates: copy-on-write clone in %d ms%n", (t3 - t2) / 1_000_000);
    assertThat(a.availableDuring(g.roots()[0], "core", 0, 100)).isEqualTo(33L * 1000 * 48);
    assertThat(perVertex).isLessThan(64);
  }
}
