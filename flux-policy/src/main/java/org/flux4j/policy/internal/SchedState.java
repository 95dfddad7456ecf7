package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.ScheduledJob;

/**
 * The mutable scheduling state of one engine, apart from the immutable topology: per-vertex job
 * entries, per-vertex subtree aggregates, the out-edge weights of the stop-on-first-match traversal
 * order, and the job table.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@link #copy()} is copy-on-write, O(jobs): the copy shares the {@link #sched}, {@link #sub}
 * and {@link #weight} arrays and every {@link VertexSchedule} and {@link SubtreePlan} object with
 * this state. Each state has an owner token; an object is this state's own when it carries the
 * token ({@code owner == token}). A copy gives both sides fresh tokens, so afterwards neither owns
 * anything shared: the first write to a vertex on either side clones its object (and the first
 * write to an array clones the array), through {@link #schedOf}, {@link #schedForWrite}, {@link
 * #subForWrite}, {@link #setSub}, {@link #clearVertex} and {@link #setWeight}. Code outside this
 * class reads the arrays directly but never writes to them or through the objects they hold.
 *
 * <p>Reads never change an object (a {@link VertexSchedule} compacts and builds its lookup index
 * only when written to), so a shared object is never written at all, and a state and its copies may
 * be used from different threads at once (each by one thread at a time).
 */
final class SchedState {
  /** Per-vertex job entries; read freely, write only through this class. */
  VertexSchedule[] sched;

  /** Per-vertex subtree aggregates; read freely, write only through this class. */
  SubtreePlan[] sub;

  /**
   * Weight of each dominant out-edge slot (Fluxion's by_outedges key); -1 = unsigned max. Read
   * freely, write through {@link #setWeight}.
   */
  long[] weight;

  /**
   * Changes whenever {@link #weight} may have changed, to a value no state ever had before (also on
   * {@link #copy()}, for both sides): an order of out-edges checked against the weights under one
   * stamp is still in order while the stamp is the same ({@link OutEdgeOrder}).
   */
  long weightStamp = STAMPS.incrementAndGet();

  private static final java.util.concurrent.atomic.AtomicLong STAMPS =
      new java.util.concurrent.atomic.AtomicLong();

  final LongObjectHashMap<JobRecord> jobs;

  /**
   * Cancelled jobs whose entries a cancel left on the graph, as Fluxion's does: its walk from the
   * root stops at a vertex without the job's tag, so what a failed partial cancel cut off keeps the
   * job's spans for good.
   */
  final LongHashSet stranded;

  /**
   * For each job, the vertices where a partial cancel's reduction dropped the exclusivity span of
   * its allocation or reservation (Fluxion's rem_exclusive_filter after a reduction that left the
   * aggregate span), which the entry itself cannot show: {@link #hasExclusivitySpan}. Mostly empty.
   */
  final LongObjectHashMap<IntHashSet> exclusivityDropped;

  /** Objects stamped with this token are this state's own (not shared with a copy). */
  private Object token = new Object();

  private boolean schedShared;
  private boolean subShared;
  private boolean weightShared;

  /** One job known to the engine. */
  static final class JobRecord {
    final long jobId;
    final ScheduledJob.State state;
    final long at;
    final long duration;
    ResourceSet resources;

    JobRecord(long jobId, ScheduledJob.State state, long at, long duration, ResourceSet resources) {
      this.jobId = jobId;
      this.state = state;
      this.at = at;
      this.duration = duration;
      this.resources = resources;
    }
  }

  SchedState(int vertices) {
    sched = new VertexSchedule[vertices];
    sub = new SubtreePlan[vertices];
    weight = new long[0];
    jobs = new LongObjectHashMap<>();
    stranded = new LongHashSet();
    exclusivityDropped = new LongObjectHashMap<>();
  }

  private SchedState(SchedState o) {
    sched = o.sched;
    sub = o.sub;
    weight = o.weight;
    schedShared = true;
    subShared = true;
    weightShared = true;
    o.schedShared = true;
    o.subShared = true;
    o.weightShared = true;
    o.weightStamp = STAMPS.incrementAndGet();
    // neither side owns what is now shared
    o.token = new Object();
    jobs = new LongObjectHashMap<>(o.jobs.size());
    o.jobs.forEachKeyValue(
        (k, r) -> jobs.put(k, new JobRecord(r.jobId, r.state, r.at, r.duration, r.resources)));
    stranded = new LongHashSet(o.stranded);
    exclusivityDropped = new LongObjectHashMap<>(o.exclusivityDropped.size());
    o.exclusivityDropped.forEachKeyValue((k, vs) -> exclusivityDropped.put(k, new IntHashSet(vs)));
  }

  /**
   * An independent copy, O(jobs): every array and per-vertex object is shared until either side
   * first writes to it (see the implementation notes).
   */
  SchedState copy() {
    return new SchedState(this);
  }

  void ensureCapacity(int vertices) {
    if (vertices > sched.length) {
      sched = Arrays.copyOf(sched, vertices);
      sub = Arrays.copyOf(sub, vertices);
      schedShared = false;
      subShared = false;
    }
  }

  void ensureEdges(int edges) {
    if (edges != weight.length) {
      int old = weight.length;
      weight = Arrays.copyOf(weight, edges);
      weightShared = false;
      weightStamp = STAMPS.incrementAndGet();
      if (edges > old) {
        Arrays.fill(weight, old, edges, -1L);
      }
    }
  }

  /** Replaces the weights with an empty array (before {@link #ensureEdges} after a regrowth). */
  void resetWeights() {
    weight = new long[0];
    weightShared = false;
    weightStamp = STAMPS.incrementAndGet();
  }

  /** Sets the weight of out-edge slot {@code slot}. */
  void setWeight(int slot, long w) {
    if (weightShared) {
      weight = weight.clone();
      weightShared = false;
    }
    if (weight[slot] != w) {
      weight[slot] = w;
      weightStamp = STAMPS.incrementAndGet();
    }
  }

  private void ownSched() {
    if (schedShared) {
      sched = sched.clone();
      schedShared = false;
    }
  }

  private void ownSub() {
    if (subShared) {
      sub = sub.clone();
      subShared = false;
    }
  }

  /** The entries of {@code v} to write to, created if absent, cloned first if shared. */
  VertexSchedule schedOf(int v) {
    VertexSchedule s = sched[v];
    if (s == null) {
      ownSched();
      s = new VertexSchedule();
      s.owner = token;
      sched[v] = s;
      return s;
    }
    return s.owner == token ? s : ownSchedAt(v, s);
  }

  /** The entries of {@code v} to write to, cloned first if shared; null if it has none. */
  VertexSchedule schedForWrite(int v) {
    VertexSchedule s = sched[v];
    return s == null || s.owner == token ? s : ownSchedAt(v, s);
  }

  private VertexSchedule ownSchedAt(int v, VertexSchedule shared) {
    ownSched();
    VertexSchedule c = shared.copy();
    c.owner = token;
    sched[v] = c;
    return c;
  }

  /** The aggregate of {@code v} to write to, cloned first if shared; null if it has none. */
  SubtreePlan subForWrite(int v) {
    SubtreePlan p = sub[v];
    if (p == null || p.owner == token) {
      return p;
    }
    ownSub();
    SubtreePlan c = p.copy();
    c.owner = token;
    sub[v] = c;
    return c;
  }

  /** Sets (or with null, drops) the aggregate of {@code v}; {@code p} must not be shared. */
  void setSub(int v, SubtreePlan p) {
    ownSub();
    if (p != null) {
      p.owner = token;
    }
    sub[v] = p;
  }

  /**
   * Fluxion's exhaustive visit of a cancel ({@code mod_exv}): at every vertex the job's allocation
   * (else reservation) leaves the vertex's plan, while its tag and exclusivity span stay, as a
   * shared entry without units over the same window (which still keeps exclusive requests off the
   * vertex, as Fluxion's x_checker does); aggregates are left alone. Calls {@code touched} with
   * each vertex changed. O(V).
   */
  void dropPlanHolds(long jobId, java.util.function.IntConsumer touched) {
    long planOnly = planOnlyId(jobId);
    boolean anyPlanOnly = !stranded.isEmpty() && stranded.contains(planOnly);
    for (int v = 0; v < sched.length; v++) {
      VertexSchedule s = sched[v];
      if (anyPlanOnly && s != null && s.indexOf(planOnly) >= 0) {
        // plan spans that outlived the tag (keepPlanSpans): they leave the planner and the maps
        VertexSchedule w = schedForWrite(v);
        while (w.remove(planOnly) >= 0) {
          // every one of them
        }
        touched.accept(v);
        s = w;
      }
      int k = s == null ? -1 : s.indexOf(jobId);
      if (k >= 0 && s.kind[k] != VertexSchedule.SHARED) {
        long from = s.start[k];
        long to = s.end[k];
        boolean exclusive = hasExclusivitySpan(v, jobId, k);
        VertexSchedule w = schedForWrite(v);
        w.remove(jobId);
        w.add(jobId, from, to, 0, VertexSchedule.SHARED);
        if (!exclusive) {
          w.dropExclusivitySpan(jobId);
        }
        touched.accept(v);
      }
    }
  }

  /**
   * The id under which a vertex keeps {@code jobId}'s plan spans that outlived the job's tag and
   * exclusivity span ({@link #keepPlanSpans}): engine-internal, from {@code Long.MIN_VALUE + 1} for
   * the jobs from 0 up to 2^62 (as {@link TraversalUpdate#LEAKED_SPAN}, job ids there are not
   * supported).
   */
  static long planOnlyId(long jobId) {
    return Long.MIN_VALUE + 1 + jobId;
  }

  /** Whether {@code id} is a {@link #planOnlyId}. */
  static boolean isPlanOnly(long id) {
    return id > Long.MIN_VALUE && id < PLAN_ONLY_END;
  }

  private static final long PLAN_ONLY_END = Long.MIN_VALUE + (1L << 62);

  /**
   * What Fluxion's cancel walk leaves at a vertex where removing the job's aggregate span failed:
   * mod_idata took the tag and the exclusivity span, and mod_plan never ran, so each plan span of
   * the job ({@code held}: start, end, units, kind quadruples) stays in the vertex's planner and
   * its allocations or reservations map. They stay here as entries of {@link #planOnlyId}: they
   * hold their units ({@code by_avail} and {@code upd_plan} see them) and show in {@code
   * jobid-alloc} and {@code jobid-reserved}, but are neither a tag nor an exclusivity span ({@link
   * VertexSchedule#anyDuring} passes them), and the job's exhaustive cancel releases them ({@link
   * #dropPlanHolds}).
   */
  void keepPlanSpans(int v, long jobId, long[] held) {
    if (held.length == 0) {
      return;
    }
    VertexSchedule w = schedOf(v);
    long id = planOnlyId(jobId);
    for (int i = 0; i < held.length; i += 4) {
      w.add(id, held[i], held[i + 1], held[i + 2], (byte) held[i + 3]);
    }
    stranded.add(id);
  }

  /**
   * What Fluxion's mod_agfilter and mod_plan leave of {@code jobId}'s entry at ancestor {@code v}
   * after a successful partial-cancel reduction of its aggregate span there. rem_exclusive_filter
   * runs whatever the reduction left, so the exclusivity span goes; the tag goes too when the span
   * went ({@code reducedAway}). A shared entry then goes whole, or keeps its tag as an empty window
   * ({@link VertexSchedule#dropExclusivitySpan}). An allocation keeps its plan span, which mod_plan
   * leaves alone in a partial cancel: as a plan span without tag ({@link #keepPlanSpanOnly}; the
   * job's cancel stops here, rq-diff seed 313222, while find still sees the vertex allocated to the
   * job, rq-diff seed 583031), or with its tag ({@link #dropExclusivitySpanOf}). A reservation is
   * left to the caller (mod_plan refuses it).
   *
   * <p>Where a reused id left the job an earlier entry that holds units and a later shared one
   * ({@link TraversalUpdate}'s leakEarlierEntries), Fluxion's tags and x_spans hold the later
   * entry's: the later entry goes whole when the span went, else loses its exclusivity span, and
   * the earlier one keeps its plan span (without tag when the span went; a reservation is left to
   * the caller). rq-diff seed 856036.
   */
  void afterReduction(int v, long jobId, boolean reducedAway) {
    VertexSchedule s = sched[v];
    int first = s.indexOf(jobId);
    byte kind = s.kind[first];
    int later = s.nextEntryOf(jobId, first);
    if (later >= 0
        && kind != VertexSchedule.SHARED
        && s.kind[later] == VertexSchedule.SHARED
        && s.units[later] == 0) {
      // a copy keeps the slots
      VertexSchedule w = schedForWrite(v);
      if (!reducedAway) {
        w.dropExclusivitySpanAt(later);
        return;
      }
      w.removeSlot(later);
      if (kind == VertexSchedule.ALLOCATED) {
        keepPlanSpanOnly(v, jobId);
      }
      return;
    }
    if (kind == VertexSchedule.SHARED) {
      if (reducedAway) {
        schedForWrite(v).remove(jobId);
      } else {
        schedForWrite(v).dropExclusivitySpan(jobId);
      }
    } else if (kind == VertexSchedule.ALLOCATED) {
      if (reducedAway) {
        keepPlanSpanOnly(v, jobId);
      } else {
        dropExclusivitySpanOf(v, jobId);
      }
    }
  }

  /**
   * Whether {@code jobId}'s live entry at {@code v} (slot {@code k}) still has its exclusivity span
   * (Fluxion's x_spans entry): a shared entry loses it as an empty window ({@link
   * VertexSchedule#dropExclusivitySpan}), an allocation or reservation through {@link
   * #dropExclusivitySpanOf}.
   */
  boolean hasExclusivitySpan(int v, long jobId, int k) {
    VertexSchedule s = sched[v];
    if (s.kind[k] == VertexSchedule.SHARED) {
      return s.start[k] < s.end[k];
    }
    IntHashSet dropped = exclusivityDropped.isEmpty() ? null : exclusivityDropped.get(jobId);
    return dropped == null || !dropped.contains(v);
  }

  /**
   * What Fluxion's partial cancel leaves of {@code jobId}'s allocation or reservation at ancestor
   * {@code v} after a reduction that left its aggregate span: the tag and the plan span stay, the
   * exclusivity span goes (see {@link #hasExclusivitySpan}).
   */
  void dropExclusivitySpanOf(int v, long jobId) {
    exclusivityDropped.getIfAbsentPut(jobId, IntHashSet::new).add(v);
  }

  /** Forgets what {@link #dropExclusivitySpanOf} noted of {@code jobId}: the job left. */
  void jobGone(long jobId) {
    if (!exclusivityDropped.isEmpty()) {
      exclusivityDropped.remove(jobId);
    }
  }

  /**
   * What Fluxion's partial cancel leaves of {@code jobId}'s exclusive entry at ancestor {@code v}
   * when it reduced the job's aggregate span there away: mod_agfilter took the tag and the
   * exclusivity span, and mod_plan leaves the allocation alone, so the job's plan span stays in the
   * vertex's planner and allocations map ({@link #keepPlanSpans}: {@code sched-now} and {@code
   * jobid-alloc} still see it, the job's walk from the root no longer finds a tag there, and its
   * exhaustive cancel releases it).
   */
  void keepPlanSpanOnly(int v, long jobId) {
    VertexSchedule w = schedForWrite(v);
    int i = w.indexOf(jobId);
    long[] held = {w.start[i], w.end[i], w.units[i], w.kind[i]};
    w.remove(jobId);
    keepPlanSpans(v, jobId, held);
  }

  /**
   * Hands {@code jobId}'s entry at {@code v} over to no job ({@link TraversalUpdate#LEAKED_SPAN}):
   * its units and window stay held for good and the job's cancel no longer finds it.
   */
  void leak(int v, long jobId) {
    schedForWrite(v).rekey(jobId, TraversalUpdate.LEAKED_SPAN);
    stranded.add(TraversalUpdate.LEAKED_SPAN);
  }

  /** Drops the entries and the aggregate of {@code v}. */
  void clearVertex(int v) {
    if (sched[v] != null) {
      ownSched();
      sched[v] = null;
    }
    if (sub[v] != null) {
      ownSub();
      sub[v] = null;
    }
  }
}
