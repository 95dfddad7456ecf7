package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traverser against a slow, obviously-correct reference on seeded random flat clusters and job
 * streams: the reference tracks free cores per node and decides feasibility by counting; the
 * traverser must succeed exactly when the reference says a request fits now, its selection must be
 * valid (right counts, each slot's cores on one node, only free cores), and cancels must restore
 * the reference's view. The seed is in the failure message.
 */
class DifferentialTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "first",
        "low",
        "high",
        "lonode",
        "hinode",
        "locality",
        "policy=high stable_ties=true",
        "policy=low stable_ties=true"
      })
  void traverser_agreesWithReference_onRandomStreams(String policy) {
    for (long seed = 1; seed <= 40; seed++) {
      runOne(policy, seed);
    }
  }

  private static void runOne(String policy, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 7919 + policy.hashCode());
    int[] shape = Clusters.randomShape(r, 5, 6);
    ResourceGraph g = Clusters.flat(shape);
    ResourceQuery rq =
        ResourceQuery.create(g, ResourceQuery.Options.builder().policy(policy).build());
    int[] free = shape.clone();
    List<long[]> live = new ArrayList<>(); // jobId, then per-node cores taken
    String ctx =
        "policy " + policy + " seed " + seed + " shape " + java.util.Arrays.toString(shape);
    long id = 1;
    for (int step = 0; step < 30; step++) {
      if (!live.isEmpty() && r.nextInt(3) == 0) {
        long[] job = live.remove(r.nextInt(live.size()));
        assertThat(rq.cancel(job[0])).as(ctx).isEqualTo(CancelStatus.CANCELLED);
        for (int i = 0; i < free.length; i++) {
          free[i] += (int) job[i + 1];
        }
        rq.checkInvariants();
        continue;
      }
      boolean byNode = r.nextBoolean();
      int nodes = 1 + r.nextInt(2);
      int slots = 1 + r.nextInt(3);
      int cores = 1 + r.nextInt(3);
      ResourceRequest req =
          byNode ? Clusters.nodes(nodes, slots, cores, 0) : Clusters.slots(slots, cores, 0);
      boolean fits;
      if (byNode) {
        int ok = 0;
        for (int f : free) {
          if (f / cores >= slots) {
            ok++;
          }
        }
        fits = ok >= nodes;
      } else {
        int total = 0;
        for (int f : free) {
          total += f / cores;
        }
        fits = total >= slots;
      }
      String what =
          ctx
              + " step "
              + step
              + " "
              + (byNode ? "node" + nodes + "/" : "")
              + "slot"
              + slots
              + "/core"
              + cores
              + " free "
              + java.util.Arrays.toString(free);
      MatchResult m = rq.match(MatchOp.ALLOCATE, req, id);
      assertThat(m.isSuccess()).as(what).isEqualTo(fits);
      if (m.isSuccess()) {
        ResourceSet s = m.resourceSet().orElseThrow();
        long[] taken = new long[free.length + 1];
        taken[0] = id;
        int coresTaken = 0;
        for (int i = 0; i < s.size(); i++) {
          int v = s.vertex(i);
          if (g.type(v).equals("core")) {
            assertThat(s.exclusive(i)).as(what).isTrue();
            int node = (int) g.id(g.parent(v));
            taken[node + 1]++;
            coresTaken++;
          }
        }
        assertThat(coresTaken).as(what).isEqualTo((byNode ? nodes : 1) * slots * cores);
        int nodesUsed = 0;
        for (int i = 0; i < free.length; i++) {
          assertThat(taken[i + 1]).as(what).isLessThanOrEqualTo(free[i]);
          assertThat(taken[i + 1] % cores).as(what + " slot split across nodes").isZero();
          if (taken[i + 1] > 0) {
            nodesUsed++;
          }
          free[i] -= (int) taken[i + 1];
        }
        if (byNode) {
          assertThat(nodesUsed).as(what).isEqualTo(nodes);
        }
        live.add(taken);
        id++;
      }
      rq.checkInvariants();
    }
  }
}
