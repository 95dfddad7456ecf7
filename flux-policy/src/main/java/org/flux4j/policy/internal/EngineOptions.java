package org.flux4j.policy.internal;

import java.util.Objects;
import org.flux4j.policy.match.MatchPolicy;

/**
 * What a {@link QueryEngine} is built from, as plain values (resource-query's {@code -P}, {@code
 * -S}, {@code -p}, {@code -T} and flux4j's commit-slot-paths extension), so that the engine does
 * not depend on the {@code ResourceQuery} facade that owns the public options.
 *
 * @param policy the match policy
 * @param subsystems the matcher subsystems as resource-query names them (e.g. "CA", "C+PA")
 * @param pruneFilters the prune filter spec (e.g. "ALL:core,ALL:node")
 * @param flexible whether the traverser is the flexible one ({@code -T flexible})
 * @param commitSlotPaths whether a slot matched below its vertex commits the path down to it
 * @param exactVisitCounts whether every select runs (false: a select proven to miss is skipped, see
 *     {@code ResourceQuery.Options.exactVisitCounts()})
 * @param searchFromNow whether a reservation search tries now itself first (see {@code
 *     ResourceQuery.Options.searchFromNow()}; false: it starts after now, as Fluxion's does)
 */
public record EngineOptions(
    MatchPolicy policy,
    String subsystems,
    String pruneFilters,
    boolean flexible,
    boolean commitSlotPaths,
    boolean exactVisitCounts,
    boolean searchFromNow) {
  /** Options whose reservation search tries now first. */
  public EngineOptions(
      MatchPolicy policy,
      String subsystems,
      String pruneFilters,
      boolean flexible,
      boolean commitSlotPaths,
      boolean exactVisitCounts) {
    this(policy, subsystems, pruneFilters, flexible, commitSlotPaths, exactVisitCounts, true);
  }

  /** Options that run every select, as Fluxion does. */
  public EngineOptions(
      MatchPolicy policy,
      String subsystems,
      String pruneFilters,
      boolean flexible,
      boolean commitSlotPaths) {
    this(policy, subsystems, pruneFilters, flexible, commitSlotPaths, true);
  }

  /** Checks. */
  public EngineOptions {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(subsystems, "subsystems");
    Objects.requireNonNull(pruneFilters, "pruneFilters");
  }
}
