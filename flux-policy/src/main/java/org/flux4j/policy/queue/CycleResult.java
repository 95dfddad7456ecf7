package org.flux4j.policy.queue;

import java.util.List;
import java.util.Map;

/**
 * What one scheduling cycle decided.
 *
 * @param started jobs allocated now, in the order they were allocated
 * @param reserved jobs reserved, with their reserved start times, in cycle order
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
  /** Copies the collections (keeping their order). */
  public CycleResult {
    started = List.copyOf(started);
    reserved = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reserved));
    rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
    blocked = List.copyOf(blocked);
  }
}
