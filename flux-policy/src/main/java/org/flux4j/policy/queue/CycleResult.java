package org.flux4j.policy.queue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scheduling cycle decided.
 *
 * @param started jobs allocated now, in the order they were allocated
 * @param reserved jobs reserved, with their reserved start times, in cycle order; a backfilling
 *     policy hands over a read-only view that its queue's next cycle may change (it carries the
 *     reservations it keeps on), so read it before that cycle runs
 * @param rejected jobs that can never run, with the reason
 * @param blocked jobs set aside because they could not even be reserved; they do not count against
 *     the queue depth until resources change
 * @param considered how many pending jobs the cycle looked at (bounded by the queue depth)
 */
public record CycleResult(
    List<Long> started,
    Map<Long, Long> reserved,
    Map<Long, String> rejected,
    List<Long> blocked,
    int considered) {
  /**
   * Copies the collections (keeping their order); a reserved map from {@link #handOver} is taken as
   * it is, without a copy.
   */
  public CycleResult {
    started = List.copyOf(started);
    reserved =
        reserved instanceof HandedOver
            ? reserved
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reserved));
    rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
    blocked = List.copyOf(blocked);
  }

  /**
   * A read-only view of {@code reserved} that the result takes without copying it: for a policy
   * whose cycle built the map and changes it, if ever, only in the queue's next cycle (a deep
   * queue's cycle then does not copy every reservation once more).
   */
  static Map<Long, Long> handOver(Map<Long, Long> reserved) {
    return new HandedOver(reserved);
  }

  /** The read-only view {@link #handOver} makes. */
  private static final class HandedOver extends java.util.AbstractMap<Long, Long> {
    private final Map<Long, Long> map;

    HandedOver(Map<Long, Long> map) {
      this.map = java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<Long, Long>> entrySet() {
      return map.entrySet();
    }

    @Override
    public Long get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }
  }
}
