package org.flux4j.policy.internal;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;

/**
 * The pruning tests of a select: after Fluxion's {@code by_status}, {@code by_constraint}, {@code
 * by_avail}, {@code by_excl} and {@code by_subplan} ({@code resource/traversers/dfu_impl.cpp}). A
 * vertex is pruned when it is down (except for satisfiability), fails the request's constraint
 * (node and storage_node vertices only), has nothing available during the job's window, is held
 * while an exclusive request asks for it, or its subtree aggregates cannot hold what the request
 * needs below it. Reads the per-match {@link #meta}; not thread-safe.
 */
final class SelectPrune {
  private final TraversalMarks mk;
  private final ResourceGraph g;
  private final int nodeType;
  private final int storageNodeType;

  /** The match being selected (set at the start of each select). */
  JobMeta meta;

  /**
   * The last aggregate {@link #bySubplan} found to fit, with the request data, select sequence
   * number and match it was asked for: a select writes no aggregate and the match's window does not
   * change during a select, so the same question within it gets the same answer (a vertex that
   * passed {@code Traverser#surelyPruned} is asked again by its visit).
   */
  private SubtreePlan fitPlan;

  private long[] fitRequest;
  private int fitSeq;
  private JobMeta fitMeta;

  SelectPrune(TraversalMarks mk) {
    this.mk = mk;
    this.g = mk.g;
    this.nodeType = g.typeId("node");
    this.storageNodeType = g.typeId("storage_node");
  }

  /** The pruning of a copy of {@code o}'s engine, over {@code mk}, the copy's marks. */
  SelectPrune(SelectPrune o, TraversalMarks mk) {
    this.mk = mk;
    this.g = mk.g;
    this.nodeType = o.nodeType;
    this.storageNodeType = o.storageNodeType;
  }

  /**
   * Whether {@code u} passes the tests that do not depend on the request: status, constraint,
   * avail.
   */
  boolean byVertex(int u) {
    if (meta.allocType != JobMeta.AllocType.SATISFIABILITY && g.status(u) == Status.DOWN) {
      return busy();
    }
    int ut = g.typeOf(u);
    if (meta.constraint.isPresent()
        && (ut == nodeType || (storageNodeType >= 0 && ut == storageNodeType))
        && !Constraints.matches(g, u, meta.constraint.get())) {
      return busy();
    }
    return planAvail(u) != 0 || busy();
  }

  /** A test failed as Fluxion's prune sets EBUSY for it ({@link TraversalMarks#errno}). */
  private boolean busy() {
    mk.errno = Traverser.EBUSY;
    return false;
  }

  /** Fluxion's by_excl: whether {@code u} may be held exclusively (or shared) as {@code r} asks. */
  boolean byExcl(int u, boolean xIn, Req r) {
    if (xIn && r.exclusive == 0) {
      mk.err
          .append("by_excl: exclusivity conflicts at jobspec=")
          .append(r.label)
          .append(" : vertex=")
          .append(g.name(u));
      mk.errno = Traverser.EINVAL;
      return false;
    }
    if (xIn || r.exclusive == 1) {
      VertexSchedule s = mk.st.sched[u];
      if (s == null) {
        return true;
      }
      boolean allocatedAtNow = meta.at == meta.now && s.has(VertexSchedule.ALLOCATED);
      if (allocatedAtNow
          && (meta.allocType == JobMeta.AllocType.ALLOC
              || meta.allocType == JobMeta.AllocType.NO_ALLOC)) {
        return busy();
      }
      if (s.anyDuring(meta.at, meta.duration)) {
        return busy();
      }
      // the reservation search's try at now (flux4j's, for a planned end of now not applied yet):
      // Fluxion's starts after now, so an allocation that has not begun (an update's, dated later)
      // still refuses the vertex there; scanned only where the window itself is free
      return !(allocatedAtNow
              && meta.allocType == JobMeta.AllocType.ALLOC_ORELSE_RESERVE
              && allocationStartsAfter(s, meta.now))
          || busy();
    }
    return true;
  }

  /** Whether {@code s} holds an allocation (not a reservation) that starts after {@code t}. */
  private static boolean allocationStartsAfter(VertexSchedule s, long t) {
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i) && s.kind[i] == VertexSchedule.ALLOCATED && s.start[i] > t) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fluxion's by_subplan: whether {@code u}'s subtree aggregates hold what {@code r} needs. When
   * not, {@link TraversalMarks#errno} becomes the code of planner_multi_avail_during, which asks
   * each type's planner in turn and stops at the first that refuses: ERANGE where that planner's
   * total is below the request, else EBUSY.
   */
  boolean bySubplan(int u, Req r) {
    SubtreePlan p = mk.st.sub[u];
    if (p == null || !r.hasUserData) {
      return true;
    }
    if (p == fitPlan && r.userData == fitRequest && mk.seq == fitSeq && meta == fitMeta) {
      return true; // asked again within the select (a visit after surelyPruned let it through)
    }
    if (p.fits(r.userData, meta.at, meta.duration)) {
      fitPlan = p;
      fitRequest = r.userData;
      fitSeq = mk.seq;
      fitMeta = meta;
      return true;
    }
    // the next selects mostly find the vertex as full: let them skip it at once
    mk.witnesses.keep(u, p, r.userData, meta.at, meta.duration);
    mk.errno = refusal(p, r.userData, meta.at, meta.duration);
    return false;
  }

  /**
   * The code Fluxion's planner_multi_avail_during fails with for {@code request} (indexed by prune
   * type), which {@code p} refuses over {@code [at, at + d)}: it asks each type's planner in {@code
   * p}'s order and stops at the first that refuses, so ERANGE when the first type whose total is
   * below its request comes before any type busy over the window, else EBUSY.
   */
  static int refusal(SubtreePlan p, long[] request, long at, long d) {
    for (int k = 0; k < p.types.length; k++) {
      if (request[p.types[k]] > p.totals[k]) {
        if (k == 0) {
          return ERANGE;
        }
        // the types before it are asked first: one of them busy refuses with EBUSY
        long[] before = new long[request.length];
        for (int j = 0; j < k; j++) {
          before[p.types[j]] = request[p.types[j]];
        }
        return p.fits(before, at, d) ? ERANGE : Traverser.EBUSY;
      }
    }
    return Traverser.EBUSY;
  }

  /** Fluxion's errno for a planner request beyond a total. */
  static final int ERANGE = 34;

  /** The units of {@code u} free during the job's whole window (Fluxion's by_avail). */
  long planAvail(int u) {
    VertexSchedule s = mk.st.sched[u];
    long size = g.size(u);
    if (s == null) {
      return size;
    }
    long a = size - s.maxUnitsDuring(meta.at, meta.duration, size);
    return a < 0 ? 0 : a;
  }
}
