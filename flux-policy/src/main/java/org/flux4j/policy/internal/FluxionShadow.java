package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.flux4j.graph.planner.PlannerMulti;
import org.flux4j.policy.match.UncaughtFluxionException;

/**
 * Fluxion's exact planner kept beside a {@link SubtreePlan}'s spans, for the cases where the plan's
 * step function ({@link PointProfile}) no longer tells what Fluxion's planner has free. A plan
 * keeps one only on those rare paths (after its totals changed under spans, after a reduction,
 * after a re-prime gave it other types) and holds null otherwise. Not thread-safe; owned by one
 * plan, copied with it ({@link #copy}).
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@link #index} replays the plan's spans, total updates, reductions and releases in the same
 * order as Fluxion does, each job's multi-span under the id in {@link #spanOf}; when an operation
 * is refused there (a span that does not fit), the plan drops its shadow and the step function
 * answers alone again.
 *
 * <p>Once a total changed under spans so far that some scheduled point would hold more than the new
 * total ({@link #clamped}), the step function no longer tells what Fluxion's planner has free: its
 * update_total set that point's remaining amount to 0 rather than below, and a later release adds
 * the span's amount back on top (so the point may then offer more than the total). From then on the
 * plan's availability queries read {@link #index} ({@link #availableAt}, {@link #minAvailDuring},
 * {@link #fits}, {@link #fitTimes}); the normal path, with no shadow, pays one null test.
 */
final class FluxionShadow {
  /**
   * Fluxion's planner holding the plan's spans. At the graph's root, after the totals changed under
   * spans (grow or shrink), its earliest-time index keeps the amounts from before the change until
   * a span operation touches a point (see {@link org.flux4j.graph.planner.Planner#updateTotal}), so
   * that the earliest times searched for a reservation are Fluxion's ({@link #availTimes}).
   */
  final PlannerMulti index;

  /** Each job's span id in {@link #index}. */
  final LongLongHashMap spanOf;

  /**
   * Whether a total change clamped some point's remaining amount at 0 (see the class comment): the
   * plan's availability queries then answer from {@link #index}.
   */
  boolean clamped;

  /**
   * Whether {@link #index} holds multi-spans whose per-type span ids no longer line up with its
   * types, as Fluxion's planner_multi_update leaves them when a re-prime inserts a type before
   * others ({@link SubtreePlan#retyped}): a cancel may then remove another job's span or fail
   * partway ({@link SubtreePlan#cancel}).
   */
  boolean staleIds;

  /** A shadow over {@code index} and {@code spanOf}, neither clamped nor with stale ids. */
  private FluxionShadow(PlannerMulti index, LongLongHashMap spanOf) {
    this.index = index;
    this.spanOf = spanOf;
  }

  /** An independent copy: the planner snapshotted, the ids and flags as they are. */
  FluxionShadow copy() {
    FluxionShadow c = new FluxionShadow(index.snapshot(), new LongLongHashMap(spanOf));
    c.clamped = clamped;
    c.staleIds = staleIds;
    return c;
  }

  /**
   * Fluxion's planner holding {@code from}'s spans under {@code from}'s totals, numbered in order,
   * or null if a span does not fit. O(spans x types).
   */
  static FluxionShadow replay(SubtreePlan from) {
    LongLongHashMap spanOf = new LongLongHashMap();
    PlannerMulti index = replaySpans(from, false, spanOf);
    return index == null ? null : new FluxionShadow(index, spanOf);
  }

  /**
   * The shadow of {@code from} after a re-prime gave it the types {@code newTypes} with {@code
   * newTotals}, as Fluxion's planner_multi_update leaves it ({@link PlannerMulti#updateAsFluxion}):
   * {@code old} (from's own shadow, or null) updated, else Fluxion's planner rebuilt with the span
   * ids Fluxion gave. It is {@link #clamped}, and {@link #staleIds} unless the types were only
   * {@code appended} (and the old ids were not stale already). Null if a span does not fit.
   */
  static FluxionShadow retyped(
      SubtreePlan from, FluxionShadow old, int[] newTypes, long[] newTotals, boolean appended) {
    PlannerMulti index = old != null ? old.index.snapshot() : fluxionPlanner(from);
    if (index == null) {
      return null;
    }
    index.updateAsFluxion(newTotals, typeNames(newTypes));
    FluxionShadow c =
        new FluxionShadow(
            index, old != null ? new LongLongHashMap(old.spanOf) : replayedSpanIds(from));
    c.clamped = true;
    c.staleIds = !appended || (old != null && old.staleIds);
    return c;
  }

  /**
   * An independent copy of Fluxion's planner for {@code from} as it stands: its shadow's when it
   * keeps one ({@code own}), else rebuilt from the live spans with the per-type planners in {@code
   * from.types}' order; null if a span does not fit.
   */
  static PlannerMulti plannerCopy(SubtreePlan from, FluxionShadow own) {
    return own != null ? own.index.snapshot() : fluxionPlanner(from);
  }

  // ------------------------------------------------------------------ writes

  /**
   * Adds {@code jobId}'s span of {@code [s, e)} (s < e) holding the amounts row at {@code row} of
   * {@code rows}; false if Fluxion refuses it (the plan then drops the shadow).
   */
  boolean add(long jobId, long s, long e, long[] rows, int row, int t) {
    long[] a = Arrays.copyOfRange(rows, row, row + t);
    try {
      spanOf.put(jobId, index.addSpan(s, e - s, a));
    } catch (IllegalArgumentException refused) {
      return false;
    }
    return true;
  }

  /**
   * The first step of Fluxion's cancel with {@link #staleIds} (planner_multi_rem_span): removes
   * {@code jobId}'s span, if any; false if the removal stops at a planner that has no span of the
   * id kept for it (the planners before it have lost a span, perhaps another job's).
   */
  boolean cancelStale(long jobId) {
    if (!spanOf.containsKey(jobId)) {
      return true;
    }
    try {
      index.removeSpan(spanOf.get(jobId));
    } catch (IllegalArgumentException failed) {
      return false;
    }
    spanOf.remove(jobId);
    return true;
  }

  /** Removes {@code jobId}'s span, if any (with {@link #staleIds}, as far as Fluxion gets). */
  void remove(long jobId) {
    if (spanOf.containsKey(jobId)) {
      try {
        index.removeSpan(spanOf.removeKeyIfAbsent(jobId, -1));
      } catch (IllegalArgumentException stale) {
        // only with staleIds: Fluxion's removal stops there too; the planners keep the rest
      }
    }
  }

  /** Forgets which span is {@code jobId}'s (the span stays: {@link SubtreePlan#rekey}). */
  void forget(long jobId) {
    spanOf.remove(jobId);
  }

  /**
   * Reduces {@code jobId}'s span, if any, by {@code delta} (by slot); false if Fluxion refuses it
   * (the plan then drops the shadow).
   */
  boolean reduce(long jobId, long[] delta) {
    if (spanOf.containsKey(jobId)) {
      try {
        if (index.reduceSpan(spanOf.get(jobId), delta)) {
          spanOf.remove(jobId);
        }
      } catch (IllegalArgumentException refused) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code jobId}'s multi-span was added before a re-prime gave this vertex one more type,
   * so that it holds fewer per-type ids than {@link #index} has types (only with {@link
   * #staleIds}): {@link #reduceShortSpan} then reduces it.
   */
  boolean isShortSpan(long jobId) {
    return staleIds
        && spanOf.containsKey(jobId)
        && index.spanIdCount(spanOf.get(jobId)) < index.size();
  }

  /**
   * {@link SubtreePlan#reduce} of a multi-span added before a re-prime gave this vertex one more
   * type ({@link #isShortSpan}): planner_multi_reduce_span reads past its ids with {@code
   * std::vector::at} ({@link PlannerMulti#reduceSpanAsFluxion}): the types reduced before the throw
   * stay reduced in Fluxion's planner, which answers here from then on ({@link #staleIds}), and
   * resource-query's {@code remove} command catches the {@code std::out_of_range} and prints its
   * text (rq-diff seeds 339889, 350225: a rank remove after a path remove on {@code
   * coarse_iobw.graphml}, whose cluster vertex learns the {@code bandwidth} type only on the
   * re-prime). Fluxion names the reduced types from an unordered map; they are taken here in prune
   * type order, which only matters when two of them lie past the ids.
   *
   * @return {@link SubtreePlan#REDUCE_ERROR} where a release exceeds a span (EINVAL before the
   *     throw)
   * @throws UncaughtFluxionException with libstdc++'s message and a newline, where Fluxion throws
   */
  int reduceShortSpan(long jobId, int[] types, long[] byPruneType) {
    long fid = spanOf.get(jobId);
    List<String> names = new ArrayList<>();
    LongArrayList amounts = new LongArrayList();
    for (int k = 0; k < types.length; k++) {
      long r = types[k] < byPruneType.length ? byPruneType[types[k]] : 0;
      if (r > 0) {
        names.add(Integer.toString(types[k]));
        amounts.add(r);
      }
    }
    try {
      index.reduceSpanAsFluxion(fid, amounts.toArray(), names.toArray(new String[0]));
    } catch (PlannerMulti.RangeCheckError e) {
      throw new UncaughtFluxionException("std::out_of_range", e.getMessage(), e);
    } catch (IllegalArgumentException refused) {
      return SubtreePlan.REDUCE_ERROR;
    }
    // not reached while the ids are short: the second pass of zeros reads past them
    throw new IllegalStateException("multi-span " + fid + " reduced past its ids");
  }

  /**
   * Gives {@link #index} the totals {@code totals} (its types stay, so the multi-spans keep their
   * span ids as they are, stale ones included: {@link #staleIds}).
   */
  void updateTotals(long[] totals) {
    index.updateAsFluxion(totals, index.types().toArray(new String[0]));
  }

  // ------------------------------------------------------------------ queries

  /** The available amount of slot {@code k} at instant {@code t} in Fluxion's planner. */
  long availableAt(int k, long t) {
    return index.availableAt(t, k);
  }

  /** The least available amount of slot {@code k} over {@code [at, at + d)}, as Fluxion's. */
  long minAvailDuring(int k, long at, long d) {
    // Fluxion's planner_avail_resources_during answers -1 for an empty window
    return d < 1 ? -1 : index.planner(k).availableDuring(at, d);
  }

  /**
   * {@link SubtreePlan#fits} by Fluxion's planner_avail_during on each requested slot's planner
   * ({@code types} the plan's).
   */
  boolean fits(int[] types, long[] request, long at, long d) {
    for (int k = 0; k < types.length; k++) {
      long r = request[types[k]];
      // planner_avail_during refuses an empty window (EINVAL)
      if (r > 0 && (d < 1 || !index.planner(k).availDuring(at, d, r))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link SubtreePlan#fitTimes(long[], long, long, long, int)} by {@link #fits} at each of the
   * step function's points from point {@code q} on.
   */
  long[] fitTimes(
      PointProfile points, int[] types, long[] request, int q, long d, long planEnd, int max) {
    LongArrayList fit = new LongArrayList();
    int pn = points.pointCount();
    for (; q < pn && fit.size() < max; q++) {
      long time = points.pointTime(q);
      if (d <= planEnd - time && fits(types, request, time, d)) {
        fit.add(time);
      }
    }
    return fit.toArray();
  }

  /**
   * {@link SubtreePlan#fluxionAvailTimes} for {@code d >= 1} ({@code types} the plan's): the
   * earliest times as Fluxion's planner_multi_avail_time_first/next find them.
   */
  long[] availTimes(int[] types, long from, long d, long[] request) {
    long[] counts = new long[types.length];
    for (int k = 0; k < types.length; k++) {
      counts[k] = Math.max(0, request[types[k]]);
    }
    LongArrayList out = new LongArrayList();
    for (long t = index.availTimeFirst(from, d, counts);
        t != PlannerMulti.NONE;
        t = index.availTimeNext()) {
      out.add(t);
    }
    return out.toArray();
  }

  // ------------------------------------------------------------------ replays

  /**
   * Fluxion's planner for {@code from}'s spans under its types and totals, each span under the id
   * Fluxion gave it (the ids of spans since removed are skipped: {@link SubtreePlan#seq}); null if
   * a span does not fit.
   */
  private static PlannerMulti fluxionPlanner(SubtreePlan from) {
    return replaySpans(from, true, null);
  }

  /**
   * A Fluxion planner holding {@code from}'s live spans under its types and totals, or null if a
   * span does not fit. With {@code fluxionIds} each span gets the id Fluxion gave it (by {@link
   * SubtreePlan#seq}, skipping the ids of spans since removed, up to {@link SubtreePlan#added});
   * else the spans are numbered in order. Each job's multi-span id goes into {@code spanOf} when it
   * is not null.
   */
  private static PlannerMulti replaySpans(
      SubtreePlan from, boolean fluxionIds, LongLongHashMap spanOf) {
    int t = from.types.length;
    PlannerMulti index =
        PlannerMulti.create(0, JobMeta.PLAN_END, from.totals, typeNames(from.types));
    long next = 0;
    try {
      for (int i = 0; i < from.n; i++) {
        if (from.start[i] < from.end[i]) {
          if (fluxionIds) {
            index.skipSpanIds(from.seq[i] - next);
            next = from.seq[i] + 1;
          }
          long[] a = Arrays.copyOfRange(from.amounts, i * t, (i + 1) * t);
          long id = index.addSpan(from.start[i], from.end[i] - from.start[i], a);
          if (spanOf != null) {
            spanOf.put(from.job[i], id);
          }
        }
      }
    } catch (IllegalArgumentException refused) {
      return null;
    }
    if (fluxionIds) {
      index.skipSpanIds(from.added - next);
    }
    return index;
  }

  /** The names a Fluxion planner gives the prune types {@code types}. */
  private static String[] typeNames(int[] types) {
    String[] names = new String[types.length];
    for (int k = 0; k < types.length; k++) {
      names[k] = Integer.toString(types[k]);
    }
    return names;
  }

  /** The multi-span id of each job of {@code from} in {@link #fluxionPlanner}{@code (from)}. */
  private static LongLongHashMap replayedSpanIds(SubtreePlan from) {
    LongLongHashMap spanOf = new LongLongHashMap();
    for (int i = 0; i < from.n; i++) {
      if (from.start[i] < from.end[i] && from.job[i] != TraversalUpdate.LEAKED_SPAN) {
        spanOf.put(from.job[i], from.seq[i]);
      }
    }
    return spanOf;
  }
}
