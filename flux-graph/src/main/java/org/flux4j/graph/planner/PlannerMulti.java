package org.flux4j.graph.planner;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * Time-indexed availability of several resource types at once (Fluxion's {@code planner_multi_t}):
 * one {@link Planner} per type, all over the same horizon, with requests and spans given as vectors
 * indexed like {@link #types()}.
 *
 * <p>Semantics follow flux-sched {@code resource/planner/c/planner_multi.h}: {@link
 * #availTimeFirst} iterates the candidate times of the first type's planner and keeps those at
 * which every other type is free for the duration; multi-span ids start at 0; a partial release
 * ({@link #reduceSpan}) removes the per-type spans that reach zero and the multi-span once all are
 * gone. Deliberate differences, all on error paths: a failing {@link #addSpan} is checked for every
 * type before any planner changes (Fluxion may leave spans in the types before the failing one and
 * consumes an id), and {@link #update} keeps existing multi-spans aligned with the reordered types.
 *
 * <p>Not thread-safe. Costs are those of {@link Planner} times the number of types.
 */
public final class PlannerMulti {
  /** The sentinel for "no such time" or "no such span". */
  public static final long NONE = -1;

  /*
   * Implementation notes. types/planners are parallel lists in index order. Each multi-span maps to
   * a long[] of per-type planner span ids in the same index order; an entry of -1 means the type's
   * span was released by a partial cancel (or the type was added after the span). The iteration
   * request (duration and per-type counts) is kept by type name so that it survives update().
   */
  private final long base;
  private final long horizon;
  private String[] types;
  private Planner[] planners;
  private LongObjectHashMap<long[]> spans; // null while no span was ever added
  private long spanCounter;
  private long iterDuration;
  private String[] iterTypes; // null until the first availTimeFirst
  private long[] iterCounts;

  /** See {@link #lastRefusals()}. */
  private int refusals;

  private PlannerMulti(long base, long horizon, String[] types, Planner[] planners) {
    this.base = base;
    this.horizon = horizon;
    this.types = types;
    this.planners = planners;
  }

  /**
   * Creates a multi-planner over {@code [base, base + horizon)} with one planner per type
   * (Fluxion's {@code planner_multi_new}).
   *
   * @throws IllegalArgumentException if the arrays differ in length, a type is null or repeated, a
   *     total is negative or {@code horizon < 1}
   */
  public static PlannerMulti create(long base, long horizon, long[] totals, String[] types) {
    if (totals.length != types.length) {
      throw new IllegalArgumentException(
          "planner_multi: " + totals.length + " totals for " + types.length + " types");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException(
          "planner_multi: horizon " + horizon + " must be at least 1");
    }
    Set<String> seen = new HashSet<>();
    for (String t : types) {
      if (t == null || !seen.add(t)) {
        throw new IllegalArgumentException("planner_multi: type " + t + " is null or repeated");
      }
    }
    return createShared(base, horizon, totals, types.clone());
  }

  /** As {@link #create}, keeping {@code types} (validated, never modified) without a copy. */
  static PlannerMulti createShared(long base, long horizon, long[] totals, String[] types) {
    Planner[] ps = new Planner[types.length];
    for (int i = 0; i < types.length; i++) {
      ps[i] = Planner.create(base, horizon, totals[i], types[i]);
    }
    return new PlannerMulti(base, horizon, types, ps);
  }

  /** A deep, independent copy (Fluxion's {@code planner_multi_copy}). */
  public PlannerMulti copy() {
    return copy(false);
  }

  /**
   * An exact, independent copy that keeps every planner's min-time index and iteration as they are
   * (see {@link Planner#snapshot}), where {@link #copy} re-indexes as Fluxion's copy does.
   */
  public PlannerMulti snapshot() {
    return copy(true);
  }

  private PlannerMulti copy(boolean exact) {
    Planner[] ps = new Planner[planners.length];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = exact ? planners[i].snapshot() : planners[i].copy();
    }
    PlannerMulti m = new PlannerMulti(base, horizon, types, ps);
    if (spans != null) {
      m.spans = new LongObjectHashMap<>(spans.size());
      spans.forEachKeyValue((k, v) -> m.spans.put(k, v.clone()));
    }
    m.spanCounter = spanCounter;
    m.iterDuration = iterDuration;
    m.iterTypes = iterTypes;
    m.iterCounts = iterCounts == null ? null : iterCounts.clone();
    return m;
  }

  // ---------------------------------------------------------------- properties

  /** The base time. */
  public long baseTime() {
    return base;
  }

  /** The horizon length. */
  public long horizon() {
    return horizon;
  }

  /** How many resource types are tracked. */
  public int size() {
    return types.length;
  }

  /** The resource types in index order. Unmodifiable snapshot. */
  public List<String> types() {
    return List.of(types);
  }

  /** The type at index {@code i}. */
  public String type(int i) {
    return types[i];
  }

  /** The index of {@code type}, or -1 if not tracked. O(types). */
  public int indexOf(String type) {
    for (int i = 0; i < types.length; i++) {
      if (types[i].equals(type)) {
        return i;
      }
    }
    return -1;
  }

  /** The total of the type at index {@code i}. */
  public long total(int i) {
    return planners[i].total();
  }

  /** The total of {@code type}, or -1 if not tracked (Fluxion's {@code _total_by_type}). */
  public long totalByType(String type) {
    int i = indexOf(type);
    return i < 0 ? -1 : planners[i].total();
  }

  /**
   * The planner of the type at index {@code i}; changing it directly bypasses this multi-planner's
   * span bookkeeping.
   */
  public Planner planner(int i) {
    return planners[i];
  }

  // ---------------------------------------------------------------- queries

  /**
   * The units of type {@code i} free at time {@code t}.
   *
   * @throws IllegalArgumentException as {@link Planner#availableAt}
   */
  public long availableAt(long t, int i) {
    return planners[i].availableAt(t);
  }

  /**
   * Fills {@code out} with the units of each type free at time {@code t} (Fluxion's {@code
   * planner_multi_avail_resources_array_at}).
   *
   * @throws IllegalArgumentException as {@link Planner#availableAt}, or if {@code out} has the
   *     wrong length
   */
  public void availableAt(long t, long[] out) {
    checkLength(out);
    for (int i = 0; i < out.length; i++) {
      out[i] = planners[i].availableAt(t);
    }
  }

  /**
   * Fills {@code out} with the fewest units of each type free during {@code [t, t + duration)}
   * (Fluxion's {@code planner_multi_avail_resources_array_during}).
   *
   * @throws IllegalArgumentException as {@link Planner#availableDuring}, or if {@code out} has the
   *     wrong length
   */
  public void availableDuring(long t, long duration, long[] out) {
    checkLength(out);
    for (int i = 0; i < out.length; i++) {
      out[i] = planners[i].availableDuring(t, duration);
    }
  }

  /**
   * Whether {@code counts[i]} units of every type {@code i} are free during {@code [t, t +
   * duration)} (Fluxion's {@code planner_multi_avail_during}); false as soon as one type is busy,
   * over its total or past the horizon. O(types * (log p + k)).
   *
   * @throws IllegalArgumentException if {@code counts} has the wrong length or a negative entry, or
   *     {@code duration < 1}
   */
  public boolean availDuring(long t, long duration, long[] counts) {
    checkLength(counts);
    for (int i = 0; i < counts.length; i++) {
      if (!planners[i].availDuring(t, duration, counts[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest candidate time at or after {@code onOrAfter} at which {@code counts} are free for
   * {@code duration} (Fluxion's {@code planner_multi_avail_time_first}): the candidates are the
   * first type's scheduled points. Returns {@link #NONE} if there is none.
   *
   * @throws IllegalArgumentException if {@code counts} has the wrong length or a negative entry,
   *     there are no types, or {@code duration < 1}
   */
  public long availTimeFirst(long onOrAfter, long duration, long[] counts) {
    if (types.length == 0) {
      throw new IllegalArgumentException("planner_multi: no resource types");
    }
    checkLength(counts);
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("planner_multi: negative count " + c);
      }
    }
    if (duration < 1) {
      throw new IllegalArgumentException(
          "planner_multi: duration " + duration + " must be at least 1");
    }
    iterDuration = duration;
    iterTypes = types;
    iterCounts = counts.clone();
    refusals = 0;
    long t = planners[0].availTimeFirst(onOrAfter, duration, counts[0]);
    while (t != NONE && !othersFit(t)) {
      refusals++;
      t = planners[0].availTimeNext();
    }
    return t;
  }

  /**
   * The next time of the iteration begun by {@link #availTimeFirst}, or {@link #NONE} (Fluxion's
   * {@code planner_multi_avail_time_next}).
   */
  public long availTimeNext() {
    if (types.length == 0 || iterTypes == null) {
      return NONE;
    }
    refusals = 0;
    long t = planners[0].availTimeNext();
    while (t != NONE && !othersFit(t)) {
      refusals++;
      t = planners[0].availTimeNext();
    }
    return t;
  }

  /**
   * How many of the first type's candidate times the last {@link #availTimeFirst} or {@link
   * #availTimeNext} passed over because another type did not fit then. Fluxion's
   * planner_avail_during sets errno to EBUSY at each of them, and the iteration's caller may read
   * it afterwards.
   */
  public int lastRefusals() {
    return refusals;
  }

  private boolean othersFit(long t) {
    for (int i = 1; i < planners.length; i++) {
      long c = iterTypes == types ? iterCounts[i] : iterCount(types[i]);
      if (!planners[i].availDuring(t, iterDuration, c)) {
        return false;
      }
    }
    return true;
  }

  /** The iteration's count for {@code type}: 0 for a type added since the iteration began. */
  private long iterCount(String type) {
    for (int k = 0; k < iterTypes.length; k++) {
      if (iterTypes[k].equals(type)) {
        return iterCounts[k];
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- spans

  /**
   * Reserves {@code amounts[i]} units of each type {@code i} during {@code [start, start +
   * duration)} and returns the multi-span id (from 0, never reused). O(types * (log p + k)).
   *
   * @throws IllegalArgumentException if {@code amounts} has the wrong length, or any type's planner
   *     would refuse its span (see {@link Planner#addSpan}); then nothing changes
   */
  public long addSpan(long start, long duration, long[] amounts) {
    return addSpanUpTo(start, duration, amounts, amounts.length);
  }

  /**
   * What Fluxion's {@code planner_multi_add_span} leaves when the planner at index {@code failAt}
   * refuses its span: the multi-span id is used up, each planner before {@code failAt} keeps its
   * span (no multi-span names it, so it holds its units for good), the planners from {@code failAt}
   * on get none and use no span id. {@code failAt} equal to the number of types is a plain {@link
   * #addSpan}.
   *
   * @return the multi-span id, or -1 where the add failed
   * @throws IllegalArgumentException as {@link #addSpan}, for the planners before {@code failAt},
   *     or if {@code failAt} is out of range; then nothing changes
   */
  public long addSpanUpTo(long start, long duration, long[] amounts, int failAt) {
    checkLength(amounts);
    if (failAt < 0 || failAt > amounts.length) {
      throw new IllegalArgumentException("planner_multi: no type index " + failAt);
    }
    if (failAt < amounts.length) {
      for (int i = 0; i < failAt; i++) {
        String problem = planners[i].spanProblem(start, duration, amounts[i]);
        if (problem != null) {
          throw new IllegalArgumentException("planner_multi " + types[i] + ": " + problem);
        }
      }
      for (int i = 0; i < failAt; i++) {
        planners[i].addSpan(start, duration, amounts[i]);
      }
      spanCounter++;
      return -1;
    }
    checkLength(amounts);
    for (int i = 0; i < amounts.length; i++) {
      String problem = planners[i].spanProblem(start, duration, amounts[i]);
      if (problem != null) {
        throw new IllegalArgumentException("planner_multi " + types[i] + ": " + problem);
      }
    }
    long[] ids = new long[amounts.length];
    for (int i = 0; i < amounts.length; i++) {
      ids[i] = planners[i].addSpan(start, duration, amounts[i]);
    }
    long id = spanCounter++;
    if (spans == null) {
      spans = new LongObjectHashMap<>(2);
    }
    spans.put(id, ids);
    return id;
  }

  /**
   * Releases a multi-span entirely (Fluxion's {@code planner_multi_rem_span}): the per-type span id
   * at each index is removed from the planner at that index, in index order.
   *
   * @throws IllegalArgumentException if there is no multi-span {@code id}, or (only after {@link
   *     #updateAsFluxion}) the planner at some index has no span of the id kept there; then, as in
   *     Fluxion, the planners before that index have lost their spans and the multi-span stays
   */
  public void removeSpan(long id) {
    long[] ids = requireSpan(id);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != NONE) {
        if (i >= planners.length) {
          throw new IllegalArgumentException(
              "planner_multi: span " + id + " names a type index " + i + " no longer tracked");
        }
        planners[i].removeSpan(ids[i]);
      }
    }
    spans.remove(id);
  }

  /**
   * Releases part of a multi-span (Fluxion's {@code planner_multi_reduce_span}, a partial cancel):
   * {@code amounts[j]} units of {@code types[j]} for each {@code j}; types not tracked here are
   * ignored, tracked types not named release 0 (which removes their span if it holds 0). A per-type
   * span released to nothing is dropped; when none is left the multi-span is removed and this
   * returns true.
   *
   * <p>A type named twice counts once, with its last amount (Fluxion would release twice).
   *
   * @throws IllegalArgumentException if there is no multi-span {@code id}, the arrays differ in
   *     length, or an amount is negative or above what the type's span holds; then nothing changes
   */
  public boolean reduceSpan(long id, long[] amounts, String[] reduceTypes) {
    long[] ids = requireSpan(id);
    if (amounts.length != reduceTypes.length) {
      throw new IllegalArgumentException(
          "planner_multi: " + amounts.length + " amounts for " + reduceTypes.length + " types");
    }
    int n = types.length;
    long[] byIndex = new long[n];
    for (int j = 0; j < amounts.length; j++) {
      int i = indexOf(reduceTypes[j]);
      if (i < 0) {
        continue;
      }
      checkReleasable(ids, i, amounts[j]);
      byIndex[i] = amounts[j];
    }
    return reduceByIndex(id, ids, byIndex);
  }

  /**
   * Releases {@code amounts[i]} units of each type {@code i} of a multi-span; as {@link
   * #reduceSpan(long, long[], String[])} with every type named.
   */
  public boolean reduceSpan(long id, long[] amounts) {
    long[] ids = requireSpan(id);
    checkLength(amounts);
    for (int i = 0; i < amounts.length; i++) {
      checkReleasable(ids, i, amounts[i]);
    }
    return reduceByIndex(id, ids, amounts);
  }

  /**
   * Releases part of a multi-span step by step as Fluxion's {@code planner_multi_reduce_span} does,
   * also where the multi-span holds fewer per-type span ids than there are types (after {@link
   * #updateAsFluxion} added one): first each named type in order (types not tracked skipped), then
   * every type not named with 0; a per-type id that names no span of its planner is passed over, a
   * release above what that span holds fails. Fluxion reads each id with {@code std::vector::at},
   * so the first index at or past the multi-span's ids throws {@code std::out_of_range}; what was
   * released before it stays released.
   *
   * @return whether the multi-span was removed (all its per-type spans gone)
   * @throws RangeCheckError where Fluxion throws, after the changes before that index
   * @throws IllegalArgumentException if there is no multi-span {@code id}, the arrays differ in
   *     length, or a release is above what a span holds (Fluxion's EINVAL), after the changes
   *     before it
   */
  public boolean reduceSpanAsFluxion(long id, long[] amounts, String[] reduceTypes) {
    long[] ids = requireSpan(id);
    if (amounts.length != reduceTypes.length) {
      throw new IllegalArgumentException(
          "planner_multi: " + amounts.length + " amounts for " + reduceTypes.length + " types");
    }
    boolean[] done = new boolean[types.length];
    for (int j = 0; j < amounts.length; j++) {
      int i = indexOf(reduceTypes[j]);
      if (i >= 0) {
        reduceOneAsFluxion(ids, i, amounts[j]);
        done[i] = true;
      }
    }
    for (int i = 0; i < types.length; i++) {
      if (!done[i]) {
        reduceOneAsFluxion(ids, i, 0);
      }
    }
    for (long x : ids) {
      if (x != NONE) {
        return false;
      }
    }
    spans.remove(id);
    return true;
  }

  private void reduceOneAsFluxion(long[] ids, int i, long amount) {
    if (i >= ids.length) {
      throw new RangeCheckError(i, ids.length);
    }
    Planner p = planners[i];
    if (ids[i] == NONE || !p.hasSpan(ids[i])) {
      return;
    }
    checkReleasable(ids, i, amount);
    if (p.reduceSpan(ids[i], amount)) {
      ids[i] = NONE;
    }
  }

  /**
   * Fluxion's {@code std::out_of_range} from reading a multi-span's per-type id past its end; the
   * message is libstdc++'s {@code what()} text.
   */
  public static final class RangeCheckError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The index read and the number of ids there were. */
    public RangeCheckError(int index, int size) {
      super(
          "vector::_M_range_check: __n (which is "
              + index
              + ") >= this->size() (which is "
              + size
              + ")");
    }
  }

  /**
   * Checks that {@code amount} units of type {@code i} can be released from span {@code ids[i]}.
   */
  private void checkReleasable(long[] ids, int i, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("planner_multi: negative amount " + amount);
    }
    if (ids[i] != NONE && amount > planners[i].spanAmount(ids[i])) {
      throw new IllegalArgumentException(
          "planner_multi "
              + types[i]
              + ": cannot release "
              + amount
              + " of a span holding "
              + planners[i].spanAmount(ids[i]));
    }
  }

  private boolean reduceByIndex(long id, long[] ids, long[] amounts) {
    boolean all = true;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != NONE) {
        if (planners[i].reduceSpan(ids[i], amounts[i])) {
          ids[i] = NONE;
        }
      }
      all &= ids[i] == NONE;
    }
    if (all) {
      spans.remove(id);
    }
    return all;
  }

  /** How many multi-spans are held. */
  public int spanCount() {
    return spans == null ? 0 : spans.size();
  }

  /** Whether multi-span {@code id} is held. */
  public boolean hasSpan(long id) {
    return spans != null && spans.containsKey(id);
  }

  /** The ids of the held multi-spans, ascending. */
  public long[] spanIds() {
    long[] ids = spans == null ? new long[0] : spans.keySet().toArray();
    Arrays.sort(ids);
    return ids;
  }

  /**
   * The units of type {@code i} multi-span {@code id} holds; 0 once that type's part was released
   * (Fluxion's {@code planner_multi_span_planned_at}).
   *
   * @throws IllegalArgumentException if there is no multi-span {@code id}
   */
  public long spanAmount(long id, int i) {
    long[] ids = requireSpan(id);
    return ids[i] == NONE ? 0 : planners[i].spanAmount(ids[i]);
  }

  /**
   * The per-type planner span id of multi-span {@code id} for type {@code i}, or {@link #NONE} if
   * that part was released.
   */
  public long plannerSpanId(long id, int i) {
    return requireSpan(id)[i];
  }

  /**
   * How many per-type span ids multi-span {@code id} holds: the number of types when it was added
   * (fewer than {@link #size} after {@link #updateAsFluxion} added a type).
   */
  public int spanIdCount(long id) {
    return requireSpan(id).length;
  }

  private long[] requireSpan(long id) {
    long[] ids = spans == null ? null : spans.get(id);
    if (ids == null) {
      throw new IllegalArgumentException("planner_multi: no span " + id);
    }
    return ids;
  }

  // ---------------------------------------------------------------- totals and types

  /**
   * Sets the tracked types and their totals (Fluxion's {@code planner_multi_update}, used by grow
   * and shrink): a new type gets a fresh planner at its index, an existing type moves to its index
   * and has its total updated (see {@link Planner#updateTotal}), and types not listed are dropped
   * with their spans. Existing multi-spans keep their per-type parts; a new type has none.
   *
   * @throws IllegalArgumentException if the arrays differ in length, a type is null or repeated, or
   *     a total is negative; then nothing changes
   */
  public void update(long[] totals, String[] newTypes) {
    if (totals.length != newTypes.length) {
      throw new IllegalArgumentException(
          "planner_multi: " + totals.length + " totals for " + newTypes.length + " types");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < newTypes.length; i++) {
      if (newTypes[i] == null || !seen.add(newTypes[i])) {
        throw new IllegalArgumentException(
            "planner_multi: type " + newTypes[i] + " is null or repeated");
      }
      if (totals[i] < 0) {
        throw new IllegalArgumentException("planner_multi: negative total " + totals[i]);
      }
    }
    Planner[] next = new Planner[newTypes.length];
    int[] from = new int[newTypes.length];
    for (int i = 0; i < newTypes.length; i++) {
      int old = indexOf(newTypes[i]);
      from[i] = old;
      if (old < 0) {
        next[i] = Planner.create(base, horizon, totals[i], newTypes[i]);
      } else {
        Planner p = planners[old];
        p.updateTotal(totals[i]);
        next[i] = p;
      }
    }
    for (long k : spans == null ? new long[0] : spans.keySet().toArray()) {
      long[] ids = spans.get(k);
      long[] moved = new long[newTypes.length];
      for (int i = 0; i < moved.length; i++) {
        moved[i] = from[i] < 0 ? NONE : ids[from[i]];
      }
      spans.put(k, moved);
    }
    types = newTypes.clone();
    planners = next;
  }

  /**
   * Sets the tracked types and their totals exactly as Fluxion's {@code planner_multi_update} does,
   * unlike {@link #update}: the planners move, appear and go as there, but each multi-span keeps
   * its per-type span ids at the indices they had, so after a type is inserted before others an id
   * names a span of another type's planner (whose spans are numbered by its own counter), and a
   * later {@link #removeSpan} may remove another multi-span's span or fail partway. Resource-query
   * reaches this when a re-prime gives a vertex that holds spans a new pruning type.
   *
   * @throws IllegalArgumentException as {@link #update}; then nothing changes
   */
  public void updateAsFluxion(long[] totals, String[] newTypes) {
    LongObjectHashMap<long[]> kept = spans;
    spans = null;
    try {
      update(totals, newTypes);
    } finally {
      spans = kept;
    }
  }

  /**
   * Consumes {@code k} span ids without adding spans, in the multi-planner and in each type's
   * planner, as {@code k} spans added and removed again would: used to rebuild a planner whose
   * history of ids matters ({@link #updateAsFluxion}).
   *
   * @throws IllegalArgumentException if {@code k} is negative
   */
  public void skipSpanIds(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("planner_multi: cannot skip " + k + " span ids");
    }
    spanCounter += k;
    for (Planner p : planners) {
      p.skipSpanIds(k);
    }
  }

  /**
   * Adds a new type with {@code total} units at the last index; existing multi-spans hold none of
   * it.
   *
   * @throws IllegalArgumentException if the type is already tracked or the total is negative
   */
  public void addType(String type, long total) {
    if (indexOf(type) >= 0) {
      throw new IllegalArgumentException("planner_multi: type " + type + " already tracked");
    }
    String[] t = types;
    long[] totals = new long[t.length + 1];
    for (int i = 0; i < t.length; i++) {
      totals[i] = planners[i].total();
    }
    totals[t.length] = total;
    String[] nt = Arrays.copyOf(t, t.length + 1);
    nt[t.length] = type;
    update(totals, nt);
  }

  private void checkLength(long[] a) {
    if (a.length != types.length) {
      throw new IllegalArgumentException(
          "planner_multi: " + a.length + " values for " + types.length + " types");
    }
  }

  @Override
  public String toString() {
    return "PlannerMulti" + Arrays.toString(planners);
  }
}
