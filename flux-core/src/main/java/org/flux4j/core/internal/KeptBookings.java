package org.flux4j.core.internal;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * The scheduling-cycle bookkeeping of a {@link CountingPool}: whether the open cycle may answer
 * from the previous cycle's bookings in a {@link PoolTimeline}, because a rebuild would provably
 * give them back.
 *
 * <p>A rebuilding cycle cancels every reservation and books the waiting jobs again in queue order.
 * When nothing but time passed since the previous cycle of the same queue (every job that ended did
 * so at its estimated end, no reservation was cancelled, no allocation was made outside a cycle, no
 * node is or was drained or down: else the state is dirty), the use of the cores from now on is the
 * same function of time as when those reservations were booked, so each job, asked again in the
 * same order, would get its old booking back (the earliest time it fits from now is the earliest
 * from then, which is not before now), and a booking at now is where it starts now.
 *
 * <p>Deferring: the cycle's cancellations are then deferred and, for as long as the jobs are asked
 * in the previous booking order, answered from the kept bookings in O(1) each ({@link #answer}); at
 * the first job asked out of that order (a job left the queue, was reprioritised or is new) the
 * remaining kept bookings are cancelled ({@link #endDeferring}) and the pool answers from the
 * profile again, as a rebuild does from there on.
 *
 * <p>Keeping: better still, a policy that keeps a record of its cycles ({@link #end}) learns from
 * {@link #keptTime} that the bookings may be kept as they are ({@link #keep}): it then cancels
 * nothing and asks only the jobs booked at now, which the pool allocates in their booking's place
 * (the same use of cores from now on; should a running job past its estimated end still hold the
 * cores, the job is booked at now again, as a rebuild would), and the jobs after the last booked
 * one. Repeating: {@link #begin} answers whether every answer of the previous cycle still holds, so
 * that a cycle after submissions alone asks only the new jobs.
 *
 * <p>Early ends: when the state is dirty only because jobs ended before their estimated ends
 * ({@code unusual} is false; a cancellation, an allocation outside a cycle or a change of the nodes
 * sets it), a rebuilding cycle of the same queue, the previous booking order known, cancels as a
 * rebuild does but hands that order and the early ends to {@link EarlyEnds}, which gives back
 * without a search the bookings no early end and no moved job can have moved (its notes hold the
 * argument).
 *
 * <p>Invariants: {@code deferring} and {@code keeping} imply {@code keepable} and exclude each
 * other; while deferring, the kept bookings not yet answered are {@code deferred} from {@code
 * nextKept} on, in booking order; {@code bookOrder} lists the open cycle's bookings in order (in a
 * keeping cycle that was deferring at first, the kept ones then the new ones, {@code stale} of them
 * the ids of jobs that started in their booking's place; in one that was not, only its new ones, so
 * that the order is then unknown). O(1) per call but for {@link #endDeferring} (the kept bookings
 * left) and {@link #begin} (see {@link PoolTimeline#unchangedSince}). Loop-owned; not thread-safe.
 */
final class KeptBookings {
  private final PoolTimeline timeline;
  private LongArrayList bookOrder = new LongArrayList(); // the current cycle's bookings, in order
  private LongArrayList deferred = new LongArrayList(); // kept bookings, in the order booked
  private int nextKept; // the next index of deferred a kept answer may be given for
  private boolean deferring; // whether cancellations are deferred and kept bookings answered
  private boolean keepable; // whether nothing but time passed since the owner's previous cycle
  private boolean keeping; // whether the policy keeps the previous bookings (keep)
  private boolean keptOrder; // whether the keeping cycle's bookOrder starts with the kept ones
  private boolean carried; // whether deferred holds the previous order for keep (ordered, keepable)
  private boolean freshOrder = true; // whether the last cycle booked in order (did not keep)
  private boolean orderKnown = true; // whether bookOrder lists every booking in booking order
  private int stale; // ids in bookOrder whose job started in a keeping cycle (no booking)
  private int staleDeferred; // the same in deferred, from the previous cycle
  private Object lastMark; // the mark the last cycle's end gave, until a cycle opens
  private Object openedAfter; // the mark of the cycle before the open one
  private Object previousMark; // the mark the open cycle's policy passed to begin
  private int bookedAtEnd; // how many bookings the last cycle left
  private long frees; // how many jobs gave their cores back
  private long freesAtEnd; // frees when the last cycle ended
  private long endTime = -1; // when the last cycle ended
  private boolean inCycle;
  private long cycle; // counts the cycles opened
  private Object lastOwner; // the queue whose cycle was the last one
  private boolean dirty = true; // whether a rebuild could differ from the kept bookings
  private boolean unusual = true; // dirty for another reason than early ends (see EarlyEnds)
  private final EarlyEnds early = new EarlyEnds(); // the early ends since the last cycle
  private long keptAnswers; // how many answers came from kept bookings (for tests)
  private long keptCycles; // how many cycles kept the previous bookings (for tests)
  private long repeatedCycles; // how many of those repeated every answer (for tests)
  private long orderCompactions; // how many times the carried order lost its stale ids (tests)

  /**
   * The fewest bookings of the previous cycle for which a cycle after early ends answers from them
   * ({@link EarlyEnds}): below it a plain search, which starts from the remembered bound of the
   * request's kind, costs less than the bookkeeping (whole HPC2N on 240 processors, counting
   * hybrid, alternating runs: 5.4-5.8 s wall without the early-end answers, 5.9-6.1 s with them at
   * every depth, 5.4-5.5 s with them from this depth on).
   */
  static final int EARLY_ENDS_FROM = 1000;

  private final int earlyFrom; // the fewest previous bookings for the early-end answers

  /**
   * The most ids of started jobs the carried booking order keeps before a keeping cycle takes them
   * out (when they are also half of it), so that it does not grow with every job a long run of
   * keeping cycles starts.
   */
  static final int STALE_KEPT = 1024;

  /** Bookkeeping for the bookings of {@code timeline}, dirty until a first cycle closes. */
  KeptBookings(PoolTimeline timeline) {
    this(timeline, EARLY_ENDS_FROM);
  }

  /**
   * The same, answering cycles after early ends from the previous bookings when there were at least
   * {@code earlyFrom} of them (tests pass 0 to use that path on small queues).
   */
  KeptBookings(PoolTimeline timeline, int earlyFrom) {
    this.timeline = timeline;
    this.earlyFrom = earlyFrom;
  }

  /**
   * Opens a scheduling cycle of the queue {@code owner}. With {@code reuse} (a policy that rebuilds
   * every reservation in queue order), the cycle defers its cancellations and answers from the kept
   * bookings when nothing but time passed since the owner's previous cycle and {@code allUp} (no
   * node is drained or down).
   */
  void open(Object owner, boolean reuse, boolean allUp) {
    cycle++;
    inCycle = true;
    LongArrayList previous = bookOrder;
    bookOrder = deferred;
    bookOrder.clear();
    deferred = previous;
    staleDeferred = stale;
    stale = 0;
    nextKept = 0;
    boolean same = reuse && owner == lastOwner && allUp;
    keepable = same && !dirty;
    boolean ordered = orderKnown && timeline.bookings() == deferred.size() - staleDeferred;
    // not after a keeping cycle: its kept order serves keeping and early ends alone (as before)
    deferring = keepable && ordered && freshOrder;
    // dirty by early ends alone: the old bookings a rebuild gives back are re-added without search
    boolean onlyEarly =
        same
            && dirty
            && !unusual
            && ordered
            && !early.tooMany()
            && deferred.size() - staleDeferred >= earlyFrom;
    early.open(onlyEarly ? deferred : null, staleDeferred, timeline);
    carried = keepable && ordered; // the order a keeping cycle carries on (keep)
    if (!deferring && !carried && !onlyEarly) {
      deferred.clear(); // else read until the cycle closes (early) or is swapped in (keep)
    }
    keeping = false;
    previousMark = null;
    openedAfter = lastMark;
    lastMark = null;
    dirty = false;
    unusual = false;
    lastOwner = owner;
  }

  /** Closes the cycle opened by {@link #open}, cancelling the kept bookings not answered. */
  void close() {
    if (deferring) {
      endDeferring();
    }
    early.close();
    orderKnown = !keeping || keptOrder; // else bookOrder holds only the new bookings
    freshOrder = !keeping;
    carried = false;
    keeping = false;
    keptOrder = false;
    inCycle = false;
  }

  /**
   * Notes the mark of the policy's previous cycle, and answers whether every answer that cycle got
   * still holds at {@code now}: its bookings may be kept ({@link #keptTime}), no job gave cores
   * back since, and nothing but time changed the use of cores since that cycle's time ({@link
   * PoolTimeline#unchangedSince}). The use from now on is then the use from that time on, constant
   * up to the first recorded change (after now), so a job that fitted nowhere then fits nowhere now
   * (it needs more cores than are free, which is unchanged, or the use over its window passed the
   * capacity at a change after now, still within its window from now), and every booking is after
   * now. The bookings are then kept ({@link #keep}).
   */
  boolean begin(Object previous, long now) {
    previousMark = previous;
    boolean same =
        keptTime(now) != ResourcePool.NOT_KEPT
            && frees == freesAtEnd
            && now >= endTime
            && timeline.unchangedSince(endTime, now);
    if (same) {
      keep();
      repeatedCycles++;
    }
    return same;
  }

  /** Ends the policy's cycle at {@code now}: its mark, for the next {@link #begin}. */
  Object end(long now) {
    lastMark = new Object();
    bookedAtEnd = timeline.bookings();
    freesAtEnd = frees;
    endTime = now;
    return lastMark;
  }

  /**
   * {@code now}, if the open cycle may keep the previous cycle's bookings as they are: the open
   * cycle reuses bookings (see {@link #open}), nothing but time passed since the previous cycle
   * (the class notes), the policy's mark is that cycle's and every booking it left is still there;
   * else {@link ResourcePool#NOT_KEPT}. A rebuild would then give each booked job its booking back,
   * allocating those booked at now.
   */
  long keptTime(long now) {
    return keepable
            && previousMark != null
            && previousMark == openedAfter
            && timeline.bookings() == bookedAtEnd
        ? now
        : ResourcePool.NOT_KEPT;
  }

  /**
   * Keeps the previous cycle's bookings for the open cycle.
   *
   * @throws IllegalStateException if they cannot be kept (not keepable, or a kept answer was given)
   */
  void keep() {
    if (!keepable || (deferring && nextKept > 0)) {
      throw new IllegalStateException("the bookings cannot be kept in this cycle");
    }
    keeping = true;
    keptCycles++;
    if (carried) {
      // the previous order, with the ids of the jobs that start, then the new bookings
      LongArrayList previous = bookOrder;
      bookOrder = deferred;
      deferred = previous;
      stale = staleDeferred;
      keptOrder = true;
      if (stale > STALE_KEPT && 2 * stale > bookOrder.size()) {
        // a long run of keeping cycles: the ids of the jobs that started go, amortized O(1)
        bookOrder.removeIf(id -> timeline.booking(id) == null);
        stale = 0;
        orderCompactions++;
      }
    }
    deferring = false;
    deferred.clear();
  }

  /** Whether the open cycle keeps the previous bookings ({@link #keep}). */
  boolean keeping() {
    return keeping;
  }

  /** Whether the open cycle answers from kept bookings ({@link #answer}). */
  boolean deferring() {
    return deferring;
  }

  /**
   * Called before the pool allocates a job: outside a cycle that makes the state dirty; in a
   * deferring cycle with kept bookings left, only those of jobs ahead may stay, so deferring ends.
   */
  void allocating() {
    if (!inCycle) {
      dirty = true;
      unusual = true;
    } else if (deferring && nextKept < deferred.size()) {
      endDeferring();
    }
  }

  /**
   * While deferring, the answer a rebuild would give the job at {@code now} from its kept booking,
   * if it is the next one in the previous booking order: the booking's start. A start after now is
   * the job's reservation, kept into this cycle; a start at now means the booking was dropped and
   * the job is to be allocated now in its place (should that fail, the caller ends deferring). -1,
   * after ending deferring, if the job is not the next one or its booking starts before now.
   */
  long answer(long id, long now) {
    while (nextKept < deferred.size() && timeline.booking(deferred.get(nextKept)) == null) {
      nextKept++; // a job that started in a keeping cycle
    }
    long[] b =
        nextKept < deferred.size() && deferred.get(nextKept) == id ? timeline.booking(id) : null;
    if (b == null || b[0] < now) {
      endDeferring();
      return -1;
    }
    nextKept++;
    keptAnswers++;
    if (b[0] > now) {
      b[3] = cycle;
      bookOrder.add(id);
      return b[0];
    }
    // booked at now: a rebuild allocates it now, the later kept bookings were placed beside it
    timeline.drop(id, true);
    return b[0];
  }

  /** Cancels the kept bookings not answered yet and stops answering from them. */
  void endDeferring() {
    deferring = false;
    for (int i = nextKept; i < deferred.size(); i++) {
      timeline.drop(deferred.get(i), true);
    }
    deferred.clear();
  }

  /** Books the job in the timeline, stamped with the open cycle, in this cycle's booking order. */
  void book(long id, long at, long end, long need) {
    timeline.book(id, at, end, need, cycle);
    bookOrder.add(id);
  }

  /**
   * Drops the kept booking of a job that starts in its place in a keeping cycle ({@link #keep}):
   * the same use of cores from now on, so no fall is logged; its id stays in the booking order.
   */
  void startsInPlace(long id) {
    timeline.drop(id, false);
    stale++;
  }

  /**
   * Books again, at its place in the booking order, a job whose kept booking was dropped by {@link
   * #startsInPlace} but which could not start (a running job past its estimated end holds cores).
   */
  void bookInPlace(long id, long at, long end, long need) {
    timeline.book(id, at, end, need, cycle);
    stale--;
  }

  /**
   * Notes that the job, asked again right after its booking was cancelled, got the same booking
   * back without a search ({@link PoolTimeline#undo}): stamped and ordered as if booked again.
   */
  void rebooked(long id, long[] b) {
    b[3] = cycle;
    bookOrder.add(id);
  }

  /**
   * Cancels the job's booking, if any; a deferred rebuild's cancellation is ignored (the booking
   * may be kept). Cancelling a booking made outside the open cycle, or in it, makes the state
   * dirty: the bookings after it may no longer be what a rebuild gives.
   */
  void cancel(long id) {
    if (deferring && nextKept == 0) {
      return; // a rebuild's cancellation, deferred: the booking may be kept (class notes)
    }
    long[] b = timeline.booking(id);
    if (b == null) {
      return;
    }
    if (early.started()) {
      early.stop(); // a cancellation once the cycle asked jobs: searched plainly from here
    }
    if (!inCycle || b[3] == cycle) {
      dirty = true; // the bookings after it may no longer be what a rebuild gives
      unusual = true;
    } else if (early.active()) {
      early.cancelled(id, b); // a rebuild's cancellation of an old booking, kept aside
    }
    timeline.dropLater(id);
  }

  /**
   * Counts a job that gave its cores back; {@code early}: before its estimated end (dirty), which
   * is not known here (the next rebuilding cycle searches every job).
   */
  void freed(boolean early) {
    frees++;
    if (early) {
      dirty = true; // ended before its estimated end: bookings may move earlier
      unusual = true;
    }
  }

  /**
   * Counts a job that gave its cores back before its estimated end {@code end}, holding {@code
   * cores}: dirty, but the next rebuilding cycle may give back the bookings it cannot move ({@link
   * EarlyEnds}).
   */
  void freedEarly(long end, long cores) {
    frees++;
    dirty = true;
    early.ended(end, cores);
  }

  /** Notes a change of the nodes (drained, down, back up): the state is dirty. */
  void nodesChanged() {
    dirty = true;
    unusual = true;
  }

  /**
   * The open cycle's answers from the old bookings after early ends ({@link EarlyEnds#active} says
   * whether it gives any).
   */
  EarlyEnds early() {
    return early;
  }

  /** How many answers came from kept bookings ({@link #answer}; for tests). */
  long keptAnswers() {
    return keptAnswers;
  }

  /** How many cycles kept the previous cycle's bookings ({@link #keep}; for tests). */
  long keptCycles() {
    return keptCycles;
  }

  /** How many times a keeping cycle took the started jobs' ids out of the order (tests). */
  long orderCompactions() {
    return orderCompactions;
  }

  /** How many cycles repeated every answer of the previous one ({@link #begin}; for tests). */
  long repeatedCycles() {
    return repeatedCycles;
  }
}
