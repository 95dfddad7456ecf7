package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.ResourceTypes;

/**
 * Fluxion's removal of ranks (resource-query's {@code remove RANKS false}: {@code
 * dfu_impl_t::remove(root, ranks)}, then {@code remove_subgraph(ranks)}; the caller re-primes the
 * aggregates, as resource-query's {@code initialize} does).
 *
 * <p>First every live vertex of each rank, ranks in ascending order, is cleared ({@code
 * clear_vertex}): its tags and plan spans go, whatever the job, its aggregate is reset to empty
 * (the filter stays, with its totals), but its exclusivity spans stay (see {@link #clear}); the
 * units its allocations held are summed per rank and resource type, over all jobs together. When
 * some job had an entry there, each ancestor of each rank's root (its first vertex with the
 * shortest path) then has the aggregate span of every such job reduced by the sums of the ranks
 * below it ({@link SubtreePlan#reduce}), so that a job that shared a rank with another loses both
 * jobs' units, and a reduction beyond what its span holds fails the removal (the vertices stay,
 * cleared). Each reduction also drops the job's exclusivity span at that ancestor, keeping its tag
 * while its aggregate span stays ({@link SchedState#afterReduction}). Then exactly the vertices of
 * the ranks leave the graph ({@link ResourceGraph#removeExactly}): where only a node carries a
 * rank, its sockets and cores stay behind, found by path but unreachable from the root.
 *
 * <p>A failed removal is not all-or-nothing here, deliberately: resource-query's answer is the
 * reference (issue 13), and Fluxion does not roll back. A rank no vertex ever had fails the removal
 * after the lower ranks were cleared; a failed reduction leaves the ranks cleared and the
 * reductions before it done, in Fluxion's order, which is its hash maps' ({@link #reduceAncestors},
 * {@link StdUnorderedOrder}). A job reserved at an ancestor fails the removal there too, after
 * Fluxion has let go of the reservation ({@link #abandonReservation}), so that a later removal
 * below that ancestor succeeds. The library's {@code ResourceQuery.shrinkRanks} is this same
 * operation and documents it.
 *
 * <p>Where Fluxion leaves its own state undefined this one differs: a rank without a vertex or
 * whose root has no parent fails the removal after the partial cancel but before any out-edge entry
 * goes (Fluxion asks a null vertex for its parent, or has already erased the lower ranks' entries).
 * Fluxion hangs where a rank's root is its parent's last child ({@code remove_metadata_outedges});
 * this removes it. The fuzzer's generator draws neither a hang nor these. Not thread-safe; O(V) per
 * call.
 */
final class RankRemoval {
  private final ResourceGraph g;
  private final SchedState st;
  private final PruneConfig prune;
  private final int dom;

  /**
   * Whether Fluxion's errno during the removal, which mod_plan's message reads, is EINVAL ("Invalid
   * argument"): once a reduction met a type whose span an earlier one removed ({@link
   * SubtreePlan#reduceMetGoneType}). Before that it is 0 ("Success"), as resource-query's parse of
   * the ranks left it (libidset zeroes errno before it reads each number).
   */
  private boolean errnoInvalid;

  RankRemoval(ResourceGraph g, SchedState st, PruneConfig prune, int dom) {
    this.g = g;
    this.st = st;
    this.prune = prune;
    this.dom = dom;
  }

  /**
   * Removes the vertices of {@code ranks}.
   *
   * @return the number of vertices removed
   * @throws IllegalArgumentException if Fluxion fails it, with the two lines resource-query then
   *     writes after its first "ERROR: "; what Fluxion changed before it failed stays changed (an
   *     unknown rank: the lower ranks are cleared; a failed reduction: the ranks are cleared and
   *     the reductions before it done; a rank that cannot be removed: the partial cancel is done)
   */
  int remove(int[] ranks) {
    // Fluxion's std::set of ranks: ascending, each once
    int[] sorted = java.util.Arrays.stream(ranks).sorted().distinct().toArray();
    TreeMap<Integer, IntArrayList> byRank = new TreeMap<>();
    for (int r : sorted) {
      byRank.put(r, new IntArrayList());
    }
    TreeSet<Integer> known = new TreeSet<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      IntArrayList l = byRank.get(g.rank(v));
      if (l != null) {
        // Fluxion's by_rank keeps a rank's key after its vertices are removed
        known.add(g.rank(v));
        if (g.isLive(v)) {
          l.add(v);
        }
      }
    }
    List<Integer> roots = new ArrayList<>();
    IntArrayList rooted = new IntArrayList();
    TreeMap<Integer, long[]> counts = new TreeMap<>();
    // each rank's vertex types in order of first appearance (Fluxion's rank_to_counts[rank])
    TreeMap<Integer, int[]> rankTypes = new TreeMap<>();
    // the jobs in the order Fluxion's unordered_set meets them: rank, vertex, then tag order
    LongArrayList jobsFound = new LongArrayList();
    LongHashSet jobsSeen = new LongHashSet();
    for (var e : byRank.entrySet()) {
      int r = e.getKey();
      IntArrayList vs = e.getValue();
      if (!known.contains(r)) {
        // the lower ranks are cleared already, as in Fluxion
        throw failure(
            "can't partial cancel subgraph ", "remove: " + r + " not found in by_rank map.\n");
      }
      long[] c = counts.computeIfAbsent(r, k -> new long[prune.count()]);
      int best = ResourceGraph.NONE;
      int bestLength = Integer.MAX_VALUE;
      IntArrayList types = new IntArrayList();
      for (int i = 0; i < vs.size(); i++) {
        int v = vs.get(i);
        if (!types.contains(g.typeOf(v))) {
          types.add(g.typeOf(v));
        }
        for (long job : tagsOf(v)) {
          if (jobsSeen.add(job)) {
            jobsFound.add(job);
          }
        }
        clear(v, c);
        int len = g.path(v, dom).length();
        if (len < bestLength) {
          bestLength = len;
          best = v;
        }
      }
      rankTypes.put(r, types.toArray());
      roots.add(best);
      if (best != ResourceGraph.NONE) {
        rooted.add(r);
      }
    }
    if (!jobsFound.isEmpty()) {
      reduceAncestors(byRank, roots, rooted.toArray(), counts, rankTypes, jobsFound.toArray());
    }
    IntArrayList doomed = new IntArrayList();
    for (int i = 0; i < roots.size(); i++) {
      int top = roots.get(i);
      if (top == ResourceGraph.NONE || liveParent(top) == ResourceGraph.NONE) {
        throw failure("can't remove subgraph ", "");
      }
    }
    byRank.values().forEach(doomed::addAll);
    return g.removeExactly(doomed.toArray());
  }

  /** The jobs tagged at {@code v} in Fluxion's tag map order (ascending), leftovers excluded. */
  private long[] tagsOf(int v) {
    VertexSchedule s = st.sched[v];
    if (s == null) {
      return new long[0];
    }
    LongHashSet set = new LongHashSet();
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i) && s.job[i] != TraversalUpdate.LEAKED_SPAN) {
        set.add(s.job[i]);
      }
    }
    long[] t = set.toArray();
    java.util.Arrays.sort(t);
    return t;
  }

  /**
   * Fluxion's clear_vertex: drops the tags, plan spans and aggregate at {@code v}, summing its
   * allocations' units, but not the exclusivity spans (its x_checker planner is not reset): each
   * stays as an entry without units of no job ({@link TraversalUpdate#LEAKED_SPAN}), which keeps
   * exclusive requests off the vertex over its window when the removal then fails and the vertex
   * stays.
   */
  private void clear(int v, long[] c) {
    VertexSchedule s = st.sched[v];
    SubtreePlan aggregate = st.sub[v];
    List<long[]> windows = new ArrayList<>();
    if (s != null) {
      int pt = prune.pruneIndexOfType(g.typeOf(v));
      for (int i = 0; i < s.n; i++) {
        if (!s.isLive(i)) {
          continue;
        }
        if (s.start[i] < s.end[i]
            && !SchedState.isPlanOnly(s.job[i])
            && st.hasExclusivitySpan(v, s.job[i], i)) {
          // an exclusivity span, unless a reduction already dropped it (a plan span that outlived
          // its tag has none)
          windows.add(new long[] {s.start[i], s.end[i]});
        }
        if (s.kind[i] == VertexSchedule.ALLOCATED && pt >= 0) {
          c[pt] += s.units[i];
        }
      }
    }
    st.clearVertex(v);
    if (aggregate != null) {
      // planner_multi_reset: the filter stays, with its totals and no spans
      st.setSub(v, new SubtreePlan(aggregate.types, aggregate.totals.clone()));
    }
    if (!windows.isEmpty()) {
      VertexSchedule w = st.schedOf(v);
      for (long[] t : windows) {
        w.add(TraversalUpdate.LEAKED_SPAN, t[0], t[1], 0, VertexSchedule.SHARED);
      }
      st.stranded.add(TraversalUpdate.LEAKED_SPAN);
    }
  }

  /**
   * What Fluxion's mod_plan leaves of {@code job}'s reservation at {@code a} when a partial cancel
   * reaches it: it erases the job from the vertex's reservations before it refuses, but leaves the
   * span in the vertex's planner. That span now belongs to no job ({@link
   * TraversalUpdate#LEAKED_SPAN}): it holds its units for good, and the job's cancel no longer
   * finds it. The job keeps its tag unless the reduction ({@code r}) emptied its aggregate span,
   * and its exclusivity span unless a reduction was made (mod_agfilter's rem_exclusive_filter runs
   * after any successful one; {@code r} is {@link #NOT_REDUCED} where the job had no tag or no
   * aggregate span there). A later removal of ranks below {@code a} then finds no reservation there
   * and succeeds, as in Fluxion (rq-diff seed 401758).
   */
  private void abandonReservation(int a, long job, int r) {
    VertexSchedule w = st.schedForWrite(a);
    int i = w.indexOf(job);
    long from = w.start[i];
    long to = w.end[i];
    st.leak(a, job);
    if (r == SubtreePlan.REDUCED_AWAY) {
      return;
    }
    w.add(job, from, to, 0, VertexSchedule.SHARED);
    if (r != NOT_REDUCED) {
      w.dropExclusivitySpan(job);
    }
  }

  /** {@link #reduceAt}'s outcome where no aggregate span was reduced. */
  private static final int NOT_REDUCED = Integer.MIN_VALUE;

  private static IllegalArgumentException failure(String what, String detail) {
    return new IllegalArgumentException(what + "\nERROR: " + detail);
  }

  private int liveParent(int v) {
    return liveParent(g, dom, v);
  }

  /**
   * Fluxion's get_parent_vtx: {@code v}'s parent in subsystem {@code dom} while it is still in the
   * graph (a rank removal takes the rank's vertices out with their edges), else none.
   */
  static int liveParent(ResourceGraph g, int dom, int v) {
    int p = g.pathParent(v, dom);
    return p != ResourceGraph.NONE && g.isLive(p) ? p : ResourceGraph.NONE;
  }

  /**
   * Reduces, at each ancestor of each rank root, every job's aggregate span by the sums of the
   * ranks below, in Fluxion's order: its {@code parent_jobid_counts} is an unordered map of
   * ancestors (met walking up from each rank's root, ranks in the order of the unordered {@code
   * rank_to_root}) to unordered maps of jobs (each filled in the order of the unordered set of
   * jobs), iterated as libstdc++ does ({@link StdUnorderedOrder}). The first failing reduction
   * stops it: the reductions before it stay, as in Fluxion. Each reduction names the types of the
   * ranks' vertices in the order of Fluxion's per-job map of types (filled rank by rank in {@code
   * rank_to_root}'s order, each rank's types in the order of its {@code rank_to_counts} map, which
   * met them vertex by vertex), amounts of zero included ({@link SubtreePlan#reduce(long, long[],
   * int[])}).
   */
  private void reduceAncestors(
      java.util.Map<Integer, IntArrayList> byRank,
      List<Integer> roots,
      int[] rooted,
      java.util.Map<Integer, long[]> counts,
      java.util.Map<Integer, int[]> rankTypes,
      long[] jobsFound) {
    TreeMap<Integer, Integer> rootOf = new TreeMap<>();
    int i = 0;
    for (int r : byRank.keySet()) {
      rootOf.put(r, roots.get(i++));
    }
    LinkedHashMap<Integer, long[]> below = new LinkedHashMap<>();
    java.util.Map<Integer, IntArrayList> typesBelow = new java.util.HashMap<>();
    int[] fluxionIds = fluxionTypeIds(g);
    for (int r : StdUnorderedOrder.of(rooted)) {
      long[] c = counts.get(r);
      int[] types = typeMapOrder(rankTypes.get(r), fluxionIds);
      for (int a = liveParent(rootOf.get(r)); a != ResourceGraph.NONE; a = liveParent(a)) {
        long[] acc = below.computeIfAbsent(a, k -> new long[prune.count()]);
        for (int k = 0; k < c.length; k++) {
          acc[k] += c[k];
        }
        IntArrayList seen = typesBelow.computeIfAbsent(a, k -> new IntArrayList());
        for (int t : types) {
          if (!seen.contains(t)) {
            seen.add(t);
          }
        }
      }
    }
    int[] ancestors = below.keySet().stream().mapToInt(Integer::intValue).toArray();
    long[] jobOrder = StdUnorderedOrder.of(StdUnorderedOrder.of(jobsFound));
    for (int a : StdUnorderedOrder.of(ancestors)) {
      int[] named = pruneTypes(prune, typeMapOrder(typesBelow.get(a).toArray(), fluxionIds));
      for (long job : jobOrder) {
        reduceAt(a, job, below.get(a), named);
      }
    }
  }

  /**
   * The order in which Fluxion's map keyed by resource type iterates {@code graphTypes}, inserted
   * in the order given ({@link StdUnorderedOrder#resourceTypeHash}).
   */
  static int[] typeMapOrder(int[] graphTypes, int[] fluxionIds) {
    long[] hashes = new long[graphTypes.length];
    org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap typeOf =
        new org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap();
    for (int i = 0; i < graphTypes.length; i++) {
      hashes[i] = StdUnorderedOrder.resourceTypeHash(fluxionIds[graphTypes[i]]);
      typeOf.put(hashes[i], graphTypes[i]);
    }
    long[] order = StdUnorderedOrder.of(hashes);
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = typeOf.get(order[i]);
    }
    return out;
  }

  /** The prune types of {@code graphTypes} in their order, types not pruned left out. */
  static int[] pruneTypes(PruneConfig prune, int[] graphTypes) {
    IntArrayList out = new IntArrayList(graphTypes.length);
    for (int t : graphTypes) {
      int pt = prune.pruneIndexOfType(t);
      if (pt >= 0) {
        out.add(pt);
      }
    }
    return out.toArray();
  }

  /**
   * How many resource types resource-query interns after {@link ResourceTypes#FLUXION_BUILTIN} and
   * before it reads a graph: the matcher's {@code ANY_RESOURCE_TYPE} ({@code "*"}) and the empty
   * type of a default-constructed {@code resource_type_t}, seen in its interner under gdb (rq-diff
   * seed 792717: {@code memory} of {@code power.json} is type 13, after {@code pdu} at 12).
   */
  private static final int STARTUP_EXTRA_TYPES = 2;

  /**
   * Fluxion's interned id of each graph type, indexed by the graph's type id: the types flux-sched
   * interns at start-up in their declaration order ({@link ResourceTypes#FLUXION_BUILTIN}), then
   * the two more it interns before it reads a graph ({@link #STARTUP_EXTRA_TYPES}), then the
   * graph's other types in the order its reader declared them ({@link ResourceGraph#typeRank}),
   * which is the order in which Fluxion's reader interns them. A type interned by Fluxion between
   * two of the graph's (one a jobspec named before a graph grew by a new type) is not known here.
   */
  static int[] fluxionTypeIds(ResourceGraph g) {
    // every vertex's type is declared: the declared types bound the ids, no walk over the vertices
    int max = 0;
    for (int r = 0; r < g.typeCount(); r++) {
      max = Math.max(max, g.typeId(g.typeAt(r)));
    }
    int[] ids = new int[max + 1];
    int next = ResourceTypes.FLUXION_BUILTIN.size() + STARTUP_EXTRA_TYPES;
    for (int r = 0; r < g.typeCount(); r++) {
      String name = g.typeAt(r);
      int t = g.typeId(name);
      int k = ResourceTypes.FLUXION_BUILTIN.indexOf(name);
      ids[t] = k >= 0 ? k : next++;
    }
    return ids;
  }

  /**
   * Fluxion's partial cancel of {@code job} at ancestor {@code a} ({@code cancel_vertex} with
   * PARTIAL_CANCEL: mod_agfilter, then mod_plan). Where the job has a tag and an aggregate span
   * there, the span is reduced by {@code amounts}; a reduction beyond it fails the removal. After a
   * reduction the job's exclusivity span at {@code a} goes, and its tag too if the span went (an
   * allocation then stays as a plan span without tag, {@link SchedState#keepPlanSpanOnly}; an
   * allocation whose span was only reduced keeps its whole entry here). A job reserved at {@code a}
   * then fails the removal (mod_plan refuses a partial cancel of a reservation), after it has let
   * go of the reservation ({@link #abandonReservation}).
   */
  private void reduceAt(int a, long job, long[] amounts, int[] named) {
    VertexSchedule s = st.sched[a];
    int k = s == null ? -1 : s.indexOf(job);
    SubtreePlan p = st.sub[a];
    int r = NOT_REDUCED;
    if (k >= 0 && p != null && p.has(job)) {
      SubtreePlan w = st.subForWrite(a);
      r = w.reduce(job, amounts, named);
      errnoInvalid |= w.reduceMetGoneType;
      if (r == SubtreePlan.REDUCE_ERROR) {
        // as mod_agfilter words it: the reduction exceeded a live per-type span (EINVAL)
        throw failure(
            "can't partial cancel subgraph ",
            "mod_agfilter: planner_multi_reduce_span returned -1.\n"
                + g.name(a)
                + " Invalid argument.\nremove: "
                + g.name(a)
                + ": cancel_vertex failed.\n");
      }
      st.afterReduction(a, job, r == SubtreePlan.REDUCED_AWAY);
    }
    VertexSchedule now = st.sched[a];
    int j = now == null ? -1 : now.indexOf(job);
    if (j >= 0 && now.kind[j] == VertexSchedule.RESERVED) {
      abandonReservation(a, job, r);
      // mod_plan's words, with the text of the errno the removal has left (errnoInvalid)
      throw failure(
          "can't partial cancel subgraph ",
          "mod_plan: traverser tried to remove schedule and span after vtx_cancel during partial"
              + " cancel:\n"
              + g.name(a)
              + (errnoInvalid ? " Invalid argument" : " Success")
              + ".\nremove: "
              + g.name(a)
              + ": cancel_vertex failed.\n");
    }
  }
}
