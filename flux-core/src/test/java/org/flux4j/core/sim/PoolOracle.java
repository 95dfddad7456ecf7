package org.flux4j.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A test oracle: a small discrete-event simulator of a pool of identical processors under the
 * textbook queue policies, written independently of the production scheduler (no class of flux-core
 * or flux-policy takes part), to compare replays through a real {@code Instance} with, job by job.
 *
 * <p>The model: a job asks for {@code procs} processors for its requested time; it ends after its
 * run time, or at its requested time if it runs longer (a real manager stops it there). At every
 * instant at which something happens, every end and every submission of that instant is applied,
 * then one scheduling pass runs; a job started with zero run time ends at the same instant, which
 * is applied as a further batch followed by another pass. The queue is in submission order.
 *
 * <ul>
 *   <li>fcfs: start from the head while the head fits.
 *   <li>easy (Mu'alem and Feitelson 2001): start from the head while it fits; then compute the
 *       head's shadow time (running jobs sorted by estimated end, the first end at which enough
 *       processors would be free, counting every job that ends by then) and the extra processors
 *       (free at the shadow time beyond the head's need); a later job starts if it fits now and
 *       either ends by the shadow time or uses no more than the extra processors (then it uses them
 *       up).
 *   <li>conservative (as Fluxion's qmanager: rebuild): every pass drops every booking and books
 *       every waiting job, in queue order, at the earliest time it fits beside the running jobs'
 *       estimated ends and the bookings made before it; a job booked at the current time starts.
 *   <li>conservative with compression: bookings are kept; every pass takes each waiting job in
 *       queue order off its booking and books it again at the earliest time it fits (never later
 *       than before: checked), new jobs at the earliest time beside every booking.
 *   <li>hybrid: conservative for the first {@code depth} bookings of a pass; a later job starts
 *       only if it fits now for its whole requested time beside them.
 * </ul>
 *
 * <p>Every time is in whole seconds. O(queue x (running + bookings)) per pass.
 */
final class PoolOracle {
  /** The queue policies the oracle knows. */
  enum Policy {
    FCFS,
    EASY,
    CONSERVATIVE,
    HYBRID
  }

  private final long procs;
  private final Policy policy;
  private final int depth;
  private final boolean compress;

  // simulation state
  private List<ReplayJob> jobs;
  private long[] start;
  private long free;
  private final List<Integer> queue = new ArrayList<>();
  private final Map<Integer, Long> running = new HashMap<>(); // job -> estimated end
  private final Map<Integer, long[]> bookings = new HashMap<>(); // job -> {start, end}
  private PriorityQueue<long[]> ends;

  /** How many times compression moved a booking (for tests). */
  int moves;

  PoolOracle(long procs, Policy policy, int depth, boolean compress) {
    this.procs = procs;
    this.policy = policy;
    this.depth = depth;
    this.compress = compress;
  }

  /** The start time of every job (indexed like {@code jobs}), submissions in list order. */
  long[] run(List<ReplayJob> input) {
    this.jobs = input;
    int n = jobs.size();
    start = new long[n];
    Arrays.fill(start, -1);
    free = procs;
    ends =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int next = 0;
    while (next < n || !ends.isEmpty()) {
      long t = Long.MAX_VALUE;
      if (next < n) {
        t = jobs.get(next).submit();
      }
      if (!ends.isEmpty()) {
        t = Math.min(t, ends.peek()[0]);
      }
      while (!ends.isEmpty() && ends.peek()[0] == t) {
        int j = (int) ends.poll()[1];
        running.remove(j);
        free += jobs.get(j).procs();
      }
      while (next < n && jobs.get(next).submit() == t) {
        if (jobs.get(next).procs() <= procs) {
          queue.add(next);
        }
        next++;
      }
      pass(t);
    }
    return start;
  }

  private void begin(int j, long now) {
    ReplayJob job = jobs.get(j);
    start[j] = now;
    free -= job.procs();
    running.put(j, now + job.requestedTime());
    ends.add(new long[] {now + Math.min(job.runTime(), job.requestedTime()), j});
  }

  private void pass(long now) {
    switch (policy) {
      case FCFS -> fcfs(now);
      case EASY -> easy(now);
      default -> profile(now, policy == Policy.CONSERVATIVE ? Integer.MAX_VALUE : depth);
    }
  }

  private void fcfs(long now) {
    while (!queue.isEmpty() && jobs.get(queue.get(0)).procs() <= free) {
      begin(queue.remove(0), now);
    }
  }

  private void easy(long now) {
    fcfs(now);
    if (queue.isEmpty()) {
      return;
    }
    long need = jobs.get(queue.get(0)).procs();
    List<long[]> byEnd = new ArrayList<>();
    running.forEach((j, end) -> byEnd.add(new long[] {end, jobs.get(j).procs()}));
    byEnd.sort((a, b) -> Long.compare(a[0], b[0]));
    long avail = free;
    long shadow = -1;
    for (int i = 0; i < byEnd.size() && shadow < 0; i++) {
      avail += byEnd.get(i)[1];
      if (avail >= need) {
        shadow = byEnd.get(i)[0];
        for (int k = i + 1; k < byEnd.size() && byEnd.get(k)[0] == shadow; k++) {
          avail += byEnd.get(k)[1]; // ties at the shadow time end by then too
        }
      }
    }
    long extra = avail - need;
    Iterator<Integer> it = queue.iterator();
    it.next();
    while (it.hasNext()) {
      int j = it.next();
      ReplayJob job = jobs.get(j);
      if (job.procs() > free) {
        continue;
      }
      boolean endsBefore = now + job.requestedTime() <= shadow;
      if (endsBefore || job.procs() <= extra) {
        if (!endsBefore) {
          extra -= job.procs();
        }
        it.remove();
        begin(j, now);
      }
    }
  }

  /** Conservative (unbounded depth) and hybrid, rebuilt or compressed. */
  private void profile(long now, int maxBookings) {
    if (!compress) {
      bookings.clear();
    }
    TreeMap<Long, Long> delta = new TreeMap<>(); // change of processors in use at a time
    long base = 0; // processors in use by the running jobs before their estimated ends
    for (Map.Entry<Integer, Long> e : running.entrySet()) {
      long p = jobs.get(e.getKey()).procs();
      base += p;
      delta.merge(e.getValue(), -p, Long::sum);
    }
    for (long[] b : bookings.values()) {
      long p = b[2];
      delta.merge(b[0], p, Long::sum);
      delta.merge(b[1], -p, Long::sum);
    }
    int booked = 0;
    Iterator<Integer> it = queue.iterator();
    while (it.hasNext()) {
      int j = it.next();
      ReplayJob job = jobs.get(j);
      long p = job.procs();
      long d = job.requestedTime();
      long[] old = bookings.remove(j);
      if (old != null) {
        delta.merge(old[0], -p, Long::sum);
        delta.merge(old[1], p, Long::sum);
      }
      if (old == null && booked >= maxBookings) {
        if (p <= free && earliest(delta, base, now, d, p) == now) {
          it.remove();
          begin(j, now);
          base += p;
          delta.merge(now + d, -p, Long::sum);
        }
        continue;
      }
      long at = earliest(delta, base, now, d, p);
      if (old != null && at > old[0]) {
        throw new AssertionError(
            "compression moved job " + job.id() + " later: " + old[0] + " -> " + at);
      }
      if (old != null && at < old[0]) {
        moves++;
      }
      if (at == now) {
        it.remove();
        begin(j, now);
        base += p;
        delta.merge(now + d, -p, Long::sum);
      } else {
        bookings.put(j, new long[] {at, at + d, p});
        delta.merge(at, p, Long::sum);
        delta.merge(at + d, -p, Long::sum);
        booked++;
      }
    }
  }

  /**
   * The earliest time from {@code now} at which {@code p} processors are free for {@code d}
   * seconds, given the use {@code base} plus the changes {@code delta}; a sweep over the changes.
   */
  private long earliest(NavigableMap<Long, Long> delta, long base, long now, long d, long p) {
    long used = base;
    Iterator<Map.Entry<Long, Long>> it = delta.entrySet().iterator();
    Map.Entry<Long, Long> e = null;
    while (it.hasNext()) {
      e = it.next();
      if (e.getKey() > now) {
        break;
      }
      used += e.getValue();
      e = null;
    }
    long cand = used + p <= procs ? now : -1;
    while (e != null) {
      if (cand >= 0 && e.getKey() >= cand + d) {
        return cand;
      }
      used += e.getValue();
      if (used + p > procs) {
        cand = -1;
      } else if (cand < 0) {
        cand = e.getKey();
      }
      e = it.hasNext() ? it.next() : null;
    }
    if (cand < 0) {
      throw new AssertionError("job of " + p + " processors never fits");
    }
    return cand;
  }
}
