package org.flux4j.policy.match;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GrugReader;
import org.junit.jupiter.api.Test;

/**
 * A rough timing of one-core and one-node matches on the 10k-node recipe, printed, not asserted
 * (JMH in flux-bench is the measurement of record). Runs only with {@code -Dflux4j.speed=true}.
 */
class MatchSpeedCheck {
  @Test
  void speed_oneCoreAndOneNode_perPolicy() {
    assumeTrue(Boolean.getBoolean("flux4j.speed"), "set -Dflux4j.speed=true");
    Path p = TestSupport.require("bench/grugs/n10k.graphml");
    long t0 = System.nanoTime();
    ResourceGraph g = GrugReader.read(p);
    System.out.printf(
        "load %d vertices in %.2f s%n", g.vertexCount(), (System.nanoTime() - t0) / 1e9);
    ResourceRequest core =
        ResourceRequest.of(
            3600,
            ResourceRequest.Resource.slot(1, "default", ResourceRequest.Resource.of("core", 1)));
    ResourceRequest node =
        ResourceRequest.of(
            3600,
            ResourceRequest.Resource.of(
                "node",
                1,
                ResourceRequest.Resource.slot(
                    1,
                    "default",
                    ResourceRequest.Resource.of(
                        "socket", 1, ResourceRequest.Resource.of("core", 1)))));
    long id = 1;
    for (String policy :
        List.of("first", "low", "high", "lonode", "hinodex", "lonodex", "locality")) {
      long c0 = System.nanoTime();
      ResourceQuery rq =
          ResourceQuery.create(g, ResourceQuery.Options.builder().policy(policy).build());
      long c1 = System.nanoTime();
      for (ResourceRequest req : List.of(core, node)) {
        int n = 20;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
          long s = System.nanoTime();
          MatchResult r = rq.match(MatchOp.ALLOCATE, req, id++);
          long e = System.nanoTime() - s;
          best = Math.min(best, e);
          if (!r.isSuccess()) {
            throw new AssertionError(policy + " failed: " + r);
          }
        }
        System.out.printf(
            "%-9s %-4s best %.3f ms (visits %d) create %.2f s%n",
            policy,
            req.equals(core) ? "core" : "node",
            best / 1e6,
            rq.visitCounts().preorder(),
            (c1 - c0) / 1e9);
      }
    }
  }
}
