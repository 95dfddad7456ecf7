package org.flux4j.policy.queue.support;

import java.util.Objects;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.JobMatcher;

/**
 * Tells a {@link JobMatcher} over a {@link ResourceQuery} whether a scheduling cycle may keep the
 * previous cycle's reservations instead of recomputing them (see {@link JobMatcher#beginCycle}).
 *
 * <p>The previous cycle's calls, made again now in the same order, get the same answers and leave
 * the same state when all of these hold:
 *
 * <ul>
 *   <li>the previous cycle allocated nothing and left the traversal-order state ({@link
 *       ResourceQuery#orderState()}) as it found it: its reservations then wrote only the weights
 *       that were already there, and will again;
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
 * <p>The cycle's time is read at {@link #begin} and must not move before {@link #end} (a virtual
 * clock); otherwise the cycle is not repeatable. Loop-owned; not thread-safe.
 */
public final class RepeatCheck {
  private final ResourceQuery query;
  private ResourceQuery.OrderState startOrder;
  private long startTime;
  private boolean allocated;
  private boolean open;

  /** What a repeatable cycle left: the query's change count, the cycle's time and order state. */
  private record Mark(long changes, long time, ResourceQuery.OrderState order) {}

  /** A check over {@code query}. */
  public RepeatCheck(ResourceQuery query) {
    this.query = Objects.requireNonNull(query, "query");
  }

  /**
   * Starts a cycle at {@code now} and answers whether it may repeat the cycle that ended with
   * {@code previous} (from {@link #end}; null: no). O(edges + jobs).
   */
  public boolean begin(Object previous, long now) {
    boolean repeat =
        previous instanceof Mark m
            && m.changes() == query.changes()
            && now >= m.time()
            && !query.jobBoundaryWithin(m.time(), now)
            && query.sameOrderState(m.order());
    startOrder = repeat ? ((Mark) previous).order() : query.orderState();
    startTime = now;
    allocated = false;
    open = true;
    return repeat;
  }

  /** Notes that the open cycle allocated a job now (such a cycle is never repeated). */
  public void allocated() {
    allocated = true;
  }

  /**
   * Ends the open cycle at {@code now}: returns its mark for the next {@link #begin}, or null if it
   * cannot be repeated (it allocated, changed the traversal order, or time moved). O(edges).
   */
  public Object end(long now) {
    if (!open) {
      return null;
    }
    open = false;
    boolean clean = !allocated && now == startTime && query.sameOrderState(startOrder);
    return clean ? new Mark(query.changes(), now, startOrder) : null;
  }
}
