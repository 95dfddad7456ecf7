package org.flux4j.policy.internal;

import java.util.LinkedHashMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceQuery;

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
 * aggregate span reduced by the sums of the ranks below it ({@link SubtreePlan#reduce}), in
 * Fluxion's order ({@link #reduceAncestors}), which decides what a failing reduction leaves; an
 * ancestor whose span goes loses the job's tag, and the job is fully cancelled when the root loses
 * it. Such an ancestor that the job holds (its slot took it exclusively) keeps its allocation span
 * in Fluxion (mod_plan leaves allocations alone in a partial cancel): here its entry becomes a plan
 * span without tag ({@link SchedState#keepPlanSpanOnly}), and the job's later cancel, which follows
 * the tags down from the root, stops there as Fluxion's does, leaving what the job still holds
 * below. (A reduction of zero removes a tracked type's zero amount, so an ancestor whose tracked
 * types got nothing from the job loses its span even when the cancelled ranks passed up only
 * untracked types.) An ancestor without an aggregate span for the job (none is made where no
 * tracked type was passed up) keeps its tag. When the root does not carry the job, only the job's
 * allocations anywhere are dropped (the vertices keep their tags), and the partial cancel fails, as
 * Fluxion's exhaustive visit always reports.
 *
 * <p>Fluxion also drops the job's exclusivity span at an ancestor whose aggregate span was only
 * reduced, keeping its tag ({@link SchedState#afterReduction}). Not thread-safe; O(V) per call.
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

  /** Each counted rank's vertex types in the order its counts met them (Fluxion's map's keys). */
  private final IntObjectHashMap<IntArrayList> rankTypes = new IntObjectHashMap<>();

  private final IntIntHashMap rankRoot = new IntIntHashMap();

  /** The ranks in the order Fluxion's unordered {@code rank_to_root} got them. */
  private final IntArrayList rootOrder = new IntArrayList();

  /** What Fluxion's traverser logged when the cancel failed ({@link #message()}). */
  private String message = "";

  PartialCancel(ResourceGraph g, SchedState st, PruneConfig prune, int root, int dom, long jobId) {
    this.g = g;
    this.st = st;
    this.prune = prune;
    this.root = root;
    this.dom = dom;
    this.jobId = jobId;
  }

  /**
   * The messages Fluxion's traverser logs when the partial cancel fails ({@link Outcome#ERROR}),
   * each line with its newline; empty when it succeeded. When the root no longer carries the job,
   * Fluxion's exhaustive visit logs each vertex it releases with the text of errno, which the R's
   * parse left at 0 ("Success"): an rv1exec R's idset parse, or a JGF R's JSON parse (jansson
   * clears errno before it reads each number; the reader's calls that succeed set none).
   */
  String message() {
    return message;
  }

  private Outcome fail(String text) {
    message = text;
    return Outcome.ERROR;
  }

  /** Fluxion's text for a cancel_vertex that failed at {@code v}, after what it logged itself. */
  private String cancelVertexFailed(int v) {
    return "remove: cancel_vertex failed\n." + g.name(v) + ".\n";
  }

  /** The rv1exec form: every vertex of {@code ranks} that carries the job. */
  Outcome byRanks(int[] ranks) {
    // Fluxion walks the ranks in the order of its unordered_set (filled in ascending order), each
    // rank's vertices in by_rank order (vertex order); by_rank keeps a rank's key after its
    // vertices are removed (with an empty list), so a rank is known when any vertex ever had it,
    // removed or not
    int[] walked =
        StdUnorderedOrder.of(java.util.Arrays.stream(ranks).sorted().distinct().toArray());
    IntObjectHashMap<IntArrayList> byRank = new IntObjectHashMap<>();
    for (int r : walked) {
      byRank.put(r, null);
    }
    for (int v = 0; v < g.vertexLimit(); v++) {
      int r = g.rank(v);
      if (byRank.containsKey(r)) {
        IntArrayList l = byRank.get(r);
        if (l == null) {
          l = new IntArrayList();
          byRank.put(r, l);
        }
        if (g.isLive(v)) {
          l.add(v);
        }
      }
    }
    for (int rank : walked) {
      IntArrayList vs = byRank.get(rank);
      if (vs == null) {
        // Fluxion: "rank not found in by_rank map", after the ranks before it were cancelled
        return fail("remove" + rank + " not found in by_rank map.\n");
      }
      int rootLength = Integer.MAX_VALUE;
      for (int i = 0; i < vs.size(); i++) {
        int v = vs.get(i);
        VertexSchedule s = st.sched[v];
        int k = s == null ? -1 : s.indexOf(jobId);
        if (k >= 0) {
          if (!st.hasExclusivitySpan(v, jobId, k)) {
            // Fluxion's mod_idata takes the tag, then finds no exclusivity span and fails: the
            // aggregate span and any plan span stay, and the partial cancel stops here
            if (s.kind[k] == VertexSchedule.SHARED) {
              st.schedForWrite(v).remove(jobId);
            } else {
              st.keepPlanSpanOnly(v, jobId);
            }
            return fail(
                "rem_exclusive_filter: jobid isn't found in x_spans table.\n "
                    + cancelVertexFailed(v));
          }
          cancelVertex(v, s);
        }
        int len = g.path(v, dom).length();
        if (len < rootLength) {
          rootLength = len;
          rankRoot.put(rank, v);
        }
      }
    }
    // rank_to_root got the ranks with a vertex in the order they were walked
    for (int rank : walked) {
      if (rankRoot.containsKey(rank)) {
        rootOrder.add(rank);
      }
    }
    return reduceAncestors();
  }

  /**
   * The JGF form: each of {@code vertices} (in R order) must carry the job with an allocation; a
   * vertex of -1 (one the graph does not have) fails it there, as the ones before it were
   * cancelled.
   */
  Outcome byVertices(int[] vertices) {
    IntIntHashMap rootLength = new IntIntHashMap();
    IntArrayList firstSeen = new IntArrayList();
    for (int v : vertices) {
      if (v < 0) {
        return fail(ResourceQuery.PARTIAL_CANCEL_READER_REFUSED);
      }
      SubtreePlan p = st.subForWrite(v);
      if (p != null) {
        p.remove(jobId);
      }
      VertexSchedule s = st.schedForWrite(v);
      int k = s == null ? -1 : s.indexOf(jobId);
      if (k < 0) {
        return fail(ResourceQuery.PARTIAL_CANCEL_READER_REFUSED); // no exclusivity span for the job
      }
      if (!st.hasExclusivitySpan(v, jobId, k)) {
        // an earlier partial cancel's reduction here dropped the exclusivity span and kept the
        // tag: Fluxion finds no x_checker span and fails before it touches the tag
        return fail(ResourceQuery.PARTIAL_CANCEL_READER_REFUSED);
      }
      if (s.kind[k] == VertexSchedule.SHARED) {
        s.remove(jobId);
        return fail(
            ResourceQuery
                .PARTIAL_CANCEL_READER_REFUSED); // tag and exclusivity span gone, but no allocation
        // span
      }
      cancelVertex(v, s);
      int rank = g.rank(v);
      if (!rankRoot.containsKey(rank)) {
        firstSeen.add(rank);
      }
      int len = g.path(v, 0).length();
      if (len < rootLength.getIfAbsent(rank, Integer.MAX_VALUE)) {
        rootLength.put(rank, len);
        rankRoot.put(rank, v);
      }
    }
    // the JGF reader's unordered rank_to_data, met in R order, fills rank_to_root as it iterates
    rootOrder.addAll(StdUnorderedOrder.of(firstSeen.toArray()));
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
      IntArrayList types = rankTypes.getIfAbsentPut(g.rank(v), IntArrayList::new);
      if (!types.contains(g.typeOf(v))) {
        types.add(g.typeOf(v));
      }
      int pt = prune.pruneIndexOfType(g.typeOf(v));
      if (pt >= 0) {
        c[pt] += units;
      }
    }
  }

  /**
   * Reduces the job's aggregate span at each ancestor of each rank root by the sums of the ranks
   * below, in Fluxion's order: its {@code parent_counts} is an unordered map of ancestors (met
   * walking up from each rank's root, ranks in the order of the unordered {@code rank_to_root}),
   * each to an unordered map of types (filled rank by rank, each rank's types in the order of its
   * {@code rank_to_counts} map), iterated as libstdc++ does ({@link StdUnorderedOrder}); each
   * reduction names the types in that map's order, zero amounts included. The first failing
   * reduction stops it, the ones before it done, as in Fluxion.
   */
  private Outcome reduceAncestors() {
    if (rankRoot.isEmpty()) {
      return fail("remove: rank_to_root is empty.\n");
    }
    int[] fluxionIds = RankRemoval.fluxionTypeIds(g);
    LinkedHashMap<Integer, long[]> parentCounts = new LinkedHashMap<>();
    IntObjectHashMap<IntArrayList> typesBelow = new IntObjectHashMap<>();
    for (int rank : StdUnorderedOrder.of(rootOrder.toArray())) {
      long[] c = rankCounts.get(rank);
      if (c == null) {
        return fail("remove: " + rank + " not found in rank_to_counts.\n");
      }
      int[] types = RankRemoval.typeMapOrder(rankTypes.get(rank).toArray(), fluxionIds);
      for (int a = RankRemoval.liveParent(g, dom, rankRoot.get(rank));
          a != ResourceGraph.NONE;
          a = RankRemoval.liveParent(g, dom, a)) {
        long[] acc = parentCounts.computeIfAbsent(a, k -> new long[prune.count()]);
        for (int k = 0; k < c.length; k++) {
          acc[k] += c[k];
        }
        IntArrayList seen = typesBelow.getIfAbsentPut(a, IntArrayList::new);
        for (int t : types) {
          if (!seen.contains(t)) {
            seen.add(t);
          }
        }
      }
    }
    if (!carries(root)) {
      // Fluxion's mod_exv: it releases the job's plan spans everywhere and always reports an
      // error (its sum of return codes starts at -1; see TraversalUpdate#remove), logging each
      // vertex it releases with the errno then, the 0 the R's parse left
      StringBuilder log = new StringBuilder();
      int[] last = {-1};
      st.dropPlanHolds(
          jobId,
          v -> {
            if (v != last[0]) {
              last[0] = v;
              log.append("mod_exv: planner_rem_span returned -1.\nname=")
                  .append(g.name(v))
                  .append("uniq_id=")
                  .append(g.uniqId(v))
                  .append(".\nSuccess.\n");
            }
          });
      return fail(log.toString());
    }
    int[] ancestors = parentCounts.keySet().stream().mapToInt(Integer::intValue).toArray();
    for (int a : StdUnorderedOrder.of(ancestors)) {
      SubtreePlan p = st.sub[a];
      if (p == null || !p.has(jobId) || !carries(a)) {
        continue;
      }
      int[] named =
          RankRemoval.pruneTypes(
              prune, RankRemoval.typeMapOrder(typesBelow.get(a).toArray(), fluxionIds));
      int r = st.subForWrite(a).reduce(jobId, parentCounts.get(a), named);
      if (r == SubtreePlan.REDUCE_ERROR) {
        // planner_multi_reduce_span sets EINVAL for a live span it cannot reduce
        return fail(
            "mod_agfilter: planner_multi_reduce_span returned -1.\n"
                + g.name(a)
                + " Invalid argument.\n"
                + cancelVertexFailed(a));
      }
      st.afterReduction(a, jobId, r == SubtreePlan.REDUCED_AWAY);
    }
    return carries(root) ? Outcome.PARTIAL : Outcome.FULL;
  }

  private boolean carries(int v) {
    VertexSchedule s = st.sched[v];
    return s != null && s.indexOf(jobId) >= 0;
  }
}
