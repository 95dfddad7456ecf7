/** The flux4j workload manager: instances, jobs, executors and simulation. */
module org.flux4j.core {
  requires transitive org.flux4j.policy;
  requires transitive org.flux4j.graph;
  requires com.google.common;
  requires org.eclipse.collections.api;
  requires org.eclipse.collections.impl;
  requires com.fasterxml.jackson.databind;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  exports org.flux4j.core;
  exports org.flux4j.core.exec;
  exports org.flux4j.core.sim;
}
