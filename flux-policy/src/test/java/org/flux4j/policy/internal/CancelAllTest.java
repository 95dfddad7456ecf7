package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchPolicies;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.flux4j.policy.match.ScheduledJob;

/**
 * {@link QueryEngine#cancelAll} against the same engine cancelling the jobs one by one ({@link
 * QueryEngine#cancel} in the same order): over random allocations, reservations, ends and cancels
 * of all reservations at once (as a conservative queue's rebuild does), both give the same statuses
 * and leave exactly the same state, compared vertex by vertex (each vertex's live entries in order,
 * each aggregate's spans with their span ids, step points, usage and freeing-write count), and the
 * matches after answer alike. Also with ids unknown or repeated (then one by one).
 */
class CancelAllTest {
  private static QueryEngine engine(String graph, String policy) {
    return new QueryEngine(
        VirtualClusters.byName(graph),
        new EngineOptions(
            MatchPolicies.byName(policy), "CA", "ALL:core,ALL:node", false, true, false));
  }

  private static ResourceRequest request(Random r) {
    long d = 10L + r.nextInt(200);
    if (r.nextInt(4) == 0) {
      return ResourceRequest.of(
          d,
          Item.of("node", 1 + r.nextInt(2), Item.slot(1, "t", Item.of("core", 1 + r.nextInt(4)))));
    }
    return ResourceRequest.of(
        d, Item.slot(1 + r.nextInt(6), "t", Item.of("core", 1 + r.nextInt(8))));
  }

  @Property(tries = 40)
  void cancelAll_leavesTheStateOfCancelsOneByOne(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random r = new Random(seed);
    String policy = List.of("first", "high", "low", "lonodex").get(r.nextInt(4));
    QueryEngine a = engine(r.nextBoolean() ? "tiny" : "small", policy);
    long now = 0;
    long next = 1;
    int batches = 0;
    for (int step = 0; step < 160; step++) {
      int what = r.nextInt(10);
      if (what < 6) {
        a.match(MatchOp.ALLOCATE_ORELSE_RESERVE, request(r), next++, now);
      } else if (what == 6) {
        now += r.nextInt(40);
        List<ScheduledJob> jobs = a.jobs();
        if (!jobs.isEmpty()) {
          a.cancel(jobs.get(r.nextInt(jobs.size())).jobId()); // an end
        }
      } else {
        List<Long> reserved = new ArrayList<>();
        for (ScheduledJob j : a.jobs()) {
          if (j.state() == ScheduledJob.State.RESERVED || r.nextInt(8) == 0) {
            reserved.add(j.jobId());
          }
        }
        Collections.shuffle(reserved, r);
        if (r.nextInt(10) == 0) {
          reserved.add(next + 1000); // unknown
        }
        if (r.nextInt(10) == 0 && !reserved.isEmpty()) {
          reserved.add(reserved.get(0)); // twice: cancelled, then unknown
        }
        long[] ids = reserved.stream().mapToLong(Long::longValue).toArray();
        QueryEngine b = a.copy();
        CancelStatus[] got = a.cancelAll(ids);
        CancelStatus[] want = new CancelStatus[ids.length];
        for (int i = 0; i < ids.length; i++) {
          want[i] = b.cancel(ids[i]);
        }
        assertThat(got).as("seed %d step %d", seed, step).containsExactly(want);
        assertThat(dump(a)).as("seed %d step %d", seed, step).isEqualTo(dump(b));
        a.checkInvariants();
        batches++;
        // the next matches answer alike
        for (int k = 0; k < 5; k++) {
          ResourceRequest q = request(r);
          MatchResult ma = a.match(MatchOp.ALLOCATE_ORELSE_RESERVE, q, next, now);
          MatchResult mb = b.match(MatchOp.ALLOCATE_ORELSE_RESERVE, q, next, now);
          assertThat(describe(ma)).isEqualTo(describe(mb));
          next++;
        }
      }
    }
    assertThat(batches).isPositive();
  }

  /**
   * A job whose entry on one vertex of its set is gone (as a failed walk can leave one) keeps
   * cancelAll off its grouped path, which would drop what the job still has elsewhere without the
   * walk from the root: the statuses and the state after are the one-by-one cancels'. The root's
   * list is long enough for its job index, and lags behind the bookings when the check runs.
   */
  @org.junit.jupiter.api.Test
  void cancelAll_withAnEntryMissingFromTheSet_cancelsOneByOne() {
    QueryEngine a = engine("small", "first");
    Random r = new Random(7);
    List<Long> reserved = new ArrayList<>();
    for (long id = 1; id <= 3 * VertexSchedule.INDEX_AT; id++) {
      MatchResult m = a.match(MatchOp.ALLOCATE_ORELSE_RESERVE, request(r), id, 0);
      if (m instanceof MatchResult.Reserved) {
        reserved.add(id);
      }
    }
    assertThat(reserved).hasSizeGreaterThan(VertexSchedule.INDEX_AT);
    long[] ids = reserved.stream().mapToLong(Long::longValue).toArray();
    // a cancel and a rebooking, so that the root's job index is built and then lags behind
    a.cancelAll(ids);
    for (long id : ids) {
      a.match(MatchOp.ALLOCATE_ORELSE_RESERVE, request(r), id, 0);
    }
    long victim = ids[ids.length / 2];
    var held = a.state().jobs.get(victim).resources;
    int leaf = held.vertex(held.size() - 1);
    assertThat(leaf).isNotEqualTo(held.vertex(0));
    assertThat(a.state().schedForWrite(leaf).remove(victim)).isGreaterThanOrEqualTo(0);
    QueryEngine b = a.copy();
    CancelStatus[] got = a.cancelAll(ids);
    CancelStatus[] want = new CancelStatus[ids.length];
    for (int i = 0; i < ids.length; i++) {
      want[i] = b.cancel(ids[i]);
    }
    assertThat(got).containsExactly(want);
    assertThat(dump(a)).isEqualTo(dump(b));
  }

  private static String describe(MatchResult m) {
    return m.getClass().getSimpleName()
        + m.resourceSet()
            .map(
                rs -> {
                  StringBuilder sb = new StringBuilder(" at " + rs.startTime() + ":");
                  for (int i = 0; i < rs.size(); i++) {
                    sb.append(' ').append(rs.vertex(i)).append(rs.exclusive(i) ? "x" : "");
                  }
                  return sb.toString();
                })
            .orElse("");
  }

  /** The scheduling state of every vertex, as text. */
  static String dump(QueryEngine e) {
    SchedState st = e.state();
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < st.sched.length; v++) {
      VertexSchedule s = st.sched[v];
      if (s != null) {
        sb.append(v).append(':');
        for (int i = 0; i < s.n; i++) {
          if (s.isLive(i)) {
            sb.append(' ')
                .append(s.job[i])
                .append('@')
                .append(s.start[i])
                .append('-')
                .append(s.end[i])
                .append('x')
                .append(s.units[i])
                .append('k')
                .append(s.kind[i]);
          }
        }
        sb.append('\n');
      }
      SubtreePlan p = st.sub[v];
      if (p != null) {
        sb.append(v).append(" plan:").append(SubtreePlanRemoveAllTest.dump(p)).append('\n');
      }
    }
    sb.append("stranded ").append(st.stranded.toSortedList()).append('\n');
    sb.append("jobs ").append(st.jobs.keySet().toSortedList()).append('\n');
    return sb.toString();
  }
}
