package org.flux4j.examples.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flux4j.policy.queue.CycleResult;
import org.flux4j.policy.queue.JobMatcher;
import org.flux4j.policy.queue.JobQueue;
import org.flux4j.policy.queue.MatchOutcome;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicy;

/**
 * Shortest job first with EASY backfilling, written as a user of flux4j would write a queue policy:
 * only through the public {@link QueuePolicy} SPI.
 *
 * <p>Each cycle takes the pending jobs (at most queue-depth of them, in the queue's priority order)
 * and orders them by requested duration, shortest first (a job without a limit last; ties keep the
 * queue's order). It walks them in that order: the first job that does not fit now is reserved at
 * the earliest time it fits (one reservation, as EASY), and every later job is started only if it
 * fits now without delaying that reservation (the matcher's planner guarantees it). A job the
 * machine can never run is rejected. The reservation is released at the start of the next cycle and
 * made again, so it moves only earlier as jobs end before their limits.
 *
 * <p>One instance per queue (the registry makes a new one per call); called on the scheduling
 * loop's thread only. O(n log n) per cycle for n considered jobs, plus their matches.
 */
public final class ShortestJobFirst implements QueuePolicy {
  /** The name it is registered under. */
  public static final String NAME = "sjf";

  private final QueueParams params;
  private final List<Long> reservations = new ArrayList<>();

  /** The policy with these parameters (only queue-depth is used). */
  public ShortestJobFirst(QueueParams params) {
    this.params = params;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CycleResult runCycle(JobQueue queue, JobMatcher matcher) {
    for (long id : reservations) {
      matcher.cancelReservation(id);
    }
    reservations.clear();
    List<Long> pending = queue.pendingIds();
    int n = Math.min(pending.size(), params.effectiveQueueDepth());
    List<long[]> order = new ArrayList<>(n); // {id, duration key, queue position}
    for (int i = 0; i < n; i++) {
      long id = pending.get(i);
      long d = matcher.requestDuration(id);
      order.add(new long[] {id, d <= 0 ? Long.MAX_VALUE : d, i});
    }
    order.sort(Comparator.<long[]>comparingLong(a -> a[1]).thenComparingLong(a -> a[2]));
    List<Long> started = new ArrayList<>();
    Map<Long, Long> reserved = new LinkedHashMap<>();
    Map<Long, String> rejected = new LinkedHashMap<>();
    for (long[] job : order) {
      long id = job[0];
      MatchOutcome out = reserved.isEmpty() ? matcher.allocateOrReserve(id) : matcher.allocate(id);
      if (out instanceof MatchOutcome.Allocated) {
        queue.remove(id);
        started.add(id);
      } else if (out instanceof MatchOutcome.Reserved r) {
        reserved.put(id, r.at());
        reservations.add(id);
      } else if (out instanceof MatchOutcome.Unsatisfiable u) {
        queue.remove(id);
        rejected.put(id, u.reason());
      }
    }
    return new CycleResult(started, reserved, rejected, List.of(), n);
  }
}
