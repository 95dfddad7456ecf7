/** The flux4j resource graph, its readers and writers, and the planner. */
@SuppressWarnings("module") // the qualified export names a module compiled after this one
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
  exports org.flux4j.graph.planner;
  // machinery shared with flux4j's own modules only (PruneFilters: the one prune-filter parser)
  exports org.flux4j.graph.internal to
      org.flux4j.policy;
}
