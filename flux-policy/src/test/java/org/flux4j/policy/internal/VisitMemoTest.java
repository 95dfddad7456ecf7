package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchPolicies;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.flux4j.policy.match.ResourceRequest.TargetConstraint;
import org.flux4j.policy.writer.MatchWriter;
import org.flux4j.policy.writer.MatchWriters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Remembered visits change nothing: two engines over copies of one graph, one remembering the
 * visits of every subtree of two or more vertices and one remembering none, run the same seeded
 * random stream of matches (every operation), cancels, status and property changes, and must give
 * the same results, resources (in Fluxion's JGF writer, which names every vertex and edge), error
 * texts and visit counts at every step. The seed is in the failure message.
 */
class VisitMemoTest {
  private static final MatchOp[] OPS = {
    MatchOp.ALLOCATE,
    MatchOp.ALLOCATE_ORELSE_RESERVE,
    MatchOp.ALLOCATE_ORELSE_RESERVE,
    MatchOp.ALLOCATE_WITH_SATISFIABILITY,
    MatchOp.SATISFIABILITY,
    MatchOp.WITHOUT_ALLOCATING
  };

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "first, tiny, simple",
    "first, medium, simple",
    "first, small, simple",
    "high, tiny, simple",
    "low, medium, simple",
    "high, medium, simple",
    "high, small, flexible",
    "lonode, medium, simple",
    "hinode, small, simple",
    "lonodex, medium, simple",
    "hinodex, medium, simple",
    "firstnodex, medium, simple",
    "locality, medium, simple",
    "variation, small, simple",
    "low, tiny, flexible",
    "policy=high node_centric=true stop_on_1_matches=true, medium, simple"
  })
  void rememberedVisits_giveTheSameAnswers_asFreshVisits(
      String policy, String cluster, String traverser) {
    for (long seed = 1; seed <= 6; seed++) {
      runOne(policy, cluster, traverser, seed);
    }
  }

  private static void runOne(String policy, String cluster, String traverser, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 31 + policy.hashCode() + cluster.hashCode());
    ResourceGraph base = VirtualClusters.byName(cluster);
    EngineOptions options =
        new EngineOptions(
            MatchPolicies.byName(policy),
            "CA",
            "ALL:core,ALL:node",
            traverser.equals("flexible"),
            false);
    QueryEngine memo = new QueryEngine(base.copy(), options);
    memo.rememberVisits(2);
    QueryEngine fresh = new QueryEngine(base.copy(), options);
    fresh.rememberVisits(0);
    MatchWriter jgf = MatchWriters.require("jgf");
    List<String> nodePaths = new ArrayList<>();
    ResourceGraph g = memo.graph();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.type(v).equals("node")) {
        nodePaths.add(g.path(v));
      }
    }
    List<ResourceRequest> pool = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pool.add(request(r));
    }
    List<Long> live = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 60; step++) {
      String ctx =
          policy + " " + cluster + " " + traverser + " seed " + seed + " step " + step + ": ";
      int what = r.nextInt(14);
      if (what < 4 && !live.isEmpty()) {
        long job = live.remove(r.nextInt(live.size()));
        assertThat(memo.cancel(job)).as(ctx + "cancel").isEqualTo(fresh.cancel(job));
      } else if (what == 4) {
        String node = nodePaths.get(r.nextInt(nodePaths.size()));
        Status s = r.nextInt(3) == 0 ? Status.DOWN : Status.UP;
        assertThat(memo.setStatus(node, s)).isEqualTo(fresh.setStatus(node, s));
      } else if (what == 5) {
        String node = nodePaths.get(r.nextInt(nodePaths.size()));
        String value = r.nextBoolean() ? "yes" : "no";
        assertThat(memo.setProperty(node, "fast", value))
            .isEqualTo(fresh.setProperty(node, "fast", value));
      } else {
        if (r.nextInt(8) == 0) {
          now += 600;
        }
        long id = step + 1000L * seed;
        MatchOp op = OPS[r.nextInt(OPS.length)];
        ResourceRequest req = r.nextInt(8) == 0 ? request(r) : pool.get(r.nextInt(pool.size()));
        MatchResult a = memo.match(op, req, id, now);
        MatchResult b = fresh.match(op, req, id, now);
        assertThat(describe(a, jgf)).as(ctx + op + " " + req).isEqualTo(describe(b, jgf));
        assertThat(memo.visitCounts()).as(ctx + "visits").isEqualTo(fresh.visitCounts());
        if (a instanceof MatchResult.Allocated || a instanceof MatchResult.Reserved) {
          live.add(id);
        }
      }
    }
  }

  private static String describe(MatchResult m, MatchWriter w) {
    StringBuilder sb = new StringBuilder();
    sb.append(m.getClass().getSimpleName()).append(" at ").append(m.at());
    if (m instanceof MatchResult.Unsatisfiable u) {
      sb.append(' ').append(u.reason());
    }
    m.resourceSet()
        .ifPresent(
            set -> {
              sb.append('\n').append(w.format(set));
              for (int i = 0; i < set.size(); i++) {
                sb.append(set.vertex(i))
                    .append(':')
                    .append(set.count(i))
                    .append(set.exclusive(i) ? "x" : "")
                    .append(set.ephemeral(i))
                    .append(' ');
              }
            });
    return sb.toString();
  }

  private static ResourceRequest request(SplittableRandom r) {
    long duration = 600L * (1 + r.nextInt(6));
    Item core = Item.of("core", 1 + r.nextInt(6));
    Item shape =
        switch (r.nextInt(7)) {
          case 0 -> Item.slot(1 + r.nextInt(4), "default", core);
          case 1 ->
              Item.of(
                  "node",
                  1 + r.nextInt(2),
                  Item.slot(1, "default", Item.of("socket", 1 + r.nextInt(2), core)));
          case 2 -> Item.slot(1 + r.nextInt(3), "task", core, Item.of("memory", 1));
          case 3 -> Item.slot(1, "default", Item.of("node", 1 + r.nextInt(3)));
          case 4 ->
              Item.of("node", 1, Item.slot(1 + r.nextInt(3), "default", core))
                  .withExclusive(r.nextBoolean());
          case 5 ->
              new Item(
                  "node",
                  ResourceRequest.Quantity.exactly(1),
                  null,
                  "labelled",
                  "",
                  List.of(
                      Item.slot(
                          1,
                          "default",
                          new Item(
                              "socket",
                              ResourceRequest.Quantity.exactly(1),
                              null,
                              "sock",
                              "",
                              List.of(core)))));
          default ->
              Item.slot(
                  1 + r.nextInt(3),
                  "default",
                  Item.of("socket", 1, Item.of("core", 1 + r.nextInt(18))));
        };
    Optional<TargetConstraint> c =
        r.nextInt(4) == 0
            ? Optional.of(
                new TargetConstraint.Properties(List.of(r.nextBoolean() ? "fast" : "^fast")))
            : Optional.empty();
    return new ResourceRequest(List.of(shape), duration, c);
  }
}
