package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.flux4j.policy.match.Clusters;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.queue.support.ResourceQueryMatcher;
import org.junit.jupiter.api.Test;

/**
 * With the graph matcher ({@code first}), EASY never delays the reserved job: from cycle to cycle
 * the job's reservation never moves later, and it starts no later than its first reservation,
 * whatever was backfilled in front of it (its reserved vertices are avoided past its start). Random
 * workloads with inexact estimates, every event of an instant applied before one cycle.
 */
class GraphEasyPropertyTest {
  @Test
  void easy_onTheGraph_neverDelaysTheReservedJob() {
    int reservations = 0;
    for (long seed = 1; seed <= 6; seed++) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(seed, 150, 16, false);
      Map<Long, QueueSimulation.Job> byId = new HashMap<>();
      jobs.forEach(j -> byId.put(j.id(), j));
      long[] now = {0};
      ResourceQuery q =
          ResourceQuery.create(
              Clusters.flat(new int[] {4, 4, 4, 4}),
              ResourceQuery.Options.builder().policy("first").build());
      ResourceQueryMatcher m =
          new ResourceQueryMatcher(
              q,
              id ->
                  ResourceRequest.of(
                      byId.get(id).estimate(),
                      ResourceRequest.Item.slot(
                          byId.get(id).procs(), "default", ResourceRequest.Item.of("core", 1))),
              () -> now[0]);
      QueuePolicy easy = BackfillPolicy.easy(QueueParams.DEFAULTS.withQueueDepth(10_000));
      JobQueue queue = new JobQueue("default");
      PriorityQueue<long[]> events = // {time, kind (0 end, 1 arrival), id}
          new PriorityQueue<>(
              (a, b) ->
                  a[0] != b[0]
                      ? Long.compare(a[0], b[0])
                      : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
      jobs.forEach(j -> events.add(new long[] {j.submit(), 1, j.id()}));
      Map<Long, Long> first = new HashMap<>();
      Map<Long, Long> last = new HashMap<>();
      while (!events.isEmpty()) {
        now[0] = events.peek()[0];
        while (!events.isEmpty() && events.peek()[0] == now[0]) {
          long[] e = events.poll();
          if (e[1] == 0) {
            q.cancel(e[2]);
          } else {
            queue.add(e[2], 16);
          }
        }
        CycleResult c = easy.runCycle(queue, m);
        for (Map.Entry<Long, Long> r : c.reserved().entrySet()) {
          Long before = last.put(r.getKey(), r.getValue());
          assertThat(r.getValue())
              .as("seed %d job %d reservation", seed, r.getKey())
              .isLessThanOrEqualTo(before == null ? Long.MAX_VALUE : before);
          first.putIfAbsent(r.getKey(), r.getValue());
          reservations++;
        }
        for (long id : c.started()) {
          if (first.containsKey(id)) {
            assertThat(now[0])
                .as("seed %d job %d start", seed, id)
                .isLessThanOrEqualTo(first.get(id));
          }
          events.add(new long[] {now[0] + byId.get(id).run(), 0, id});
        }
        queue.unblockAll();
      }
    }
    assertThat(reservations).isPositive();
  }
}
