/**
 * Time-indexed availability of resource pools (Fluxion's planner and planner_multi) and subtree
 * aggregates used as pruning filters.
 */
package org.flux4j.graph.planner;
