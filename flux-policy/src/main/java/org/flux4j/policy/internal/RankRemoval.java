package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.flux4j.graph.ResourceGraph;

/**
 * Fluxion's removal of ranks (resource-query's {@code remove RANKS false}: {@code
 * dfu_impl_t::remove(root, ranks)}, then {@code remove_subgraph(ranks)}; the caller re-primes the
 * aggregates, as resource-query's {@code initialize} does).
 *
 * <p>First every live vertex of each rank is cleared: its tags, plan spans and aggregate go,
 * whatever the job, but not its exclusivity spans (see {@link #clear}), and the units its
 * allocations held are summed per rank and resource type, over all jobs together. When some job had
 * an entry there, each ancestor of each rank's root (its first vertex with the shortest path) then
 * has the aggregate span of every such job reduced by the sums of the ranks below it ({@link
 * SubtreePlan#reduce}), so that a job that shared a rank with another loses both jobs' units, and a
 * reduction beyond what its span holds fails the removal (the vertices stay, cleared). Each
 * successful reduction also drops the job's exclusivity span at that ancestor, even where the job
 * keeps units below it (only its tag stays: {@link VertexSchedule#dropExclusivitySpan}). Then
 * exactly the vertices of the ranks leave the graph ({@link ResourceGraph#removeExactly}): where
 * only a node carries a rank, its sockets and cores stay behind, found by path but unreachable from
 * the root.
 *
 * <p>Where Fluxion leaves its own state undefined or half-changed this one differs: every rank is
 * checked before anything changes (Fluxion clears the lower ranks before it finds an unknown one);
 * a rank without a vertex or whose root has no parent fails the removal after the partial cancel
 * but before any out-edge entry goes (Fluxion asks a null vertex for its parent, or has already
 * erased the lower ranks' entries); the reductions run by ancestor and job in ascending order
 * (Fluxion's in its hash maps' order, which matters only for what a failed reduction leaves
 * reduced). Fluxion hangs where a rank's root is its parent's last child ({@code
 * remove_metadata_outedges}); this removes it. The fuzzer's generator draws neither a hang nor the
 * first two. Not thread-safe; O(V) per call.
 */
final class RankRemoval {
  private final ResourceGraph g;
  private final SchedState st;
  private final PruneConfig prune;
  private final int dom;

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
   *     writes after its first "ERROR: " (an unknown rank changes nothing; after a failed reduction
   *     or a rank that cannot be removed the partial cancel's changes stay, as in Fluxion)
   */
  int remove(int[] ranks) {
    TreeMap<Integer, IntArrayList> byRank = new TreeMap<>();
    for (int r : ranks) {
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
    for (int r : byRank.keySet()) {
      if (!known.contains(r)) {
        throw failure(
            "can't partial cancel subgraph ", "remove: " + r + " not found in by_rank map.\n");
      }
    }
    List<Integer> roots = new ArrayList<>();
    TreeMap<Integer, long[]> counts = new TreeMap<>();
    TreeSet<Long> jobs = new TreeSet<>();
    byRank.forEach(
        (r, vs) -> {
          long[] c = counts.computeIfAbsent(r, k -> new long[prune.count()]);
          int best = ResourceGraph.NONE;
          int bestLength = Integer.MAX_VALUE;
          for (int i = 0; i < vs.size(); i++) {
            int v = vs.get(i);
            clear(v, c, jobs);
            int len = g.path(v, dom).length();
            if (len < bestLength) {
              bestLength = len;
              best = v;
            }
          }
          roots.add(best);
        });
    if (!jobs.isEmpty()) {
      reduceAncestors(roots, new ArrayList<>(counts.values()), jobs);
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

  /**
   * Fluxion's clear_vertex: drops the tags, plan spans and aggregate at {@code v}, summing its
   * allocations' units, but not the exclusivity spans (its x_checker planner is not reset): each
   * stays as an entry without units of no job ({@link TraversalUpdate#LEAKED_SPAN}), which keeps
   * exclusive requests off the vertex over its window when the removal then fails and the vertex
   * stays.
   */
  private void clear(int v, long[] c, Set<Long> jobs) {
    VertexSchedule s = st.sched[v];
    List<long[]> windows = new ArrayList<>();
    if (s != null) {
      int pt = prune.pruneIndexOfType(g.typeOf(v));
      for (int i = 0; i < s.n; i++) {
        if (!s.isLive(i)) {
          continue;
        }
        if (s.job[i] != TraversalUpdate.LEAKED_SPAN) {
          jobs.add(s.job[i]);
        }
        if (s.start[i] < s.end[i]) {
          // a tag whose exclusivity span a partial cancel dropped leaves nothing to leak
          windows.add(new long[] {s.start[i], s.end[i]});
        }
        if (s.kind[i] == VertexSchedule.ALLOCATED && pt >= 0) {
          c[pt] += s.units[i];
        }
      }
    }
    st.clearVertex(v);
    if (!windows.isEmpty()) {
      VertexSchedule w = st.schedOf(v);
      for (long[] t : windows) {
        w.add(TraversalUpdate.LEAKED_SPAN, t[0], t[1], 0, VertexSchedule.SHARED);
      }
      st.stranded.add(TraversalUpdate.LEAKED_SPAN);
    }
  }

  private static IllegalArgumentException failure(String what, String detail) {
    return new IllegalArgumentException(what + "\nERROR: " + detail);
  }

  private int liveParent(int v) {
    int p = g.pathParent(v, dom);
    return p != ResourceGraph.NONE && g.isLive(p) ? p : ResourceGraph.NONE;
  }

  /**
   * Reduces, at each ancestor of each rank root, every job's aggregate span by the sums of the
   * ranks below; an ancestor without the job's tag or span is left alone, one where the job is
   * reserved fails (Fluxion's mod_plan refuses a partial cancel of a reservation).
   */
  private void reduceAncestors(List<Integer> roots, List<long[]> counts, Set<Long> jobs) {
    TreeMap<Integer, long[]> below = new TreeMap<>();
    for (int i = 0; i < roots.size(); i++) {
      long[] c = counts.get(i);
      for (int a =
              roots.get(i) == ResourceGraph.NONE ? ResourceGraph.NONE : liveParent(roots.get(i));
          a != ResourceGraph.NONE;
          a = liveParent(a)) {
        long[] acc = below.computeIfAbsent(a, k -> new long[prune.count()]);
        for (int k = 0; k < c.length; k++) {
          acc[k] += c[k];
        }
      }
    }
    below.forEach(
        (a, amounts) -> {
          for (long job : jobs) {
            reduceAt(a, job, amounts);
          }
        });
  }

  private void reduceAt(int a, long job, long[] amounts) {
    VertexSchedule s = st.sched[a];
    int k = s == null ? -1 : s.indexOf(job);
    SubtreePlan p = st.sub[a];
    if (k >= 0 && p != null && p.has(job)) {
      int r = st.subForWrite(a).reduce(job, amounts);
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
      if (r == SubtreePlan.REDUCED_AWAY && s.kind[k] == VertexSchedule.SHARED) {
        st.schedForWrite(a).remove(job);
      } else if (s.kind[k] == VertexSchedule.SHARED) {
        // mod_agfilter drops the exclusivity span even where the job keeps units below
        st.schedForWrite(a).dropExclusivitySpan(job);
      }
    }
    VertexSchedule now = st.sched[a];
    int j = now == null ? -1 : now.indexOf(job);
    if (j >= 0 && now.kind[j] == VertexSchedule.RESERVED) {
      throw failure(
          "can't partial cancel subgraph ", "remove: " + g.name(a) + ": cancel_vertex failed.\n");
    }
  }
}
