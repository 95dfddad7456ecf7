package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchPolicies;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link QueryEngine#copy()} shares: the state's arrays and per-vertex objects, the graph's
 * adjacency, until one side writes; and copies that remember visits (each its own memo) answer as
 * an engine that never shared anything and remembers nothing.
 */
class QueryEngineCopyTest {
  private static final MatchOp[] OPS = {
    MatchOp.ALLOCATE,
    MatchOp.ALLOCATE_ORELSE_RESERVE,
    MatchOp.ALLOCATE_WITH_SATISFIABILITY,
    MatchOp.SATISFIABILITY,
    MatchOp.WITHOUT_ALLOCATING
  };

  private static ResourceRequest slots(int slots, int cores, long duration) {
    return ResourceRequest.of(duration, Item.slot(slots, "default", Item.of("core", cores)));
  }

  private static QueryEngine engine(String policy, int memo) {
    QueryEngine e =
        new QueryEngine(
            VirtualClusters.byName("small"),
            new EngineOptions(
                MatchPolicies.byName(policy), "CA", "ALL:core,ALL:node", false, false));
    e.rememberVisits(memo);
    return e;
  }

  @Test
  void copy_sharesArraysAndObjects_untilOneSideWrites() {
    QueryEngine a = engine("first", 16);
    for (long id = 1; id <= 5; id++) {
      assertThat(a.match(MatchOp.ALLOCATE, slots(2, 4, 100), id, 0).isSuccess()).isTrue();
    }
    SchedState sa = a.state();
    VertexSchedule[] before = sa.sched.clone();
    SubtreePlan[] subBefore = sa.sub.clone();
    QueryEngine b = a.copy();
    SchedState sb = b.state();
    assertThat(sb.sched).isSameAs(sa.sched);
    assertThat(sb.sub).isSameAs(sa.sub);
    assertThat(sb.weight).isSameAs(sa.weight);
    assertThat(b.graph()).isNotSameAs(a.graph());
    assertThat(b.graph().out(0)).isSameAs(a.graph().out(0));

    MatchResult m = b.match(MatchOp.ALLOCATE, slots(1, 2, 100), 6, 0);
    assertThat(m.isSuccess()).isTrue();
    // the original still holds exactly the objects it had; the copy replaced only what it wrote
    assertThat(sa.sched).containsExactly(before);
    assertThat(sa.sub).containsExactly(subBefore);
    int replaced = 0;
    for (int v = 0; v < sa.sched.length; v++) {
      if (sb.sched[v] != sa.sched[v]) {
        replaced++;
        assertThat(sb.sched[v].indexOf(6)).as("vertex %d", v).isGreaterThanOrEqualTo(0);
      }
    }
    assertThat(replaced).isPositive().isLessThanOrEqualTo(m.resourceSet().orElseThrow().size());
    assertThat(a.info(6)).isEmpty();

    // the original's next write clones too, leaving the copy's view alone
    VertexSchedule[] copyView = sb.sched.clone();
    assertThat(a.cancel(1)).isNotNull();
    assertThat(sb.sched).containsExactly(copyView);
    assertThat(b.info(1)).isPresent();
    a.checkInvariants();
    b.checkInvariants();
  }

  /** One operation with fixed arguments. */
  private record Op(String what, Function<QueryEngine, String> apply) {}

  @ParameterizedTest
  @CsvSource({"first, 1", "high, 2", "lonodex, 3", "low, 4"})
  void copiesRememberingVisits_answerAsAnEngineThatNeverSharedNorRemembered(
      String policy, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<QueryEngine> engines = new ArrayList<>();
    List<List<Op>> logs = new ArrayList<>();
    List<List<String>> results = new ArrayList<>();
    engines.add(engine(policy, 2));
    logs.add(new ArrayList<>());
    results.add(new ArrayList<>());
    List<String> nodes = new ArrayList<>();
    ResourceGraph g = engines.get(0).graph();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.type(v).equals("node")) {
        nodes.add(g.path(v));
      }
    }
    long nextId = 1;
    for (int step = 0; step < 300; step++) {
      int k = r.nextInt(engines.size());
      QueryEngine e = engines.get(k);
      int what = r.nextInt(20);
      if (what == 0 && engines.size() < 6) {
        engines.add(e.copy());
        logs.add(new ArrayList<>(logs.get(k)));
        results.add(new ArrayList<>(results.get(k)));
        continue;
      }
      Op op;
      if (what < 5 && !e.jobs().isEmpty()) {
        long id = e.jobs().get(r.nextInt(e.jobs().size())).jobId();
        op = new Op("cancel " + id, x -> x.cancel(id) + " " + x.visitCounts());
      } else if (what < 7) {
        String node = nodes.get(r.nextInt(nodes.size()));
        Status s = r.nextInt(3) == 0 ? Status.DOWN : Status.UP;
        op = new Op("status " + node + " " + s, x -> Boolean.toString(x.setStatus(node, s)));
      } else {
        long id = nextId++;
        MatchOp mop = OPS[r.nextInt(OPS.length)];
        ResourceRequest req = slots(1 + r.nextInt(4), 1 + r.nextInt(8), 50 + r.nextInt(200));
        long now = r.nextInt(4) * 60L;
        op =
            new Op(
                mop + " " + id + " at " + now,
                x -> {
                  MatchResult m = x.match(mop, req, id, now);
                  return m.getClass().getSimpleName()
                      + " "
                      + m.at()
                      + " "
                      + m.resourceSet().map(QueryEngineCopyTest::show).orElse("")
                      + " "
                      + x.visitCounts();
                });
      }
      logs.get(k).add(op);
      results.get(k).add(op.apply().apply(e));
      e.checkInvariants();
    }
    for (int k = 0; k < engines.size(); k++) {
      QueryEngine ref = engine(policy, 0);
      List<Op> log = logs.get(k);
      for (int i = 0; i < log.size(); i++) {
        assertThat(results.get(k).get(i))
            .as("policy %s seed %d engine %d op %d (%s)", policy, seed, k, i, log.get(i).what())
            .isEqualTo(log.get(i).apply().apply(ref));
      }
    }
  }

  private static String show(org.flux4j.policy.match.ResourceSet s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.size(); i++) {
      sb.append(s.vertex(i)).append(':').append(s.count(i)).append(s.exclusive(i) ? "x " : " ");
    }
    for (int k = 0; k < s.edgeCount(); k++) {
      sb.append(s.edgeSource(k)).append('>').append(s.edgeTarget(k)).append(' ');
    }
    return sb.toString();
  }
}
