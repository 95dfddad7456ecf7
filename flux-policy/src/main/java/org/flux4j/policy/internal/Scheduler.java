package org.flux4j.policy.internal;

import java.util.IdentityHashMap;
import java.util.List;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.ResourceTypes;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.ScheduledJob;

/**
 * One match of a {@link QueryEngine}: after Fluxion's {@code dfu_traverser_t} run and schedule
 * ({@code resource/traversers/dfu.cpp}): the early feasibility check on node counts, the select at
 * "now", then by operation the satisfiability check at the end of the horizon or the search for the
 * earliest candidate time a reservation fits, and the update that commits the selection and records
 * the job. Not thread-safe.
 */
final class Scheduler {
  private static final List<String> BUILTIN_TYPES = ResourceTypes.FLUXION_BUILTIN;
  private static final int ENOENT = 2;

  private final ResourceGraph graph;
  private final SchedState state;
  private final PruneConfig prune;
  private final int root;
  private final TraversalMarks marks;
  private final Traverser trav;
  private final TraversalUpdate upd;

  /** The last reservation search, replayed when a match's errno is read ({@link #match}). */
  private final ReservationWalk walk = new ReservationWalk();

  /** Where reservation searches may start, by request shape ({@link #candidateTimes}). */
  final FirstFits firstFits = new FirstFits();

  /** The busy runs of the vertices of size one, kept between matches ({@link #provenMisses}). */
  private final BusyRuns busyRuns = new BusyRuns();

  /**
   * Requests compiled against the graph, by the identity of their resource list ({@link
   * #compiled}): a queue asks for the same job many times, and compiling looks up each type's name.
   * Only the primed data ({@link Req#userData}) of a compiled request changes, and every match
   * primes it again before reading it. Dropped when the topology changes, and when it grows past
   * {@link #COMPILED_KEPT} entries.
   */
  private final IdentityHashMap<List<ResourceRequest.Item>, Req[]> compiled =
      new IdentityHashMap<>();

  private static final int COMPILED_KEPT = 1 << 16;

  /**
   * The prune index of the type named "node" (read per match by the early feasibility check), or
   * {@link #UNKNOWN} until first needed and after a topology change.
   */
  private int nodePrune = UNKNOWN;

  private static final int UNKNOWN = Integer.MIN_VALUE;

  /** Whether a select proven to miss is skipped ({@link #provenMiss}). */
  private final boolean skipMisses;

  /**
   * Whether a reservation search tries now itself first (see {@code
   * ResourceQuery.Options.searchFromNow()}); else it starts just after now, as Fluxion's does.
   */
  private final boolean searchFromNow;

  /**
   * With {@link #skipMisses}: the live vertices of each prune type (by prune index), made on first
   * use and dropped when the topology changes; null until then.
   */
  private int[][] ofPruneType;

  /**
   * With {@link #skipMisses}: by prune index, whether the type's live vertices are all leaves of
   * size one that the root's aggregate counts in full (see {@link #rootProvesMiss}); null until
   * first needed and after a topology change.
   */
  private boolean[] unitLeaves;

  /**
   * Whether only matches and full cancels changed the scheduling state so far, so that the root's
   * aggregate holds, at every instant, exactly the units held on the vertices of a type of {@link
   * #unitLeaves} (an update from R, a partial cancel, a grow or a shrink clear it for good).
   */
  private boolean onlyMatches = true;

  /** Notes that something other than a match or a full cancel changed the scheduling state. */
  void stateChangedOtherwise() {
    onlyMatches = false;
  }

  /** Whether only matches and full cancels changed the state (for a copy of the engine to copy). */
  boolean onlyMatches() {
    return onlyMatches;
  }

  /** Whether this scheduler skips selects proven to miss (for a copy of the engine to copy). */
  boolean skipsMisses() {
    return skipMisses;
  }

  /** Forgets what depends on the topology (after a grow or shrink). */
  void topologyChanged() {
    nodePrune = UNKNOWN;
    ofPruneType = null;
    unitLeaves = null;
    onlyMatches = false;
    compiled.clear();
  }

  /** Forgets the errno the earlier matches left (see {@link TraversalMarks#errno}). */
  void clearErrno() {
    marks.errno = 0;
  }

  /** The messages the last match's traversal logged ({@link TraversalMarks#errorMessage()}). */
  String traversalMessages() {
    return marks.errorMessage();
  }

  /** Whether the reservation search tries now first (for a copy of the engine to copy). */
  boolean searchesFromNow() {
    return searchFromNow;
  }

  /** The select pass this scheduler runs (for a copy of the engine to copy). */
  Traverser traverser() {
    return trav;
  }

  Scheduler(
      ResourceGraph graph,
      SchedState state,
      PruneConfig prune,
      int root,
      Traverser trav,
      TraversalUpdate upd,
      boolean skipMisses,
      boolean searchFromNow) {
    this.skipMisses = skipMisses;
    this.searchFromNow = searchFromNow;
    this.graph = graph;
    this.state = state;
    this.prune = prune;
    this.root = root;
    this.marks = trav.mk;
    this.trav = trav;
    this.upd = upd;
  }

  /**
   * Implements {@code ResourceQuery.match}; {@code nodesUp} is the number of node vertices up
   * (Fluxion's metadata.nodes_up) for the early feasibility check.
   */
  MatchResult match(MatchOp op, ResourceRequest request, long jobId, long now, long nodesUp) {
    if (op.allocates() && state.jobs.containsKey(jobId)) {
      throw new IllegalArgumentException(
          "job "
              + jobId
              + " is already allocated or reserved: cancel it first, or match under a new job id");
    }
    if (request.resources().isEmpty()) {
      return new MatchResult.RequestError(jobId, "the request has no resources");
    }
    Req[] rs = compiled.get(request.resources());
    if (rs == null) {
      rs = Req.compile(request.resources(), graph);
      Req unknown = firstUntyped(rs, false);
      if (unknown != null) {
        return new MatchResult.RequestError(jobId, "unknown resource type: " + unknown.typeName);
      }
      keepCompiled(request.resources(), rs);
    }
    marks.clearError();
    boolean x = trav.exclusivity(rs, root);
    long[] dfv = new long[prune.count()];
    trav.primeJobspec(rs, dfv);
    if (request.duration() > JobMeta.HORIZON) {
      // Fluxion checks the duration when it builds the job's metadata, after priming the jobspec,
      // and returns without resetting the exclusive types the priming added: they stay for good
      marks.keepExclusiveTypes();
      return new MatchResult.RequestError(
          jobId, "duration exceeds the planner horizon (or is negative)");
    }
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
      rc = schedule(rs, m, x, op, dfv, nodesUp);
      if (rc == Traverser.OK && m.at >= JobMeta.HORIZON) {
        rc = Traverser.EBUSY;
        marks.errno = rc;
      }
      if (rc != Traverser.OK) {
        // what resource-query makes of the failure is the errno the schedule left
        return marks.errno == Traverser.ENODEV
            ? new MatchResult.Unsatisfiable(jobId, reason())
            : new MatchResult.Busy(jobId, marks.errno);
      }
      if (m.at + m.duration > JobMeta.HORIZON) {
        m.duration = JobMeta.HORIZON - m.at;
      }
      ResourceSet.Builder b = upd.update(root, m);
      if (b == null) {
        return new MatchResult.Uncommitted(
            jobId, walk.errnoAfterMatch(state.sub[root], dfv, marks.errno));
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
              reserved ? ScheduledJob.State.RESERVED : ScheduledJob.State.ALLOCATED,
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

  /**
   * Keeps {@code rs}, compiled from {@code items}, for the next match of the same list object
   * ({@link #compiled}), unless a type of it is not in the graph (a built-in one a later grow may
   * add): only a kept array is ever looked up, so a match that finds one needs no type check.
   */
  private void keepCompiled(List<ResourceRequest.Item> items, Req[] rs) {
    if (firstUntyped(rs, true) == null) {
      if (compiled.size() >= COMPILED_KEPT) {
        compiled.clear();
      }
      compiled.put(items, rs);
    }
  }

  /**
   * The first request, in pre-order, whose type the graph lacks: a built-in type name counts only
   * with {@code builtins}; null if none.
   */
  private static Req firstUntyped(Req[] rs, boolean builtins) {
    for (Req r : rs) {
      if (r.type == -1 && (builtins || !BUILTIN_TYPES.contains(r.typeName))) {
        return r;
      }
      Req u = firstUntyped(r.with, builtins);
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
    marks.totalPre = marks.preorder;
    marks.totalPost = marks.postorder;
    return rc == Traverser.OK ? rc : Traverser.ENODEV;
  }

  private int schedule(Req[] rs, JobMeta m, boolean x, MatchOp op, long[] dfv, long nodesUp) {
    walk.clear();
    int rc = requestFeasible(m, op, dfv, nodesUp);
    if (rc != Traverser.OK) {
      marks.errno = rc;
      return rc;
    }
    rc = provenMiss(dfv, m) ? Traverser.EBUSY : trav.select(rs, root, m, x);
    if (rc == Traverser.OK) {
      marks.totalPre = marks.preorder;
      marks.totalPost = marks.postorder;
      return rc;
    }
    switch (op) {
      case ALLOCATE_WITH_SATISFIABILITY -> {
        long at = m.at;
        int left = busyOrUnsatisfiable(rs, m, x, true);
        m.at = at;
        return left;
      }
      case ALLOCATE_ORELSE_RESERVE, WITHOUT_ALLOCATING_FUTURE -> {
        if (op == MatchOp.ALLOCATE_ORELSE_RESERVE) {
          m.allocType = JobMeta.AllocType.ALLOC_ORELSE_RESERVE;
        }
        // now first (searchFromNow): a span whose planned end is now may still be held (its end
        // not applied yet), which refuses the allocation above; the earliest fit is then now, a
        // reservation. Fluxion's search starts just after now. The candidate times come in chunks
        // (the first mostly holds the match); timesCut tells whether more follow the chunk
        walk.start(m.at, m.duration, marks.errno);
        long from = searchFromNow ? m.at : m.at + 1;
        long[] times = candidateTimes(from, m.duration, dfv, TIMES_CHUNK, true);
        // worked out once a select has missed: mostly the first candidate matches
        boolean[] misses = null;
        boolean missed = false;
        for (int i = 0; i < times.length || timesCut; i++) {
          if (i == times.length) {
            // each time's verdict is its own: the next chunk goes on with the same list
            times = candidateTimes(times[i - 1] + 1, m.duration, dfv, TIMES_CHUNK, false);
            misses = missed ? provenMisses(dfv, times, m) : null;
            i = 0;
            if (times.length == 0) {
              break;
            }
          }
          m.at = times[i];
          if (misses != null && misses[i]) {
            marks.errno = Traverser.EBUSY;
            walk.selected(m.at, Traverser.EBUSY);
            continue;
          }
          int before = marks.errno;
          marks.errno = ReservationWalk.NOT_SET;
          rc = trav.select(rs, root, m, x);
          walk.selected(m.at, marks.errno);
          if (marks.errno == ReservationWalk.NOT_SET) {
            marks.errno = before;
          }
          marks.totalPre += marks.preorder;
          marks.totalPost += marks.postorder;
          if (rc == Traverser.OK) {
            if (i == times.length - 1 && !timesCut) {
              // Fluxion's loop asks the planner for the next time before it tests rc
              marks.errno = ENOENT;
            }
            return rc;
          }
          if (!missed) {
            missed = true;
            misses = provenMisses(dfv, times, m);
          }
        }
        return busyOrUnsatisfiable(rs, m, x, false);
      }
      default -> {
        // Fluxion's schedule sets EBUSY for a plain allocate that found nothing
        marks.errno = Traverser.EBUSY;
        return Traverser.EBUSY;
      }
    }
  }

  /**
   * With {@link #skipMisses}, whether a select over {@code m}'s window cannot match (then {@link
   * TraversalMarks#errno} becomes EBUSY, as a failed select leaves it): for some prune type the
   * request asks for ({@code dfv}), the units that the live vertices of that type have free through
   * the whole window add up to less. Every vertex a select picks passes by_avail over that window,
   * so this never refuses a select that would match. Not for a constraint (it would only weaken the
   * test) and O(vertices of the requested types) at most.
   */
  private boolean provenMiss(long[] dfv, JobMeta m) {
    if (!skipMisses || m.constraint.isPresent()) {
      return false;
    }
    if (rootProvesMiss(dfv, m)) {
      marks.errno = Traverser.EBUSY;
      return true;
    }
    int[][] of = verticesByPruneType();
    for (int k = 0; k < dfv.length; k++) {
      long need = dfv[k];
      if (need <= 0) {
        continue;
      }
      long have = 0;
      int[] vs = of[k];
      for (int i = 0; i < vs.length && have < need; i++) {
        int v = vs[i];
        VertexSchedule s = state.sched[v];
        long size = graph.size(v);
        long free = size - (s == null ? 0 : s.maxUnitsDuring(m.at, m.duration, size));
        if (free > 0) {
          have += free;
        }
      }
      if (have < need) {
        marks.errno = Traverser.EBUSY;
        return true;
      }
    }
    return false;
  }

  /**
   * The O(log points) part of {@link #provenMiss}: for a requested type whose vertices are all
   * leaves of size one, counted in full by the root's aggregate ({@link #unitLeaves}), the units
   * free through the whole window on those vertices add up to at most the root's least availability
   * over the window, since at each instant they are at most what is free then, which the root's
   * aggregate counts exactly while only matches and full cancels changed the state ({@link
   * #onlyMatches}) and no span is stranded. So the root's least availability below the need proves
   * the miss without a look at each vertex (a busy machine's reservations ask this at now first).
   */
  private boolean rootProvesMiss(long[] dfv, JobMeta m) {
    SubtreePlan p = state.sub[root];
    if (!onlyMatches || p == null || !state.stranded.isEmpty()) {
      return false;
    }
    boolean[] unit = unitLeavesOf(p);
    for (int j = 0; j < p.types.length; j++) {
      int k = p.types[j];
      if (dfv[k] > 0 && unit[k] && p.minAvailDuring(j, m.at, m.duration) < dfv[k]) {
        return true;
      }
    }
    return false;
  }

  private boolean[] unitLeavesOf(SubtreePlan rootPlan) {
    if (unitLeaves == null) {
      int[][] of = verticesByPruneType();
      boolean[] unit = new boolean[of.length];
      org.flux4j.graph.Adjacency out = graph.out(0);
      for (int k = 0; k < of.length; k++) {
        int j = rootPlan.slotOf(k);
        boolean all = j >= 0 && rootPlan.totals[j] == of[k].length;
        for (int i = 0; i < of[k].length && all; i++) {
          int v = of[k][i];
          all = graph.size(v) == 1 && out.degree(v) == 0;
        }
        unit[k] = all;
      }
      unitLeaves = unit;
    }
    return unitLeaves;
  }

  /**
   * The most jobs (allocated and reserved) at which {@link #provenMisses} is worked out: its cost
   * grows with the entries on the requested vertices, and beyond about a thousand reservations (a
   * conservative queue's) it costs more than the selects it skips, which then all run (same
   * answers).
   */
  static final int MISSES_UP_TO_JOBS = 1000;

  /**
   * {@link #provenMiss} at each of {@code times} (ascending) for {@code m}'s duration, all at once;
   * null when nothing is skipped. A vertex of size 1 is busy at the times {@code t} where one of
   * its entries holding units overlaps {@code [t, t + d)}; those intervals are merged per vertex
   * (from its busy runs, which {@link BusyRuns} keeps while the vertex is not written) and counted
   * over the times with a difference array, so this costs O(runs x log(times) + times) per
   * requested type rather than a scan of every vertex at every time. Larger vertices are asked at
   * each time.
   */
  private boolean[] provenMisses(long[] dfv, long[] times, JobMeta m) {
    long d = m.duration;
    if (!skipMisses
        || m.constraint.isPresent()
        || times.length == 0
        || d <= 0
        || state.jobs.size() > MISSES_UP_TO_JOBS) {
      return null;
    }
    int nt = times.length;
    boolean[] miss = new boolean[nt];
    int[][] of = verticesByPruneType();
    long[] free = new long[nt];
    int[] diff = new int[nt + 1];
    for (int k = 0; k < dfv.length; k++) {
      long need = dfv[k];
      if (need <= 0) {
        continue;
      }
      java.util.Arrays.fill(free, 0);
      java.util.Arrays.fill(diff, 0);
      int ones = 0;
      for (int v : of[k]) {
        long size = graph.size(v);
        VertexSchedule s = state.sched[v];
        if (size != 1) {
          for (int i = 0; i < nt; i++) {
            long f = size - (s == null ? 0 : s.maxUnitsDuring(times[i], d, size));
            if (f > 0) {
              free[i] += f;
            }
          }
          continue;
        }
        ones++;
        if (s != null) {
          markBusy(busyRuns.of(v, s), d, times, diff);
        }
      }
      int busy = 0;
      for (int i = 0; i < nt; i++) {
        busy += diff[i];
        if (free[i] + ones - busy < need) {
          miss[i] = true;
        }
      }
    }
    return miss;
  }

  /**
   * Adds, over the indices of {@code times}, one for each time {@code t} at which a window {@code
   * [t, t + d)} meets one of the {@code runs} of a vertex ({@link BusyRuns}: disjoint, ascending,
   * none touching the next), to the difference array {@code diff}: the times inside the union of
   * the open intervals {@code (S - d, E)}. That is the union of {@code (start - d, end)} over the
   * vertex's entries holding units, since {@code d >= 1} and a run is a union of touching or
   * overlapping entry windows. Consecutive intervals join where the next starts strictly before the
   * current one ends (they are open: one ending at an instant and the next starting there leave
   * that instant out).
   */
  static void markBusy(long[] runs, long d, long[] times, int[] diff) {
    if (runs.length == 0) {
      return;
    }
    long from = runs[0] - d;
    long to = runs[1];
    for (int j = 2; j <= runs.length; j += 2) {
      if (j < runs.length && runs[j] - d < to) {
        to = runs[j + 1];
        continue;
      }
      int f = firstIndex(times, from, true);
      int t = firstIndex(times, to, false);
      if (f < t) {
        diff[f]++;
        diff[t]--;
      }
      if (j < runs.length) {
        from = runs[j] - d;
        to = runs[j + 1];
      }
    }
  }

  /**
   * The first index whose time is above {@code t} ({@code strict}) or at or above it, or the
   * length.
   */
  private static int firstIndex(long[] times, long t, boolean strict) {
    int a = 0;
    int z = times.length;
    while (a < z) {
      int mid = (a + z) >>> 1;
      if (times[mid] > t || (!strict && times[mid] == t)) {
        z = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  private int[][] verticesByPruneType() {
    if (ofPruneType == null) {
      int[] count = new int[prune.count()];
      int[] index = new int[graph.vertexLimit()];
      for (int v = 0; v < graph.vertexLimit(); v++) {
        index[v] = graph.isLive(v) ? prune.pruneIndexOfType(graph.typeOf(v)) : -1;
        if (index[v] >= 0) {
          count[index[v]]++;
        }
      }
      int[][] of = new int[count.length][];
      for (int k = 0; k < of.length; k++) {
        of[k] = new int[count[k]];
        count[k] = 0;
      }
      for (int v = 0; v < index.length; v++) {
        if (index[v] >= 0) {
          of[index[v]][count[index[v]]++] = v;
        }
      }
      ofPruneType = of;
    }
    return ofPruneType;
  }

  /**
   * Fluxion's satisfiability select after a schedule found nothing (dfu_traverser_t::schedule):
   * returns the errno it leaves ({@link TraversalMarks#errno}), which decides the report. EBUSY is
   * set before it, so a select that matches leaves EBUSY unless something failed on its way (a
   * flexible or-slot's ERANGE makes resource-query stop with an error before its job counter
   * moves); one that fails with EBUSY or ERANGE leaves ENODEV (the request could never fit). {@code
   * m} keeps its allocation type, its time is the end of the plan. With {@code countVisits}, the
   * select's visits count in the totals.
   */
  private int busyOrUnsatisfiable(Req[] rs, JobMeta m, boolean x, boolean countVisits) {
    JobMeta.AllocType saved = m.allocType;
    m.allocType = JobMeta.AllocType.SATISFIABILITY;
    m.at = JobMeta.PLAN_END - m.duration - 1;
    marks.errno = Traverser.EBUSY;
    int s = trav.select(rs, root, m, x);
    if (countVisits) {
      marks.totalPre += marks.preorder;
      marks.totalPost += marks.postorder;
    }
    m.allocType = saved;
    if (s != Traverser.OK
        && (marks.errno == Traverser.EBUSY || marks.errno == SelectPrune.ERANGE)) {
      marks.errno = Traverser.ENODEV;
    }
    return marks.errno;
  }

  /** How many candidate times {@link #candidateTimes} hands out at a time, where it can. */
  static final int TIMES_CHUNK = 16;

  /**
   * Set by {@link #candidateTimes}: whether it cut its answer short, so that more candidate times
   * follow the last one it gave (ask again from just after it).
   */
  private boolean timesCut;

  /**
   * Fluxion's planner_multi_avail_time_first/next over the root aggregate: the first {@code max}
   * times (all of them where Fluxion's own planner answers, or without an aggregate), with {@link
   * #timesCut} telling whether more follow. A search's first chunk ({@code first}) starts where
   * {@link #firstFits} proves nothing fits before, and tells it what it found.
   */
  private long[] candidateTimes(long from, long d, long[] dfv, int max, boolean first) {
    timesCut = false;
    SubtreePlan p = state.sub[root];
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
      // the aggregate's points are exactly the distinct span starts and ends, ascending; one more
      // than the chunk tells whether any follow it
      long[] fit =
          first
              ? firstFits.fitTimes(p, dfv, from, d, JobMeta.PLAN_END, max + 1)
              : p.fitTimes(dfv, from, d, JobMeta.PLAN_END, max + 1);
      if (fit.length > max) {
        timesCut = true;
        return java.util.Arrays.copyOf(fit, max);
      }
      return fit;
    }
    // no aggregate at the root: every live entry's ends are candidates
    org.eclipse.collections.impl.set.sorted.mutable.TreeSortedSet<Long> points =
        new org.eclipse.collections.impl.set.sorted.mutable.TreeSortedSet<>();
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
    org.eclipse.collections.impl.list.mutable.primitive.LongArrayList out =
        new org.eclipse.collections.impl.list.mutable.primitive.LongArrayList();
    for (long t : points) {
      if (t >= from && d <= JobMeta.PLAN_END - t) {
        out.add(t);
      }
    }
    return out.toArray();
  }

  private int requestFeasible(JobMeta m, MatchOp op, long[] dfv, long nodesUp) {
    if (nodePrune == UNKNOWN) {
      nodePrune = prune.pruneIndexOfName("node");
    }
    int pi = nodePrune;
    long targetNodes = pi >= 0 ? dfv[pi] : 0;
    boolean sat = op == MatchOp.ALLOCATE_WITH_SATISFIABILITY || op == MatchOp.SATISFIABILITY;
    if (m.constraint.isEmpty() && targetNodes <= nodesUp) {
      return Traverser.OK;
    }
    if (targetNodes > nodesUp) {
      return sat ? Traverser.ENODEV : Traverser.EBUSY;
    }
    int nodeType = graph.typeId("node");
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
}
