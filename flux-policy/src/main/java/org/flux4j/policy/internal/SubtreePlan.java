package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.flux4j.graph.planner.PlannerMulti;
import org.flux4j.policy.match.UncaughtFluxionException;

/**
 * The subtree aggregate of one vertex (Fluxion's pruning filter, {@code idata.subplans}): for each
 * tracked resource type, the total below the vertex and the amounts jobs hold over time.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@code types} are prune-type indices of the engine; spans are parallel arrays in insertion
 * order with {@code amounts} laid out row-major ({@code span * types.length + k}).
 *
 * <p>Beside the spans, a step function answers the time queries: {@code pt[0..pn)} are the distinct
 * span boundaries (every start and end) in increasing order, {@code used[p * types.length + k]} is
 * the amount of slot {@code k} held on {@code [pt[p], pt[p + 1])}, {@code ref[p]} counts the span
 * boundaries at {@code pt[p]} and {@code starts[p]} the spans starting there. Before the first
 * point nothing is held. A point is created by the first span boundary on it and dropped with the
 * last, so the points are exactly the set of all span starts and ends. {@link #usedAt} is a binary
 * search (O(log p)); {@link #minAvailDuring} is O(log p) plus the points inside the window; adding
 * or removing a span costs O(p) (array shifts and the covered points). Amounts add with ordinary
 * {@code long} arithmetic, so the answers equal summing the live spans.
 *
 * <p>Once a total changed under spans so far that some scheduled point would hold more than the new
 * total ({@link #clamped}), the step function no longer tells what Fluxion's planner has free: its
 * update_total set that point's remaining amount to 0 rather than below, and a later release adds
 * the span's amount back on top (so the point may then offer more than the total). From then on the
 * availability queries read Fluxion's planner kept beside the spans ({@link #fluxionIndex}), which
 * replays the same spans, update and releases; the normal path pays one boolean test.
 */
final class SubtreePlan {
  final int[] types;
  final long[] totals;
  long[] job = new long[2];
  long[] start = new long[2];
  long[] end = new long[2];
  long[] amounts;
  int n;

  /** Each span's place among all spans ever added here (Fluxion's span ids follow it). */
  long[] seq = new long[2];

  /** How many spans were ever added here (kept by the copies): the next span's {@link #seq}. */
  long added;

  private long[] pt = new long[4];
  private int[] ref = new int[4];
  private int[] starts = new int[4];
  private long[] used;
  private int pn;

  /** The token of the {@link SchedState} that owns this object and may write to it. */
  Object owner;

  /**
   * At the graph's root, after the totals changed under spans (grow or shrink): the same spans in
   * Fluxion's planner, whose earliest-time index keeps the amounts from before the change until a
   * span operation touches a point (see {@link org.flux4j.graph.planner.Planner#updateTotal}), so
   * that the earliest times searched for a reservation are Fluxion's; null otherwise, and the step
   * function answers alone.
   */
  private PlannerMulti fluxionIndex;

  /** With {@link #fluxionIndex}: each job's span id there. */
  private LongLongHashMap fluxionSpan;

  /**
   * Whether a total change clamped some point's remaining amount at 0 (see the class comment): the
   * availability queries then answer from {@link #fluxionIndex}, never null while this is set.
   */
  private boolean clamped;

  /**
   * Whether {@link #fluxionIndex} holds multi-spans whose per-type span ids no longer line up with
   * its types, as Fluxion's planner_multi_update leaves them when a re-prime inserts a type before
   * others ({@link #retyped}): a cancel may then remove another job's span or fail partway ({@link
   * #cancel}).
   */
  private boolean staleIds;

  /**
   * For each job whose span here was reduced ({@link #reduce}), which of its per-type spans are
   * gone from Fluxion's planners (by slot); null until the first reduction. In Fluxion a per-type
   * span lives, even at a zero amount, until a reduction removes it (a reduction by all it holds,
   * zero included); a reduction of a type whose span is gone is passed over, while one of more than
   * a live span holds fails.
   */
  private LongObjectHashMap<boolean[]> goneTypes;

  /**
   * How many writes so far may have freed room somewhere (a removal, a reduction, a span of a
   * negative amount): {@link #mayHaveFreed} tells whether one since a given count did so inside a
   * given run of time. Adds alone only take room, so they keep every refusal true.
   */
  private long frees;

  /** The time ranges of the last {@link #FREES_KEPT} such writes, by {@code frees % FREES_KEPT}. */
  private final long[] freedLo = new long[FREES_KEPT];

  private final long[] freedHi = new long[FREES_KEPT];

  /** How many of the latest freeing writes {@link #mayHaveFreed} can tell apart. */
  static final int FREES_KEPT = 8;

  SubtreePlan(int[] types, long[] totals) {
    this.types = types;
    this.totals = totals;
    this.amounts = new long[2 * types.length];
    this.used = new long[4 * types.length];
  }

  SubtreePlan copy() {
    return withTotals(totals);
  }

  int slotOf(int pruneType) {
    for (int k = 0; k < types.length; k++) {
      if (types[k] == pruneType) {
        return k;
      }
    }
    return -1;
  }

  void add(long jobId, long s, long e, long[] byPruneType) {
    add(jobId, s, e, byPruneType, types.length);
  }

  /**
   * {@link #add}, where Fluxion's planner_multi_add_span got its spans only into the planners of
   * the slots before {@code failedSlot} (the one there refused): the span holds here what it holds
   * (the caller passes nothing for the later slots), and Fluxion's planner kept beside the spans,
   * if any, gets per-type spans only before that slot ({@link PlannerMulti#addSpanUpTo}), so that
   * the later planners' span ids stay where Fluxion's are (rq-diff seed 556680).
   */
  void addRefused(long jobId, long s, long e, long[] byPruneType, int failedSlot) {
    add(jobId, s, e, byPruneType, failedSlot);
  }

  private void add(long jobId, long s, long e, long[] byPruneType, int mirrored) {
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
    int from = refPoint(s, true);
    refPoint(e, false);
    if (s < e) {
      // e's point comes after s's, so s's stays at its index
      addRangeFrom(from, e, amounts, row, 1);
      for (int k = 0; k < t; k++) {
        if (amounts[row + k] < 0) {
          freed(s, e);
          break;
        }
      }
    }
    if (fluxionIndex != null && s < e) {
      long[] a = Arrays.copyOfRange(amounts, row, row + t);
      try {
        long id = fluxionIndex.addSpanUpTo(s, e - s, a, mirrored);
        if (id >= 0) {
          fluxionSpan.put(jobId, id);
        }
      } catch (IllegalArgumentException refused) {
        dropFluxionIndex();
      }
    }
  }

  private void dropFluxionIndex() {
    fluxionIndex = null;
    fluxionSpan = null;
    clamped = false;
    staleIds = false;
  }

  /** Whether this plan answers fits by Fluxion's planners' rules ({@link #clampedFits}). */
  boolean isClamped() {
    return clamped;
  }

  /** Whether a {@link #cancel} here may fail (see {@link #staleIds}); false on the normal path. */
  boolean cancelMayFail() {
    return staleIds;
  }

  /**
   * Fluxion's full cancel of {@code jobId}'s span here (planner_multi_rem_span): as {@link
   * #remove}, unless the span ids are stale ({@link #staleIds}) and Fluxion's removal stops at a
   * planner that has no span of the id kept for it. Then the planners before it have lost a span
   * (perhaps another job's), the job keeps its span here, and this returns false.
   */
  boolean cancel(long jobId) {
    if (staleIds && fluxionSpan.containsKey(jobId)) {
      try {
        fluxionIndex.removeSpan(fluxionSpan.get(jobId));
      } catch (IllegalArgumentException failed) {
        freed(Long.MIN_VALUE, Long.MAX_VALUE); // the planners before it lost a span
        return false;
      }
      fluxionSpan.remove(jobId);
    }
    remove(jobId);
    return true;
  }

  boolean remove(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        int t = types.length;
        long s = start[i];
        long e = end[i];
        if (s < e) {
          addRange(s, e, amounts, i * t, -1);
          freed(s, e);
        }
        unrefPoint(s, true);
        unrefPoint(e, false);
        int last = n - 1;
        System.arraycopy(job, i + 1, job, i, last - i);
        System.arraycopy(start, i + 1, start, i, last - i);
        System.arraycopy(end, i + 1, end, i, last - i);
        System.arraycopy(amounts, (i + 1) * t, amounts, i * t, (last - i) * t);
        System.arraycopy(seq, i + 1, seq, i, last - i);
        n = last;
        if (goneTypes != null) {
          goneTypes.remove(jobId);
        }
        if (fluxionIndex != null && fluxionSpan.containsKey(jobId)) {
          try {
            fluxionIndex.removeSpan(fluxionSpan.removeKeyIfAbsent(jobId, -1));
          } catch (IllegalArgumentException stale) {
            // only with staleIds: Fluxion's removal stops there too; the planners keep the rest
          }
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
   * beside the spans ({@link #fluxionIndex}) the jobs are removed one by one.
   */
  long[] removeAll(long[] jobIds) {
    if (fluxionIndex != null || jobIds.length == 1) {
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
    org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap place = null;
    if (jobIds.length > SCANNED_IDS) {
      place = new org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap(jobIds.length);
      for (int i = 0; i < jobIds.length; i++) {
        place.put(jobIds[i], i);
      }
    }
    boolean[] taken = new boolean[jobIds.length];
    long[] freedFrom = new long[jobIds.length];
    long[] freedTo = new long[jobIds.length];
    int t = types.length;
    // the change of usage at each point, as differences: a span takes its amounts off from the
    // point of its start up to the point of its end
    long[] diff = new long[(pn + 1) * t];
    LongArrayList kept = null;
    int w = 0;
    for (int i = 0; i < n; i++) {
      int at = place != null ? place.getIfAbsent(job[i], -1) : lastIndexOf(jobIds, job[i]);
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
      long a = start[i];
      long b = end[i];
      int ps = floor(a);
      int pe = floor(b);
      if (a < b) {
        for (int k = 0; k < t; k++) {
          diff[ps * t + k] -= amounts[i * t + k];
          diff[pe * t + k] += amounts[i * t + k];
        }
      }
      taken[at] = true;
      freedFrom[at] = a;
      freedTo[at] = b;
      starts[ps]--;
      ref[ps]--;
      ref[pe]--;
      if (goneTypes != null) {
        goneTypes.remove(job[i]);
      }
    }
    n = w;
    for (int i = 0; i < jobIds.length; i++) {
      if (freedFrom[i] < freedTo[i]) {
        freed(freedFrom[i], freedTo[i]);
      }
    }
    long[] run = new long[t];
    int q = 0;
    for (int p = 0; p < pn; p++) {
      for (int k = 0; k < t; k++) {
        run[k] += diff[p * t + k];
      }
      if (ref[p] == 0) {
        continue; // no span bounds it any more
      }
      pt[q] = pt[p];
      ref[q] = ref[p];
      starts[q] = starts[p];
      for (int k = 0; k < t; k++) {
        used[q * t + k] = used[p * t + k] + run[k];
      }
      q++;
    }
    pn = q;
    return kept == null ? NO_IDS : kept.toArray();
  }

  private static final long[] NO_IDS = new long[0];

  /** Up to how many ids {@link #removeAll} finds an id's place by a scan instead of a hash map. */
  private static final int SCANNED_IDS = 8;

  /** The last index of {@code id} in {@code ids} (as a map put in order keeps it), or -1. */
  private static int lastIndexOf(long[] ids, long id) {
    for (int i = ids.length - 1; i >= 0; i--) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
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
        if (fluxionSpan != null) {
          fluxionSpan.remove(jobId);
        }
        if (goneTypes != null && goneTypes.containsKey(jobId)) {
          goneTypes.put(to, goneTypes.remove(jobId));
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Whether Fluxion's {@code planner_multi_span_size} is above zero here: whether some span is a
   * job's, not the leftover of a failed add ({@link TraversalUpdate#LEAKED_SPAN}), which Fluxion
   * leaves in its per-type planners but drops from the multi-planner's span table. Stops at the
   * first job's span (leftovers are rare), so O(1) on a plan of many jobs.
   */
  boolean hasJobSpan() {
    for (int i = 0; i < n; i++) {
      if (job[i] != TraversalUpdate.LEAKED_SPAN) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the last {@link #reduce} met a type whose span an earlier reduction had removed:
   * Fluxion's planner_reduce_span then fails with EINVAL on the span id -1, which the multi-planner
   * ignores, but errno keeps it (a later message of the traverser reads it, rq-diff seed 822622).
   */
  boolean reduceMetGoneType;

  /** {@link #reduce}: the span is gone. */
  static final int REDUCED_AWAY = 1;

  /** {@link #reduce}: the span stays (reduced or unchanged), or the job has none. */
  static final int REDUCED = 0;

  /**
   * {@link #reduce}: a reduction exceeds what a type's span holds; as in Fluxion, the types reduced
   * before it in the reduction's order stay reduced.
   */
  static final int REDUCE_ERROR = -1;

  /**
   * Reduces {@code jobId}'s span by {@code byPruneType} (indexed by prune type; types this plan
   * does not track are ignored), as Fluxion's {@code planner_multi_reduce_span}: a type whose
   * amount equals its reduction drops to zero, a zero reduction leaves a type as it is, and the
   * span goes when every tracked amount is zero afterwards. O(types + points in the span).
   *
   * @return {@link #REDUCED_AWAY}, {@link #REDUCED} or {@link #REDUCE_ERROR}
   */
  int reduce(long jobId, long[] byPruneType) {
    return reduce(jobId, byPruneType, null);
  }

  /**
   * As {@link #reduce(long, long[])}, with the prune types Fluxion's reduction names, in the order
   * it names them ({@code named}, or null for those with a non-zero amount in prune type order),
   * the types not named following in slot order with nothing to release. The order matters where a
   * reduction fails: at a type reduced by more than its span holds (the types before it stay
   * reduced, those after it untouched, rq-diff seed 505472), and where the job's multi-span holds
   * fewer per-type ids than there are types ({@link #reduceShortSpan}).
   */
  int reduce(long jobId, long[] byPruneType, int[] named) {
    reduceMetGoneType = false;
    int i = -1;
    for (int j = 0; j < n && i < 0; j++) {
      if (job[j] == jobId) {
        i = j;
      }
    }
    if (i < 0) {
      return REDUCED;
    }
    if (staleIds && fluxionSpan.containsKey(jobId)) {
      long fid = fluxionSpan.get(jobId);
      if (fluxionIndex.spanIdCount(fid) < fluxionIndex.size()) {
        return reduceShortSpan(fid, byPruneType, named);
      }
    }
    if (fluxionIndex == null) {
      // from the first reduction on, Fluxion's per-type planners differ from the step function:
      // a type reduced to zero leaves its planner (its points go), a zero amount never reduced
      // stays there; the reservation search walks the first type's points (fluxionAvailTimes)
      buildFluxionIndex(this);
    }
    int t = types.length;
    boolean[] was = goneTypes == null ? null : goneTypes.get(jobId);
    boolean[] gone = was == null ? new boolean[t] : was.clone();
    int[] order = reductionOrder(byPruneType, named);
    int namedCount = order[t];
    long[] delta = new long[t];
    boolean failed = false;
    for (int x = 0; x < t && !failed; x++) {
      int k = order[x];
      long r = x < namedCount && types[k] < byPruneType.length ? byPruneType[types[k]] : 0;
      long a = amounts[i * t + k];
      if (gone[k]) {
        reduceMetGoneType = true;
        continue;
      }
      if (r == 0 && a > 0) {
        continue;
      }
      if (r == a) {
        delta[k] = r;
        gone[k] = true;
      } else if (r < a) {
        delta[k] = r;
      } else {
        // planner_reduce_span's EINVAL: the reductions before this one stay
        failed = true;
      }
    }
    boolean allGone = !failed;
    for (int k = 0; k < t && allGone; k++) {
      allGone = gone[k];
    }
    if (allGone) {
      remove(jobId);
      return REDUCED_AWAY;
    }
    if (start[i] < end[i]) {
      addRange(start[i], end[i], delta, 0, -1);
      freed(start[i], end[i]);
    }
    for (int k = 0; k < t; k++) {
      amounts[i * t + k] -= delta[k];
    }
    if (goneTypes == null) {
      goneTypes = new LongObjectHashMap<>();
    }
    goneTypes.put(jobId, gone);
    if (fluxionIndex != null && fluxionSpan.containsKey(jobId)) {
      String[] names = new String[namedCount];
      long[] named2 = new long[namedCount];
      for (int x = 0; x < namedCount; x++) {
        int k = order[x];
        names[x] = Integer.toString(types[k]);
        named2[x] = types[k] < byPruneType.length ? byPruneType[types[k]] : 0;
      }
      try {
        if (fluxionIndex.reduceSpanAsFluxion(fluxionSpan.get(jobId), named2, names)) {
          fluxionSpan.remove(jobId);
        }
      } catch (IllegalArgumentException refused) {
        if (!failed) {
          dropFluxionIndex();
        }
      }
    }
    return failed ? REDUCE_ERROR : REDUCED;
  }

  /**
   * The slots in the order Fluxion's planner_multi_reduce_span reduces them: the tracked ones of
   * {@code named} in its order (or, without it, those with a non-zero amount in slot order), then
   * the others in slot order, which it reduces by zero; the count of the first group follows at
   * index {@code types.length}.
   */
  private int[] reductionOrder(long[] byPruneType, int[] named) {
    int t = types.length;
    int[] order = new int[t + 1];
    boolean[] taken = new boolean[t];
    int x = 0;
    if (named != null) {
      for (int pt : named) {
        int k = slotOf(pt);
        if (k >= 0 && !taken[k]) {
          taken[k] = true;
          order[x++] = k;
        }
      }
    } else {
      for (int k = 0; k < t; k++) {
        if (types[k] < byPruneType.length && byPruneType[types[k]] > 0) {
          taken[k] = true;
          order[x++] = k;
        }
      }
    }
    order[t] = x;
    for (int k = 0; k < t; k++) {
      if (!taken[k]) {
        order[x++] = k;
      }
    }
    return order;
  }

  /** {@link #goneTypes} with its flags moved to the slots of {@code newTypes}. */
  private LongObjectHashMap<boolean[]> retypedGone(int[] newTypes) {
    LongObjectHashMap<boolean[]> out = new LongObjectHashMap<>();
    goneTypes.forEachKeyValue(
        (jobId, flags) -> {
          boolean[] moved = new boolean[newTypes.length];
          for (int k = 0; k < newTypes.length; k++) {
            int old = slotOf(newTypes[k]);
            moved[k] = old >= 0 && flags[old];
          }
          out.put(jobId, moved);
        });
    return out;
  }

  /**
   * {@link #reduce} of a multi-span added before a re-prime gave this vertex one more type: it
   * holds fewer per-type ids than Fluxion's planner has types, and planner_multi_reduce_span reads
   * past them with {@code std::vector::at} ({@link PlannerMulti#reduceSpanAsFluxion}): the types
   * reduced before the throw stay reduced in Fluxion's planner, which answers here from then on
   * ({@link #staleIds}), and resource-query's {@code remove} command catches the {@code
   * std::out_of_range} and prints its text (rq-diff seeds 339889, 350225: a rank remove after a
   * path remove on {@code coarse_iobw.graphml}, whose cluster vertex learns the {@code bandwidth}
   * type only on the re-prime). Fluxion names the reduced types in the order of an unordered map
   * ({@code named}, amounts of zero included): each type named before the first one past the ids is
   * reduced before the throw, and the types not named come only after all named ones (rq-diff seed
   * 495169: a zero amount named past the ids throws before the zero amounts not named remove their
   * spans). Without {@code named}, the types with a non-zero amount are named in prune type order.
   *
   * @return {@link #REDUCE_ERROR} where a release exceeds a span (EINVAL before the throw)
   * @throws UncaughtFluxionException with libstdc++'s message and a newline, where Fluxion throws
   */
  private int reduceShortSpan(long fid, long[] byPruneType, int[] named) {
    List<String> names = new ArrayList<>();
    LongArrayList amounts = new LongArrayList();
    if (named != null) {
      for (int pt : named) {
        names.add(Integer.toString(pt));
        amounts.add(pt < byPruneType.length ? byPruneType[pt] : 0);
      }
    } else {
      for (int type : types) {
        long r = type < byPruneType.length ? byPruneType[type] : 0;
        if (r > 0) {
          names.add(Integer.toString(type));
          amounts.add(r);
        }
      }
    }
    try {
      fluxionIndex.reduceSpanAsFluxion(fid, amounts.toArray(), names.toArray(new String[0]));
    } catch (PlannerMulti.RangeCheckError e) {
      throw new UncaughtFluxionException("std::out_of_range", e.getMessage(), e);
    } catch (IllegalArgumentException refused) {
      return REDUCE_ERROR;
    }
    // not reached while the ids are short: the second pass of zeros reads past them
    throw new IllegalStateException("multi-span " + fid + " reduced past its ids");
  }

  /**
   * A copy with other totals, as Fluxion's planner_multi_update gives them to the aggregate of a
   * vertex after a grow or shrink (see {@link org.flux4j.graph.planner.Planner#updateTotal}). A
   * Fluxion planner kept beside the spans goes along, updated. When the totals change under spans,
   * the copy starts keeping one if it is the graph's {@code root} (whose earliest-time index keeps
   * the amounts from before the change: {@link #fluxionAvailTimes}) or if a point would hold more
   * than a new total (Fluxion clamps it at 0, and the copy becomes {@link #clamped}).
   */
  SubtreePlan withTotals(long[] newTotals, boolean root) {
    boolean change = n > 0 && !Arrays.equals(totals, newTotals);
    boolean clamp = change && holdsMoreThan(newTotals);
    SubtreePlan c = withTotals(newTotals);
    if (c.fluxionIndex == null && (root || clamp) && change) {
      c.buildFluxionIndex(this);
      c.updateFluxionTotals();
    }
    c.clamped = c.fluxionIndex != null && (clamped || clamp);
    return c;
  }

  /** Whether some point holds more of a slot than {@code limits} allows. O(points x types). */
  private boolean holdsMoreThan(long[] limits) {
    int t = types.length;
    for (int p = 0; p < pn; p++) {
      for (int k = 0; k < t; k++) {
        if (used[p * t + k] > limits[k]) {
          return true;
        }
      }
    }
    return false;
  }

  /** A copy with other totals; a Fluxion planner kept beside the spans goes along, updated. */
  SubtreePlan withTotals(long[] newTotals) {
    SubtreePlan c = new SubtreePlan(types, newTotals);
    if (fluxionIndex != null) {
      c.fluxionIndex = fluxionIndex.snapshot();
      c.fluxionSpan = new LongLongHashMap(fluxionSpan);
      c.clamped = clamped;
      c.staleIds = staleIds;
      if (!Arrays.equals(totals, newTotals)) {
        c.updateFluxionTotals();
      }
    }
    c.goneTypes = goneTypes == null ? null : new LongObjectHashMap<>(goneTypes);
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.amounts = amounts.clone();
    c.seq = seq.clone();
    c.added = added;
    c.n = n;
    c.pt = pt.clone();
    c.ref = ref.clone();
    c.starts = starts.clone();
    c.used = used.clone();
    c.pn = pn;
    return c;
  }

  /**
   * This aggregate after a re-prime gave the vertex other pruning types, as Fluxion's
   * planner_multi_update leaves it: the spans stay, holding nothing of a new type. Where the old
   * types keep their order at the front (a type appended), the spans keep lining up with the types
   * and the copy is exact as it stands ({@link #withTotals(long[], boolean)} for the totals). Where
   * a type lands before an old one, Fluxion's multi-spans keep their per-type span ids at their old
   * indices ({@link PlannerMulti#updateAsFluxion}): the copy keeps Fluxion's planner, rebuilt with
   * the span ids Fluxion gave, answers from it and cancels through it ({@link #staleIds}). O(spans
   * x types) plus the planner's rebuild; only re-primes reach it.
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
    c.goneTypes = goneTypes == null ? null : retypedGone(newTypes);
    if (appended && fluxionIndex == null) {
      return c.withTotals(newTotals, root);
    }
    PlannerMulti index = fluxionIndex != null ? fluxionIndex.snapshot() : fluxionPlanner(this);
    if (index == null) {
      return c.withTotals(newTotals, root);
    }
    index.updateAsFluxion(newTotals, typeNames(newTypes));
    c.fluxionIndex = index;
    c.fluxionSpan = fluxionIndex != null ? new LongLongHashMap(fluxionSpan) : replayedSpanIds(this);
    c.clamped = true;
    c.staleIds = !appended || staleIds;
    return c;
  }

  /**
   * An independent copy of Fluxion's planner for this plan as it stands (its own when it keeps one,
   * else rebuilt from the live spans), with the per-type planners in {@link #types}' order; null if
   * a span does not fit. O(spans x types) when rebuilt: for the rare reads that need Fluxion's
   * planner walk exactly ({@link ReservationWalk}).
   */
  PlannerMulti fluxionPlannerCopy() {
    return fluxionIndex != null ? fluxionIndex.snapshot() : fluxionPlanner(this);
  }

  private static int maxType(int[] ts) {
    int m = 0;
    for (int x : ts) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * Fluxion's planner for {@code from}'s spans under its types and totals, each span under the id
   * Fluxion gave it (the ids of spans since removed are skipped: {@link #seq}); null if a span does
   * not fit.
   */
  private static PlannerMulti fluxionPlanner(SubtreePlan from) {
    return replaySpans(from, true, null);
  }

  /**
   * A Fluxion planner holding {@code from}'s live spans under its types and totals, or null if a
   * span does not fit. With {@code fluxionIds} each span gets the id Fluxion gave it (by {@link
   * #seq}, skipping the ids of spans since removed, up to {@link #added}); else the spans are
   * numbered in order. Each job's multi-span id goes into {@code spanOf} when it is not null.
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

  /**
   * Gives the Fluxion planner kept beside the spans, if any, this plan's totals (its types stay, so
   * the multi-spans keep their span ids as they are, stale ones included: {@link #staleIds}).
   */
  private void updateFluxionTotals() {
    if (fluxionIndex != null) {
      fluxionIndex.updateAsFluxion(totals, fluxionIndex.types().toArray(new String[0]));
    }
  }

  /** Fluxion's planner holding {@code from}'s spans under {@code from}'s totals. */
  private void buildFluxionIndex(SubtreePlan from) {
    LongLongHashMap spanOf = new LongLongHashMap();
    PlannerMulti index = replaySpans(from, false, spanOf);
    if (index != null) {
      fluxionIndex = index;
      fluxionSpan = spanOf;
    }
  }

  /**
   * The earliest times at or after {@code from} at which {@code request} (indexed by prune type)
   * fits for {@code d}, in increasing order, as Fluxion's planner_multi_avail_time_first/next find
   * them, when this plan keeps Fluxion's planner ({@link #fluxionIndex}); else null.
   */
  long[] fluxionAvailTimes(long from, long d, long[] request) {
    if (fluxionIndex == null || d < 1) {
      return null;
    }
    long[] counts = new long[types.length];
    for (int k = 0; k < types.length; k++) {
      counts[k] = Math.max(0, request[types[k]]);
    }
    LongArrayList out = new LongArrayList();
    for (long t = fluxionIndex.availTimeFirst(from, d, counts);
        t != PlannerMulti.NONE;
        t = fluxionIndex.availTimeNext()) {
      out.add(t);
    }
    return out.toArray();
  }

  boolean has(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        return true;
      }
    }
    return false;
  }

  /** The number of distinct span boundaries (starts and ends). */
  int pointCount() {
    return pn;
  }

  /** The {@code p}-th distinct span boundary in increasing order. */
  long pointTime(int p) {
    return pt[p];
  }

  /**
   * The amount of slot {@code k} held at instant {@code t}: its total less what is free then (so
   * negative where a release after a {@link #clamped} total change frees more than the total).
   */
  long usedAt(int k, long t) {
    if (clamped) {
      return totals[k] - fluxionIndex.availableAt(t, k);
    }
    int p = floor(t);
    return p < 0 ? 0 : used[p * types.length + k];
  }

  /** The available amount of slot {@code k} at instant {@code t}. */
  long availAt(int k, long t) {
    return totals[k] - usedAt(k, t);
  }

  /** The least available amount of slot {@code k} over {@code [at, at + d)}. */
  long minAvailDuring(int k, long at, long d) {
    if (clamped) {
      // Fluxion's planner_avail_resources_during answers -1 for an empty window
      return d < 1 ? -1 : fluxionIndex.planner(k).availableDuring(at, d);
    }
    return totals[k] - maxUsedFrom(k, floor(at), at + d, Long.MAX_VALUE);
  }

  /**
   * The most of slot {@code k} held from point {@code p} (the floor of the window start, or -1)
   * until {@code hi}, exclusive; the scan stops early once the answer exceeds {@code enough}.
   */
  private long maxUsedFrom(int k, int p, long hi, long enough) {
    int t = types.length;
    long worst = p < 0 ? 0 : used[p * t + k];
    // usage rises only where a span starts: check at and every start inside the window
    for (int q = p + 1; q < pn && worst <= enough && pt[q] < hi; q++) {
      if (starts[q] > 0) {
        long u = used[q * t + k];
        if (u > worst) {
          worst = u;
        }
      }
    }
    return worst;
  }

  /**
   * Whether {@code request} (indexed by prune type; only the tracked types are read) fits over
   * {@code [at, at + d)}.
   */
  boolean fits(long[] request, long at, long d) {
    if (clamped) {
      return clampedFits(request, at, d);
    }
    // nothing is held before the first point or from the last one on
    boolean free = pn == 0 || at >= pt[pn - 1] || (d > 0 && at + d <= pt[0]);
    int p = -2;
    for (int k = 0; k < types.length; k++) {
      long r = request[types[k]];
      if (r <= 0) {
        continue;
      }
      if (r > totals[k]) {
        return false;
      }
      if (free) {
        continue;
      }
      if (p == -2) {
        p = floor(at);
      }
      // the scan may stop once usage passes totals - r (>= 0 here): it cannot fit any more
      if (totals[k] - maxUsedFrom(k, p, at + d, totals[k] - r) < r) {
        return false;
      }
    }
    return true;
  }

  /** {@link #fits} by Fluxion's planner_avail_during on each requested slot's planner. */
  private boolean clampedFits(long[] request, long at, long d) {
    for (int k = 0; k < types.length; k++) {
      long r = request[types[k]];
      // planner_avail_during refuses an empty window (EINVAL)
      if (r > 0 && (d < 1 || !fluxionIndex.planner(k).availDuring(at, d, r))) {
        return false;
      }
    }
    return true;
  }

  /** How many points a {@link #witness} run reaches each way from where it was found. */
  static final int WITNESS_REACH = 64;

  /**
   * After {@link #fits}{@code (request, at, d)} was false: a witness of it that later windows can
   * be checked against in O(1) ({@link FitWitnesses}). That is a run of consecutive points, around
   * a point of the window where a requested slot holds more than its total less the request, on
   * which that slot stays so full: {@code run[0]} and {@code run[1]} get the run's start and end,
   * {@code run[2]} the least amount of the slot the run refuses less one (its total less the most
   * free on the run), and the slot's prune type is returned. Any window that meets the run then
   * does not fit a request of more than {@code run[2]} of that type. Returns -1 (no witness) when
   * {@link #clamped}, for an empty window, or when no slot is too full on a point of the window.
   * The run reaches at most {@link #WITNESS_REACH} points each way from the first too full point of
   * the window (any part of a run is a witness too, and one cut short refuses more requests, never
   * fewer). O(log points + points of the window + reach).
   */
  int witness(long[] request, long at, long d, long[] run) {
    if (clamped || d < 1 || pn == 0) {
      return -1;
    }
    int t = types.length;
    int p = floor(at);
    for (int k = 0; k < t; k++) {
      long r = request[types[k]];
      if (r <= 0 || r > totals[k]) {
        continue;
      }
      long limit = totals[k] - r;
      int q = -1;
      if (p >= 0 && used[p * t + k] > limit) {
        q = p;
      }
      for (int x = p + 1; q < 0 && x < pn && pt[x] < at + d; x++) {
        if (used[x * t + k] > limit) {
          q = x;
        }
      }
      if (q < 0) {
        continue;
      }
      // any part of the run around q is a witness too: reach at most WITNESS_REACH points each
      // way, so that a plan crowded with a deep queue's bookings is not walked end to end
      int a = q;
      while (a > 0 && q - a < WITNESS_REACH && used[(a - 1) * t + k] > limit) {
        a--;
      }
      int b = q;
      while (b + 1 < pn && b - q < WITNESS_REACH && used[(b + 1) * t + k] > limit) {
        b++;
      }
      // past the last point nothing is held, so a run ends at a point
      if (b + 1 >= pn) {
        return -1;
      }
      long least = Long.MAX_VALUE;
      for (int x = a; x <= b; x++) {
        least = Math.min(least, used[x * t + k]);
      }
      run[0] = pt[a];
      run[1] = pt[b + 1];
      run[2] = totals[k] - least;
      return types[k];
    }
    return -1;
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
    int q = floor(from);
    if (q < 0 || pt[q] < from) {
      q++;
    }
    if (clamped) {
      LongArrayList fit = new LongArrayList();
      for (; q < pn && fit.size() < max; q++) {
        if (d <= planEnd - pt[q] && clampedFits(request, pt[q], d)) {
          fit.add(pt[q]);
        }
      }
      return fit.toArray();
    }
    int t = types.length;
    long[] limit = new long[t];
    boolean any = false;
    for (int k = 0; k < t; k++) {
      long r = request[types[k]];
      if (r > totals[k] && r > 0) {
        return new long[0];
      }
      // a type the request does not ask for never blocks; else usage above totals - r does
      limit[k] = r <= 0 ? Long.MAX_VALUE : totals[k] - r;
      any |= r > 0;
    }
    long[] out = new long[Math.max(0, Math.min(max, pn - q))];
    int w = 0;
    // the first point after q where a span starts and some type is over its limit (or pn), and
    // where the search for the next one goes on: both only move forward
    int nextBadStart = -1;
    int scanned = q + 1;
    for (; q < pn && w < out.length; q++) {
      long time = pt[q];
      if ((any && over(q, limit)) || d > planEnd - time) {
        continue;
      }
      if (nextBadStart <= q) {
        int b = Math.max(scanned, q + 1);
        while (b < pn && !(starts[b] > 0 && any && over(b, limit))) {
          b++;
        }
        nextBadStart = b;
        scanned = b;
      }
      if (nextBadStart == pn || pt[nextBadStart] >= time + d) {
        out[w++] = time;
      }
    }
    return w == out.length ? out : Arrays.copyOf(out, w);
  }

  /** Whether some slot holds more than its {@code limit} at point {@code q}. */
  private boolean over(int q, long[] limit) {
    int t = types.length;
    for (int k = 0; k < t; k++) {
      if (used[q * t + k] > limit[k]) {
        return true;
      }
    }
    return false;
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

  // ------------------------------------------------------------------ step function

  /** The index of the last point at or before {@code t}, or -1. */
  private int floor(long t) {
    if (pn <= 4) {
      int p = -1;
      while (p + 1 < pn && pt[p + 1] <= t) {
        p++;
      }
      return p;
    }
    // the last answer, still right if no point came or went in between around it: a booking asks
    // a root with thousands of points about the same start several times over
    int h = floorHint;
    if (h < pn && pt[h] <= t && (h + 1 == pn || pt[h + 1] > t)) {
      return h;
    }
    // branch-free halving (the compiler makes the choice a conditional move, and a root's many
    // points make a mispredicted branch per step the cost): the answer stays in [base - 1, base +
    // len - 1], and base is 0 or a point at or before t
    int base = 0;
    int len = pn;
    while (len > 1) {
      int half = len >>> 1;
      base = pt[base + half] <= t ? base + half : base;
      len -= half;
    }
    if (pt[base] <= t) {
      floorHint = base;
      return base;
    }
    return base - 1;
  }

  /** The index {@link #floor} answered last (any index below {@link #pn} will do to start). */
  private int floorHint;

  /** Counts a span boundary at {@code time}, making its point if new; returns the point's index. */
  private int refPoint(long time, boolean isStart) {
    int p = floor(time);
    if (p < 0 || pt[p] != time) {
      p++;
      insertPoint(p, time);
    }
    ref[p]++;
    if (isStart) {
      starts[p]++;
    }
    return p;
  }

  private void insertPoint(int p, long time) {
    int t = types.length;
    if (pn == pt.length) {
      int m = pn * 2;
      pt = Arrays.copyOf(pt, m);
      ref = Arrays.copyOf(ref, m);
      starts = Arrays.copyOf(starts, m);
      used = Arrays.copyOf(used, m * t);
    }
    System.arraycopy(pt, p, pt, p + 1, pn - p);
    System.arraycopy(ref, p, ref, p + 1, pn - p);
    System.arraycopy(starts, p, starts, p + 1, pn - p);
    System.arraycopy(used, p * t, used, (p + 1) * t, (pn - p) * t);
    pt[p] = time;
    ref[p] = 0;
    starts[p] = 0;
    // the new point splits the segment before it: same usage (nothing before the first point)
    for (int k = 0; k < t; k++) {
      used[p * t + k] = p == 0 ? 0 : used[(p - 1) * t + k];
    }
    pn++;
  }

  private void unrefPoint(long time, boolean isStart) {
    int p = floor(time);
    if (isStart) {
      starts[p]--;
    }
    if (--ref[p] == 0) {
      int t = types.length;
      System.arraycopy(pt, p + 1, pt, p, pn - p - 1);
      System.arraycopy(ref, p + 1, ref, p, pn - p - 1);
      System.arraycopy(starts, p + 1, starts, p, pn - p - 1);
      System.arraycopy(used, (p + 1) * t, used, p * t, (pn - p - 1) * t);
      pn--;
    }
  }

  /** Adds {@code sign} times the amounts row at {@code row} to every point in {@code [s, e)}. */
  private void addRange(long s, long e, long[] rows, int row, int sign) {
    addRangeFrom(floor(s), e, rows, row, sign);
  }

  /** {@link #addRange} from point {@code from}, the floor of the range's start. */
  private void addRangeFrom(int from, long e, long[] rows, int row, int sign) {
    int t = types.length;
    for (int q = from; q < pn && pt[q] < e; q++) {
      int base = q * t;
      for (int k = 0; k < t; k++) {
        used[base + k] += sign * rows[row + k];
      }
    }
  }
}
