package org.flux4j.policy.internal;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.JobInfo;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.VisitCounts;

/** The implementation behind {@link ResourceQuery}. */
public final class QueryEngine {
  private final ResourceGraph graph;
  private final ResourceQuery.Options options;

  /** An engine over {@code graph}. */
  public QueryEngine(ResourceGraph graph, ResourceQuery.Options options) {
    this.graph = graph;
    this.options = options;
  }

  /** See {@link ResourceQuery#graph()}. */
  public ResourceGraph graph() {
    return graph;
  }

  /** See {@link ResourceQuery#options()}. */
  public ResourceQuery.Options options() {
    return options;
  }

  /** See {@link ResourceQuery#match}. */
  public MatchResult match(MatchOp op, ResourceRequest request, long jobId, long now) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#update}. */
  public MatchResult update(long jobId, ResourceGraph r, long at, long duration, boolean reserve) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#cancel}. */
  public CancelStatus cancel(long jobId) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#partialCancel}. */
  public CancelStatus partialCancel(long jobId, ResourceGraph r) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#visitCounts}. */
  public VisitCounts visitCounts() {
    return new VisitCounts(0, 0);
  }

  /** See {@link ResourceQuery#find}. */
  public ResourceSet find(String expression) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#info}. */
  public Optional<JobInfo> info(long jobId) {
    return Optional.empty();
  }

  /** See {@link ResourceQuery#jobs}. */
  public List<JobInfo> jobs() {
    return List.of();
  }

  /** See {@link ResourceQuery#getStatus}. */
  public Optional<Status> getStatus(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.status(v.getAsInt())) : Optional.empty();
  }

  /** See {@link ResourceQuery#setStatus}. */
  public boolean setStatus(String path, Status status) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    graph.setStatus(v.getAsInt(), status);
    return true;
  }

  /** See {@link ResourceQuery#getProperties}. */
  public Optional<SortedMap<String, String>> getProperties(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.properties(v.getAsInt())) : Optional.empty();
  }

  /** See {@link ResourceQuery#setProperty}. */
  public boolean setProperty(String path, String key, String value) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    graph.setProperty(v.getAsInt(), key, value);
    return true;
  }

  /** See {@link ResourceQuery#grow}. */
  public int[] grow(ResourceGraph subgraph) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#shrink}. */
  public boolean shrink(String path) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#shrinkRanks}. */
  public int shrinkRanks(int[] ranks) {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#copy}. */
  public QueryEngine copy() {
    throw new UnsupportedOperationException("not yet");
  }

  /** See {@link ResourceQuery#checkInvariants}. */
  public void checkInvariants() {}
}
