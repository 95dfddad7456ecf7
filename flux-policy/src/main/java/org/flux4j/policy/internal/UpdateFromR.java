package org.flux4j.policy.internal;

import java.util.Arrays;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.RSubgraph;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.ScheduledJob;

/**
 * Re-creates an allocation or reservation from an emitted R: after Fluxion's {@code
 * dfu_traverser_t} run with an R reader ({@code resource/traversers/dfu.cpp}, {@code
 * resource/readers/resource_reader_jgf.cpp} and {@code _rv1exec.cpp} update): the R's vertices are
 * matched to the graph's by containment path and structure, their exclusivity given or inferred,
 * the selection marked as a select would and committed by the update pass. Not thread-safe.
 */
final class UpdateFromR {
  private final ResourceGraph graph;
  private final SchedState state;
  private final int root;
  private final TraversalMarks marks;
  private final TraversalUpdate upd;

  UpdateFromR(
      ResourceGraph graph, SchedState state, int root, TraversalMarks marks, TraversalUpdate upd) {
    this.graph = graph;
    this.state = state;
    this.root = root;
    this.marks = marks;
    this.upd = upd;
  }

  /** Implements {@code ResourceQuery.update} from an R read with its format's reader rules. */
  MatchResult update(long jobId, RSubgraph spec, long at, long duration, boolean reserve) {
    return update(jobId, spec.graph(), spec.exclusive(), spec, at, duration, reserve);
  }

  /**
   * Implements {@code ResourceQuery.update}; {@code spec} (may be null) gives the held and named
   * vertices of {@code r} and its format.
   */
  MatchResult update(
      long jobId,
      ResourceGraph r,
      java.util.function.IntPredicate exclusive,
      RSubgraph spec,
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
    // emitted exclusive yet holding no units: see below
    boolean[] unheld = new boolean[n];
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
      // Fluxion's reader writes a plan span only for a vertex R takes exclusively (and holds):
      // one R names shared holds no units even where the policy's walk takes it exclusively (a
      // node under node_exclusive)
      unheld[w] |= spec != null && (!excl[w] || !spec.held(v));
    }
    if (exclusive == null) {
      inferExclusive(in, excl);
    }
    // Fluxion's update pass after a reader adds no plan span of its own (upd_plan with full
    // false): a vertex outside R that the pass still reaches, in the shadow of a type the policy
    // holds exclusively (node under hinodex), is emitted and tagged but holds no units
    for (int w = 0; w < n; w++) {
      unheld[w] |= !in[w];
    }
    if (!in[root]) {
      return new MatchResult.Unsatisfiable(jobId, "the R does not contain the graph's root");
    }
    long d = Math.min(duration, JobMeta.HORIZON - at);
    JobMeta m = new JobMeta();
    m.jobId = jobId;
    m.at = at;
    // Fluxion's dfu_traverser_t::update leaves the jobmeta's now at its default, -1: the edge
    // weights this update sets are read before every planner's start (see TraversalUpdate)
    m.now = -1;
    m.duration = d;
    // Fluxion's readers record the spans as allocations even for a reservation: the traverser
    // hands them "reserved" only for an allocate-or-reserve match, which an update never is (the
    // job table still says reserved, by its start time)
    m.allocType = JobMeta.AllocType.ALLOC;
    boolean rv1exec = spec != null && isRv1Exec(spec);
    if (rv1exec) {
      String busy = rv1execBusy(r, spec, map, at, d);
      if (busy != null) {
        return new MatchResult.Unsatisfiable(jobId, busy);
      }
    }
    if (!rv1exec && spec != null) {
      String busy = jgfBusy(r, spec, map, at, d);
      if (busy != null) {
        return new MatchResult.Unsatisfiable(jobId, busy);
      }
    }
    for (int v = 0; v < n && !rv1exec; v++) {
      if (in[v] && excl[v]) {
        VertexSchedule sc = state.sched[v];
        long used = sc == null ? 0 : sc.maxUnitsDuring(at, d);
        // the reader checks the vertex's plan only (planner_add_span), not its exclusivity
        // checker: a vertex other jobs hold shared over the window still takes the update
        if (graph.size(v) - used < needs[v]) {
          return new MatchResult.Unsatisfiable(
              jobId, "resource " + graph.path(v) + " is not available at " + at);
        }
      }
    }
    upd.markSelection(root, in, needs, excl);
    ResourceSet.Builder b = upd.update(root, m, unheld);
    if (b == null) {
      return new MatchResult.Unsatisfiable(jobId, "nothing to update");
    }
    ResourceSet set = b.build();
    state.jobs.put(
        jobId,
        new SchedState.JobRecord(
            jobId,
            reserve ? ScheduledJob.State.RESERVED : ScheduledJob.State.ALLOCATED,
            at,
            d,
            set));
    return reserve ? new MatchResult.Reserved(jobId, set) : new MatchResult.Allocated(jobId, set);
  }

  /**
   * Fluxion's rv1exec reader ({@code update_vertex}) refuses an update when a vertex R names, the
   * node included, holds any units of its plan during the window: the first such vertex in R's
   * order gives the reader's message (null when all are free). Only the named vertices are checked:
   * the containment root the reader shares is not.
   */
  private String rv1execBusy(ResourceGraph r, RSubgraph spec, int[] map, long at, long d) {
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (!r.isLive(v) || !spec.named(v)) {
        continue;
      }
      int w = map[v];
      VertexSchedule sc = state.sched[w];
      if (sc != null && sc.maxUnitsDuring(at, d) > 0) {
        return RSubgraph.rv1ExecUnavailable(graph.name(w), graph.type(w).equals("node"));
      }
    }
    return null;
  }

  /**
   * What Fluxion's JGF reader leaves when an update fails at an edge after it read every vertex:
   * update_vertices gave each vertex R takes exclusively a plan span of its whole size over the
   * window, in its allocations map under the job, and update_edges then failed with no undo, so the
   * traverser never tags, marks or aggregates anything and resource-query records no job. Those
   * spans stay here as plan spans without tag ({@link SchedState#keepPlanSpans}). When a vertex R
   * names holds units during the window, the reader failed before the edges and undid its spans:
   * nothing changes and false comes back.
   */
  boolean updateVerticesOnly(long jobId, RSubgraph spec, long at, long duration) {
    if (at < 0 || duration <= 0) {
      return false;
    }
    ResourceGraph r = spec.graph();
    int[] map = mapByStructure(r);
    long d = Math.min(duration, JobMeta.HORIZON - at);
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (!r.isLive(v) || !r.isMember(v, 0) || !spec.named(v)) {
        continue;
      }
      if (map[v] < 0) {
        return false;
      }
      VertexSchedule sc = state.sched[map[v]];
      if (sc != null && sc.maxUnitsDuring(at, d) > 0) {
        return false;
      }
    }
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (r.isLive(v) && r.isMember(v, 0) && spec.named(v) && spec.exclusive(v)) {
        int w = map[v];
        state.keepPlanSpans(
            w, jobId, new long[] {at, at + d, graph.size(w), VertexSchedule.ALLOCATED});
        marks.touch(w);
      }
    }
    marks.forgetVisits();
    return true;
  }

  /**
   * The message with which the reader of {@code spec}'s format refuses an update of its vertices
   * over {@code [at, at + duration)} at a vertex whose plan holds units then ({@link #jgfBusy},
   * {@link #rv1execBusy}), or null when none refuses or a vertex is not in the graph. Reads the
   * state only.
   */
  String readerRefusal(RSubgraph spec, long at, long duration) {
    ResourceGraph r = spec.graph();
    int[] map = mapByStructure(r);
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (r.isLive(v) && spec.named(v) && map[v] < 0) {
        return null;
      }
    }
    long d = Math.min(duration, JobMeta.HORIZON - at);
    return isRv1Exec(spec) ? rv1execBusy(r, spec, map, at, d) : jgfBusy(r, spec, map, at, d);
  }

  private static boolean isRv1Exec(RSubgraph spec) {
    return spec.format() == GraphFormat.RV1EXEC || spec.format() == GraphFormat.RV1EXEC_FORCE;
  }

  /**
   * Fluxion's JGF reader ({@code update_vtx_plan}) refuses an update at the first vertex, in R's
   * order, that holds any units of its plan during the window: one R takes exclusively cannot get a
   * span of its whole size ("can't add span into"), and one R names without taking it exclusively
   * is "unavailable" (another job holds it exclusively). That vertex gives the reader's message
   * (null when none refuses).
   */
  private String jgfBusy(ResourceGraph r, RSubgraph spec, int[] map, long at, long d) {
    for (int v = 0; v < r.vertexLimit(); v++) {
      if (!r.isLive(v) || !spec.named(v)) {
        continue;
      }
      VertexSchedule sc = state.sched[map[v]];
      if (sc != null && sc.maxUnitsDuring(at, d) > 0) {
        String name = graph.name(map[v]);
        return spec.exclusive().test(v)
            ? "update_vtx_plan: can't add span into " + name + "."
            : "update_vtx_plan: " + name + " is unavailable.";
      }
    }
    return null;
  }

  /**
   * Maps the vertices of {@code r} to this graph's: roots by containment path, then each child to
   * the child of its parent's image with the same type and name (and rank, when {@code r} gives
   * one), so that R documents with repeated host names (rv1exec) resolve by rank.
   */
  private int[] mapByStructure(ResourceGraph r) {
    int[] map = new int[r.vertexLimit()];
    Arrays.fill(map, -1);
    Adjacency ra = r.out(0);
    Adjacency ga = graph.out(0);
    int[] stack = new int[16];
    int sp = 0;
    for (int v : r.roots()) {
      var u = graph.vertexByPath(r.path(v));
      if (u.isPresent()) {
        map[v] = u.getAsInt();
        if (sp == stack.length) {
          stack = Arrays.copyOf(stack, sp * 2);
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
            stack = Arrays.copyOf(stack, sp * 2);
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
    Adjacency a = graph.out(0);
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
          stack = Arrays.copyOf(stack, sp * 2);
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
}
