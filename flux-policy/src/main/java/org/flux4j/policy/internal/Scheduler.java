package org.flux4j.policy.internal;

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

  /**
   * Fluxion's errno as the current match has left it, 0 while the match has set none: only the
   * assignments that reach a failed update ({@link MatchResult.Uncommitted}) are modelled (a select
   * with a pruned vertex sets EBUSY, a failed select its code, the reservation search ENOENT when
   * its last candidate time matched).
   */
  private int errno;

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
      TraversalUpdate upd) {
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
      rc = schedule(rs, m, x, op, dfv, nodesUp);
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
    marks.totalPre = marks.preorder;
    marks.totalPost = marks.postorder;
    return rc == Traverser.OK ? rc : Traverser.ENODEV;
  }

  private int schedule(Req[] rs, JobMeta m, boolean x, MatchOp op, long[] dfv, long nodesUp) {
    int rc = requestFeasible(m, op, dfv, nodesUp);
    if (rc != Traverser.OK) {
      return rc;
    }
    rc = select(rs, m, x);
    if (rc == Traverser.OK) {
      marks.totalPre = marks.preorder;
      marks.totalPost = marks.postorder;
      return rc;
    }
    switch (op) {
      case ALLOCATE_WITH_SATISFIABILITY -> {
        JobMeta.AllocType saved = m.allocType;
        long at = m.at;
        m.allocType = JobMeta.AllocType.SATISFIABILITY;
        m.at = JobMeta.PLAN_END - m.duration - 1;
        int s = trav.select(rs, root, m, x);
        marks.totalPre += marks.preorder;
        marks.totalPost += marks.postorder;
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
          marks.totalPre += marks.preorder;
          marks.totalPost += marks.postorder;
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
      return p.fitTimes(dfv, from, d, JobMeta.PLAN_END);
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

  private int requestFeasible(JobMeta m, MatchOp op, long[] dfv, long nodesUp) {
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
}
