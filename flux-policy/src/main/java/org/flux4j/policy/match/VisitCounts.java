package org.flux4j.policy.match;

/**
 * The traversal visit counts of the last match or cancel, as Fluxion's {@code -e} output prints
 * them (PREORDER / POSTORDER VISIT COUNT).
 *
 * @param preorder vertices entered
 * @param postorder vertices finished
 */
public record VisitCounts(long preorder, long postorder) {}
