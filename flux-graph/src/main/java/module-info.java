/** The flux4j resource graph, its readers and writers, and the planner. */
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
// exports org.flux4j.graph.planner; (enable with its first class)
}
