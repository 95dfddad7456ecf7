package org.flux4j.policy.internal;

import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceSet;

/**
 * The update and remove passes of the depth-first-and-up traverser: after Fluxion's {@code
 * resource/traversers/dfu_impl_update.cpp}. An update walks the edges the last select marked (or
 * that {@link #markSelection} marked from an R), adds each vertex's span and its subtree aggregate
 * span, refreshes the by_outedges weights and emits the resource set in post-order; a remove walks
 * down from the root through the vertices tagged with a job and drops its spans.
 *
 * <p>Reads and writes the {@link TraversalMarks} it shares with the {@link Traverser} that
 * selected. Not thread-safe.
 */
final class TraversalUpdate {
  private final TraversalMarks mk;
  private final ResourceGraph g;
  private final SchedState st;

  private ResourceSet.Builder out;
  private JobMeta meta;

  /**
   * During an update from R: the vertices the update takes exclusively but whose plan the reader
   * left without a span (an rv1exec node with part of its rank), tagged as shared; else null.
   */
  private boolean[] unheld;

  /**
   * Set by {@link #updDfv} on return: whether the vertex passed a tracked resource type up to its
   * parent (Fluxion's {@code accum_if} inserted a key, even a zero), so the parent's aggregate map
   * is not empty.
   */
  private boolean keyedUp;

  /**
   * Whether the job id of the update may already have spans on the graph (it is among the {@link
   * SchedState#stranded} ids, as a forgotten match's is): see {@link #leakEarlierEntries}.
   */
  private boolean reusedId;

  TraversalUpdate(TraversalMarks mk) {
    this.mk = mk;
    this.g = mk.g;
    this.st = mk.st;
  }

  // ------------------------------------------------------------------ marks from an R

  /**
   * Marks the edges between vertices of {@code in} (a selection by vertex) as Fluxion's readers do
   * for an update from R, so that {@link #update} emits and commits exactly that selection.
   */
  void markSelection(int root, boolean[] in, long[] needs, boolean[] excl) {
    mk.ensureScratch();
    mk.tick++;
    mk.seq++;
    for (int v = 0; v < in.length; v++) {
      if (!in[v]) {
        continue;
      }
      int pe = mk.firstIn[v];
      if (pe >= 0 && in[mk.slotSource[pe]]) {
        mk.mark(pe, needs[v], excl[v]);
      }
    }
    mk.markRoot(needs[root], excl[root]);
  }

  // ------------------------------------------------------------------ update pass

  /**
   * Fluxion's update after a select: walks marked edges, adds spans (unless {@code NO_ALLOC}) and
   * emits the resource set. Returns null when nothing was emitted.
   */
  ResourceSet.Builder update(int root, JobMeta m) {
    return update(root, m, null);
  }

  /**
   * {@link #update(int, JobMeta)} for an update from R, where the vertices of {@code unheld} (may
   * be null) are emitted exclusive yet get no units in their plan.
   */
  ResourceSet.Builder update(int root, JobMeta m, boolean[] unheld) {
    this.unheld = unheld;
    try {
      return walk(root, m);
    } finally {
      this.unheld = null;
    }
  }

  private ResourceSet.Builder walk(int root, JobMeta m) {
    this.meta = m;
    this.reusedId = !st.stranded.isEmpty() && st.stranded.contains(m.jobId);
    mk.ensureScratch();
    mk.tick++;
    out = ResourceSet.builder(g).dominantSubsystem(mk.dom).levelShift(mk.levelLeak);
    long[] agg = new long[mk.prune.count()];
    boolean emitShadow = mk.isExclusiveType(g.typeOf(root));
    int n = updDfv(root, mk.rootNeeds, mk.rootExcl, agg, emitShadow);
    if (n <= 0) {
      return null;
    }
    out.schedule(m.at, m.duration);
    return out;
  }

  private int updDfv(int u, long needs, boolean excl, long[] toParent, boolean emitShadow) {
    PruneConfig prune = mk.prune;
    boolean mod = emitShadow || mk.isExclusiveType(g.typeOf(u));
    excl = excl || mod;
    mk.color[u] = mk.tick;
    int nPlans = 0;
    long[] agg = new long[prune.count()];
    boolean any = false;
    Adjacency a = mk.adj;
    // unless every child is taken, only the marked ones are walked: at a large vertex, from a list
    int[] only = mod ? null : mk.markedAmong(a.start(u), a.end(u));
    int count = only == null ? a.end(u) - a.start(u) : only.length;
    for (int j = 0; j < count; j++) {
      int i = only == null ? a.start(u) + j : only[j];
      int tgt = a.target(i);
      if (mk.color[tgt] == mk.tick) {
        continue;
      }
      if (mk.markSeq[i] != mk.seq && !mod) {
        continue;
      }
      boolean x = mk.markExcl[i] || mod;
      long nd = mod ? g.size(tgt) : mk.markNeeds[i];
      int sub = updDfv(tgt, nd, x, agg, mod);
      if (sub > 0) {
        // Fluxion adds an aggregate span only when a tracked type reached this vertex's map
        any |= keyedUp;
        if (mk.policy.stopOnFirstMatch()) {
          updByOutedges(i, tgt);
        }
        out.edge(u, tgt, mk.dom);
        nPlans += sub;
      }
    }
    // upd_sched
    boolean metaFailed = false;
    if (meta.allocType == JobMeta.AllocType.NO_ALLOC) {
      if (excl) {
        nPlans++;
      }
    } else {
      boolean units = excl && (unheld == null || !unheld[u]);
      if (excl) {
        nPlans++;
      }
      if (units) {
        // upd_plan: Fluxion's planner_add_span refuses more than the vertex has free over the
        // window (an exclusive parent's shadow reaching a vertex another job holds); upd_sched then
        // skips upd_meta and the emit, yet the vertex still counts for its parent
        metaFailed = needs > freeDuring(u);
      }
      byte kind =
          meta.allocType == JobMeta.AllocType.ALLOC_ORELSE_RESERVE
              ? VertexSchedule.RESERVED
              : VertexSchedule.ALLOCATED;
      if (meta.allocType == JobMeta.AllocType.SATISFIABILITY) {
        kind = VertexSchedule.SHARED;
      }
      if (reusedId && (excl || nPlans > 0) && !metaFailed) {
        leakEarlierEntries(u, units, kind);
      }
      if (units && !metaFailed) {
        st.schedOf(u).add(meta.jobId, meta.at, meta.at + meta.duration, needs, kind);
        mk.touch(u);
      }
      if (nPlans > 0 && !metaFailed) {
        mk.touch(u);
        if (!units) {
          st.schedOf(u).add(meta.jobId, meta.at, meta.at + meta.duration, 0, VertexSchedule.SHARED);
        }
        SubtreePlan p = any ? st.subForWrite(u) : null;
        metaFailed = p != null && !aggregateFits(p, agg);
        if (p != null && !metaFailed) {
          if (reusedId && p.has(meta.jobId)) {
            p.rekey(meta.jobId, LEAKED_SPAN);
            st.stranded.add(LEAKED_SPAN);
          }
          p.add(meta.jobId, meta.at, meta.at + meta.duration, agg);
        }
      }
      if (nPlans > 0 && !metaFailed) {
        int pt = prune.pruneIndexOfType(g.typeOf(u));
        if (pt >= 0) {
          toParent[pt] += excl ? g.size(u) : g.size(u) - needs;
        }
        for (int k = 0; k < agg.length; k++) {
          toParent[k] += agg[k];
        }
      }
    }
    keyedUp =
        nPlans > 0
            && !metaFailed
            && meta.allocType != JobMeta.AllocType.NO_ALLOC
            && (any || prune.pruneIndexOfType(g.typeOf(u)) >= 0);
    if (metaFailed) {
      // upd_sched returns without decrementing the traverser's level: it stays one deeper
      mk.levelLeak++;
      out.levelShift(mk.levelLeak);
      if (excl) {
        // not emitted, yet its children were emitted under an exclusive parent (excl_parent)
        out.unemittedExclusive(u);
      }
    }
    if (nPlans > 0 && !metaFailed) {
      int e = out.add(u, needs, excl);
      String label = mk.labelOf(u);
      if (label != null) {
        out.ephemeral(e, "label", label);
      }
    }
    return nPlans;
  }

  /**
   * Whether the job's aggregate {@code agg} can be added to subtree plan {@code p} over the job's
   * window, as Fluxion's planner_multi_add_span adds it type by type. When a type does not fit
   * there (the plan holds spans a failed partial cancel left), Fluxion's upd_agfilter fails: the
   * spans already added for the types before it stay in the plan under no job ({@link
   * #LEAKED_SPAN}), and upd_sched then neither passes the vertex's aggregates up nor emits it,
   * while the match still succeeds.
   */
  private boolean aggregateFits(SubtreePlan p, long[] agg) {
    for (int k = 0; k < p.types.length; k++) {
      if (p.minAvailDuring(k, meta.at, meta.duration) < agg[p.types[k]]) {
        if (k > 0) {
          long[] leaked = new long[agg.length];
          for (int j = 0; j < k; j++) {
            leaked[p.types[j]] = agg[p.types[j]];
          }
          p.addRefused(LEAKED_SPAN, meta.at, meta.at + meta.duration, leaked, k);
          st.stranded.add(LEAKED_SPAN);
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Before the job's spans are added at {@code u}: an entry the same job id already has there (a
   * match whose writer failed after the update committed it is forgotten by resource-query, which
   * then gives the next job the same id) is handed over to {@link #LEAKED_SPAN}. Fluxion keys a
   * vertex's allocations, tags, exclusivity spans and aggregate spans by job id, so the new spans
   * overwrite the map entries and the earlier spans stay in the planners under no job: they keep
   * holding their units for good, and a cancel removes only the new ones. (An earlier aggregate
   * span is handed over likewise where the new one is added.) Only the maps the new job writes are
   * overwritten: where the earlier entry holds units and the new one adds none ({@code units}
   * false: it only shares the vertex) or adds them to the other map ({@code kind}: an allocation
   * against a reservation), the earlier plan span stays under the job and only its exclusivity span
   * (a unitless copy of its window) is left behind; {@link #removeAt} then removes what Fluxion's
   * cancel does. Not called where upd_plan refused the new span: upd_sched stops before upd_meta,
   * so nothing of the earlier entry is overwritten.
   */
  private void leakEarlierEntries(int u, boolean units, byte kind) {
    VertexSchedule s = st.sched[u];
    int i = s == null ? -1 : s.indexOf(meta.jobId);
    if (i < 0) {
      return;
    }
    VertexSchedule w = st.schedForWrite(u);
    i = w.indexOf(meta.jobId);
    if (w.units[i] == 0 || (units && w.kind[i] == kind)) {
      w.rekey(meta.jobId, LEAKED_SPAN);
    } else {
      w.add(LEAKED_SPAN, w.start[i], w.end[i], 0, VertexSchedule.SHARED);
    }
    st.stranded.add(LEAKED_SPAN);
  }

  /**
   * A full cancel at {@code u}: Fluxion's mod_dfv removes the job's tag and exclusivity span and
   * one plan span, the allocation's if there is one, else the reservation's. A job holds two
   * entries here only after a reused id kept an earlier plan span ({@link #leakEarlierEntries}):
   * where both hold units (an allocation and a reservation) the reservation stays, else both go.
   */
  private void removeAt(int u, long jobId) {
    VertexSchedule s = st.schedForWrite(u);
    int first = s.indexOf(jobId);
    int second = -1;
    for (int i = first + 1; first >= 0 && i < s.n; i++) {
      if (s.isLive(i) && s.job[i] == jobId) {
        second = i;
        break;
      }
    }
    if (second < 0) {
      s.remove(jobId);
      return;
    }
    boolean keepOne = s.units[first] > 0 && s.units[second] > 0;
    if (keepOne && s.kind[first] != VertexSchedule.ALLOCATED) {
      // the reservation comes first: take it out and put it back after the allocation goes
      long a = s.start[first];
      long b = s.end[first];
      long n = s.units[first];
      byte k = s.kind[first];
      s.remove(jobId);
      s.remove(jobId);
      s.add(jobId, a, b, n, k);
      return;
    }
    s.remove(jobId);
    if (!keepOne) {
      s.remove(jobId);
    }
  }

  /**
   * The entries of {@code jobId} in {@code s} that hold units, as (start, end, units, kind)
   * quadruples in slot order; mostly one.
   */
  private static long[] heldSpans(VertexSchedule s, long jobId) {
    long[] out = NO_SPANS;
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i) && s.job[i] == jobId && s.units[i] > 0) {
        out = java.util.Arrays.copyOf(out, out.length + 4);
        out[out.length - 4] = s.start[i];
        out[out.length - 3] = s.end[i];
        out[out.length - 2] = s.units[i];
        out[out.length - 1] = s.kind[i];
      }
    }
    return out;
  }

  private static final long[] NO_SPANS = new long[0];

  /** What of {@code u} no job holds at any instant of the job's window (its planner's avail). */
  private long freeDuring(int u) {
    VertexSchedule s = st.sched[u];
    return s == null ? g.size(u) : g.size(u) - s.maxUnitsDuring(meta.at, meta.duration);
  }

  /** The job id of the aggregate spans a failed upd_agfilter leaves behind (see above). */
  static final long LEAKED_SPAN = Long.MIN_VALUE;

  /** Fluxion's upd_by_outedges: the slot's weight becomes the target's availability now. */
  private void updByOutedges(int slot, int tgt) {
    SubtreePlan p = st.sub[tgt];
    if (p == null || p.types.length == 0) {
      return;
    }
    // Fluxion's planners answer -1 for a time before their start at 0 (an update from R asks at
    // now = -1), which makes the weight 0
    long avail = meta.now < 0 ? -1 : p.availAt(p.types.length - 1, meta.now);
    if (avail == 0 && !p.hasJobSpan()) {
      return;
    }
    st.setWeight(slot, avail < 0 ? 0 : avail);
    mk.touch(mk.slotSource[slot]);
  }

  // ------------------------------------------------------------------ cancel

  /**
   * Fluxion's remove (full cancel): from the root through vertices tagged with the job. Returns
   * false when the walk failed at some vertex (see {@link #modDfv}), else true. When the root holds
   * no tag of the job (an earlier cancel or a rank removal's partial cancel took it), Fluxion's
   * mod_exv releases the job's allocations and reservations on every vertex but keeps their tags
   * and exclusivity spans ({@link SchedState#dropPlanHolds}), leaves the aggregates, and always
   * reports an error (its sum of return codes starts at -1): so does this, returning false (rq-diff
   * seeds 313645 and a rank removal's case-rankremove-exvcancel).
   */
  boolean remove(int root, long jobId) {
    mk.ensureScratch();
    mk.preorder = 0;
    mk.postorder = 0;
    mk.tick++;
    VertexSchedule rs = st.sched[root];
    if (rs != null && rs.indexOf(jobId) >= 0) {
      return modDfv(root, jobId);
    }
    st.dropPlanHolds(jobId, mk::touch);
    return false;
  }

  /**
   * Fluxion's mod_dfv: takes the job's tag and entry off {@code u}, its aggregate span, then walks
   * on. Where the aggregate's removal fails ({@link SubtreePlan#cancel}: span ids left stale by a
   * re-prime) the walk stops there as Fluxion's does: the tag is gone, the children keep the job,
   * the vertex does not count as post-order, its siblings are still visited, and false comes back.
   */
  private boolean modDfv(int u, long jobId) {
    mk.preorder++;
    mk.color[u] = mk.tick;
    VertexSchedule s = st.sched[u];
    if (s == null || s.indexOf(jobId) < 0) {
      return true;
    }
    SubtreePlan p = st.sub[u];
    // the job's plan spans here, should Fluxion's mod_dfv stop before its mod_plan (below): only
    // stale span ids make the aggregate's removal fail
    long[] held = p != null && p.cancelMayFail() ? heldSpans(s, jobId) : NO_SPANS;
    removeAt(u, jobId);
    mk.touch(u);
    // SubtreePlan.cancel is remove unless stale span ids make Fluxion's removal fail
    if (p != null && p.has(jobId) && !st.subForWrite(u).cancel(jobId)) {
      // mod_idata took the tag and the exclusivity span, then failed: mod_plan never ran, so the
      // plan spans stay, each in the allocations or reservations map under the job
      st.keepPlanSpans(u, jobId, held);
      return false;
    }
    boolean ok = true;
    Adjacency a = mk.adj;
    for (int i = a.start(u); i < a.end(u); i++) {
      int tgt = a.target(i);
      if (mk.color[tgt] != mk.tick) {
        ok &= modDfv(tgt, jobId);
      }
    }
    mk.postorder++;
    return ok;
  }
}
