package org.flux4j.policy.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A reference resource side for queue-policy tests: a pool of identical processors over time, with
 * allocations and reservations as spans [start, start + duration). Obviously correct and slow (it
 * rescans every span), and it checks that the pool is never over-allocated.
 */
final class PoolMatcher implements JobMatcher {
  record Span(long start, long end, long procs, boolean reserved) {}

  private final long total;
  private final Map<Long, long[]> requests = new LinkedHashMap<>(); // id -> {procs, duration}
  private final Map<Long, Span> spans = new LinkedHashMap<>();
  private final List<Long> down = new ArrayList<>();
  long now;

  PoolMatcher(long total) {
    this.total = total;
  }

  void request(long id, long procs, long duration) {
    requests.put(id, new long[] {procs, duration});
  }

  /** Makes {@code procs} processors unusable forever (as down resources). */
  void takeDown(long procs) {
    down.add(procs);
  }

  private long usable() {
    long d = 0;
    for (long p : down) {
      d += p;
    }
    return total - d;
  }

  private long usedAt(long t) {
    long used = 0;
    for (Span s : spans.values()) {
      if (s.start <= t && t < s.end) {
        used += s.procs;
      }
    }
    return used;
  }

  private boolean fits(long start, long duration, long procs) {
    long end = start + duration;
    if (usedAt(start) + procs > usable()) {
      return false;
    }
    for (Span s : spans.values()) {
      if (s.start > start && s.start < end && usedAt(s.start) + procs > usable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public MatchOutcome allocate(long jobId) {
    long[] r = requests.get(jobId);
    if (r[0] > total) {
      return new MatchOutcome.Unsatisfiable("needs " + r[0] + " of " + total);
    }
    if (fits(now, r[1], r[0])) {
      put(jobId, new Span(now, now + r[1], r[0], false));
      return MatchOutcome.ALLOCATED;
    }
    return MatchOutcome.BUSY;
  }

  @Override
  public MatchOutcome allocateOrReserve(long jobId) {
    long[] r = requests.get(jobId);
    if (r[0] > total) {
      return new MatchOutcome.Unsatisfiable("needs " + r[0] + " of " + total);
    }
    if (r[0] > usable()) {
      return MatchOutcome.BUSY;
    }
    TreeSet<Long> candidates = new TreeSet<>();
    candidates.add(now);
    for (Span s : spans.values()) {
      if (s.end > now) {
        candidates.add(s.end);
      }
    }
    for (long t : candidates) {
      if (fits(t, r[1], r[0])) {
        put(jobId, new Span(t, t + r[1], r[0], t > now));
        return t == now ? MatchOutcome.ALLOCATED : new MatchOutcome.Reserved(t);
      }
    }
    return MatchOutcome.BUSY;
  }

  private void put(long id, Span s) {
    spans.put(id, s);
    for (Span x : spans.values()) {
      if (usedAt(x.start) > usable() + 0 && !x.reserved) {
        throw new AssertionError("over-allocated at " + x.start);
      }
    }
  }

  @Override
  public void cancelReservation(long jobId) {
    Span s = spans.get(jobId);
    if (s != null && s.reserved) {
      spans.remove(jobId);
    }
  }

  /** The job ended: its span is released. */
  void finish(long jobId) {
    spans.remove(jobId);
  }

  long usedNow() {
    return usedAt(now);
  }
}
