package org.flux4j.graph.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.PruneFilters;

/**
 * Fluxion's pruning filters over a resource graph: at each vertex whose type tracks some resource
 * types (see {@link PruneFilters#trackedTypes}), a {@link PlannerMulti} whose totals are the
 * numbers of units (sums of sizes) of those types among the vertex's containment
 * <em>descendants</em> (the vertex itself is not counted in its own aggregate, only in its
 * ancestors'). The matcher asks {@link #fits} before descending into a subtree, and records each
 * job's span at every ancestor of what it allocated ({@link #addSpan}).
 *
 * <p>Built as flux-sched {@code dfu_impl_t::prime_pruning_filter} primes them: one depth-first walk
 * of the containment subsystem from its roots, children in edge order; leaves (vertices with no
 * out-edge in any subsystem) get no planner, and a leaf type that is not tracked anywhere is
 * registered as tracked at {@code cluster} vertices (so the root learns about every leaf type).
 * Vertices whose type tracks nothing get no planner and cost one null reference.
 *
 * <p>Requests and amounts are vectors indexed by <em>aggregate type index</em> ({@link #typeIndex},
 * over {@link #types()}), the same at every vertex, so a matcher can build one vector per request.
 * Not thread-safe.
 */
final class SubtreeAggregates {
  /** The sentinel for "no span" (returned where a vertex keeps no planner). */
  public static final long NONE = -1;

  private static final String CLUSTER = "cluster";

  /*
   * Implementation notes. plans[v] is the vertex's PlannerMulti or null; each PlannerMulti carries
   * in its package-private field typeMap the aggregate type index of each of its planners (one
   * shared int[] per distinct type list). Aggregate type indices are the registration order of
   * filters.pruningTypes(), which only grows (leaf types registered while priming).
   *
   * Copy-on-write: after copy(), the original and the copy share every PlannerMulti and both mark
   * all of them in their shared bitset; the first change through either instance (addSpan,
   * removeSpan, reduceSpan, reprime, or plannerOrNull, which hands out a writable planner) copies
   * that vertex's planner and clears its bit. Reads (fits, availableDuring, total) never copy.
   */
  private final long base;
  private final long horizon;
  private final PruneFilters filters;
  private PlannerMulti[] plans;
  private BitSet shared = new BitSet();
  private BitSet present = new BitSet(); // vertices with a planner
  private long[] scratch = new long[4];
  // one shared (names, aggregate indices) pair per distinct tracked-type list
  private final java.util.Map<List<String>, TypeList> typeLists = new java.util.HashMap<>();

  private static final class TypeList {
    final String[] names;
    final int[] map;

    TypeList(String[] names, int[] map) {
      this.names = names;
      this.map = map;
    }
  }

  private SubtreeAggregates(long base, long horizon, PruneFilters filters, int vertices) {
    this.base = base;
    this.horizon = horizon;
    this.filters = filters;
    this.plans = new PlannerMulti[vertices];
  }

  /**
   * Builds the aggregates of {@code graph} for the pruning filters {@code pruneFilters}, each
   * planner over {@code [base, base + horizon)}. O(V + E) plus one planner per tracking vertex.
   *
   * @throws IllegalArgumentException if {@code horizon < 1} or {@code pruneFilters} does not parse
   *     (an {@code HL:LL[,HL:LL...]} spec such as {@code ALL:core,ALL:node})
   */
  public static SubtreeAggregates build(
      ResourceGraph graph, String pruneFilters, long base, long horizon) {
    return build(graph, PruneFilters.parse(pruneFilters), base, horizon);
  }

  /** As {@link #build(ResourceGraph, String, long, long)} for parsed filters. */
  static SubtreeAggregates build(
      ResourceGraph graph, PruneFilters filters, long base, long horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("aggregates: horizon " + horizon + " must be at least 1");
    }
    SubtreeAggregates a =
        new SubtreeAggregates(base, horizon, filters.mutableCopy(), graph.vertexLimit());
    a.prime(graph);
    return a;
  }

  /**
   * An independent copy, for what-if clones; copy-on-write, so it costs O(V) now and one planner
   * copy at each vertex on its first change in either instance.
   */
  public SubtreeAggregates copy() {
    SubtreeAggregates c = new SubtreeAggregates(base, horizon, filters.mutableCopy(), 0);
    c.plans = plans.clone();
    c.present = (BitSet) present.clone();
    shared = (BitSet) present.clone();
    c.shared = (BitSet) present.clone();
    c.typeLists.putAll(typeLists);
    return c;
  }

  /** The planner of {@code v} for writing: copied first if a copy of this instance shares it. */
  private PlannerMulti own(int v) {
    if (v < 0 || v >= plans.length) {
      return null;
    }
    PlannerMulti p = plans[v];
    if (p != null && shared.get(v)) {
      p = p.copy();
      plans[v] = p;
      shared.clear(v);
    }
    return p;
  }

  /** The planner of {@code v} for reading, or null. */
  private PlannerMulti read(int v) {
    return v >= 0 && v < plans.length ? plans[v] : null;
  }

  /**
   * Re-primes after the graph grew or shrank (Fluxion re-initialises its traverser): existing
   * planners get their totals and types updated (spans kept, see {@link PlannerMulti#update}), new
   * vertices get planners; planners of removed vertices are dropped. O(V + E).
   */
  public void reprime(ResourceGraph graph) {
    if (graph.vertexLimit() > plans.length) {
      plans = Arrays.copyOf(plans, graph.vertexLimit());
    }
    for (int v = 0; v < plans.length; v++) {
      if (plans[v] != null && !graph.isLive(v)) {
        plans[v] = null;
        shared.clear(v);
        present.clear(v);
      }
    }
    prime(graph);
  }

  // ---------------------------------------------------------------- priming

  private void prime(ResourceGraph g) {
    int n = g.vertexLimit();
    int nsub = g.subsystems().size();
    Adjacency[] outs = new Adjacency[nsub];
    for (int s = 0; s < nsub; s++) {
      outs[s] = g.out(s);
    }
    Adjacency out = outs[0];
    // graph type id -> aggregate index (-1 untracked); also bounds how many indices can appear
    IntIntHashMap pruneIndex = new IntIntHashMap();
    for (int v = 0; v < n; v++) {
      if (g.isLive(v) && !pruneIndex.containsKey(g.typeOf(v))) {
        pruneIndex.put(g.typeOf(v), filters.pruningIndex(g.type(v)));
      }
    }
    int width = filters.pruningCount() + pruneIndex.size();
    BitSet visited = new BitSet(n);
    int[] stackV = new int[16];
    int[] stackE = new int[16];
    long[][] acc = new long[16][];
    long[] rootSink = new long[width];
    for (int root : g.roots()) {
      if (visited.get(root) || !enter(g, root, outs, visited, pruneIndex, rootSink)) {
        continue; // visited, or a leaf root
      }
      stackV[0] = root;
      stackE[0] = out.start(root);
      acc[0] = zeroed(acc[0], width);
      int sp = 1;
      while (sp > 0) {
        int u = stackV[sp - 1];
        int e = stackE[sp - 1];
        if (e < out.end(u)) {
          stackE[sp - 1] = e + 1;
          int c = out.target(e);
          if (!visited.get(c) && enter(g, c, outs, visited, pruneIndex, acc[sp - 1])) {
            if (sp == stackV.length) {
              stackV = Arrays.copyOf(stackV, sp * 2);
              stackE = Arrays.copyOf(stackE, sp * 2);
              acc = Arrays.copyOf(acc, sp * 2);
            }
            stackV[sp] = c;
            stackE[sp] = out.start(c);
            acc[sp] = zeroed(acc[sp], width);
            sp++;
          }
          continue;
        }
        // post-visit: u's aggregate over its descendants is complete
        sp--;
        long[] dfv = acc[sp];
        finish(g, u, dfv);
        long[] to = sp > 0 ? acc[sp - 1] : rootSink;
        for (int i = 0; i < width; i++) {
          to[i] += dfv[i];
        }
      }
    }
  }

  /**
   * Pre-visits {@code u}: counts it into its parent's accumulator if its type is tracked; for a
   * leaf of an untracked type, registers the type as tracked at cluster vertices first. Returns
   * whether to descend (u is not a leaf).
   */
  private boolean enter(
      ResourceGraph g,
      int u,
      Adjacency[] outs,
      BitSet visited,
      IntIntHashMap pruneIndex,
      long[] parentAcc) {
    visited.set(u);
    int t = g.typeOf(u);
    int idx = pruneIndex.get(t);
    if (idx >= 0) {
      parentAcc[idx] += g.size(u);
    }
    for (Adjacency a : outs) {
      if (a.degree(u) > 0) {
        return true;
      }
    }
    if (idx < 0) {
      filters.register(CLUSTER, g.type(u));
      idx = filters.pruningIndex(g.type(u));
      pruneIndex.put(t, idx);
      parentAcc[idx] += g.size(u);
    }
    return false;
  }

  private void finish(ResourceGraph g, int u, long[] dfv) {
    List<String> types = filters.trackedTypes(g.type(u));
    if (types.isEmpty()) {
      return;
    }
    long[] totals = new long[types.size()];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = dfv[filters.pruningIndex(types.get(i))];
    }
    TypeList tl = typeList(types);
    PlannerMulti p = own(u);
    if (p == null) {
      p = PlannerMulti.createShared(base, horizon, totals, tl.names);
      plans[u] = p;
      present.set(u);
    } else {
      p.update(totals, tl.names);
    }
    p.typeMap = tl.map;
  }

  private TypeList typeList(List<String> types) {
    TypeList tl = typeLists.get(types);
    if (tl == null) {
      int[] m = new int[types.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = filters.pruningIndex(types.get(i));
      }
      tl = new TypeList(types.toArray(new String[0]), m);
      typeLists.put(List.copyOf(types), tl);
    }
    return tl;
  }

  private static long[] zeroed(long[] a, int width) {
    if (a == null || a.length < width) {
      return new long[width];
    }
    Arrays.fill(a, 0);
    return a;
  }

  /**
   * Checks the invariants against {@code graph}: every planner's totals equal the units of its
   * types among the vertex's live containment descendants, and no planner has a point with negative
   * or above-total availability. For tests and debugging: O(V * depth + points).
   *
   * @throws IllegalStateException naming the first vertex, type and value that is wrong
   */
  public void checkConsistency(ResourceGraph graph) {
    java.util.Map<Integer, long[]> counts = new java.util.HashMap<>();
    int width = filters.pruningCount();
    for (int u = 0; u < graph.vertexLimit(); u++) {
      if (!graph.isLive(u)) {
        continue;
      }
      int k = filters.pruningIndex(graph.type(u));
      if (k < 0) {
        continue;
      }
      for (int a = graph.parent(u); a >= 0; a = graph.parent(a)) {
        if (hasPlanner(a)) {
          counts.computeIfAbsent(a, x -> new long[width])[k] += graph.size(u);
        }
      }
    }
    for (int v = 0; v < plans.length; v++) {
      PlannerMulti p = plans[v];
      if (p == null || !graph.isLive(v)) {
        continue;
      }
      long[] c = counts.getOrDefault(v, new long[width]);
      for (int i = 0; i < p.size(); i++) {
        Planner q = p.planner(i);
        long expect = c[p.typeMap[i]];
        if (q.total() != expect) {
          throw new IllegalStateException(
              "aggregates: "
                  + graph.path(v)
                  + " tracks "
                  + q.total()
                  + " "
                  + p.type(i)
                  + " but its subtree holds "
                  + expect);
        }
        for (int j = 0; j < q.pointCount(); j++) {
          long r = q.pointRemaining(j);
          if (r < 0 || r > q.total()) {
            throw new IllegalStateException(
                "aggregates: "
                    + graph.path(v)
                    + " has "
                    + r
                    + " "
                    + p.type(i)
                    + " free at "
                    + q.pointTime(j)
                    + " of "
                    + q.total());
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- types

  /** The effective filters, including leaf types registered while priming. */
  PruneFilters filters() {
    return filters.mutableCopy();
  }

  /** The aggregate types, in aggregate-index order. */
  public List<String> types() {
    return new ArrayList<>(filters.pruningTypes());
  }

  /** The aggregate index of {@code type}, or -1 if no vertex aggregates it. */
  public int typeIndex(String type) {
    return filters.pruningIndex(type);
  }

  // ---------------------------------------------------------------- per vertex

  /** Whether {@code v} keeps a planner (it is not a leaf and its type tracks something). */
  public boolean hasPlanner(int v) {
    return v >= 0 && v < plans.length && plans[v] != null;
  }

  /**
   * The planner of {@code v}, or null if it keeps none. Changing it directly is allowed (it is the
   * same object the other methods use; if a copy shared it, it is copied first).
   */
  public PlannerMulti plannerOrNull(int v) {
    return own(v);
  }

  /** How many vertices keep a planner. */
  public int plannerCount() {
    return present.cardinality();
  }

  /**
   * The total units of {@code type} among {@code v}'s descendants as tracked at {@code v}, or -1 if
   * {@code v} does not track the type.
   */
  public long total(int v, String type) {
    PlannerMulti p = read(v);
    return p == null ? -1 : p.totalByType(type);
  }

  /**
   * The fewest units of {@code type} free under {@code v} during {@code [at, at + duration)}, or -1
   * if {@code v} does not track the type.
   *
   * @throws IllegalArgumentException as {@link Planner#availableDuring}
   */
  public long availableDuring(int v, String type, long at, long duration) {
    PlannerMulti p = read(v);
    int i = p == null ? -1 : p.indexOf(type);
    return i < 0 ? -1 : p.planner(i).availableDuring(at, duration);
  }

  /**
   * Fills {@code out[k]}, for each aggregate type {@code k} that {@code v} tracks, with the fewest
   * units of it free under {@code v} during {@code [at, at + duration)}; other entries are left
   * untouched. Returns false (and fills nothing) if {@code v} keeps no planner.
   *
   * @throws IllegalArgumentException as {@link Planner#availableDuring}, or if {@code out} is
   *     shorter than a tracked type's index
   */
  public boolean availableDuring(int v, long at, long duration, long[] out) {
    PlannerMulti p = read(v);
    if (p == null) {
      return false;
    }
    int[] map = p.typeMap;
    for (int i = 0; i < map.length; i++) {
      if (map[i] >= out.length) {
        throw new IllegalArgumentException(
            "aggregates: output of length " + out.length + " has no slot for " + p.type(i));
      }
    }
    for (int i = 0; i < map.length; i++) {
      out[map[i]] = p.planner(i).availableDuring(at, duration);
    }
    return true;
  }

  /**
   * The request vector in {@code v}'s planner order (Fluxion's {@code count_relevant_types}): entry
   * {@code i} is {@code byAggregate[typeIndex(planner.type(i))]}, 0 beyond its length. Use it with
   * {@link PlannerMulti#availTimeFirst} on the root's planner to seek reservation times. A new
   * array; empty if {@code v} keeps no planner.
   */
  public long[] plannerVector(int v, long[] byAggregate) {
    PlannerMulti p = read(v);
    return p == null ? new long[0] : Arrays.copyOf(vector(p, byAggregate), p.size());
  }

  /**
   * Whether the subtree of {@code v} may satisfy a request of {@code counts[k]} units of each
   * aggregate type {@code k} during {@code [at, at + duration)} (Fluxion's {@code by_subplan}):
   * true if {@code v} keeps no planner; types beyond {@code counts.length} count as 0. O(types *
   * (log p + k)); allocates nothing.
   *
   * @throws IllegalArgumentException if {@code duration < 1} or a count is negative
   */
  public boolean fits(int v, long at, long duration, long[] counts) {
    PlannerMulti p = read(v);
    if (p == null) {
      return true;
    }
    long[] req = vector(p, counts);
    // planner by planner, as PlannerMulti.availDuring, without an exact-length copy
    for (int i = 0; i < p.size(); i++) {
      if (!p.planner(i).availDuring(at, duration, req[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records a job's use of {@code amounts[k]} units of each aggregate type {@code k} under {@code
   * v} during {@code [start, start + duration)}; returns the span id to pass to {@link #removeSpan}
   * and {@link #reduceSpan}, or {@link #NONE} if {@code v} keeps no planner.
   *
   * @throws IllegalArgumentException as {@link PlannerMulti#addSpan}; nothing changes
   */
  public long addSpan(int v, long start, long duration, long[] amounts) {
    PlannerMulti p = own(v);
    if (p == null) {
      return NONE;
    }
    return p.addSpan(start, duration, Arrays.copyOf(vector(p, amounts), p.size()));
  }

  /**
   * Removes a span recorded by {@link #addSpan}.
   *
   * @throws IllegalArgumentException if {@code v} has no such span
   */
  public void removeSpan(int v, long spanId) {
    PlannerMulti p = own(v);
    if (p == null) {
      throw new IllegalArgumentException("aggregates: vertex " + v + " keeps no planner");
    }
    p.removeSpan(spanId);
  }

  /**
   * Releases {@code amounts[k]} units of each aggregate type {@code k} from a span (partial
   * cancel); returns whether the span is gone (see {@link PlannerMulti#reduceSpan(long, long[])}).
   *
   * @throws IllegalArgumentException if {@code v} has no such span or an amount is more than the
   *     span holds; nothing changes
   */
  public boolean reduceSpan(int v, long spanId, long[] amounts) {
    PlannerMulti p = own(v);
    if (p == null) {
      throw new IllegalArgumentException("aggregates: vertex " + v + " keeps no planner");
    }
    return p.reduceSpan(spanId, Arrays.copyOf(vector(p, amounts), p.size()));
  }

  /**
   * Maps an aggregate-indexed vector onto {@code p}'s planner order, in a scratch array that may be
   * longer than {@code p.size()}.
   */
  private long[] vector(PlannerMulti p, long[] byAggregate) {
    int n = p.size();
    if (scratch.length < n) {
      scratch = new long[n];
    }
    long[] out = scratch;
    int[] map = p.typeMap;
    for (int i = 0; i < n; i++) {
      int k = map[i];
      out[i] = k < byAggregate.length ? byAggregate[k] : 0;
    }
    return out;
  }
}
