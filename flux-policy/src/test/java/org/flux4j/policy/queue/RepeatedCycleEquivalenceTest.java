package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.flux4j.policy.match.ScheduledJob;
import org.flux4j.policy.queue.support.ResourceQueryMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repeating a cycle (keeping its reservations) gives exactly the schedule of recomputing every
 * reservation every cycle: the same jobs start at the same times on the same vertices, and every
 * cycle reserves the same jobs at the same times. Seeded random workloads on the real graph
 * matcher; the seed is in the test name.
 */
class RepeatedCycleEquivalenceTest {
  private static final int NODES = 6;
  private static final int CORES = 8; // 2 sockets x 4 cores

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String policy : List.of("easy", "hybrid", "conservative")) {
      for (String match : List.of("first", "low", "high")) {
        for (long seed = 1; seed <= 6; seed++) {
          out.add(Arguments.of(policy, match, seed));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("cases")
  void repeatedCycles_giveTheFullRecomputeSchedule(String policy, String match, long seed) {
    List<Job> jobs = randomJobs(seed, 160);
    QueueParams params = QueueParams.DEFAULTS.withQueueDepth(1000).withReservationDepth(3);
    BackfillPolicy fast = (BackfillPolicy) QueuePolicies.require(policy, params);
    Run full = new Run(match).replay(fast.withFullRecompute(), jobs);
    Run incremental = new Run(match).replay(fast, jobs);
    assertThat(incremental.log).as("seed %d", seed).isEqualTo(full.log);
    assertThat(full.repeats).isZero();
    assertThat(incremental.repeats).as("cycles repeated").isPositive();
    assertThat(incremental.reserveCalls).isLessThan(full.reserveCalls);
    assertThat(incremental.repeatsAfterStarts)
        .as("cycles repeating one that started jobs at its head")
        .isPositive();
  }

  /**
   * Dropping all reservations at once ({@link ResourceQueryMatcher#cancelReservations}, over {@code
   * ResourceQuery.cancelAll} of an engine counting visits inexactly, as an Instance's) gives
   * exactly the schedule of cancelling them one by one, every cycle rebuilding.
   */
  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("cases")
  void cancellingAllReservationsAtOnce_givesTheOneByOneSchedule(
      String policy, String match, long seed) {
    List<Job> jobs = randomJobs(seed, 160);
    QueueParams params = QueueParams.DEFAULTS.withQueueDepth(1000).withReservationDepth(3);
    BackfillPolicy full =
        ((BackfillPolicy) QueuePolicies.require(policy, params)).withFullRecompute();
    Run oneByOne = new Run(match, false).replay(full, jobs);
    Run atOnce = new Run(match, true).replay(full, jobs);
    assertThat(atOnce.log).as("seed %d", seed).isEqualTo(oneByOne.log);
    assertThat(atOnce.batches).as("cycles dropping reservations at once").isPositive();
    assertThat(oneByOne.batches).isZero();
  }

  record Job(long id, long submit, long run, ResourceRequest request) {}

  static List<Job> randomJobs(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Job> jobs = new ArrayList<>();
    long t = 0;
    for (int i = 1; i <= n; i++) {
      t += r.nextInt(4) == 0 ? 0 : r.nextInt(1, 40);
      long estimate = 10L + r.nextInt(300);
      // about a third run to their limit, as truncated trace jobs do
      long run = r.nextInt(3) == 0 ? estimate : 1 + r.nextLong(estimate);
      ResourceRequest req;
      if (r.nextInt(5) == 0) {
        int nodes = 1 + r.nextInt(3);
        req =
            ResourceRequest.of(
                estimate,
                Item.of("node", nodes, Item.slot(1, "task", Item.of("core", CORES)))
                    .withExclusive(true));
      } else {
        long cores = 1 + r.nextLong(NODES * CORES / 2);
        req = ResourceRequest.of(estimate, Item.slot(cores, "task", Item.of("core", 1)));
      }
      jobs.add(new Job(i, t, run, req));
    }
    return jobs;
  }

  /** One replay: each event time runs one cycle after its completions and arrivals. */
  static final class Run {
    final List<String> log = new ArrayList<>();
    final ResourceQuery query;
    long now;
    int repeats;
    int repeatsAfterStarts;
    int reserveCalls;
    private boolean lastStarted;
    int batches;

    /** Whether the matcher drops reservations at once (null: exact visit counts, one by one). */
    private final Boolean atOnce;

    Run(String matchPolicy) {
      this(matchPolicy, null);
    }

    /**
     * A run whose engine counts visits inexactly and whose matcher drops a cycle's reservations at
     * once ({@code atOnce}) or one by one.
     */
    Run(String matchPolicy, boolean atOnce) {
      this(matchPolicy, Boolean.valueOf(atOnce));
    }

    private Run(String matchPolicy, Boolean atOnce) {
      this.atOnce = atOnce;
      ResourceGraph g =
          VirtualCluster.builder("cluster")
              .child(
                  "node",
                  NODES,
                  node -> node.child("socket", 2, socket -> socket.child("core", CORES / 2)))
              .build();
      query =
          ResourceQuery.create(
              g,
              ResourceQuery.Options.builder()
                  .policy(matchPolicy)
                  .exactVisitCounts(atOnce == null)
                  .build());
    }

    Run replay(QueuePolicy policy, List<Job> jobs) {
      ResourceRequest[] requests = new ResourceRequest[jobs.size() + 1];
      PriorityQueue<long[]> events =
          new PriorityQueue<>(
              (a, b) ->
                  a[0] != b[0]
                      ? Long.compare(a[0], b[0])
                      : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
      for (Job j : jobs) {
        requests[(int) j.id()] = j.request();
        events.add(new long[] {j.submit(), 1, j.id()});
      }
      ResourceQueryMatcher real =
          new ResourceQueryMatcher(query, id -> requests[(int) id], () -> now);
      JobMatcher counting =
          new JobMatcher() {
            @Override
            public MatchOutcome allocate(long jobId) {
              return real.allocate(jobId);
            }

            @Override
            public MatchOutcome allocateOrReserve(long jobId) {
              reserveCalls++;
              return real.allocateOrReserve(jobId);
            }

            @Override
            public void cancelReservation(long jobId) {
              real.cancelReservation(jobId);
            }

            @Override
            public void cancelReservations(List<Long> jobIds) {
              if (Boolean.TRUE.equals(atOnce)) {
                batches += jobIds.isEmpty() ? 0 : 1;
                real.cancelReservations(jobIds);
              } else {
                JobMatcher.super.cancelReservations(jobIds);
              }
            }

            @Override
            public boolean repeatsCycles() {
              return real.repeatsCycles();
            }

            @Override
            public boolean beginCycle(Object previous) {
              boolean b = real.beginCycle(previous);
              repeats += b ? 1 : 0;
              repeatsAfterStarts += b && lastStarted ? 1 : 0;
              return b;
            }

            @Override
            public Object endCycle() {
              return real.endCycle();
            }
          };
      JobQueue q = new JobQueue("default");
      while (!events.isEmpty()) {
        now = events.peek()[0];
        // arrivals and completions are cycles of their own half the time, like separate messages
        boolean split = (now & 1) == 0;
        while (!events.isEmpty() && events.peek()[0] == now) {
          long[] e = events.poll();
          if (e[1] == 0) {
            query.cancel(e[2]);
          } else {
            q.add(e[2], 16);
          }
          if (split) {
            cycle(policy, q, counting, jobs, events);
          }
        }
        cycle(policy, q, counting, jobs, events);
      }
      return this;
    }

    private void cycle(
        QueuePolicy policy, JobQueue q, JobMatcher m, List<Job> jobs, PriorityQueue<long[]> ev) {
      q.unblockAll();
      CycleResult c = policy.runCycle(q, m);
      lastStarted = !c.started().isEmpty();
      StringBuilder b = new StringBuilder("t=").append(now);
      for (long id : c.started()) {
        ScheduledJob info = query.info(id).orElseThrow();
        b.append(" start ").append(id).append(" on");
        for (int i = 0; i < info.resources().size(); i++) {
          b.append(' ').append(info.resources().vertex(i));
        }
        ev.add(new long[] {now + jobs.get((int) id - 1).run(), 0, id});
      }
      b.append(" reserved ").append(c.reserved()).append(" blocked ").append(c.blocked());
      log.add(b.toString());
    }
  }
}
