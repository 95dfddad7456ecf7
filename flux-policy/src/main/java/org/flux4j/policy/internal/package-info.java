/**
 * Machinery of the match engine; not API. Each class names the Fluxion file it follows.
 *
 * <p>{@link org.flux4j.policy.internal.QueryEngine} implements {@code ResourceQuery} over plain
 * {@link org.flux4j.policy.internal.EngineOptions} and wires the parts after Fluxion's {@code
 * dfu_traverser_t} ({@code resource/traversers/dfu.cpp}): {@code Scheduler} (match: allocate,
 * reserve at the earliest candidate time, satisfiability at the end of the horizon), {@code
 * UpdateFromR} (an allocation re-created from R) and {@code Cancellation} (cancel, partial cancel).
 *
 * <p>The depth-first-and-up traverser is cut where Fluxion cuts {@code dfu_impl_t}: {@code
 * Traverser} is the select ({@code dfu_impl.cpp}), with {@code JobspecPriming}, {@code
 * SelectPrune}, {@code ShareTally}, {@code SlotCandidates}, {@code Enforcer}, {@code OutEdgeOrder}
 * and {@code CandidateArena} beside it; {@code FlexibleTraverser} the flexible variant ({@code
 * dfu_flexible.cpp}); {@code TraversalUpdate} the update and remove passes ({@code
 * dfu_impl_update.cpp}); {@code TraversalMarks} and {@code JobMeta} what they share ({@code
 * dfu_impl.hpp}); {@code VisitMemo} remembers subtree visits (a flux4j addition). {@code Dfu},
 * {@code Evals}, {@code EGroup} and {@code StdSort} are the scoring API ({@code scoring_api_t},
 * {@code evals_t}, libstdc++'s introsort); {@code VertexSchedule} and {@code SubtreePlan} hold the
 * per-vertex scheduling state and the subtree aggregates (Fluxion's planners, x_checker, tags and
 * pruning filters); {@code PruneConfig} indexes (with flux-graph's PruneFilters, their one parser)
 * and primes the pruning filters; {@code Finder} evaluates find expressions; {@code
 * BuiltinPolicies} holds the named and custom match policies.
 */
package org.flux4j.policy.internal;
