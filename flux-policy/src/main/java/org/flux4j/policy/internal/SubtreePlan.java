package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.flux4j.graph.planner.PlannerMulti;
import org.flux4j.policy.match.UncaughtFluxionException;

/**
 * The subtree aggregate of one vertex (Fluxion's pruning filter, {@code idata.subplans}): for each
 * tracked resource type, the total below the vertex and the amounts jobs hold over time.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@code types} are prune-type indices of the engine; spans are parallel arrays in insertion
 * order with {@code amounts} laid out row-major ({@code span * types.length + k}). This class keeps
 * the spans and the job-level operations on them; two parts live in their own classes:
 *
 * <ul>
 *   <li>{@link PointProfile} ({@link #points}) is the step function over the span boundaries that
 *       answers the time queries ({@link #usedAt}, {@link #minAvailDuring}, {@link #fits}, {@link
 *       #witness}, {@link #fitTimes}); every span written here is written there too.
 *   <li>{@link FluxionShadow} ({@link #fluxion}) is Fluxion's exact planner, kept beside the spans
 *       only after a total change under spans, a reduction or a re-prime; once a total change
 *       clamped a point ({@link FluxionShadow#clamped}) the queries answer from it instead. Null on
 *       the normal path, which pays one null test per query.
 * </ul>
 *
 * <p>A copy ({@link #copy}, {@link #withTotals}) is deep and starts unowned ({@link #owner}) with
 * no freeing writes logged ({@link #frees}).
 */
final class SubtreePlan {
  /** The prune-type index of each slot (never written). */
  final int[] types;

  /** The total of each slot below the vertex (never written). */
  final long[] totals;

  /** Each span's job id. */
  long[] job = new long[2];

  /** Each span's start. */
  long[] start = new long[2];

  /** Each span's end (exclusive). */
  long[] end = new long[2];

  /** Each span's amount of each slot, row-major ({@code span * types.length + k}). */
  long[] amounts;

  /** The number of spans. */
  int n;

  /** Each span's place among all spans ever added here (Fluxion's span ids follow it). */
  long[] seq = new long[2];

  /** How many spans were ever added here (kept by the copies): the next span's {@link #seq}. */
  long added;

  /** The step function of the amounts the spans hold over time (see the class comment). */
  private final PointProfile points;

  /** The token of the {@link SchedState} that owns this object and may write to it. */
  Object owner;

  /**
   * Fluxion's planner kept beside the spans after a total change under spans (at the graph's root,
   * or where it clamps a point), a reduction or a re-prime; null otherwise, and the step function
   * answers alone. Dropped again when Fluxion refuses a span operation.
   */
  private FluxionShadow fluxion;

  /**
   * The jobs whose span here was reduced at least once ({@link #reduce}), null until the first: in
   * Fluxion a zero amount is a live per-type span until a reduction removes it, so a first
   * reduction of a zero amount by more than nothing fails, a later one is ignored.
   */
  private LongHashSet reducedOnce;

  /**
   * How many writes so far may have freed room somewhere (a removal, a reduction, a span of a
   * negative amount): {@link #mayHaveFreed} tells whether one since a given count did so inside a
   * given run of time. Adds alone only take room, so they keep every refusal true.
   */
  private long frees;

  /** The time ranges of the last {@link #FREES_KEPT} such writes, by {@code frees % FREES_KEPT}. */
  private final long[] freedLo = new long[FREES_KEPT];

  /** The ends of the ranges in {@link #freedLo} (exclusive). */
  private final long[] freedHi = new long[FREES_KEPT];

  /** How many of the latest freeing writes {@link #mayHaveFreed} can tell apart. */
  static final int FREES_KEPT = 8;

  /** An empty aggregate (no spans) of the slots {@code types} with {@code totals}. */
  SubtreePlan(int[] types, long[] totals) {
    this(types, totals, new PointProfile(types, totals));
  }

  /** An aggregate without spans over {@code points} (a copy's, filled in by the caller). */
  private SubtreePlan(int[] types, long[] totals, PointProfile points) {
    this.types = types;
    this.totals = totals;
    this.amounts = new long[2 * types.length];
    this.points = points;
  }

  /** An independent, unowned copy. O(spans x types + points x types). */
  SubtreePlan copy() {
    return withTotals(totals);
  }

  /** The slot of prune type {@code pruneType}, or -1 if this plan does not track it. */
  int slotOf(int pruneType) {
    for (int k = 0; k < types.length; k++) {
      if (types[k] == pruneType) {
        return k;
      }
    }
    return -1;
  }

  /** Whether the availability queries answer from Fluxion's planner (see the class comment). */
  private boolean clamped() {
    return fluxion != null && fluxion.clamped;
  }

  /**
   * Adds a span of {@code jobId} over {@code [s, e)} holding {@code byPruneType} (indexed by prune
   * type; only the tracked types are read). O(points x types).
   */
  void add(long jobId, long s, long e, long[] byPruneType) {
    int t = types.length;
    if (n == job.length) {
      int m = n * 2;
      job = Arrays.copyOf(job, m);
      start = Arrays.copyOf(start, m);
      end = Arrays.copyOf(end, m);
      amounts = Arrays.copyOf(amounts, m * t);
      seq = Arrays.copyOf(seq, m);
    }
    seq[n] = added++;
    job[n] = jobId;
    start[n] = s;
    end[n] = e;
    int row = n * t;
    for (int k = 0; k < t; k++) {
      amounts[row + k] = byPruneType[types[k]];
    }
    n++;
    points.addSpan(s, e, amounts, row);
    if (s < e) {
      for (int k = 0; k < t; k++) {
        if (amounts[row + k] < 0) {
          freed(s, e);
          break;
        }
      }
    }
    if (fluxion != null && s < e && !fluxion.add(jobId, s, e, amounts, row, t)) {
      fluxion = null;
    }
  }

  /** Whether a {@link #cancel} here may fail (stale span ids); false on the normal path. */
  boolean cancelMayFail() {
    return fluxion != null && fluxion.staleIds;
  }

  /**
   * Fluxion's full cancel of {@code jobId}'s span here (planner_multi_rem_span): as {@link
   * #remove}, unless the span ids are stale ({@link FluxionShadow#staleIds}) and Fluxion's removal
   * stops at a planner that has no span of the id kept for it. Then the planners before it have
   * lost a span (perhaps another job's), the job keeps its span here, and this returns false.
   */
  boolean cancel(long jobId) {
    if (fluxion != null && fluxion.staleIds && !fluxion.cancelStale(jobId)) {
      freed(Long.MIN_VALUE, Long.MAX_VALUE); // the planners before it lost a span
      return false;
    }
    remove(jobId);
    return true;
  }

  /** Removes {@code jobId}'s first span here; returns whether it had one. O(spans + points). */
  boolean remove(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        int t = types.length;
        long s = start[i];
        long e = end[i];
        points.removeSpan(s, e, amounts, i * t);
        if (s < e) {
          freed(s, e);
        }
        int last = n - 1;
        System.arraycopy(job, i + 1, job, i, last - i);
        System.arraycopy(start, i + 1, start, i, last - i);
        System.arraycopy(end, i + 1, end, i, last - i);
        System.arraycopy(amounts, (i + 1) * t, amounts, i * t, (last - i) * t);
        System.arraycopy(seq, i + 1, seq, i, last - i);
        n = last;
        if (reducedOnce != null) {
          reducedOnce.remove(jobId);
        }
        if (fluxion != null) {
          fluxion.remove(jobId);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #remove} of each of {@code jobIds} (distinct) in turn, at once: each job's first span
   * goes, the others keep their order and span ids, every point no span bounds any longer goes, and
   * the freeing writes are logged as the removals one by one log them. Returns the ids that still
   * have a span afterwards (a job with two spans here), mostly none. O(spans x types + points x
   * types + jobIds x log points) instead of O(spans + points) per job; with Fluxion's planner kept
   * beside the spans ({@link #fluxion}) the jobs are removed one by one.
   */
  long[] removeAll(long[] jobIds) {
    if (fluxion != null || jobIds.length == 1) {
      LongArrayList kept = new LongArrayList();
      for (long id : jobIds) {
        remove(id);
      }
      for (long id : jobIds) {
        if (has(id)) {
          kept.add(id);
        }
      }
      return kept.toArray();
    }
    // each id's place in jobIds; whether its first span went; its window, to log as freed in the
    // order of jobIds
    LongIntHashMap place = new LongIntHashMap(jobIds.length);
    for (int i = 0; i < jobIds.length; i++) {
      place.put(jobIds[i], i);
    }
    boolean[] taken = new boolean[jobIds.length];
    long[] freedFrom = new long[jobIds.length];
    long[] freedTo = new long[jobIds.length];
    int t = types.length;
    long[] diff = points.newDiff();
    LongArrayList kept = null;
    int w = 0;
    for (int i = 0; i < n; i++) {
      int at = place.getIfAbsent(job[i], -1);
      if (at < 0 || taken[at]) {
        if (at >= 0) {
          if (kept == null) {
            kept = new LongArrayList();
          }
          if (!kept.contains(job[i])) {
            kept.add(job[i]); // a later span of a job whose first one went
          }
        }
        if (w != i) {
          job[w] = job[i];
          start[w] = start[i];
          end[w] = end[i];
          seq[w] = seq[i];
          System.arraycopy(amounts, i * t, amounts, w * t, t);
        }
        w++;
        continue;
      }
      points.dropSpan(start[i], end[i], amounts, i * t, diff);
      taken[at] = true;
      freedFrom[at] = start[i];
      freedTo[at] = end[i];
      if (reducedOnce != null) {
        reducedOnce.remove(job[i]);
      }
    }
    n = w;
    for (int i = 0; i < jobIds.length; i++) {
      if (freedFrom[i] < freedTo[i]) {
        freed(freedFrom[i], freedTo[i]);
      }
    }
    points.applyDiff(diff);
    return kept == null ? new long[0] : kept.toArray();
  }

  /**
   * Hands {@code jobId}'s span over to job id {@code to}, unchanged (also in Fluxion's planner kept
   * beside the spans, where it stays under its span id but no longer under the job); returns
   * whether the job had a span. See {@code TraversalUpdate#leakEarlierEntries}.
   */
  boolean rekey(long jobId, long to) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        job[i] = to;
        if (fluxion != null) {
          fluxion.forget(jobId);
        }
        if (reducedOnce != null && reducedOnce.remove(jobId)) {
          reducedOnce.add(to);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * How many spans Fluxion's {@code planner_multi_span_size} counts here: the spans of jobs, not
   * the leftovers of a failed add ({@link TraversalUpdate#LEAKED_SPAN}), which Fluxion leaves in
   * its per-type planners but drops from the multi-planner's span table. O(spans).
   */
  int jobSpans() {
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (job[i] != TraversalUpdate.LEAKED_SPAN) {
        c++;
      }
    }
    return c;
  }

  /** {@link #reduce}: the span is gone. */
  static final int REDUCED_AWAY = 1;

  /** {@link #reduce}: the span stays (reduced or unchanged), or the job has none. */
  static final int REDUCED = 0;

  /** {@link #reduce}: a reduction exceeds what the span holds; nothing changed. */
  static final int REDUCE_ERROR = -1;

  /**
   * Reduces {@code jobId}'s span by {@code byPruneType} (indexed by prune type; types this plan
   * does not track are ignored), as Fluxion's {@code planner_multi_reduce_span}: a type whose
   * amount equals its reduction drops to zero, a zero reduction leaves a type as it is, and the
   * span goes when every tracked amount is zero afterwards. A multi-span added before a re-prime
   * gave this vertex one more type goes to {@link FluxionShadow#reduceShortSpan}. O(types + points
   * in the span).
   *
   * @return {@link #REDUCED_AWAY}, {@link #REDUCED} or {@link #REDUCE_ERROR}
   * @throws UncaughtFluxionException where Fluxion throws ({@link FluxionShadow#reduceShortSpan})
   */
  int reduce(long jobId, long[] byPruneType) {
    int i = -1;
    for (int j = 0; j < n && i < 0; j++) {
      if (job[j] == jobId) {
        i = j;
      }
    }
    if (i < 0) {
      return REDUCED;
    }
    if (fluxion != null && fluxion.isShortSpan(jobId)) {
      return fluxion.reduceShortSpan(jobId, types, byPruneType);
    }
    if (fluxion == null) {
      // from the first reduction on, Fluxion's per-type planners differ from the step function:
      // a type reduced to zero leaves its planner (its points go), a zero amount never reduced
      // stays there; the reservation search walks the first type's points (fluxionAvailTimes)
      fluxion = FluxionShadow.replay(this);
    }
    int t = types.length;
    boolean once = reducedOnce != null && reducedOnce.contains(jobId);
    long[] delta = new long[t];
    boolean allZero = true;
    for (int k = 0; k < t; k++) {
      long a = amounts[i * t + k];
      long r = byPruneType[types[k]];
      if (r > a && (a > 0 || !once)) {
        return REDUCE_ERROR;
      }
      // an amount at zero is removed by the first reduction (planner_reduce_span of 0 from 0);
      // later reductions of it are ignored
      delta[k] = a > 0 ? r : 0;
      allZero &= a - delta[k] == 0;
    }
    if (allZero) {
      remove(jobId);
      return REDUCED_AWAY;
    }
    if (start[i] < end[i]) {
      points.addRange(start[i], end[i], delta, 0, -1);
      freed(start[i], end[i]);
    }
    for (int k = 0; k < t; k++) {
      amounts[i * t + k] -= delta[k];
    }
    if (reducedOnce == null) {
      reducedOnce = new LongHashSet();
    }
    reducedOnce.add(jobId);
    if (fluxion != null && !fluxion.reduce(jobId, delta)) {
      fluxion = null;
    }
    return REDUCED;
  }

  /**
   * A copy with other totals, as Fluxion's planner_multi_update gives them to the aggregate of a
   * vertex after a grow or shrink (see {@link org.flux4j.graph.planner.Planner#updateTotal}). A
   * Fluxion planner kept beside the spans goes along, updated. When the totals change under spans,
   * the copy starts keeping one if it is the graph's {@code root} (whose earliest-time index keeps
   * the amounts from before the change: {@link #fluxionAvailTimes}) or if a point would hold more
   * than a new total (Fluxion clamps it at 0, and the copy becomes {@link FluxionShadow#clamped}).
   */
  SubtreePlan withTotals(long[] newTotals, boolean root) {
    boolean change = n > 0 && !Arrays.equals(totals, newTotals);
    boolean clamp = change && points.holdsMoreThan(newTotals);
    SubtreePlan c = withTotals(newTotals);
    if (c.fluxion == null && (root || clamp) && change) {
      c.fluxion = FluxionShadow.replay(this);
      if (c.fluxion != null) {
        c.fluxion.updateTotals(c.totals);
      }
    }
    if (c.fluxion != null) {
      c.fluxion.clamped = clamped() || clamp;
    }
    return c;
  }

  /** A copy with other totals; a Fluxion planner kept beside the spans goes along, updated. */
  SubtreePlan withTotals(long[] newTotals) {
    SubtreePlan c = new SubtreePlan(types, newTotals, points.copy(newTotals));
    if (fluxion != null) {
      c.fluxion = fluxion.copy();
      if (!Arrays.equals(totals, newTotals)) {
        c.fluxion.updateTotals(newTotals);
      }
    }
    c.reducedOnce = reducedOnce == null ? null : new LongHashSet(reducedOnce);
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.amounts = amounts.clone();
    c.seq = seq.clone();
    c.added = added;
    c.n = n;
    return c;
  }

  /**
   * This aggregate after a re-prime gave the vertex other pruning types, as Fluxion's
   * planner_multi_update leaves it: the spans stay, holding nothing of a new type. Where the old
   * types keep their order at the front (a type appended), the spans keep lining up with the types
   * and the copy is exact as it stands ({@link #withTotals(long[], boolean)} for the totals). Where
   * a type lands before an old one, Fluxion's multi-spans keep their per-type span ids at their old
   * indices ({@link PlannerMulti#updateAsFluxion}): the copy keeps Fluxion's planner, rebuilt with
   * the span ids Fluxion gave, answers from it and cancels through it ({@link
   * FluxionShadow#staleIds}). O(spans x types) plus the planner's rebuild; only re-primes reach it.
   */
  SubtreePlan retyped(int[] newTypes, long[] newTotals, boolean root) {
    boolean appended = newTypes.length >= types.length;
    for (int k = 0; appended && k < types.length; k++) {
      appended = newTypes[k] == types[k];
    }
    int t = types.length;
    long[] extended = new long[newTypes.length];
    for (int k = 0; k < newTypes.length; k++) {
      int old = slotOf(newTypes[k]);
      extended[k] = old >= 0 ? totals[old] : newTotals[k];
    }
    SubtreePlan c = new SubtreePlan(newTypes, appended ? extended : newTotals);
    long[] byPruneType = new long[maxType(newTypes) + 1];
    for (int i = 0; i < n; i++) {
      Arrays.fill(byPruneType, 0);
      for (int k = 0; k < t; k++) {
        if (types[k] < byPruneType.length) {
          byPruneType[types[k]] = amounts[i * t + k];
        }
      }
      c.add(job[i], start[i], end[i], byPruneType);
      c.seq[c.n - 1] = seq[i];
    }
    c.added = added;
    c.reducedOnce = reducedOnce == null ? null : new LongHashSet(reducedOnce);
    if (appended && fluxion == null) {
      return c.withTotals(newTotals, root);
    }
    FluxionShadow shadow = FluxionShadow.retyped(this, fluxion, newTypes, newTotals, appended);
    if (shadow == null) {
      return c.withTotals(newTotals, root);
    }
    c.fluxion = shadow;
    return c;
  }

  /**
   * An independent copy of Fluxion's planner for this plan as it stands (its own when it keeps one,
   * else rebuilt from the live spans), with the per-type planners in {@link #types}' order; null if
   * a span does not fit. O(spans x types) when rebuilt: for the rare reads that need Fluxion's
   * planner walk exactly ({@link ReservationWalk}).
   */
  PlannerMulti fluxionPlannerCopy() {
    return FluxionShadow.plannerCopy(this, fluxion);
  }

  /** The largest of {@code ts}, or 0. */
  private static int maxType(int[] ts) {
    int m = 0;
    for (int x : ts) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * The earliest times at or after {@code from} at which {@code request} (indexed by prune type)
   * fits for {@code d}, in increasing order, as Fluxion's planner_multi_avail_time_first/next find
   * them, when this plan keeps Fluxion's planner ({@link #fluxion}); else null.
   */
  long[] fluxionAvailTimes(long from, long d, long[] request) {
    if (fluxion == null || d < 1) {
      return null;
    }
    return fluxion.availTimes(types, from, d, request);
  }

  /** Whether {@code jobId} has a span here. O(spans). */
  boolean has(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ time queries

  /** The number of distinct span boundaries (starts and ends). */
  int pointCount() {
    return points.pointCount();
  }

  /** The {@code p}-th distinct span boundary in increasing order. */
  long pointTime(int p) {
    return points.pointTime(p);
  }

  /**
   * The amount of slot {@code k} held at instant {@code t}: its total less what is free then (so
   * negative where a release after a {@link FluxionShadow#clamped} total change frees more than the
   * total). O(log points).
   */
  long usedAt(int k, long t) {
    if (clamped()) {
      return totals[k] - fluxion.availableAt(k, t);
    }
    return points.usedAt(k, t);
  }

  /** The available amount of slot {@code k} at instant {@code t}. */
  long availAt(int k, long t) {
    return totals[k] - usedAt(k, t);
  }

  /** The least available amount of slot {@code k} over {@code [at, at + d)}. */
  long minAvailDuring(int k, long at, long d) {
    if (clamped()) {
      return fluxion.minAvailDuring(k, at, d);
    }
    return points.minAvailDuring(k, at, d);
  }

  /**
   * Whether {@code request} (indexed by prune type; only the tracked types are read) fits over
   * {@code [at, at + d)}.
   */
  boolean fits(long[] request, long at, long d) {
    if (clamped()) {
      return fluxion.fits(types, request, at, d);
    }
    return points.fits(request, at, d);
  }

  /**
   * After {@link #fits}{@code (request, at, d)} was false: a witness of it that later windows can
   * be checked against in O(1) ({@link FitWitnesses}). That is the longest run of consecutive
   * points, around a point of the window where a requested slot holds more than its total less the
   * request, on which that slot stays so full: {@code run[0]} and {@code run[1]} get the run's
   * start and end, {@code run[2]} the least amount of the slot the run refuses less one (its total
   * less the most free on the run), and the slot's prune type is returned. Any window that meets
   * the run then does not fit a request of more than {@code run[2]} of that type. Returns -1 (no
   * witness) when {@link FluxionShadow#clamped}, for an empty window, or when no slot is too full
   * on a point of the window. O(log points + run).
   */
  int witness(long[] request, long at, long d, long[] run) {
    if (clamped()) {
      return -1;
    }
    return points.witness(request, at, d, run);
  }

  /**
   * The points {@code t} at or after {@code from}, with {@code d <= planEnd - t}, at which {@link
   * #fits}{@code (request, t, d)} holds, in increasing order: the same answers in one sweep from
   * the last point back, O((points + types) x types) rather than a window scan per point.
   */
  long[] fitTimes(long[] request, long from, long d, long planEnd) {
    return fitTimes(request, from, d, planEnd, Integer.MAX_VALUE);
  }

  /**
   * The first {@code max} of {@link #fitTimes(long[], long, long, long)}, in one forward sweep from
   * {@code from} that stops there: O((points swept + types) x types).
   */
  long[] fitTimes(long[] request, long from, long d, long planEnd, int max) {
    int q = points.firstPointFrom(from);
    if (clamped()) {
      return fluxion.fitTimes(points, types, request, q, d, planEnd, max);
    }
    return points.fitTimes(request, q, d, planEnd, max);
  }

  // ------------------------------------------------------------------ freeing writes

  /** Records a write that may have freed room on {@code [lo, hi)}. */
  private void freed(long lo, long hi) {
    int i = (int) (frees % FREES_KEPT);
    freedLo[i] = lo;
    freedHi[i] = hi;
    frees++;
  }

  /** The count of writes that may have freed room so far (for {@link #mayHaveFreed}). */
  long frees() {
    return frees;
  }

  /**
   * Whether a write after the first {@code since} freeing writes ({@link #frees()} then) may have
   * freed room anywhere on {@code [lo, hi)}: true when one of them overlaps it, or when too many
   * happened since to tell. O({@link #FREES_KEPT}).
   */
  boolean mayHaveFreed(long since, long lo, long hi) {
    long count = frees - since;
    if (count == 0) {
      return false;
    }
    if (count < 0 || count > FREES_KEPT) {
      return true;
    }
    for (long f = since; f < frees; f++) {
      int i = (int) (f % FREES_KEPT);
      if (freedLo[i] < hi && lo < freedHi[i]) {
        return true;
      }
    }
    return false;
  }
}
