package org.flux4j.core.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The test oracle for {@link AvailabilityProfile}: the same questions answered by the plain sweep
 * of the definition, over a sorted map from instant to change of use, in time proportional to the
 * changes swept.
 */
final class SweepProfile {
  private final TreeMap<Long, Long> change = new TreeMap<>();

  void add(long at, long units) {
    Long v = change.merge(at, units, Long::sum);
    if (v != null && v == 0) {
      change.remove(at);
    }
  }

  void clear() {
    change.clear();
  }

  boolean isEmpty() {
    return change.isEmpty();
  }

  /** Sweeps from now: a candidate start holds while the use stays within capacity for d. */
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

  long earliestBefore(long now, long limit, long d, long units, long usedNow, long capacity) {
    long e = earliest(now, d, units, usedNow, capacity);
    return e >= 0 && e < limit ? e : -1;
  }

  boolean changesWithin(long lo, long hi) {
    return lo < hi && !change.subMap(lo, false, hi, true).isEmpty();
  }

  boolean fitsNow(long now, long d, long units, long usedNow, long capacity) {
    return earliest(now, d, units, usedNow, capacity) == now;
  }

  private long before(long now) {
    long sum = 0;
    for (long v : change.headMap(now, true).values()) {
      sum += v;
    }
    return sum;
  }
}
