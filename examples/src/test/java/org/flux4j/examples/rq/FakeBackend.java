package org.flux4j.examples.rq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SortedSet;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;

/** A scripted {@link Backend} for session tests: replies are queued, calls are recorded. */
final class FakeBackend implements Backend {
  final ResourceGraph graph;
  final Deque<MatchReply> matchReplies = new ArrayDeque<>();
  final List<String> calls = new ArrayList<>();
  boolean cancelOk = true;
  PartialReply partialReply = new PartialReply(true, false, "");
  FindReply findReply = new FindReply(true, "", "");
  UpdateReply updateReply = new UpdateReply(true, "R\n", "");
  String attachError;
  long preorder = 7;
  long postorder = 5;

  FakeBackend() {
    graph = ClusterBuilder.nodes(2).cores(1).build();
  }

  @Override
  public ResourceGraph graph() {
    return graph;
  }

  @Override
  public MatchReply match(Op op, String jobspec, long jobId) {
    calls.add("match " + op.word() + " " + jobId + " " + jobspec.trim());
    return matchReplies.isEmpty()
        ? new MatchReply(Outcome.MATCHED, "      ---cluster0[1:s]\n", 0, "")
        : matchReplies.poll();
  }

  @Override
  public UpdateReply update(String reader, String text, long jobId, long at, long duration) {
    calls.add("update " + reader + " " + jobId + " " + at + " " + duration);
    return updateReply;
  }

  @Override
  public boolean cancel(long jobId) {
    calls.add("cancel " + jobId);
    return cancelOk;
  }

  @Override
  public PartialReply partialCancel(long jobId, String reader, String text) {
    calls.add("partial-cancel " + jobId + " " + reader);
    return partialReply;
  }

  @Override
  public FindReply find(String criteria) {
    calls.add("find " + criteria);
    return findReply;
  }

  @Override
  public String attach(String jgf) {
    calls.add("attach");
    return attachError;
  }

  @Override
  public String removeSubgraph(String path) {
    calls.add("remove " + path);
    return null;
  }

  @Override
  public String removeRanks(SortedSet<Long> ranks) {
    calls.add("remove-ranks " + ranks);
    return null;
  }

  @Override
  public void setProperty(String path, String key, String value) {
    graph.setProperty(graph.vertexByPath(path).getAsInt(), key, value);
  }

  @Override
  public int markStatus(String path, boolean up) {
    calls.add("mark " + path + " " + up);
    graph.setStatus(graph.vertexByPath(path).getAsInt(), up ? Status.UP : Status.DOWN);
    return 0;
  }

  @Override
  public long preorderCount() {
    return preorder;
  }

  @Override
  public long postorderCount() {
    return postorder;
  }
}
