package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.VirtualCluster;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ResourceQuery.Options#exactVisitCounts()} false skips only selects that would miss: two
 * engines, one running every select (Fluxion's way, the oracle) and one skipping, get the same
 * random operations (allocate, allocate-or-reserve, allocate with satisfiability, without
 * allocating, cancels, down nodes, constraints) on several machine shapes under several policies,
 * and every answer and the job tables are equal. The skipping engine visits fewer vertices.
 */
class SkipProvenMissesTest {
  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String shape : List.of("flat", "sockets", "wide")) {
      for (String policy : List.of("first", "low", "high", "lonodex")) {
        for (long seed = 1; seed <= 4; seed++) {
          out.add(Arguments.of(shape, policy, seed));
        }
      }
    }
    return out;
  }

  private static ResourceGraph machine(String shape) {
    return switch (shape) {
      case "flat" ->
          VirtualCluster.builder("cluster").child("node", 24, n -> n.child("core", 1)).build();
      case "sockets" ->
          VirtualCluster.builder("cluster")
              .child("node", 8, n -> n.child("socket", 2, s -> s.child("core", 2)))
              .build();
      default ->
          VirtualCluster.builder("cluster")
              .child("node", 6, n -> n.child("core", 4).child("gpu", 1))
              .build();
    };
  }

  private static ResourceRequest request(SplittableRandom r, String shape) {
    long d = 10L + r.nextInt(400);
    int kind = r.nextInt(6);
    if (kind == 0) {
      return ResourceRequest.of(
          d,
          Item.of("node", 1 + r.nextInt(3), Item.slot(1, "task", Item.of("core", 1)))
              .withExclusive(true));
    }
    if (kind == 1 && shape.equals("wide")) {
      return ResourceRequest.of(
          d, Item.slot(1 + r.nextInt(3), "task", Item.of("core", 2), Item.of("gpu", 1)));
    }
    if (kind == 2) {
      // a request no machine here holds: every select misses
      return ResourceRequest.of(d, Item.slot(1 + r.nextInt(2), "task", Item.of("core", 64)));
    }
    return ResourceRequest.of(d, Item.slot(1 + r.nextInt(12), "task", Item.of("core", 1)));
  }

  /** A match result with its resource set spelled out (vertices, counts, edges, times). */
  private static String describe(MatchResult m) {
    ResourceSet set = null;
    if (m instanceof MatchResult.Allocated a) {
      set = a.resources();
    } else if (m instanceof MatchResult.Reserved a) {
      set = a.resources();
    } else if (m instanceof MatchResult.Matched a) {
      set = a.resources();
    }
    if (set == null) {
      return m.toString();
    }
    StringBuilder b = new StringBuilder(m.getClass().getSimpleName());
    b.append(" at ").append(set.startTime()).append('+').append(set.duration());
    for (int i = 0; i < set.size(); i++) {
      b.append(' ')
          .append(set.graph().path(set.vertex(i)))
          .append('=')
          .append(set.count(i))
          .append(set.exclusive(i) ? "x" : "");
    }
    for (int k = 0; k < set.edgeCount(); k++) {
      b.append(" e").append(set.edgeSource(k)).append('>').append(set.edgeTarget(k));
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("cases")
  void skippingSelects_givesTheSameAnswers(String shape, String policy, long seed) {
    ResourceQuery exact =
        ResourceQuery.create(
            machine(shape), ResourceQuery.Options.builder().policy(policy).build());
    ResourceQuery skipping =
        ResourceQuery.create(
            machine(shape),
            ResourceQuery.Options.builder().policy(policy).exactVisitCounts(false).build());
    SplittableRandom r = new SplittableRandom(seed * 7919 + shape.hashCode() + policy.hashCode());
    List<Long> live = new ArrayList<>();
    long now = 0;
    long exactVisits = 0;
    long skippingVisits = 0;
    for (int step = 0; step < 400; step++) {
      int what = r.nextInt(20);
      if (what < 4 && !live.isEmpty()) {
        long id = live.remove(r.nextInt(live.size()));
        assertThat(skipping.cancel(id))
            .as("step %d cancel %d", step, id)
            .isEqualTo(exact.cancel(id));
        continue;
      }
      if (what == 4) {
        now += r.nextInt(60);
        continue;
      }
      if (what == 5) {
        String path = "/cluster0/node" + r.nextInt(4);
        Status s = r.nextBoolean() ? Status.DOWN : Status.UP;
        assertThat(skipping.setStatus(path, s)).isEqualTo(exact.setStatus(path, s));
        continue;
      }
      MatchOp op =
          switch (r.nextInt(6)) {
            case 0 -> MatchOp.ALLOCATE;
            case 1 -> MatchOp.ALLOCATE_WITH_SATISFIABILITY;
            case 2 -> MatchOp.WITHOUT_ALLOCATING;
            default -> MatchOp.ALLOCATE_ORELSE_RESERVE;
          };
      ResourceRequest req = request(r, shape);
      long id = step + 1L;
      MatchResult want = exact.match(op, req, id, now);
      exactVisits += exact.visitCounts().preorder();
      MatchResult got = skipping.match(op, req, id, now);
      skippingVisits += skipping.visitCounts().preorder();
      assertThat(describe(got))
          .as("step %d %s %s at %d", step, op, req, now)
          .isEqualTo(describe(want));
      if (got instanceof MatchResult.Allocated || got instanceof MatchResult.Reserved) {
        live.add(id);
      }
    }
    List<String> wantJobs = new ArrayList<>();
    for (ScheduledJob j : exact.jobs()) {
      wantJobs.add(j.jobId() + " " + j.state() + " " + j.at() + " " + j.duration());
    }
    List<String> gotJobs = new ArrayList<>();
    for (ScheduledJob j : skipping.jobs()) {
      gotJobs.add(j.jobId() + " " + j.state() + " " + j.at() + " " + j.duration());
    }
    assertThat(gotJobs).isEqualTo(wantJobs);
    assertThat(skippingVisits).as("selects skipped").isLessThan(exactVisits);
  }
}
