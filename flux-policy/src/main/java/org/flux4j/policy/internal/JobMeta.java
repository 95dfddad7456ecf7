package org.flux4j.policy.internal;

import java.util.Optional;
import org.flux4j.policy.match.ResourceRequest;

/**
 * The metadata of one match, read by every pass of the traverser: Fluxion's {@code jobmeta_t}
 * ({@code resource/traversers/dfu_impl.hpp}), plus the time window every planner lives in. A
 * mutable holder: the schedule moves {@link #at} and {@link #allocType} between the selects of one
 * match. Not thread-safe.
 */
final class JobMeta {
  /**
   * The end of the graph's time window (Fluxion's {@code graph_duration.graph_end},
   * SYSTEM_MAX_DURATION from time 0): a job of duration 0 lasts until here, a match found at this
   * time is busy, and a job running past it is cut short.
   */
  static final long HORIZON = 3153600000L;

  /**
   * The end of every planner's horizon: Fluxion's readers create each vertex's planners over {@code
   * [0, INT64_MAX)}, far past {@link #HORIZON}, and the subtree planners inherit it. So the
   * satisfiability probe at {@code PLAN_END - duration - 1} sees no job at all, and the reservation
   * search may end on {@link #HORIZON} itself.
   */
  static final long PLAN_END = Long.MAX_VALUE;

  /** What the update pass writes for a match (Fluxion's {@code alloc_type_t}). */
  enum AllocType {
    ALLOC,
    ALLOC_ORELSE_RESERVE,
    SATISFIABILITY,
    NO_ALLOC
  }

  long jobId;
  long at;
  long now;
  long duration;
  AllocType allocType = AllocType.ALLOC;
  Optional<ResourceRequest.TargetConstraint> constraint = Optional.empty();
}
