package org.flux4j.core.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many units (cores) of a pool are in use over time, as changes at instants: a running job
 * gives its units back at its estimated end (start plus requested time), a reservation takes its
 * units at its start and gives them back at its end. Answers the earliest time at which a request
 * of {@code units} for {@code d} seconds fits, which is what backfilling asks.
 *
 * <p>Implementation notes: a sorted map from instant to the change of use there; the use now is
 * passed in by the caller (it counts what is really held), so the map holds only the future: each
 * running job's release, each reservation's take and release. A query is one sweep from now over
 * the changes: O(changes before the answer, plus log changes); a request larger than the units free
 * now is told busy-now in O(1) when only now is asked ({@link #fitsNow}). Loop-owned; not
 * thread-safe.
 */
final class AvailabilityProfile {
  private final TreeMap<Long, Long> change = new TreeMap<>();

  /** Records a change of {@code units} in use at {@code at} (negative: given back). */
  void add(long at, long units) {
    Long v = change.merge(at, units, Long::sum);
    if (v != null && v == 0) {
      change.remove(at);
    }
  }

  /** Whether nothing is recorded. */
  boolean isEmpty() {
    return change.isEmpty();
  }

  /**
   * The earliest time from {@code now} at which {@code units} more units are free for {@code d}
   * seconds on {@code capacity}, given {@code usedNow} units held now (changes recorded at or
   * before now count as having happened), or -1 if never.
   */
  long earliest(long now, long d, long units, long usedNow, long capacity) {
    long used = usedNow + before(now);
    long cand = used + units <= capacity ? now : -1;
    for (Map.Entry<Long, Long> e : change.tailMap(now, false).entrySet()) {
      long t = e.getKey();
      if (cand >= 0 && t - cand >= d) {
        return cand;
      }
      used += e.getValue();
      if (used + units > capacity) {
        cand = -1;
      } else if (cand < 0) {
        cand = t;
      }
    }
    return cand;
  }

  /**
   * Whether {@code units} more units are free from {@code now} for {@code d} seconds: the answer of
   * {@link #earliest} is now.
   */
  boolean fitsNow(long now, long d, long units, long usedNow, long capacity) {
    long used = usedNow + before(now);
    if (used + units > capacity) {
      return false;
    }
    for (Map.Entry<Long, Long> e : change.tailMap(now, false).entrySet()) {
      if (e.getKey() - now >= d) {
        return true;
      }
      used += e.getValue();
      if (used + units > capacity) {
        return false;
      }
    }
    return true;
  }

  /** The sum of the changes recorded at or before {@code now}. */
  private long before(long now) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : change.headMap(now, true).entrySet()) {
      sum += e.getValue();
    }
    return sum;
  }
}
