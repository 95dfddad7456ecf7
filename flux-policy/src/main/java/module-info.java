/** Jobspecs, the match engine, match and queue policies, and writers. */
@SuppressWarnings("module") // the qualified export names a module built after this one
module org.flux4j.policy {
  requires transitive org.flux4j.graph;
  requires com.google.common;
  requires org.eclipse.collections.api;
  requires org.eclipse.collections.impl;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;

  exports org.flux4j.policy.jobspec;
  exports org.flux4j.policy.match;
  exports org.flux4j.policy.queue;
  exports org.flux4j.policy.queue.support to
      org.flux4j.core;
  exports org.flux4j.policy.writer;

  uses org.flux4j.policy.match.MatchPolicies.Provider;
  uses org.flux4j.policy.queue.QueuePolicies.Provider;
}
