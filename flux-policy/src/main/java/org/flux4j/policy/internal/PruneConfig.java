package org.flux4j.policy.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.PruneFilters;

/**
 * The pruning filters (resource-query's {@code -p HL:LL,...}) over one graph, and the priming of
 * the per-vertex subtree aggregates (Fluxion's {@code prime_pruning_filter}).
 *
 * <p>The spec is read and registered by flux-graph's {@link PruneFilters}, the one parser of it;
 * this class adds Fluxion's implicit filters and indexes the types for the traverser. Types tracked
 * at a vertex are its anchor's own types, then the {@code ALL} types except its own, each group in
 * Fluxion's interning order ({@link PruneFilters#trackedTypes(String, ResourceGraph)}). Leaf types
 * that no filter names are tracked at {@code cluster} vertices, as Fluxion does.
 */
final class PruneConfig {
  private final ResourceGraph g;
  private final PruneFilters filters;
  private final List<String> names;
  private int[] byGraphType;
  private final Map<String, int[]> myTypes = new LinkedHashMap<>();

  /**
   * Prune indices of the leaf types registered implicitly at cluster vertices, and whether the
   * priming walk has met a leaf of each yet: Fluxion registers such a type only when its walk
   * reaches the first leaf of it, so a cluster vertex primed before that tracks it not.
   */
  private final boolean[] implicit;

  private final boolean[] met;

  /**
   * The filters of {@code spec} over {@code g}, plus Fluxion's implicit ones: the type of every
   * leaf of the dominant subsystem {@code dom} (a member without out-edges in any subsystem) that
   * is not yet tracked is tracked at cluster vertices. Leaves outside {@code dom} (e.g. the power
   * vertices of a JGF with a power subsystem) are never met by Fluxion's priming walk and add
   * nothing.
   *
   * @throws IllegalArgumentException if {@code spec} does not parse (see {@link
   *     PruneFilters#parse})
   */
  PruneConfig(ResourceGraph g, String spec, int dom) {
    this.g = g;
    PruneFilters f = PruneFilters.parse(spec).mutableCopy();
    // leaf types not yet tracked are tracked at cluster vertices
    List<String> implicitNames = new java.util.ArrayList<>();
    boolean[] seen = new boolean[Math.max(1, maxType() + 1)];
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.isMember(v, dom) && outDegreeAll(v) == 0 && !seen[g.typeOf(v)]) {
        seen[g.typeOf(v)] = true;
        String t = g.type(v);
        if (!f.isPruningType(t)) {
          f.register("cluster", t);
          implicitNames.add(t);
        }
      }
    }
    this.filters = f;
    this.names = f.pruningTypes();
    reindex();
    implicit = new boolean[names.size()];
    for (String t : implicitNames) {
      implicit[names.indexOf(t)] = true;
    }
    met = new boolean[names.size()];
  }

  private PruneConfig(PruneConfig o, ResourceGraph g) {
    this.g = g;
    filters = o.filters;
    names = o.names;
    byGraphType = o.byGraphType;
    myTypes.putAll(o.myTypes);
    implicit = o.implicit;
    met = o.met.clone();
  }

  /**
   * The same filters over {@code g}, a copy of this configuration's graph (same type ids): for an
   * engine's copy, whose priming after grow or shrink must read its own graph. O(filters).
   */
  PruneConfig forGraph(ResourceGraph g) {
    return new PruneConfig(this, g);
  }

  private int maxType() {
    int m = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      m = Math.max(m, g.typeOf(v));
    }
    return m;
  }

  private int outDegreeAll(int v) {
    int d = 0;
    for (int s = 0; s < g.subsystems().size(); s++) {
      d += g.out(s).degree(v);
    }
    return d;
  }

  private void reindex() {
    int types = Math.max(64, maxType() + 1);
    byGraphType = new int[types];
    java.util.Arrays.fill(byGraphType, -1);
    for (int i = 0; i < names.size(); i++) {
      int t = g.typeId(names.get(i));
      if (t >= 0 && t < types) {
        byGraphType[t] = i;
      }
    }
    myTypes.clear();
  }

  /** How many prune types there are (array length of per-type vectors). */
  int count() {
    return names.size();
  }

  /** The prune index of a graph type id, or -1. */
  int pruneIndexOfType(int graphType) {
    return graphType >= 0 && graphType < byGraphType.length ? byGraphType[graphType] : -1;
  }

  /**
   * The prune index of a type by name, or -1: a type of the filters is a pruning type even when the
   * graph has no vertex of it (Fluxion's is_pruning_type reads the filters, not the graph).
   */
  int pruneIndexOfName(String typeName) {
    return names.indexOf(typeName);
  }

  /** The prune type name at index {@code i}. */
  String name(int i) {
    return names.get(i);
  }

  /** The prune indices tracked at vertices of {@code typeName}, in Fluxion's order. */
  int[] myPruningTypes(String typeName) {
    int[] cached = myTypes.get(typeName);
    if (cached != null) {
      return cached;
    }
    List<String> out = filters.trackedTypes(typeName, g);
    int[] r = new int[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = names.indexOf(out.get(i));
    }
    myTypes.put(typeName, r);
    return r;
  }

  /** {@code types} without the implicit leaf types the priming walk has not met yet. */
  private int[] metOnly(int[] types) {
    int keep = 0;
    for (int k : types) {
      if (!implicit[k] || met[k]) {
        keep++;
      }
    }
    if (keep == types.length) {
      return types;
    }
    int[] r = new int[keep];
    int j = 0;
    for (int k : types) {
      if (!implicit[k] || met[k]) {
        r[j++] = k;
      }
    }
    return r;
  }

  /** Creates the subtree aggregates of every vertex under {@code root} in subsystem {@code s}. */
  long[] prime(int root, int s, SchedState st) {
    Adjacency a = g.out(s);
    return primeAt(root, a, st, new boolean[g.vertexLimit()]);
  }

  /**
   * Recomputes the totals after the topology changed, keeping every vertex's spans (they are
   * rebuilt by the caller where needed); a live vertex the root no longer reaches keeps its
   * aggregate untouched.
   */
  void reprime(int root, SchedState st) {
    SubtreePlan[] old = st.sub.clone();
    for (int v = 0; v < old.length; v++) {
      if (old[v] != null) {
        st.setSub(v, null);
      }
    }
    boolean[] reached = new boolean[g.vertexLimit()];
    primeAt(root, g.out(0), st, reached);
    for (int v = 0; v < st.sub.length; v++) {
      SubtreePlan now = st.sub[v];
      if (old[v] != null && v < reached.length && !reached[v] && g.isLive(v)) {
        // a vertex the walk from the root no longer reaches (a rank removal left it without a
        // parent) keeps its aggregate as it was: Fluxion's prime never visits it
        st.setSub(v, old[v]);
        continue;
      }
      if (now == null || old[v] == null) {
        continue;
      }
      if (Arrays.equals(old[v].types, now.types)) {
        st.setSub(v, old[v].withTotals(now.totals, v == root));
      } else if (old[v].n > 0) {
        // Fluxion's planner_multi_update keeps the spans under the new types
        st.setSub(v, old[v].retyped(now.types, now.totals, v == root));
      } else {
        now.added = old[v].added;
      }
    }
  }

  private long[] primeAt(int u, Adjacency a, SchedState st, boolean[] visiting) {
    visiting[u] = true;
    long[] res = new long[count()];
    int pt = pruneIndexOfType(g.typeOf(u));
    if (pt >= 0) {
      res[pt] += g.size(u);
    }
    if (outDegreeAll(u) == 0) {
      if (pt >= 0) {
        met[pt] = true;
      }
      return res;
    }
    long[] dfv = new long[count()];
    for (int i = a.start(u); i < a.end(u); i++) {
      int t = a.target(i);
      if (visiting[t] || !g.isLive(t)) {
        continue;
      }
      long[] c = primeAt(t, a, st, visiting);
      for (int k = 0; k < dfv.length; k++) {
        dfv[k] += c[k];
      }
    }
    for (int k = 0; k < dfv.length; k++) {
      res[k] += dfv[k];
    }
    int[] my = metOnly(myPruningTypes(g.type(u)));
    if (my.length > 0) {
      long[] totals = new long[my.length];
      for (int k = 0; k < my.length; k++) {
        totals[k] = dfv[my[k]];
      }
      st.setSub(u, new SubtreePlan(my, totals));
    }
    return res;
  }
}
