package org.flux4j.policy.internal;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.ScheduledJob;

/**
 * Cancel and partial cancel of a {@link QueryEngine}'s jobs: after Fluxion's {@code
 * dfu_traverser_t} remove ({@code resource/traversers/dfu.cpp}) over the remove pass of {@link
 * TraversalUpdate} and the partial cancel of {@link PartialCancel}, plus the job table's
 * bookkeeping (what a partially cancelled job still holds, its aggregate spans rebuilt after a
 * shrink). Not thread-safe.
 */
final class Cancellation {
  private final ResourceGraph graph;
  private final SchedState state;
  private final PruneConfig prune;
  private final int root;
  private final int dom;
  private final TraversalMarks marks;
  private final TraversalUpdate upd;

  /**
   * Whether a cancel may drop a job's entries by walking its resource set instead of Fluxion's walk
   * from the root (see {@link #removeBySet}): set with inexact visit counts, which this changes.
   */
  private final boolean bySet;

  /** Scratch of {@link #removeBySet}: the vertices of the set being checked, by stamp. */
  private int[] inSet = new int[0];

  private int inSetStamp;

  /**
   * Scratch of {@link #cancelAll}, by vertex: whether it holds jobs of the call (by stamp), how
   * many, and where its next one goes in the call's array. Sized by {@link #canRemoveBySet}, which
   * every job of a call grouped by vertex passed.
   */
  private int[] groupSeen = new int[0];

  private int[] groupCount = new int[0];
  private int[] groupNext = new int[0];
  private int groupStamp;

  /** What Fluxion's traverser logged in the last partial cancel, if it failed. */
  private String partialMessages = "";

  Cancellation(
      ResourceGraph graph,
      SchedState state,
      PruneConfig prune,
      int root,
      int dom,
      TraversalMarks marks,
      TraversalUpdate upd,
      boolean bySet) {
    this.bySet = bySet;
    this.graph = graph;
    this.state = state;
    this.prune = prune;
    this.root = root;
    this.dom = dom;
    this.marks = marks;
    this.upd = upd;
  }

  /** Implements {@code ResourceQuery.cancel}. */
  CancelStatus cancel(long jobId) {
    if (!state.jobs.containsKey(jobId)) {
      return CancelStatus.NO_SUCH_JOB;
    }
    SchedState.JobRecord rec = state.jobs.get(jobId);
    boolean ok = removeBySet(rec) || upd.remove(root, jobId);
    marks.totalPre = marks.preorder;
    marks.totalPost = marks.postorder;
    if (!ok) {
      // Fluxion's walk stopped partway: resource-query keeps the job (and reports the error)
      return CancelStatus.FAILED;
    }
    // entries that a failed partial cancel cut off from the root (the walk above follows the
    // job's tags down from the root, as Fluxion's mod_dfv does) stay, as in Fluxion
    ResourceSet held = rec.resources;
    for (int i = 0; i < held.size(); i++) {
      int v = held.vertex(i);
      VertexSchedule s = state.sched[v];
      SubtreePlan p = state.sub[v];
      if ((s != null && s.indexOf(jobId) >= 0) || (p != null && p.has(jobId))) {
        state.stranded.add(jobId);
      }
    }
    state.jobs.remove(jobId);
    state.jobGone(jobId);
    return CancelStatus.CANCELLED;
  }

  /**
   * Implements {@code ResourceQuery.cancelAll}: {@link #cancel} of each of {@code jobIds} in turn,
   * with the same statuses and the same state after. When every job is known and can be dropped by
   * its resource set ({@link #canRemoveBySet}; that every job holds an entry on each vertex of its
   * set is asked of each vertex for all of its jobs at once, before anything is dropped), the ids
   * are distinct and there are at least two, the entries are dropped vertex by vertex, all of a
   * vertex's at once, found by one pass over its entries rather than through its job index ({@link
   * VertexSchedule#findGroup}, {@link VertexSchedule#removeSlots}, {@link SubtreePlan#removeAll}):
   * a conservative queue's rebuild takes all of its reservations off the graph's root in one pass
   * over its spans and points instead of one pass per job. That is the same as the cancels one
   * after another, because a job's eligibility reads only its own entries, the stale-id flags and
   * the stranded ids, which those removals leave as they are, and each removal drops the job's
   * first entry on the vertex, which no other job's removal moves. Else the jobs are cancelled one
   * by one.
   */
  CancelStatus[] cancelAll(long[] jobIds) {
    CancelStatus[] out = new CancelStatus[jobIds.length];
    // each job's place in jobIds
    org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap placeOf =
        new org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap(jobIds.length);
    boolean together = jobIds.length > 1;
    for (int i = 0; i < jobIds.length && together; i++) {
      SchedState.JobRecord rec = state.jobs.get(jobIds[i]);
      // the job's own entries are checked below, vertex by vertex
      together = !placeOf.containsKey(jobIds[i]) && rec != null && canRemoveBySet(rec, false);
      placeOf.put(jobIds[i], i);
    }
    if (!together) {
      return oneByOne(jobIds, out);
    }
    // each vertex's jobs, in cancel order: a vertex of every job (the root) gets them all; counted
    // per vertex first, then laid out vertex after vertex in one array
    if (++groupStamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(groupSeen, 0);
      groupStamp = 1;
    }
    int[] vertices = new int[8];
    int nv = 0;
    int total = 0;
    int lastSize = 0;
    for (long id : jobIds) {
      ResourceSet held = state.jobs.get(id).resources;
      lastSize = held.size();
      for (int i = 0; i < held.size(); i++) {
        int v = held.vertex(i);
        if (groupSeen[v] != groupStamp) {
          groupSeen[v] = groupStamp;
          groupCount[v] = 0;
          if (nv == vertices.length) {
            vertices = java.util.Arrays.copyOf(vertices, 2 * nv);
          }
          vertices[nv++] = v;
        }
        groupCount[v]++;
        total++;
      }
    }
    // the jobs by vertex, as places in jobIds
    int[] byVertex = new int[total];
    int at = 0;
    for (int i = 0; i < nv; i++) {
      int v = vertices[i];
      groupNext[v] = at;
      at += groupCount[v];
    }
    for (int j = 0; j < jobIds.length; j++) {
      ResourceSet held = state.jobs.get(jobIds[j]).resources;
      for (int i = 0; i < held.size(); i++) {
        byVertex[groupNext[held.vertex(i)]++] = j;
      }
    }
    // canRemoveBySet's last condition, every job holding an entry on each vertex of its set, asked
    // of each vertex for all of its jobs at once, by one pass over its entries; a job holding two
    // there sends the call one by one too (one by one, its second entry would stay)
    int[] group = new int[jobIds.length];
    int[] seen = new int[jobIds.length];
    // the slots of those entries, laid out as byVertex
    int[] slots = new int[total];
    for (int i = 0; i < nv; i++) {
      int v = vertices[i];
      int to = groupNext[v];
      int from = to - groupCount[v];
      for (int x = from; x < to; x++) {
        group[byVertex[x]] = i + 1;
      }
      VertexSchedule s = state.sched[v];
      if (s == null
          || s.findGroup(placeOf, group, seen, i + 1, slots, from, groupCount[v])
              != groupCount[v]) {
        return oneByOne(jobIds, out);
      }
    }
    marks.ensureScratch();
    for (int i = 0; i < nv; i++) {
      int v = vertices[i];
      int to = groupNext[v];
      int from = to - groupCount[v];
      state.schedForWrite(v).removeSlots(slots, from, to);
      marks.touch(v);
      if (state.sub[v] != null) {
        long[] ids = new long[to - from];
        for (int x = from; x < to; x++) {
          ids[x - from] = jobIds[byVertex[x]];
        }
        // an aggregate span that outlives its removal here would be stranded, as cancel finds it
        for (long id : state.subForWrite(v).removeAll(ids)) {
          state.stranded.add(id);
        }
      }
    }
    for (int i = 0; i < jobIds.length; i++) {
      state.jobs.remove(jobIds[i]);
      state.jobGone(jobIds[i]);
      out[i] = CancelStatus.CANCELLED;
    }
    // the visit counts of the last cancel, as removeBySet leaves them
    marks.preorder = lastSize;
    marks.postorder = lastSize;
    marks.totalPre = lastSize;
    marks.totalPost = lastSize;
    return out;
  }

  private CancelStatus[] oneByOne(long[] jobIds, CancelStatus[] out) {
    for (int i = 0; i < jobIds.length; i++) {
      out[i] = cancel(jobIds[i]);
    }
    return out;
  }

  /**
   * Drops the job's entries at the vertices of its resource set, when that removes exactly what
   * Fluxion's walk from the root removes ({@link TraversalUpdate#remove}: the job's entries on the
   * vertices reachable from the root through vertices holding an entry of the job): the engine
   * counts visits inexactly ({@link #bySet}), the dominant subsystem is containment, the job id has
   * no entries left by an earlier job of that id ({@link SchedState#stranded}), and every vertex of
   * the set holds an entry of the job and is the root or has its containment parent in the set.
   * Entries are only ever added at the vertices a match or an update from R emits, so the job has
   * none outside its set, and by the last condition every one of the set is reachable. Returns
   * false, changing nothing, when a condition fails. O(set) instead of a look at every child of
   * each vertex the walk passes (every node of a cluster). The visit counts become the set's size.
   */
  private boolean removeBySet(SchedState.JobRecord rec) {
    if (!canRemoveBySet(rec, true)) {
      return false;
    }
    long jobId = rec.jobId;
    ResourceSet held = rec.resources;
    int n = held.size();
    marks.ensureScratch();
    for (int i = 0; i < n; i++) {
      int v = held.vertex(i);
      state.schedForWrite(v).remove(jobId);
      marks.touch(v);
      SubtreePlan p = state.sub[v];
      if (p != null && p.has(jobId)) {
        state.subForWrite(v).remove(jobId);
      }
    }
    marks.preorder = n;
    marks.postorder = n;
    return true;
  }

  /**
   * Whether {@link #removeBySet} may drop the job's entries (the conditions above), or with {@code
   * entries} false, all of them but the job holding an entry on each vertex of its set. Reads only
   * the job's own entries on its set, the vertices' stale-id flags ({@link
   * SubtreePlan#cancelMayFail}) and the stranded ids; changes nothing. O(set).
   */
  private boolean canRemoveBySet(SchedState.JobRecord rec, boolean entries) {
    long jobId = rec.jobId;
    if (!bySet || dom != 0 || (!state.stranded.isEmpty() && state.stranded.contains(jobId))) {
      return false;
    }
    ResourceSet held = rec.resources;
    int n = held.size();
    if (inSet.length < graph.vertexLimit()) {
      inSet = new int[graph.vertexLimit()];
      inSetStamp = 0;
      groupSeen = new int[graph.vertexLimit()];
      groupCount = new int[graph.vertexLimit()];
      groupNext = new int[graph.vertexLimit()];
      groupStamp = 0;
    }
    if (++inSetStamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(inSet, 0);
      inSetStamp = 1;
    }
    for (int i = 0; i < n; i++) {
      int v = held.vertex(i);
      VertexSchedule s = state.sched[v];
      SubtreePlan p = state.sub[v];
      if (s == null
          || (entries && s.indexOf(jobId) < 0)
          || inSet[v] == inSetStamp
          || (p != null && p.cancelMayFail())) {
        return false;
      }
      inSet[v] = inSetStamp;
    }
    boolean rootIn = false;
    for (int i = 0; i < n; i++) {
      int v = held.vertex(i);
      int p = graph.parent(v);
      if (v == root) {
        rootIn = true;
      } else if (p == ResourceGraph.NONE || inSet[p] != inSetStamp) {
        return false;
      }
    }
    return rootIn;
  }

  /**
   * Implements {@code ResourceQuery.forget}: the job's spans stay on the graph, so its id joins the
   * {@link SchedState#stranded} ones (a later match under the same id leaks them, see {@code
   * TraversalUpdate}).
   */
  boolean forget(long jobId) {
    if (state.jobs.remove(jobId) == null) {
      return false;
    }
    state.jobGone(jobId);
    state.stranded.add(jobId);
    return true;
  }

  /** Implements {@code ResourceQuery.partialCancel}. */
  CancelStatus partialCancel(long jobId, ResourceGraph r) {
    IntArrayList named = new IntArrayList();
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (r.isLive(v)) {
        // a vertex Fluxion cannot find fails the cancel there, after the ones before it
        named.add(graph.vertexByPath(r.path(v)).orElse(-1));
      }
    }
    return partialCancelVertices(jobId, named.toArray());
  }

  /** Implements {@code ResourceQuery.partialCancelMessages}. */
  String partialCancelMessages() {
    return partialMessages;
  }

  /** Implements {@code ResourceQuery.partialCancelVertices}. */
  CancelStatus partialCancelVertices(long jobId, int[] vertices) {
    marks.forgetVisits();
    partialMessages = "";
    SchedState.JobRecord rec = state.jobs.get(jobId);
    if (rec == null) {
      return CancelStatus.NO_SUCH_JOB;
    }
    if (rec.state == ScheduledJob.State.RESERVED) {
      return CancelStatus.RESERVATION_NOT_SUPPORTED;
    }
    PartialCancel pc = new PartialCancel(graph, state, prune, root, dom, jobId);
    return finishPartial(rec, pc.byVertices(vertices), pc);
  }

  /** Implements {@code ResourceQuery.partialCancelRanks}. */
  CancelStatus partialCancelRanks(long jobId, int[] ranks) {
    partialMessages = "";
    SchedState.JobRecord rec = state.jobs.get(jobId);
    if (rec == null) {
      return CancelStatus.NO_SUCH_JOB;
    }
    if (rec.state == ScheduledJob.State.RESERVED) {
      return CancelStatus.RESERVATION_NOT_SUPPORTED;
    }
    PartialCancel pc = new PartialCancel(graph, state, prune, root, dom, jobId);
    return finishPartial(rec, pc.byRanks(ranks), pc);
  }

  private CancelStatus finishPartial(
      SchedState.JobRecord rec, PartialCancel.Outcome outcome, PartialCancel pc) {
    // the partial cancel changed spans and aggregates without stamping the remembered visits
    marks.forgetVisits();
    // Fluxion's partial cancel reports zero visits (it walks no subtree)
    marks.totalPre = 0;
    marks.totalPost = 0;
    switch (outcome) {
      case FULL:
        state.jobs.remove(rec.jobId);
        state.jobGone(rec.jobId);
        return CancelStatus.CANCELLED;
      case PARTIAL:
        rec.resources = remaining(rec);
        return CancelStatus.PARTIALLY_CANCELLED;
      default:
        rec.resources = remaining(rec);
        partialMessages = pc.message();
        return CancelStatus.FAILED;
    }
  }

  /** The part of a job's resource set whose vertices still hold an entry of the job. */
  private ResourceSet remaining(SchedState.JobRecord rec) {
    ResourceSet held = rec.resources;
    ResourceSet.Builder b = ResourceSet.builder(graph);
    boolean[] keep = new boolean[graph.vertexLimit()];
    for (int i = 0; i < held.size(); i++) {
      int v = held.vertex(i);
      VertexSchedule sc = state.sched[v];
      if (sc != null && sc.indexOf(rec.jobId) >= 0) {
        keep[v] = true;
        int e = b.add(v, held.count(i), held.exclusive(i));
        held.ephemeral(i).forEach((k, val) -> b.ephemeral(e, k, val));
      }
    }
    for (int k = 0; k < held.edgeCount(); k++) {
      if (keep[held.edgeSource(k)] && keep[held.edgeTarget(k)]) {
        b.edge(held.edgeSource(k), held.edgeTarget(k), held.edgeSubsystem(k));
      }
    }
    b.schedule(held.startTime(), held.duration());
    return b.build();
  }
}
