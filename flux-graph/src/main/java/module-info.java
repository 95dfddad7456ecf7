/**
 * The flux4j resource graph, its readers and writers, and the planner.
 *
 * <p>The planner and the prune-filter parser are exported to flux4j's match engine only; {@code
 * module} warnings are off because that module is not visible while this one compiles.
 */
@SuppressWarnings("module")
module org.flux4j.graph {
  requires transitive org.jgrapht.core;
  requires org.jgrapht.io;
  requires com.google.common;
  requires org.eclipse.collections.api;
  requires org.eclipse.collections.impl;
  requires com.fasterxml.jackson.databind;
  requires java.xml;

  exports org.flux4j.graph;
  exports org.flux4j.graph.io;
  exports org.flux4j.graph.jgrapht;
  // the planner is machinery of the match engine, not an entry point
  exports org.flux4j.graph.planner to
      org.flux4j.policy;
  // machinery shared with flux4j's own modules only (PruneFilters: the one prune-filter parser)
  exports org.flux4j.graph.internal to
      org.flux4j.policy;
}
