package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.ScheduledJob;
import org.flux4j.policy.match.UncaughtFluxionException;
import org.flux4j.policy.match.VisitCounts;

/**
 * The implementation behind {@code ResourceQuery} (Fluxion's REAPI over {@code dfu_traverser_t},
 * {@code resource/traversers/dfu.cpp}): it owns the graph's scheduling state and wires the parts
 * that work on it: {@link Scheduler} (match: allocate, reserve at the earliest candidate time,
 * satisfiability), {@link UpdateFromR} (re-create an allocation from R), {@link Cancellation}
 * (cancel, partial cancel) over the traverser ({@link Traverser} or {@link FlexibleTraverser},
 * {@link TraversalUpdate}); it answers find, info, status and property queries and grows and
 * shrinks the graph itself. Built from plain {@link EngineOptions}, so this package does not depend
 * on the facade. Not thread-safe.
 */
public final class QueryEngine {
  private final ResourceGraph graph;
  private final PruneConfig prune;
  private final SchedState state;
  private final TraversalMarks marks;
  private final Scheduler scheduler;
  private final UpdateFromR fromR;
  private final Cancellation cancellation;
  private final int root;

  /** The dominant subsystem's index in the graph (containment is 0). */
  private final int dom;

  /**
   * Fluxion's metadata.nodes_up: counted when the graph is loaded and adjusted over the whole
   * subtree when a vertex changes status, but not when a subgraph is attached or removed (Fluxion's
   * add_subgraph and remove_subgraph leave the node stats alone).
   */
  private long nodesUp;

  /**
   * An engine over {@code graph}.
   *
   * @throws IllegalArgumentException if the subsystems or prune filters are invalid, or the graph
   *     has no containment root
   */
  public QueryEngine(ResourceGraph graph, EngineOptions options) {
    this.graph = graph;
    checkSubsystems(options.subsystems());
    this.dom = dominantSubsystem(graph, options.subsystems());
    this.root = dominantRoot(graph, dom);
    this.prune = new PruneConfig(graph, options.pruneFilters(), dom);
    this.state = new SchedState(graph.vertexLimit());
    prune.prime(root, dom, state);
    this.marks = new TraversalMarks(graph, dom, options.policy(), prune, state);
    this.marks.auxSubsystems(auxSubsystems(graph, options.subsystems()));
    Traverser trav =
        options.flexible()
            ? new FlexibleTraverser(marks, options.commitSlotPaths())
            : new Traverser(marks, options.commitSlotPaths());
    TraversalUpdate upd = new TraversalUpdate(marks);
    this.scheduler =
        new Scheduler(
            graph,
            state,
            prune,
            root,
            trav,
            upd,
            !options.exactVisitCounts() && !options.flexible(),
            options.searchFromNow());
    this.fromR = new UpdateFromR(graph, state, root, marks, upd);
    this.cancellation =
        new Cancellation(
            graph,
            state,
            prune,
            root,
            dom,
            marks,
            upd,
            !options.exactVisitCounts() && !options.flexible());
    int nodeType = graph.typeId("node");
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (graph.isLive(v) && graph.typeOf(v) == nodeType && graph.status(v) == Status.UP) {
        nodesUp++;
      }
    }
  }

  /** A copy of {@code o} over {@code g}, a copy of its graph: O(jobs), see {@link #copy()}. */
  private QueryEngine(QueryEngine o, ResourceGraph g) {
    this.graph = g;
    this.prune = o.prune.forGraph(g);
    this.state = o.state.copy();
    this.root = o.root;
    this.dom = o.dom;
    this.marks = new TraversalMarks(o.marks, g, prune, state);
    Traverser trav = o.scheduler.traverser().copyFor(marks);
    TraversalUpdate upd = new TraversalUpdate(marks);
    this.scheduler =
        new Scheduler(
            g,
            state,
            prune,
            root,
            trav,
            upd,
            o.scheduler.skipsMisses(),
            o.scheduler.searchesFromNow());
    if (!o.scheduler.onlyMatches()) {
      this.scheduler.stateChangedOtherwise();
    }
    this.fromR = new UpdateFromR(g, state, root, marks, upd);
    this.cancellation =
        new Cancellation(g, state, prune, root, dom, marks, upd, o.scheduler.skipsMisses());
    this.nodesUp = o.nodesUp;
  }

  /**
   * Sets the smallest subtree whose visits the traverser remembers (0 = never): a test hook to
   * compare the engine with and without remembered visits. See {@code VisitMemo}.
   */
  void rememberVisits(int minSubtree) {
    marks.rememberVisits(minSubtree);
  }

  /** The scheduling state: a test hook to check what copies share. */
  SchedState state() {
    return state;
  }

  private static void checkSubsystems(String s) {
    String u = s.toUpperCase(java.util.Locale.ROOT);
    List<String> known =
        List.of(
            "CA",
            "IBA",
            "IBBA",
            "PA",
            "PFS1BA",
            "C+IBA",
            "C+IBBA",
            "C+PA",
            "C+PFS1BA",
            "IB+IBBA",
            "C+P+IBA",
            "VA",
            "V+PFS1BA",
            "ALL");
    if (!known.contains(u)) {
      throw new IllegalArgumentException(
          "unknown matcher subsystems: "
              + s
              + " (use one of "
              + String.join(", ", known)
              + "; lower case is accepted)");
    }
    if (!u.equals("CA")
        && !u.startsWith("C+")
        && !u.equals("ALL")
        && !u.equals("PA")
        && !u.startsWith("PA+")) {
      throw new IllegalArgumentException(
          "matcher subsystems "
              + s
              + ": only containment or power as the dominant subsystem is supported (use CA, a"
              + " C+... combination, ALL or PA)");
    }
  }

  /** The index of the dominant subsystem of a matcher name ("PA" is power, else containment). */
  private static int dominantSubsystem(ResourceGraph graph, String s) {
    String u = s.toUpperCase(java.util.Locale.ROOT);
    if (u.equals("PA") || u.startsWith("PA+")) {
      int id = graph.subsystemId("power");
      if (id < 0) {
        throw new IllegalArgumentException(
            "matcher subsystems "
                + s
                + ": the graph has no power subsystem (load a graph with power edges, or use CA)");
      }
      return id;
    }
    return 0;
  }

  /**
   * The auxiliary subsystems of a matcher name, in the matcher's order (resource-query's subsystem
   * map: the dominant subsystem first, then these). Fluxion's traverser does not initialize when a
   * subsystem of the matcher has no root in the graph; neither does this.
   */
  private static int[] auxSubsystems(ResourceGraph graph, String s) {
    List<String> names =
        switch (s.toUpperCase(java.util.Locale.ROOT)) {
          case "C+IBA" -> List.of("ibnet");
          case "C+IBBA" -> List.of("ibnetbw");
          case "C+PA" -> List.of("power");
          case "C+PFS1BA" -> List.of("pfs1bw");
          case "C+P+IBA" -> List.of("power", "ibnet");
          case "ALL" -> List.of("ibnet", "ibnetbw", "pfs1bw", "power");
          default -> List.of();
        };
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      int id = graph.subsystemId(names.get(i));
      if (id < 0) {
        throw new IllegalArgumentException(
            "matcher subsystems " + s + ": the graph has no " + names.get(i) + " subsystem");
      }
      dominantRoot(graph, id);
      out[i] = id;
    }
    return out;
  }

  /** The root of subsystem {@code s}: a member without a parent there (lowest vertex id). */
  private static int dominantRoot(ResourceGraph graph, int s) {
    if (s == 0) {
      int[] roots = graph.roots();
      if (roots.length == 0) {
        throw new IllegalArgumentException(
            "the graph has no containment root: give it a vertex without a containment parent"
                + " (the cluster) before creating a ResourceQuery");
      }
      return roots[0];
    }
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (graph.isLive(v) && graph.isMember(v, s) && graph.pathParent(v, s) == ResourceGraph.NONE) {
        return v;
      }
    }
    throw new IllegalArgumentException("the graph has no root in subsystem " + s);
  }

  /** Implements {@code ResourceQuery.graph()}. */
  public ResourceGraph graph() {
    return graph;
  }

  // ------------------------------------------------------------------ match, update, cancel

  /** Implements {@code ResourceQuery.match}. */
  public MatchResult match(MatchOp op, ResourceRequest request, long jobId, long now) {
    return scheduler.match(op, request, jobId, now, nodesUp);
  }

  /** Implements {@code ResourceQuery.clearErrno}. */
  public void clearErrno() {
    scheduler.clearErrno();
  }

  /** Implements {@code ResourceQuery.traversalMessages}. */
  public String traversalMessages() {
    return scheduler.traversalMessages();
  }

  /** Implements {@code ResourceQuery.update}. */
  public MatchResult update(
      long jobId,
      ResourceGraph r,
      java.util.function.IntPredicate exclusive,
      long at,
      long duration,
      boolean reserve) {
    scheduler.stateChangedOtherwise();
    return fromR.update(jobId, r, exclusive, null, at, duration, reserve);
  }

  /** Implements {@code ResourceQuery.update} from an {@link org.flux4j.graph.io.RSubgraph}. */
  public MatchResult update(
      long jobId, org.flux4j.graph.io.RSubgraph r, long at, long duration, boolean reserve) {
    scheduler.stateChangedOtherwise();
    return fromR.update(jobId, r, at, duration, reserve);
  }

  /** Implements {@code ResourceQuery.updateRefusal}. */
  public String updateRefusal(org.flux4j.graph.io.RSubgraph r, long at, long duration) {
    return fromR.readerRefusal(r, at, duration);
  }

  /** Implements {@code ResourceQuery.updateVerticesOnly}. */
  public boolean updateVerticesOnly(
      long jobId, org.flux4j.graph.io.RSubgraph r, long at, long duration) {
    scheduler.stateChangedOtherwise();
    return fromR.updateVerticesOnly(jobId, r, at, duration);
  }

  /** Implements {@code ResourceQuery.cancel}. */
  public CancelStatus cancel(long jobId) {
    return cancellation.cancel(jobId);
  }

  /** Implements {@code ResourceQuery.cancelAll}. */
  public CancelStatus[] cancelAll(long[] jobIds) {
    return cancellation.cancelAll(jobIds);
  }

  /** Implements {@code ResourceQuery.forget}. */
  public boolean forget(long jobId) {
    return cancellation.forget(jobId);
  }

  /** Implements {@code ResourceQuery.partialCancel}. */
  public CancelStatus partialCancel(long jobId, ResourceGraph r) {
    scheduler.stateChangedOtherwise();
    return cancellation.partialCancel(jobId, r);
  }

  /** Implements {@code ResourceQuery.partialCancelVertices}. */
  public CancelStatus partialCancelVertices(long jobId, int[] vertices) {
    scheduler.stateChangedOtherwise();
    return cancellation.partialCancelVertices(jobId, vertices);
  }

  /** Implements {@code ResourceQuery.partialCancelMessages}. */
  public String partialCancelMessages() {
    return cancellation.partialCancelMessages();
  }

  /** Implements {@code ResourceQuery.partialCancelRanks}. */
  public CancelStatus partialCancelRanks(long jobId, int[] ranks) {
    scheduler.stateChangedOtherwise();
    return cancellation.partialCancelRanks(jobId, ranks);
  }

  /** Implements {@code ResourceQuery.visitCounts}. */
  public VisitCounts visitCounts() {
    return new VisitCounts(marks.totalPre, marks.totalPost);
  }

  // ------------------------------------------------------------------ queries

  /** Implements {@code ResourceQuery.find}. */
  public ResourceSet find(String expression, long agfilterTime) {
    String[] names = new String[prune.count()];
    for (int i = 0; i < names.length; i++) {
      names[i] = prune.name(i);
    }
    return new Finder(graph, state, root, agfilterTime)
        .withPruneNames(names)
        .withLevelShift(marks.levelLeak)
        .find(expression);
  }

  /** Implements {@code ResourceQuery.info}. */
  public Optional<ScheduledJob> info(long jobId) {
    SchedState.JobRecord r = state.jobs.get(jobId);
    return r == null
        ? Optional.empty()
        : Optional.of(new ScheduledJob(r.jobId, r.state, r.at, r.duration, r.resources));
  }

  /** Implements {@code ResourceQuery.jobs}. */
  public List<ScheduledJob> jobs() {
    long[] ids = state.jobs.keySet().toSortedArray();
    List<ScheduledJob> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      out.add(info(id).orElseThrow());
    }
    return out;
  }

  /** Implements {@code ResourceQuery.getStatus}. */
  public Optional<Status> getStatus(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.status(v.getAsInt())) : Optional.empty();
  }

  /** Implements {@code ResourceQuery.setStatus}. */
  public boolean setStatus(String path, Status status) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    int u = v.getAsInt();
    if (graph.status(u) != status) {
      graph.setStatus(u, status);
      int nodeType = graph.typeId("node");
      int[] stack = {u};
      int sp = 1;
      boolean[] seen = new boolean[graph.vertexLimit()];
      org.flux4j.graph.Adjacency a = graph.out(0);
      while (sp > 0) {
        int x = stack[--sp];
        if (seen[x]) {
          continue;
        }
        seen[x] = true;
        if (graph.typeOf(x) == nodeType) {
          nodesUp += status == Status.UP ? 1 : -1;
        }
        for (int i = a.start(x); i < a.end(x); i++) {
          if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
          }
          stack[sp++] = a.target(i);
        }
      }
    }
    return true;
  }

  /** Implements {@code ResourceQuery.getProperties}. */
  public Optional<SortedMap<String, String>> getProperties(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.properties(v.getAsInt())) : Optional.empty();
  }

  /** Implements {@code ResourceQuery.setProperty}. */
  public boolean setProperty(String path, String key, String value) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    graph.setProperty(v.getAsInt(), key, value);
    return true;
  }

  /** Implements {@code ResourceQuery.grow}. */
  public int[] grow(ResourceGraph subgraph) {
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights = saveWeights();
    int[] added = graph.attach(subgraph);
    afterTopologyChange(weights);
    // nodesUp stays: Fluxion's add_subgraph unpacks into the graph without recounting node stats
    return added;
  }

  /** Implements {@code ResourceQuery.shrink}. */
  public boolean shrink(String path) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty() || v.getAsInt() == root) {
      return false;
    }
    int p = graph.pathParent(v.getAsInt(), dom);
    if (p == ResourceGraph.NONE || !graph.isLive(p)) {
      // left behind by a removal of ranks: Fluxion finds no parent and fails
      return false;
    }
    removeSubtree(v.getAsInt());
    return true;
  }

  /** Implements {@code ResourceQuery.shrinkRanks}. */
  public int shrinkRanks(int[] ranks) {
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights = saveWeights();
    // a removal that fails has cleared vertices and reduced aggregates all the same (Fluxion does
    // not roll back) without changing the topology, and no update pass stamped those changes
    marks.forgetVisits();
    scheduler.stateChangedOtherwise();
    // Fluxion's dfu_traverser_t::remove(ranks) reports the visits of its walk, which zeroes its
    // counters and counts none, whether it fails or not: the next failed match reports them
    long pre = marks.totalPre;
    long post = marks.totalPost;
    marks.totalPre = 0;
    marks.totalPost = 0;
    int count;
    try {
      count = new RankRemoval(graph, state, prune, dom).remove(ranks);
    } catch (UncaughtFluxionException e) {
      // the std::out_of_range leaves dfu_traverser_t::remove before it reports the walk's visits:
      // the previous operation's stay (rq-diff seed 807997)
      marks.totalPre = pre;
      marks.totalPost = post;
      throw e;
    }
    afterTopologyChange(weights);
    return count;
  }

  /**
   * Drops the subtree at {@code v} with the schedules of its vertices (a removal by path: Fluxion's
   * remove_subgraph only disconnects the vertices, and the re-prime lowers the planners' totals):
   * the ancestors' aggregate spans keep counting what the jobs held inside, against the smaller
   * totals; where that would hold more than a total, Fluxion's planner update_total clamps the
   * remaining amount at zero, as the re-primed aggregates do ({@link SubtreePlan#withTotals(long[],
   * boolean)}).
   */
  private int removeSubtree(int v) {
    boolean[] inside = new boolean[graph.vertexLimit()];
    int[] stack = {v};
    int sp = 1;
    org.flux4j.graph.Adjacency a = graph.out(0);
    while (sp > 0) {
      int x = stack[--sp];
      if (inside[x]) {
        continue;
      }
      inside[x] = true;
      for (int i = a.start(x); i < a.end(x); i++) {
        if (sp == stack.length) {
          stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = a.target(i);
      }
    }
    for (int x = 0; x < inside.length; x++) {
      if (inside[x] && state.sched[x] != null) {
        state.clearVertex(x);
      }
    }
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights = saveWeights();
    int count = graph.remove(v);
    afterTopologyChange(weights);
    return count;
  }

  private org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap saveWeights() {
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap w =
        new org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap();
    org.flux4j.graph.Adjacency a = graph.out(0);
    for (int v = 0; v < graph.vertexLimit(); v++) {
      for (int i = a.start(v); i < a.end(v); i++) {
        if (i < state.weight.length && state.weight[i] != -1L) {
          w.put(((long) v << 32) | a.target(i), state.weight[i]);
        }
      }
    }
    return w;
  }

  private void afterTopologyChange(
      org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights) {
    state.ensureCapacity(graph.vertexLimit());
    state.resetWeights();
    marks.resize();
    org.flux4j.graph.Adjacency a = graph.out(0);
    for (int v = 0; v < graph.vertexLimit(); v++) {
      for (int i = a.start(v); i < a.end(v); i++) {
        long key = ((long) v << 32) | a.target(i);
        if (weights.containsKey(key)) {
          state.setWeight(i, weights.get(key));
        }
      }
    }
    prune.reprime(root, state);
    scheduler.topologyChanged();
  }

  /** A copy of the out-edge weights that order stop-on-first-match traversals. O(edges). */
  public long[] orderWeights() {
    return state.weight.clone();
  }

  /**
   * A reading of the out-edge weights' stamp: it changes whenever a weight changes (and when the
   * state is copied), so two equal readings mean the same weights. O(1).
   */
  public long orderStamp() {
    return state.weightStamp;
  }

  /** Whether the out-edge weights equal {@code weights} (from {@link #orderWeights}). */
  public boolean sameOrderWeights(long[] weights) {
    return java.util.Arrays.equals(state.weight, weights);
  }

  /**
   * Whether a job known to the engine (allocated or reserved) starts or ends in {@code (from, to]}.
   * O(jobs).
   */
  public boolean jobBoundaryWithin(long from, long to) {
    if (to <= from) {
      return false;
    }
    return state.jobs.anySatisfy(
        r -> (r.at > from && r.at <= to) || (r.at + r.duration > from && r.at + r.duration <= to));
  }

  /**
   * See {@link ResourceQuery#copy}: the graph is copied too (status and properties are mutable).
   * O(jobs): the graph, the scheduling state and the traverser's topology arrays are shared with
   * this engine copy-on-write, so each side pays for a part only when it first changes it (see
   * {@link SchedState}); the copy's scratch arrays and memo are allocated on its first match.
   */
  public QueryEngine copy() {
    return new QueryEngine(this, graph.copy());
  }

  /** Implements {@code ResourceQuery.checkInvariants}. */
  public void checkInvariants() {
    for (int v = 0; v < graph.vertexLimit(); v++) {
      VertexSchedule s = state.sched[v];
      if (s != null) {
        for (int i = 0; i < s.n; i++) {
          if (s.isLive(i)
              && !state.jobs.containsKey(s.job[i])
              && !state.stranded.contains(s.job[i])) {
            throw new IllegalStateException(
                "vertex " + graph.path(v) + " holds an entry of unknown job " + s.job[i]);
          }
        }
        long used = s.maxUnitsDuring(0, JobMeta.HORIZON);
        if (used > graph.size(v)) {
          throw new IllegalStateException(
              "vertex " + graph.path(v) + " over-allocated: " + used + " > " + graph.size(v));
        }
      }
      SubtreePlan p = state.sub[v];
      if (p != null) {
        for (int i = 0; i < p.n; i++) {
          if (!state.jobs.containsKey(p.job[i]) && !state.stranded.contains(p.job[i])) {
            throw new IllegalStateException(
                "aggregate of " + graph.path(v) + " holds a span of unknown job " + p.job[i]);
          }
        }
        for (int k = 0; k < p.types.length; k++) {
          if (p.minAvailDuring(k, 0, JobMeta.HORIZON) < 0) {
            throw new IllegalStateException(
                "aggregate of " + graph.path(v) + " is negative for " + prune.name(p.types[k]));
          }
        }
      }
    }
  }
}
