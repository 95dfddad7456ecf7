package org.flux4j.policy.internal;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.flux4j.graph.planner.PlannerMulti;

/**
 * The errno that Fluxion's reservation search leaves once a select there has matched, for the one
 * reader of it: a match whose update then commits nothing, where resource-query tells "busy" from
 * "unsatisfiable" by errno.
 *
 * <p>dfu_traverser_t::schedule walks candidate times with planner_multi_avail_time_first/next from
 * just after now. Each call runs through the first type's scheduled points in time order, and at
 * every one that another type's planner_avail_during refuses, errno becomes EBUSY; a call that runs
 * out sets ENOENT. The select at each time returned may set errno of its own. And the loop asks the
 * planner for the next time once more after the select that matched, before it tests the result, so
 * that last call's refusals or its running out decide errno too (rq-diff seeds 382516 and 401787).
 *
 * <p>The scheduler records each select of its search ({@link #selected}) and this class replays
 * Fluxion's walk over a copy of the root's planner only when the errno is read. When the walk does
 * not return the recorded times, the caller's own answer stands.
 */
final class ReservationWalk {
  /** Stands in for "the select set no errno". */
  static final int NOT_SET = Integer.MIN_VALUE;

  private static final int ENOENT = 2;

  private final LongArrayList times = new LongArrayList();
  private final IntArrayList errnos = new IntArrayList();
  private boolean active;
  private long onOrAfter;
  private long duration;
  private int errnoAtStart;

  /** Forgets the last search: a match that did not search has nothing to replay. */
  void clear() {
    active = false;
    times.clear();
    errnos.clear();
  }

  /**
   * A search begins after the select at {@code now} failed, for a window of {@code duration}, with
   * errno {@code errno}.
   */
  void start(long now, long duration, int errno) {
    clear();
    active = true;
    onOrAfter = now + 1;
    this.duration = duration;
    errnoAtStart = errno;
  }

  /**
   * The search tried time {@code at}; its select set errno {@code errno}, or {@link #NOT_SET}. A
   * time passed over as a proven miss counts as a select that set EBUSY.
   */
  void selected(long at, int errno) {
    if (active) {
      times.add(at);
      errnos.add(errno);
    }
  }

  /**
   * The errno after the last recorded select matched: replays the walk over {@code root}'s planner
   * for {@code request} (indexed by prune type); {@code fallback} when there was no search, no
   * planner, or the walk's times are not the recorded ones.
   */
  int errnoAfterMatch(SubtreePlan root, long[] request, int fallback) {
    if (!active || root == null || duration < 1) {
      return fallback;
    }
    // flux4j may try now itself first; Fluxion's walk starts after it
    int k = 0;
    while (k < times.size() && times.get(k) < onOrAfter) {
      k++;
    }
    if (k == times.size()) {
      return fallback;
    }
    PlannerMulti p = root.fluxionPlannerCopy();
    if (p == null) {
      return fallback;
    }
    long[] counts = new long[root.types.length];
    for (int i = 0; i < counts.length; i++) {
      int type = root.types[i];
      counts[i] = type < request.length ? Math.max(0, request[type]) : 0;
    }
    int errno = errnoAtStart;
    long t = p.availTimeFirst(onOrAfter, duration, counts);
    while (true) {
      if (p.lastRefusals() > 0) {
        errno = Traverser.EBUSY;
      }
      if (t != times.get(k)) {
        return fallback;
      }
      if (errnos.get(k) != NOT_SET) {
        errno = errnos.get(k);
      }
      if (++k == times.size()) {
        break;
      }
      t = p.availTimeNext();
    }
    long next = p.availTimeNext();
    if (p.lastRefusals() > 0) {
      errno = Traverser.EBUSY;
    }
    return next == PlannerMulti.NONE ? ENOENT : errno;
  }
}
