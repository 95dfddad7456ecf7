/**
 * Time-indexed availability of resource pools, with Fluxion's exact semantics (its {@code
 * resource/planner}): the reference that the match engine's own per-vertex plans keep beside them
 * where Fluxion's planner answers differently from a plain step function (a stale earliest-time
 * index after a total changes, the errno of a reservation search), and that tests compare them
 * with.
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
 * </ul>
 *
 * <p>None of these classes is thread-safe; a scheduling loop owns them. Copies ({@code copy()}) are
 * deep and independent, for what-if clones.
 */
package org.flux4j.graph.planner;
