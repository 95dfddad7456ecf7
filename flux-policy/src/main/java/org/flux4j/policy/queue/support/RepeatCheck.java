package org.flux4j.policy.queue.support;

import java.util.Objects;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.JobMatcher;

/**
 * Tells a {@link JobMatcher} over a {@link ResourceQuery} whether a scheduling cycle may keep the
 * previous cycle's reservations instead of recomputing them (see {@link JobMatcher#beginCycle}).
 *
 * <p>A rebuild now, in the same queue order, would give every job the previous cycle reserved or
 * found busy the same answer and leave the same state when all of these hold:
 *
 * <ul>
 *   <li>the previous cycle allocated only at its head: every job it allocated was asked before the
 *       first job it did not allocate (reserved, busy, or set aside); and from that first job on it
 *       left the traversal-order state ({@link ResourceQuery#orderStamp()}) as it found it: its
 *       reservations then wrote only the weights that were already there. A rebuild now starts from
 *       the same spans (those allocations, made before any reservation, and nothing reserved) and
 *       the same weights as that first job met, so each job after it meets the same state again,
 *       and its answer is the same, by induction over the jobs in order;
 *   <li>nothing changed the query since that cycle ended ({@link ResourceQuery#changes()}): no
 *       allocation, free, status change, nor another queue's reservations; and the traversal-order
 *       state is still the one it left (checked too, so that nothing else can move it unseen);
 *   <li>no allocated or reserved job starts or ends between that cycle's time and now ({@link
 *       ResourceQuery#jobBoundaryWithin}): every vertex's availability now equals that at the
 *       previous cycle's time, so the weights a repeat would write are the same; the candidate
 *       reservation times after now are those after the previous time; and a job that did not fit
 *       at the previous time does not fit now either, since a window starting now sees no more free
 *       resources than one starting then (the matcher's success is monotone in the free resources,
 *       as the same-shape busy shortcut of {@link BackfillPolicy} assumes too).
 * </ul>
 *
 * <p>A cycle that repeats its predecessor keeps that cycle's reservations ahead of every job it
 * asks, so an allocation in it is never at its head: it is not repeatable itself. The matcher
 * reports each answer: {@link #allocated()} or {@link #notAllocated()}. The cycle's time is read at
 * {@link #begin} and must not move before {@link #end} (a virtual clock); otherwise the cycle is
 * not repeatable. Loop-owned; not thread-safe.
 */
public final class RepeatCheck {
  private final ResourceQuery query;
  private long startTime;

  /** The order stamp after the last allocation at the cycle's head (or at its start). */
  private long headOrder;

  /** Whether every answer of the open cycle so far was an allocation (it is still at its head). */
  private boolean atHead;

  /** Whether the open cycle allocated after its head (so it is not repeatable). */
  private boolean allocatedLater;

  private boolean open;

  /** What a repeatable cycle left: the query's change count, the cycle's time and order stamp. */
  private record Mark(long changes, long time, long order) {}

  /** A check over {@code query}. */
  public RepeatCheck(ResourceQuery query) {
    this.query = Objects.requireNonNull(query, "query");
  }

  /**
   * Starts a cycle at {@code now} and answers whether it may repeat the cycle that ended with
   * {@code previous} (from {@link #end}; null: no). O(jobs).
   */
  public boolean begin(Object previous, long now) {
    boolean repeat =
        previous instanceof Mark m
            && m.changes() == query.changes()
            && now >= m.time()
            && m.order() == query.orderStamp()
            && !query.jobBoundaryWithin(m.time(), now);
    headOrder = query.orderStamp();
    startTime = now;
    atHead = !repeat; // a repeat keeps reservations ahead of every job it asks
    allocatedLater = false;
    open = true;
    return repeat;
  }

  /** Notes that the open cycle allocated a job now. */
  public void allocated() {
    if (atHead) {
      headOrder = query.orderStamp();
    } else {
      allocatedLater = true;
    }
  }

  /** Notes that the open cycle answered a job otherwise than by allocating it now. */
  public void notAllocated() {
    atHead = false;
  }

  /**
   * Ends the open cycle at {@code now}: returns its mark for the next {@link #begin}, or null if it
   * cannot be repeated (it allocated after its head, changed the traversal order after its head, or
   * time moved). O(1).
   */
  public Object end(long now) {
    if (!open) {
      return null;
    }
    open = false;
    boolean clean = !allocatedLater && now == startTime && query.orderStamp() == headOrder;
    return clean ? new Mark(query.changes(), now, headOrder) : null;
  }
}
