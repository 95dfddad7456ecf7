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
    return recorded(
        "match " + op.word() + " " + jobId + " " + jobspec.trim(),
        matchReplies.isEmpty()
            ? new MatchReply(Outcome.MATCHED, "      ---cluster0[1:s]\n", 0, "")
            : matchReplies.poll());
  }

  @Override
  public UpdateReply update(String reader, String text, long jobId, long at, long duration) {
    return recorded("update " + reader + " " + jobId + " " + at + " " + duration, updateReply);
  }

  @Override
  public boolean cancel(long jobId) {
    return recorded("cancel " + jobId, cancelOk);
  }

  @Override
  public PartialReply partialCancel(long jobId, String reader, String text) {
    return recorded("partial-cancel " + jobId + " " + reader, partialReply);
  }

  @Override
  public FindReply find(String criteria) {
    return recorded("find " + criteria, findReply);
  }

  @Override
  public String attach(String jgf) {
    return recorded("attach", attachError);
  }

  @Override
  public String removeSubgraph(String path) {
    return recorded("remove " + path, null);
  }

  @Override
  public String removeRanks(SortedSet<Long> ranks) {
    return recorded("remove-ranks " + ranks, null);
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

  /** Records {@code call} and answers {@code reply}. */
  private <T> T recorded(String call, T reply) {
    calls.add(call);
    return reply;
  }
}
