package org.flux4j.graph.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rough throughput of a root-like planner holding many spans (not a JMH benchmark: a sanity
 * number). Run with {@code -Dflux4j.measure=true}.
 */
class PlannerThroughputTest {

  @Test
  void manySpans_addRemoveAndSearch() {
    assumeTrue(Boolean.getBoolean("flux4j.measure"), "set -Dflux4j.measure=true to measure");
    for (int live : new int[] {100, 1_000, 10_000}) {
      Planner p = Planner.create(0, 1L << 40, 1_000_000, "core");
      Random r = new Random(live);
      long[] ids = new long[live];
      for (int i = 0; i < live; i++) {
        ids[i] = p.addSpan(r.nextInt(1_000_000), 1 + r.nextInt(3600), 1 + r.nextInt(64));
      }
      int ops = 100_000;
      long found = 0;
      for (int round = 0; round < 2; round++) { // the first round warms up
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          int k = r.nextInt(live);
          p.removeSpan(ids[k]);
          ids[k] = p.addSpan(r.nextInt(1_000_000), 1 + r.nextInt(3600), 1 + r.nextInt(64));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          long t = p.availTimeFirst(r.nextInt(1_000_000), 1 + r.nextInt(3600), 1 + r.nextInt(1000));
          found += t >= 0 ? 1 : 0;
        }
        long t2 = System.nanoTime();
        if (round == 1) {
          System.out.printf(
              "planner: %d live spans, %d points: remove+add %.2f us, availTimeFirst %.2f us%n",
              live, p.pointCount(), (t1 - t0) / 1e3 / ops, (t2 - t1) / 1e3 / ops);
        }
      }
      assertThat(found).isPositive();
    }
  }
}
