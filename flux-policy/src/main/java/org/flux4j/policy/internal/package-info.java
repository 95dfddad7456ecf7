/**
 * Machinery of the match engine; not API.
 *
 * <p>{@link org.flux4j.policy.internal.QueryEngine} implements {@link
 * org.flux4j.policy.match.ResourceQuery} after Fluxion's {@code dfu_traverser_t} (schedule:
 * allocate, reserve at the earliest candidate time, satisfiability at the end of the horizon);
 * {@code Traverser} is the depth-first-and-up walk after {@code dfu_impl_t} (select, enforce,
 * update/emission, cancel); {@code Dfu}, {@code Evals}, {@code EGroup} and {@code StdSort} are the
 * scoring API ({@code scoring_api_t}, {@code evals_t}, libstdc++'s introsort); {@code
 * VertexSchedule} and {@code SubtreePlan} hold the per-vertex scheduling state and the subtree
 * aggregates (Fluxion's planners, x_checker, tags and pruning filters); {@code PruneConfig} indexes
 * (with flux-graph's PruneFilters, their one parser) and primes the pruning filters; {@code Finder}
 * evaluates find expressions; {@code BuiltinPolicies} holds the named and custom match policies.
 */
package org.flux4j.policy.internal;
