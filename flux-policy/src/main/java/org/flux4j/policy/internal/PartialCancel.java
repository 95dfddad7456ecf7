package org.flux4j.policy.internal;

import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.flux4j.graph.ResourceGraph;

/**
 * Fluxion's partial cancel ({@code dfu_impl_t::remove} with an R), in two steps.
 *
 * <p>First the job's vertices named by the R are cancelled outright (tag, exclusivity span,
 * aggregate span and allocation), and the units their allocations held are summed per rank and
 * resource type; each rank also gets a root, its vertex with the shortest path. An rv1exec R names
 * ranks: every vertex of those ranks that carries the job is cancelled (a rank whose vertices were
 * all removed is still known, and cancels nothing). A JGF R names vertices: each must carry the job
 * with an allocation.
 *
 * <p>Then, when the graph root still carries the job, every ancestor of a rank root has the job's
 * aggregate span reduced by the sums of the ranks below it ({@link SubtreePlan#reduce}); an
 * ancestor whose span goes loses the job's tag, and the job is fully cancelled when the root loses
 * it. Such an ancestor that the job holds (its slot took it exclusively) keeps its allocation span
 * in Fluxion (mod_plan leaves allocations alone in a partial cancel): here its entry becomes a plan
 * span without tag ({@link SchedState#keepPlanSpanOnly}), and the job's later cancel, which follows
 * the tags down from the root, stops there as Fluxion's does, leaving what the job still holds
 * below. (A reduction of zero removes a tracked type's zero amount, so an ancestor whose tracked
 * types got nothing from the job loses its span even when the cancelled ranks passed up only
 * untracked types.) An ancestor without an aggregate span for the job (none is made where no
 * tracked type was passed up) keeps its tag. When the root does not carry the job, only the job's
 * allocations anywhere are dropped (the vertices keep their tags).
 *
 * <p>Fluxion also drops the job's exclusivity span at an ancestor whose aggregate span was only
 * reduced, keeping its tag ({@link SchedState#afterSharedReduction}). Not thread-safe; O(V) per
 * call.
 */
final class PartialCancel {
  /** The outcome of one partial cancel. */
  enum Outcome {
    /** The root lost the job's tag: the job is gone. */
    FULL,
    /** Part of the job remains. */
    PARTIAL,
    /** Fluxion reports an error; what was cancelled before it stays cancelled. */
    ERROR
  }

  private final ResourceGraph g;
  private final SchedState st;
  private final PruneConfig prune;
  private final int root;
  private final int dom;
  private final long jobId;
  private final IntObjectHashMap<long[]> rankCounts = new IntObjectHashMap<>();
  private final IntIntHashMap rankRoot = new IntIntHashMap();

  PartialCancel(ResourceGraph g, SchedState st, PruneConfig prune, int root, int dom, long jobId) {
    this.g = g;
    this.st = st;
    this.prune = prune;
    this.root = root;
    this.dom = dom;
    this.jobId = jobId;
  }

  /** The rv1exec form: every vertex of {@code ranks} that carries the job. */
  Outcome byRanks(int[] ranks) {
    IntHashSet wanted = IntHashSet.newSetWith(ranks);
    // Fluxion's by_rank map keeps a rank's key after its vertices are removed (with an empty
    // list), so a rank is known when any vertex ever had it, removed or not
    IntHashSet present = new IntHashSet();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (wanted.contains(g.rank(v))) {
        present.add(g.rank(v));
      }
    }
    if (present.size() != wanted.size()) {
      // Fluxion: "rank not found in by_rank map"
      return Outcome.ERROR;
    }
    IntIntHashMap rootLength = new IntIntHashMap();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v) || !wanted.contains(g.rank(v))) {
        continue;
      }
      int rank = g.rank(v);
      VertexSchedule s = st.sched[v];
      if (s != null && s.indexOf(jobId) >= 0) {
        cancelVertex(v, s);
      }
      int len = g.path(v, dom).length();
      if (len < rootLength.getIfAbsent(rank, Integer.MAX_VALUE)) {
        rootLength.put(rank, len);
        rankRoot.put(rank, v);
      }
    }
    return reduceAncestors();
  }

  /** The JGF form: each of {@code vertices} (in R order) must carry the job with an allocation. */
  Outcome byVertices(int[] vertices) {
    IntIntHashMap rootLength = new IntIntHashMap();
    for (int v : vertices) {
      SubtreePlan p = st.subForWrite(v);
      if (p != null) {
        p.remove(jobId);
      }
      VertexSchedule s = st.schedForWrite(v);
      int k = s == null ? -1 : s.indexOf(jobId);
      if (k < 0) {
        return Outcome.ERROR; // no exclusivity span for the job
      }
      if (s.kind[k] == VertexSchedule.SHARED) {
        s.remove(jobId);
        return Outcome.ERROR; // tag and exclusivity span gone, but no allocation span
      }
      cancelVertex(v, s);
      int rank = g.rank(v);
      int len = g.path(v, 0).length();
      if (len < rootLength.getIfAbsent(rank, Integer.MAX_VALUE)) {
        rootLength.put(rank, len);
        rankRoot.put(rank, v);
      }
    }
    return reduceAncestors();
  }

  /** Cancels the job at {@code v} outright, counting the units of its allocation (if any). */
  private void cancelVertex(int v, VertexSchedule s) {
    int k = s.indexOf(jobId);
    byte kind = s.kind[k];
    long units = s.units[k];
    st.schedForWrite(v).remove(jobId);
    SubtreePlan p = st.subForWrite(v);
    if (p != null) {
      p.remove(jobId);
    }
    if (kind != VertexSchedule.SHARED) {
      long[] c = rankCounts.getIfAbsentPut(g.rank(v), () -> new long[prune.count()]);
      int pt = prune.pruneIndexOfType(g.typeOf(v));
      if (pt >= 0) {
        c[pt] += units;
      }
    }
  }

  private Outcome reduceAncestors() {
    if (rankRoot.isEmpty()) {
      return Outcome.ERROR;
    }
    IntObjectHashMap<long[]> parentCounts = new IntObjectHashMap<>();
    boolean[] missing = {false};
    rankRoot.forEachKeyValue(
        (rank, top) -> {
          long[] c = rankCounts.get(rank);
          if (c == null) {
            missing[0] = true; // Fluxion: "rank not found in rank_to_counts"
            return;
          }
          for (int a = g.parent(top); a != ResourceGraph.NONE; a = g.parent(a)) {
            long[] acc = parentCounts.getIfAbsentPut(a, () -> new long[prune.count()]);
            for (int k = 0; k < c.length; k++) {
              acc[k] += c[k];
            }
          }
        });
    if (missing[0]) {
      return Outcome.ERROR;
    }
    if (!carries(root)) {
      st.dropPlanHolds(jobId, v -> {});
      return Outcome.PARTIAL;
    }
    int[] ancestors = parentCounts.keySet().toSortedArray();
    for (int a : ancestors) {
      SubtreePlan p = st.sub[a];
      if (p == null || !p.has(jobId) || !carries(a)) {
        continue;
      }
      int r = st.subForWrite(a).reduce(jobId, parentCounts.get(a));
      if (r == SubtreePlan.REDUCE_ERROR) {
        return Outcome.ERROR;
      }
      VertexSchedule s = st.sched[a];
      byte kind = s.kind[s.indexOf(jobId)];
      if (kind == VertexSchedule.SHARED) {
        st.afterSharedReduction(a, jobId, r == SubtreePlan.REDUCED_AWAY);
      } else if (r == SubtreePlan.REDUCED_AWAY && kind == VertexSchedule.ALLOCATED) {
        // Fluxion drops the tag and the exclusivity span but keeps the allocation span: the
        // job's cancel stops here (rq-diff seed 313222), while find still sees the vertex
        // allocated to the job (rq-diff seed 583031)
        st.keepPlanSpanOnly(a, jobId);
      }
    }
    return carries(root) ? Outcome.PARTIAL : Outcome.FULL;
  }

  private boolean carries(int v) {
    VertexSchedule s = st.sched[v];
    return s != null && s.indexOf(jobId) >= 0;
  }
}
