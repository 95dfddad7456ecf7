package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.ResourceTypes;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.JobInfo;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.VisitCounts;

/**
 * The implementation behind {@link ResourceQuery}: Fluxion's {@code dfu_traverser_t} run/schedule
 * logic (allocate, reserve at the earliest candidate time, satisfiability at the end of the
 * horizon, the early feasibility check on node counts) over a {@link Traverser}, plus the job
 * table, cancel, find and status/property access. Not thread-safe.
 */
public final class QueryEngine {
  private static final List<String> BUILTIN_TYPES = ResourceTypes.FLUXION_BUILTIN;

  private final ResourceGraph graph;
  private final ResourceQuery.Options options;
  private final PruneConfig prune;
  private final SchedState state;
  private final TraversalMarks marks;
  private final Traverser trav;
  private final TraversalUpdate upd;
  private final int root;

  /** The dominant subsystem's index in the graph (containment is 0). */
  private final int dom;

  private long totalPre;
  private long totalPost;

  /** Fluxion's metadata.nodes_up: adjusted over the whole subtree when a vertex changes status. */
  private long nodesUp;

  /**
   * Fluxion's errno as the current match has left it, 0 while the match has set none: only the
   * assignments that reach a failed update ({@link MatchResult.Uncommitted}) are modelled (a select
   * with a pruned vertex sets EBUSY, a failed select its code, the reservation search ENOENT when
   * its last candidate time matched).
   */
  private int errno;

  private static final int ENOENT = 2;

  /**
   * An engine over {@code graph}.
   *
   * @throws IllegalArgumentException if the subsystems or prune filters are invalid, or the graph
   *     has no containment root
   */
  public QueryEngine(ResourceGraph graph, ResourceQuery.Options options) {
    this.graph = graph;
    this.options = options;
    checkSubsystems(options.subsystems());
    this.dom = dominantSubsystem(graph, options.subsystems());
    this.root = dominantRoot(graph, dom);
    this.prune = new PruneConfig(graph, options.pruneFilters(), dom);
    this.state = new SchedState(graph.vertexLimit());
    prune.prime(root, dom, state);
    this.marks = new TraversalMarks(graph, dom, options.policy(), prune, state);
    this.trav =
        options.traverser() == ResourceQuery.Traverser.FLEXIBLE
            ? new FlexibleTraverser(marks, options.commitSlotPaths())
            : new Traverser(marks, options.commitSlotPaths());
    this.upd = new TraversalUpdate(marks);
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
    this.options = o.options;
    this.prune = o.prune.forGraph(g);
    this.state = o.state.copy();
    this.root = o.root;
    this.dom = o.dom;
    this.marks = new TraversalMarks(o.marks, g, prune, state);
    this.trav = o.trav.copyFor(marks);
    this.upd = new TraversalUpdate(marks);
    this.totalPre = o.totalPre;
    this.totalPost = o.totalPost;
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
      throw new IllegalArgumentException("unknown matcher subsystems: " + s);
    }
    if (!u.equals("CA")
        && !u.startsWith("C+")
        && !u.equals("ALL")
        && !u.equals("PA")
        && !u.startsWith("PA+")) {
      throw new IllegalArgumentException(
          "matcher subsystems "
              + s
              + ": only containment or power as the dominant subsystem is supported");
    }
  }

  /** The index of the dominant subsystem of a matcher name ("PA" is power, else containment). */
  private static int dominantSubsystem(ResourceGraph graph, String s) {
    String u = s.toUpperCase(java.util.Locale.ROOT);
    if (u.equals("PA") || u.startsWith("PA+")) {
      int id = graph.subsystemId("power");
      if (id < 0) {
        throw new IllegalArgumentException(
            "matcher subsystems " + s + ": the graph has no power subsystem");
      }
      return id;
    }
    return 0;
  }

  /** The root of subsystem {@code s}: a member without a parent there (lowest vertex id). */
  private static int dominantRoot(ResourceGraph graph, int s) {
    if (s == 0) {
      int[] roots = graph.roots();
      if (roots.length == 0) {
        throw new IllegalArgumentException("the graph has no containment root");
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

  /** See {@link ResourceQuery#graph()}. */
  public ResourceGraph graph() {
    return graph;
  }

  /** See {@link ResourceQuery#options()}. */
  public ResourceQuery.Options options() {
    return options;
  }

  // ------------------------------------------------------------------ match

  /** See {@link ResourceQuery#match}. */
  public MatchResult match(MatchOp op, ResourceRequest request, long jobId, long now) {
    if (op.allocates() && state.jobs.containsKey(jobId)) {
      throw new IllegalArgumentException("job " + jobId + " is already allocated or reserved");
    }
    if (request.resources().isEmpty()) {
      return new MatchResult.RequestError(jobId, "the request has no resources");
    }
    Req[] rs = Req.compile(request.resources(), graph);
    String unknown = unknownType(rs);
    if (unknown != null) {
      return new MatchResult.RequestError(jobId, "unknown resource type: " + unknown);
    }
    if (request.duration() > JobMeta.HORIZON) {
      return new MatchResult.RequestError(jobId, "duration exceeds the planner horizon");
    }
    marks.clearError();
    errno = 0;
    boolean x = trav.exclusivity(rs, root);
    long[] dfv = new long[prune.count()];
    trav.primeJobspec(rs, dfv);
    try {
      JobMeta m = new JobMeta();
      m.jobId = jobId;
      m.at = now;
      m.now = now;
      m.duration = request.duration() == 0 ? JobMeta.HORIZON : request.duration();
      m.constraint = request.constraint();
      if (op == MatchOp.WITHOUT_ALLOCATING || op == MatchOp.WITHOUT_ALLOCATING_FUTURE) {
        m.allocType = JobMeta.AllocType.NO_ALLOC;
      }
      int rc;
      if (op == MatchOp.SATISFIABILITY) {
        rc = satisfiable(rs, m, x);
        if (rc == Traverser.OK) {
          return new MatchResult.Satisfiable(jobId);
        }
        return new MatchResult.Unsatisfiable(jobId, reason());
      }
      rc = schedule(rs, m, x, op, dfv);
      if (rc == Traverser.OK && m.at >= JobMeta.HORIZON) {
        rc = Traverser.EBUSY;
      }
      if (rc != Traverser.OK) {
        return rc == Traverser.ENODEV
            ? new MatchResult.Unsatisfiable(jobId, reason())
            : new MatchResult.Busy(jobId);
      }
      if (m.at + m.duration > JobMeta.HORIZON) {
        m.duration = JobMeta.HORIZON - m.at;
      }
      ResourceSet.Builder b = upd.update(root, m);
      if (b == null) {
        return new MatchResult.Uncommitted(jobId, errno);
      }
      if (!request.queue().isEmpty()) {
        b.attribute("queue", request.queue());
      }
      ResourceSet set = b.build();
      if (m.allocType == JobMeta.AllocType.NO_ALLOC) {
        return new MatchResult.Matched(jobId, set);
      }
      boolean reserved = m.at > now || m.allocType == JobMeta.AllocType.ALLOC_ORELSE_RESERVE;
      state.jobs.put(
          jobId,
          new SchedState.JobRecord(
              jobId,
              reserved ? JobInfo.State.RESERVED : JobInfo.State.ALLOCATED,
              m.at,
              m.duration,
              set));
      return reserved
          ? new MatchResult.Reserved(jobId, set)
          : new MatchResult.Allocated(jobId, set);
    } finally {
      marks.restoreExclusiveTypes();
    }
  }

  private String reason() {
    String e = marks.errorMessage().trim();
    return e.isEmpty() ? "unsatisfiable request" : e;
  }

  private static String unknownType(Req[] rs) {
    for (Req r : rs) {
      if (r.type == -1 && !BUILTIN_TYPES.contains(r.typeName)) {
        return r.typeName;
      }
      String u = unknownType(r.with);
      if (u != null) {
        return u;
      }
    }
    return null;
  }

  private int satisfiable(Req[] rs, JobMeta m, boolean x) {
    m.allocType = JobMeta.AllocType.SATISFIABILITY;
    m.at = JobMeta.PLAN_END - m.duration - 1;
    int rc = trav.select(rs, root, m, x);
    totalPre = marks.preorder;
    totalPost = marks.postorder;
    return rc == Traverser.OK ? rc : Traverser.ENODEV;
  }

  private int schedule(Req[] rs, JobMeta m, boolean x, MatchOp op, long[] dfv) {
    int rc = requestFeasible(m, op, dfv);
    if (rc != Traverser.OK) {
      return rc;
    }
    rc = select(rs, m, x);
    if (rc == Traverser.OK) {
      totalPre = marks.preorder;
      totalPost = marks.postorder;
      return rc;
    }
    switch (op) {
      case ALLOCATE_WITH_SATISFIABILITY -> {
        JobMeta.AllocType saved = m.allocType;
        long at = m.at;
        m.allocType = JobMeta.AllocType.SATISFIABILITY;
        m.at = JobMeta.PLAN_END - m.duration - 1;
        int s = trav.select(rs, root, m, x);
        totalPre += marks.preorder;
        totalPost += marks.postorder;
        m.allocType = saved;
        m.at = at;
        return s == Traverser.OK ? Traverser.EBUSY : Traverser.ENODEV;
      }
      case ALLOCATE_ORELSE_RESERVE, WITHOUT_ALLOCATING_FUTURE -> {
        if (op == MatchOp.ALLOCATE_ORELSE_RESERVE) {
          m.allocType = JobMeta.AllocType.ALLOC_ORELSE_RESERVE;
        }
        // now first: a span whose planned end is now may still be held (its end not applied
        // yet), which refuses the allocation above; the earliest fit is then now, a reservation
        long[] times = candidateTimes(m.at, m.duration, dfv);
        for (int i = 0; i < times.length; i++) {
          m.at = times[i];
          rc = select(rs, m, x);
          totalPre += marks.preorder;
          totalPost += marks.postorder;
          if (rc == Traverser.OK) {
            if (i == times.length - 1) {
              // Fluxion's loop asks the planner for the next time before it tests rc
              errno = ENOENT;
            }
            return rc;
          }
        }
        JobMeta.AllocType saved = m.allocType;
        m.allocType = JobMeta.AllocType.SATISFIABILITY;
        m.at = JobMeta.PLAN_END - m.duration - 1;
        int s = trav.select(rs, root, m, x);
        m.allocType = saved;
        return s == Traverser.OK ? Traverser.EBUSY : Traverser.ENODEV;
      }
      default -> {
        return Traverser.EBUSY;
      }
    }
  }

  /** A select of the schedule, with the errno it leaves ({@link #errno}). */
  private int select(Req[] rs, JobMeta m, boolean x) {
    int rc = trav.select(rs, root, m, x);
    if (rc != Traverser.OK) {
      errno = rc;
    } else if (marks.preorder > marks.postorder) {
      // a vertex visit failed on the way (pruned, no match, unmet): Fluxion set EBUSY there
      errno = Traverser.EBUSY;
    }
    return rc;
  }

  /** Fluxion's planner_multi_avail_time_first/next over the root aggregate, all at once. */
  private long[] candidateTimes(long from, long d, long[] dfv) {
    SubtreePlan p = state.sub[root];
    org.eclipse.collections.impl.set.sorted.mutable.TreeSortedSet<Long> points =
        new org.eclipse.collections.impl.set.sorted.mutable.TreeSortedSet<>();
    if (p != null) {
      for (int k = 0; k < p.types.length; k++) {
        if (dfv[p.types[k]] > p.totals[k]) {
          return new long[0];
        }
      }
      long[] fluxion = p.fluxionAvailTimes(from, d, dfv);
      if (fluxion != null) {
        return fluxion;
      }
      // the aggregate's points are exactly the distinct span starts and ends, ascending
      org.eclipse.collections.impl.list.mutable.primitive.LongArrayList out =
          new org.eclipse.collections.impl.list.mutable.primitive.LongArrayList();
      for (int q = 0; q < p.pointCount(); q++) {
        long t = p.pointTime(q);
        if (t < from || d > JobMeta.PLAN_END - t) {
          continue;
        }
        if (p.fits(dfv, t, d)) {
          out.add(t);
        }
      }
      return out.toArray();
    } else {
      for (VertexSchedule s : state.sched) {
        if (s != null) {
          for (int i = 0; i < s.n; i++) {
            if (s.isLive(i)) {
              points.add(s.start[i]);
              points.add(s.end[i]);
            }
          }
        }
      }
    }
    org.eclipse.collections.impl.list.mutable.primitive.LongArrayList out =
        new org.eclipse.collections.impl.list.mutable.primitive.LongArrayList();
    for (long t : points) {
      if (t < from || d > JobMeta.PLAN_END - t) {
        continue;
      }
      if (p == null || p.fits(dfv, t, d)) {
        out.add(t);
      }
    }
    return out.toArray();
  }

  private int requestFeasible(JobMeta m, MatchOp op, long[] dfv) {
    int nodeType = graph.typeId("node");
    int pi = prune.pruneIndexOfName("node");
    long targetNodes = pi >= 0 ? dfv[pi] : 0;
    boolean sat = op == MatchOp.ALLOCATE_WITH_SATISFIABILITY || op == MatchOp.SATISFIABILITY;
    if (m.constraint.isEmpty() && targetNodes <= nodesUp) {
      return Traverser.OK;
    }
    if (targetNodes > nodesUp) {
      return sat ? Traverser.ENODEV : Traverser.EBUSY;
    }
    long target =
        op == MatchOp.ALLOCATE || op == MatchOp.WITHOUT_ALLOCATING ? m.at : JobMeta.HORIZON - 1;
    long feasible = 0;
    JobMeta probe = new JobMeta();
    probe.at = target;
    probe.duration = m.duration;
    for (int v = 0; v < graph.vertexLimit() && feasible < targetNodes; v++) {
      if (!graph.isLive(v) || graph.typeOf(v) != nodeType) {
        continue;
      }
      if (m.constraint.isPresent() && !Constraints.matches(graph, v, m.constraint.get())) {
        continue;
      }
      if (!sat && graph.status(v) != Status.UP) {
        continue;
      }
      VertexSchedule s = state.sched[v];
      long used = s == null ? 0 : s.maxUnitsDuring(target, m.duration);
      if (graph.size(v) - used == 1) {
        feasible++;
      }
    }
    if (feasible < targetNodes) {
      return sat ? Traverser.ENODEV : Traverser.EBUSY;
    }
    return Traverser.OK;
  }

  // ------------------------------------------------------------------ update / cancel

  /** See {@link ResourceQuery#update}. */
  public MatchResult update(
      long jobId,
      ResourceGraph r,
      java.util.function.IntPredicate exclusive,
      long at,
      long duration,
      boolean reserve) {
    if (state.jobs.containsKey(jobId)) {
      throw new IllegalArgumentException("existing jobid " + jobId);
    }
    marks.forgetVisits();
    if (at < 0 || duration <= 0) {
      throw new IllegalArgumentException("invalid time (" + at + ", " + duration + ")");
    }
    int n = graph.vertexLimit();
    boolean[] in = new boolean[n];
    long[] needs = new long[n];
    boolean[] excl = new boolean[n];
    int[] map = mapByStructure(r);
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (!r.isLive(v) || !r.isMember(v, 0)) {
        continue;
      }
      if (map[v] < 0) {
        return new MatchResult.Unsatisfiable(
            jobId, "no vertex at path " + r.path(v) + " in the resource graph");
      }
      int w = map[v];
      in[w] = true;
      needs[w] = r.size(v);
      excl[w] = exclusive != null && exclusive.test(v);
    }
    if (exclusive == null) {
      inferExclusive(in, excl);
    }
    if (!in[root]) {
      return new MatchResult.Unsatisfiable(jobId, "the R does not contain the graph's root");
    }
    long d = Math.min(duration, JobMeta.HORIZON - at);
    JobMeta m = new JobMeta();
    m.jobId = jobId;
    m.at = at;
    m.now = at;
    m.duration = d;
    m.allocType = reserve ? JobMeta.AllocType.ALLOC_ORELSE_RESERVE : JobMeta.AllocType.ALLOC;
    for (int v = 0; v < n; v++) {
      if (in[v] && excl[v]) {
        VertexSchedule sc = state.sched[v];
        long used = sc == null ? 0 : sc.maxUnitsDuring(at, d);
        if (graph.size(v) - used < needs[v] || (sc != null && sc.anyDuring(at, d))) {
          return new MatchResult.Unsatisfiable(
              jobId, "resource " + graph.path(v) + " is not available at " + at);
        }
      }
    }
    upd.markSelection(root, in, needs, excl);
    ResourceSet.Builder b = upd.update(root, m);
    if (b == null) {
      return new MatchResult.Unsatisfiable(jobId, "nothing to update");
    }
    ResourceSet set = b.build();
    state.jobs.put(
        jobId,
        new SchedState.JobRecord(
            jobId, reserve ? JobInfo.State.RESERVED : JobInfo.State.ALLOCATED, at, d, set));
    return reserve ? new MatchResult.Reserved(jobId, set) : new MatchResult.Allocated(jobId, set);
  }

  /**
   * Maps the vertices of {@code r} to this graph's: roots by containment path, then each child to
   * the child of its parent's image with the same type and name (and rank, when {@code r} gives
   * one), so that R documents with repeated host names (rv1exec) resolve by rank.
   */
  private int[] mapByStructure(ResourceGraph r) {
    int[] map = new int[r.vertexLimit()];
    java.util.Arrays.fill(map, -1);
    org.flux4j.graph.Adjacency ra = r.out(0);
    org.flux4j.graph.Adjacency ga = graph.out(0);
    int[] stack = new int[16];
    int sp = 0;
    for (int v : r.roots()) {
      var u = graph.vertexByPath(r.path(v));
      if (u.isPresent()) {
        map[v] = u.getAsInt();
        if (sp == stack.length) {
          stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = v;
      }
    }
    while (sp > 0) {
      int v = stack[--sp];
      int gv = map[v];
      for (int i = ra.start(v); i < ra.end(v); i++) {
        int c = ra.target(i);
        if (map[c] >= 0) {
          continue;
        }
        for (int j = ga.start(gv); j < ga.end(gv); j++) {
          int x = ga.target(j);
          if (graph.type(x).equals(r.type(c))
              && graph.name(x).equals(r.name(c))
              && (r.rank(c) < 0 || graph.rank(x) == r.rank(c))) {
            map[c] = x;
            break;
          }
        }
        if (map[c] >= 0) {
          if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
          }
          stack[sp++] = c;
        }
      }
    }
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (map[v] < 0 && r.isLive(v) && r.isMember(v, 0)) {
        var u = graph.vertexByPath(r.path(v));
        if (u.isPresent()) {
          map[v] = u.getAsInt();
        }
      }
    }
    return map;
  }

  /**
   * Leaves of the selection are exclusive; so is an execution target (a vertex with a rank) whose
   * children all are.
   */
  private void inferExclusive(boolean[] in, boolean[] excl) {
    org.flux4j.graph.Adjacency a = graph.out(0);
    // post-order over the containment tree from the root
    int n = graph.vertexLimit();
    int[] order = new int[n];
    int[] stack = new int[Math.max(16, n)];
    boolean[] seen = new boolean[n];
    int sp = 0;
    int k = 0;
    stack[sp++] = root;
    while (sp > 0) {
      int v = stack[--sp];
      if (seen[v]) {
        continue;
      }
      seen[v] = true;
      order[k++] = v;
      for (int i = a.start(v); i < a.end(v); i++) {
        if (sp == stack.length) {
          stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = a.target(i);
      }
    }
    for (int j = k - 1; j >= 0; j--) {
      int v = order[j];
      if (!in[v]) {
        continue;
      }
      boolean anyChildIn = false;
      boolean allChildrenExcl = a.degree(v) > 0;
      for (int i = a.start(v); i < a.end(v); i++) {
        int c = a.target(i);
        anyChildIn |= in[c];
        allChildrenExcl &= in[c] && excl[c];
      }
      // an execution target (a vertex with a rank) held in full is exclusive; containers above
      // the targets (cluster, rack) stay shared
      excl[v] = !anyChildIn || (allChildrenExcl && graph.rank(v) >= 0);
    }
  }

  /** See {@link ResourceQuery#cancel}. */
  public CancelStatus cancel(long jobId) {
    if (!state.jobs.containsKey(jobId)) {
      return CancelStatus.NO_SUCH_JOB;
    }
    SchedState.JobRecord rec = state.jobs.get(jobId);
    upd.remove(root, jobId);
    totalPre = marks.preorder;
    totalPost = marks.postorder;
    // entries that a failed partial cancel cut off from the root (the walk above follows the
    // job's tags down from the root) are still listed in the job's resources: clear them too
    boolean leftovers = false;
    ResourceSet held = rec.resources;
    for (int i = 0; i < held.size(); i++) {
      int v = held.vertex(i);
      VertexSchedule s = state.sched[v];
      if (s != null && s.indexOf(jobId) >= 0) {
        state.schedForWrite(v).remove(jobId);
        leftovers = true;
      }
      SubtreePlan p = state.sub[v];
      if (p != null && p.has(jobId)) {
        state.subForWrite(v).remove(jobId);
        leftovers = true;
      }
    }
    if (leftovers) {
      marks.forgetVisits();
    }
    state.jobs.remove(jobId);
    return CancelStatus.CANCELLED;
  }

  /** See {@link ResourceQuery#forget}. */
  public boolean forget(long jobId) {
    return state.jobs.remove(jobId) != null;
  }

  /** See {@link ResourceQuery#partialCancel}. */
  public CancelStatus partialCancel(long jobId, ResourceGraph r) {
    marks.forgetVisits();
    SchedState.JobRecord rec = state.jobs.get(jobId);
    if (rec == null) {
      return CancelStatus.NO_SUCH_JOB;
    }
    if (rec.state == JobInfo.State.RESERVED) {
      return CancelStatus.RESERVATION_NOT_SUPPORTED;
    }
    org.eclipse.collections.impl.list.mutable.primitive.IntArrayList named =
        new org.eclipse.collections.impl.list.mutable.primitive.IntArrayList();
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (r.isLive(v)) {
        var u = graph.vertexByPath(r.path(v));
        if (u.isEmpty()) {
          return CancelStatus.FAILED; // Fluxion cannot find the vertex
        }
        named.add(u.getAsInt());
      }
    }
    return finishPartial(
        rec, new PartialCancel(graph, state, prune, root, dom, jobId).byVertices(named.toArray()));
  }

  /** See {@link ResourceQuery#partialCancelRanks}. */
  public CancelStatus partialCancelRanks(long jobId, int[] ranks) {
    SchedState.JobRecord rec = state.jobs.get(jobId);
    if (rec == null) {
      return CancelStatus.NO_SUCH_JOB;
    }
    if (rec.state == JobInfo.State.RESERVED) {
      return CancelStatus.RESERVATION_NOT_SUPPORTED;
    }
    return finishPartial(
        rec, new PartialCancel(graph, state, prune, root, dom, jobId).byRanks(ranks));
  }

  private CancelStatus finishPartial(SchedState.JobRecord rec, PartialCancel.Outcome outcome) {
    // the partial cancel changed spans and aggregates without stamping the remembered visits
    marks.forgetVisits();
    // Fluxion's partial cancel reports zero visits (it walks no subtree)
    totalPre = 0;
    totalPost = 0;
    switch (outcome) {
      case FULL:
        state.jobs.remove(rec.jobId);
        return CancelStatus.CANCELLED;
      case PARTIAL:
        rec.resources = remaining(rec);
        return CancelStatus.PARTIALLY_CANCELLED;
      default:
        rec.resources = remaining(rec);
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

  /** Recomputes one job's subtree-aggregate spans from its remaining exclusive entries. */
  private void rebuildAggregates(SchedState.JobRecord rec) {
    marks.forgetVisits();
    long jobId = rec.jobId;
    ResourceSet held = rec.resources;
    org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap<long[]> acc =
        new org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap<>();
    long start = rec.at;
    long end = rec.at + rec.duration;
    for (int i = 0; i < held.size(); i++) {
      int v = held.vertex(i);
      SubtreePlan p = state.sub[v];
      if (p != null && p.has(jobId)) {
        state.subForWrite(v).remove(jobId);
      }
    }
    for (int i = 0; i < held.size(); i++) {
      int v = held.vertex(i);
      VertexSchedule sc = state.sched[v];
      int k = sc == null ? -1 : sc.indexOf(jobId);
      if (k < 0) {
        continue;
      }
      start = sc.start[k];
      end = sc.end[k];
      int pt = prune.pruneIndexOfType(graph.typeOf(v));
      for (int a = graph.parent(v); a != ResourceGraph.NONE; a = graph.parent(a)) {
        if (state.sub[a] == null) {
          continue;
        }
        long[] amounts = acc.getIfAbsentPut(a, () -> new long[prune.count()]);
        if (pt >= 0 && sc.kind[k] != VertexSchedule.SHARED) {
          amounts[pt] += graph.size(v);
        }
      }
    }
    final long s0 = start;
    final long e0 = end;
    acc.forEachKeyValue(
        (a, amounts) -> {
          VertexSchedule sa = state.sched[a];
          if (sa != null && sa.indexOf(jobId) >= 0) {
            state.subForWrite(a).add(jobId, s0, e0, amounts);
          }
        });
  }

  /** See {@link ResourceQuery#visitCounts}. */
  public VisitCounts visitCounts() {
    return new VisitCounts(totalPre, totalPost);
  }

  // ------------------------------------------------------------------ queries

  /** See {@link ResourceQuery#find}. */
  public ResourceSet find(String expression, long agfilterTime) {
    String[] names = new String[prune.count()];
    for (int i = 0; i < names.length; i++) {
      names[i] = prune.name(i);
    }
    return new Finder(graph, state, root, agfilterTime).withPruneNames(names).find(expression);
  }

  /** See {@link ResourceQuery#info}. */
  public Optional<JobInfo> info(long jobId) {
    SchedState.JobRecord r = state.jobs.get(jobId);
    return r == null
        ? Optional.empty()
        : Optional.of(new JobInfo(r.jobId, r.state, r.at, r.duration, r.resources));
  }

  /** See {@link ResourceQuery#jobs}. */
  public List<JobInfo> jobs() {
    long[] ids = state.jobs.keySet().toSortedArray();
    List<JobInfo> out = new ArrayList<>(ids.length);
    for (long id : ids) {
      out.add(info(id).orElseThrow());
    }
    return out;
  }

  /** See {@link ResourceQuery#getStatus}. */
  public Optional<Status> getStatus(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.status(v.getAsInt())) : Optional.empty();
  }

  /** See {@link ResourceQuery#setStatus}. */
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

  /** See {@link ResourceQuery#getProperties}. */
  public Optional<SortedMap<String, String>> getProperties(String path) {
    var v = graph.vertexByPath(path);
    return v.isPresent() ? Optional.of(graph.properties(v.getAsInt())) : Optional.empty();
  }

  /** See {@link ResourceQuery#setProperty}. */
  public boolean setProperty(String path, String key, String value) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    graph.setProperty(v.getAsInt(), key, value);
    return true;
  }

  /** See {@link ResourceQuery#grow}. */
  public int[] grow(ResourceGraph subgraph) {
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights = saveWeights();
    int[] added = graph.attach(subgraph);
    afterTopologyChange(weights);
    int nodeType = graph.typeId("node");
    for (int v : added) {
      if (graph.typeOf(v) == nodeType && graph.status(v) == Status.UP) {
        nodesUp++;
      }
    }
    return added;
  }

  /** See {@link ResourceQuery#shrink}. */
  public boolean shrink(String path) {
    var v = graph.vertexByPath(path);
    if (v.isEmpty() || v.getAsInt() == root) {
      return false;
    }
    removeSubtree(v.getAsInt());
    return true;
  }

  /** See {@link ResourceQuery#shrinkRanks}. */
  public int shrinkRanks(int[] ranks) {
    org.eclipse.collections.impl.set.mutable.primitive.IntHashSet set =
        new org.eclipse.collections.impl.set.mutable.primitive.IntHashSet(ranks);
    // the highest vertex of each rank is its subtree root
    List<Integer> tops = new ArrayList<>();
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (graph.isLive(v) && graph.rank(v) >= 0 && set.contains(graph.rank(v))) {
        int p = graph.parent(v);
        if (p == ResourceGraph.NONE || graph.rank(p) != graph.rank(v)) {
          tops.add(v);
        }
      }
    }
    int removed = 0;
    for (int t : tops) {
      if (graph.isLive(t) && t != root) {
        removed += removeSubtree(t);
      }
    }
    return removed;
  }

  private int removeSubtree(int v) {
    // release every job's hold inside the subtree first, then drop the vertices
    boolean[] inside = new boolean[graph.vertexLimit()];
    int[] stack = {v};
    int sp = 1;
    org.flux4j.graph.Adjacency a = graph.out(0);
    int nodeType = graph.typeId("node");
    while (sp > 0) {
      int x = stack[--sp];
      if (inside[x]) {
        continue;
      }
      inside[x] = true;
      if (graph.typeOf(x) == nodeType && graph.status(x) == Status.UP) {
        nodesUp--;
      }
      for (int i = a.start(x); i < a.end(x); i++) {
        if (sp == stack.length) {
          stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = a.target(i);
      }
    }
    org.eclipse.collections.impl.set.mutable.primitive.LongHashSet touched =
        new org.eclipse.collections.impl.set.mutable.primitive.LongHashSet();
    for (int x = 0; x < inside.length; x++) {
      VertexSchedule s = inside[x] ? state.sched[x] : null;
      if (s != null) {
        for (int i = 0; i < s.n; i++) {
          if (s.isLive(i)) {
            touched.add(s.job[i]);
          }
        }
        state.clearVertex(x);
      }
    }
    org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap weights = saveWeights();
    int count = graph.remove(v);
    afterTopologyChange(weights);
    touched.forEach(
        j -> {
          SchedState.JobRecord rec = state.jobs.get(j);
          if (rec != null) {
            rebuildAggregates(rec);
          }
        });
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
  }

  /** A copy of the out-edge weights that order stop-on-first-match traversals. O(edges). */
  public long[] orderWeights() {
    return state.weight.clone();
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

  /** See {@link ResourceQuery#checkInvariants}. */
  public void checkInvariants() {
    for (int v = 0; v < graph.vertexLimit(); v++) {
      VertexSchedule s = state.sched[v];
      if (s != null) {
        for (int i = 0; i < s.n; i++) {
          if (s.isLive(i) && !state.jobs.containsKey(s.job[i])) {
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
          if (!state.jobs.containsKey(p.job[i])) {
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
