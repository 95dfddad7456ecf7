package org.flux4j.policy.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A small discrete-event loop for queue-policy laws: jobs arrive, each event time runs one cycle,
 * started jobs end after their run time. Records start times and first reservation times.
 */
final class QueueSimulation {
  record Job(long id, long submit, long procs, long estimate, long run) {}

  final Map<Long, Long> starts = new LinkedHashMap<>();
  final Map<Long, Long> firstReservation = new LinkedHashMap<>();
  final List<Long> startOrder = new ArrayList<>();
  final List<Long> rejected = new ArrayList<>();
  int maxReservationsInACycle;
  final Map<Long, Long> lastReservation = new LinkedHashMap<>();
  int movedLater; // a job's reservation moved later than in the previous cycle
  int movedEarlier;

  static List<Job> randomJobs(long seed, int n, long machine, boolean exactEstimates) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Job> jobs = new ArrayList<>();
    long t = 0;
    for (int i = 1; i <= n; i++) {
      t += r.nextInt(0, 30);
      long procs = 1 + r.nextLong(machine);
      long estimate = 1L + r.nextInt(1, 200);
      long run = exactEstimates ? estimate : 1 + r.nextLong(estimate);
      jobs.add(new Job(i, t, procs, estimate, run));
    }
    return jobs;
  }

  QueueSimulation run(QueuePolicy policy, long machine, List<Job> jobs) {
    PoolMatcher m = new PoolMatcher(machine);
    JobQueue q = new JobQueue("default");
    // events: {time, kind (0 end, 1 arrival), id}
    PriorityQueue<long[]> events =
        new PriorityQueue<>(
            (a, b) ->
                a[0] != b[0]
                    ? Long.compare(a[0], b[0])
                    : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
    Map<Long, Job> byId = new LinkedHashMap<>();
    for (Job j : jobs) {
      byId.put(j.id, j);
      m.request(j.id, j.procs, j.estimate);
      events.add(new long[] {j.submit, 1, j.id});
    }
    while (!events.isEmpty()) {
      long now = events.peek()[0];
      m.now = now;
      while (!events.isEmpty() && events.peek()[0] == now) {
        long[] e = events.poll();
        if (e[1] == 0) {
          m.finish(e[2]);
          q.unblockAll();
        } else {
          q.add(e[2], 0);
        }
      }
      CycleResult c = policy.runCycle(q, m);
      maxReservationsInACycle = Math.max(maxReservationsInACycle, c.reserved().size());
      for (long id : c.started()) {
        starts.put(id, now);
        startOrder.add(id);
        events.add(new long[] {now + byId.get(id).run, 0, id});
      }
      c.reserved().forEach(firstReservation::putIfAbsent);
      c.reserved()
          .forEach(
              (id, at) -> {
                Long before = lastReservation.put(id, at);
                if (before != null && at > before) {
                  movedLater++;
                } else if (before != null && at < before) {
                  movedEarlier++;
                }
              });
      rejected.addAll(c.rejected().keySet());
    }
    return this;
  }
}
