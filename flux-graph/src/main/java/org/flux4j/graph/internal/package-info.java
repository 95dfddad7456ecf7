/**
 * Machinery of the resource graph; not API. Exported to flux4j's own modules only (see
 * module-info): {@link org.flux4j.graph.internal.PruneFilters}, the one parser of Fluxion's
 * pruning-filter spec, is shared with the match engine in flux-policy.
 */
package org.flux4j.graph.internal;
