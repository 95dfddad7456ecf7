/**
 * Time-indexed availability of resource pools and the subtree aggregates used as pruning filters
 * (Fluxion's {@code resource/planner} and the {@code subplans} of its traverser).
 *
 * <p>Machinery of the match engine, not an entry point: the package is exported to {@code
 * org.flux4j.policy} only. Embedders reach the planner through {@code
 * org.flux4j.policy.match.ResourceQuery} and {@code org.flux4j.core.Instance}.
 *
 * <ul>
 *   <li>{@link org.flux4j.graph.planner.Planner}: one pool of {@code total} units over a horizon,
 *       spans that hold units over time, "how many free during [t, t + d)" and "earliest scheduled
 *       point with n free for d" ({@code planner.h}), with Fluxion's exact semantics.
 *   <li>{@link org.flux4j.graph.planner.PlannerMulti}: several resource types at once ({@code
 *       planner_multi.h}).
 *   <li>{@link org.flux4j.graph.planner.SubtreeAggregates}: one multi-planner per tracking vertex
 *       of a {@link org.flux4j.graph.ResourceGraph}, counting the tracked types among its
 *       descendants, as Fluxion's {@code prime_pruning_filter} builds them, for the pruning filters
 *       of {@code org.flux4j.graph.internal.PruneFilters} (the {@code HL:LL[,HL:LL...]} spec of
 *       {@code resource-query -p}; machinery, exported to flux4j's own modules only).
 * </ul>
 *
 * <p>None of these classes is thread-safe; a scheduling loop owns them. Copies ({@code copy()}) are
 * deep and independent, for what-if clones.
 */
package org.flux4j.graph.planner;
