package org.flux4j.policy.match;

import java.util.Objects;

/**
 * What a {@link ResourceQuery} knows about one job (resource-query's {@code info} line).
 *
 * @param jobId the job id
 * @param state ALLOCATED or RESERVED (and the without-allocating states are never stored)
 * @param at the scheduled start time
 * @param duration the duration in seconds
 * @param resources the resources held
 */
public record ScheduledJob(long jobId, State state, long at, long duration, ResourceSet resources) {
  /** Checks. */
  public ScheduledJob {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(resources, "resources");
  }

  /** Job states as resource-query prints them. */
  public enum State {
    /** Holding resources from "now" (or from the time it was allocated). */
    ALLOCATED,
    /** Holding a reservation for a future time. */
    RESERVED
  }
}
