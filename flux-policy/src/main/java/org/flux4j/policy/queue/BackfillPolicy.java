package org.flux4j.policy.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * Fluxion's queue policies as one algorithm with two knobs: fcfs (no reservations; the cycle stops
 * at the first job that does not fit now) and the backfilling family, which reserves up to a
 * reservation depth of jobs that do not fit now (easy: 1; hybrid: reservation-depth, default 64;
 * conservative: max-reservation-depth) and allocates later jobs now only where they fit around
 * those reservations.
 *
 * <p>A cycle first releases the previous cycle's reservations, then walks at most queue-depth
 * pending jobs in priority order. When the matcher vouches that a rebuild would give the jobs the
 * previous cycle did not start the same answers again ({@link JobMatcher#beginCycle}: nothing was
 * allocated or freed since, and that cycle allocated only at its head, see {@link
 * org.flux4j.policy.queue.support.RepeatCheck}) and the queue still starts with the jobs that cycle
 * looked at and did not start, the cycle keeps that cycle's reservations and outcomes and goes on
 * after its last job: an arrival then costs one match however deep the queue, and the schedule is
 * exactly that of recomputing (every reserving policy, easy too, repeats: the check costs O(jobs)
 * per cycle, less than easy's one reservation, a search over the candidate times). A job the
 * matcher can never satisfy is rejected; a job that cannot even be reserved is set aside as blocked
 * (it no longer uses up the queue depth) until {@link JobQueue#unblockAll()}. Stateless (what a
 * repeat needs is kept by the {@link JobQueue}): one instance can serve many queues.
 *
 * <p>When time passed but the matcher vouches that a rebuild would give every reservation of the
 * previous cycle back ({@link JobMatcher#keptReservationsTime}: the counting pool after jobs ended
 * at their estimated ends), the cycle keeps them: the queue must still start with the jobs that
 * cycle reserved or set aside, in order; those reserved at now are allocated, in order; the rest
 * stay as they are, and the cycle goes on from the first job after them as a rebuild would (the
 * jobs that were busy past the reservation depth are asked again: time passing may let them fit).
 * The cost is that of walking the kept jobs' ids, the jobs that start and the jobs after them.
 *
 * <p>Reservations are rebuilt every cycle by default, as Fluxion's qmanager does: an earlier job
 * may then take the hole a later job had booked and move it later. With {@link
 * QueueParams#compress()} they are compressed instead: the previous cycle's reservations stay, and
 * each reserved job in queue order is taken off its own reservation and reserved again at the
 * earliest time it fits while the later jobs' reservations stay in place, so that no reservation
 * ever moves later (its own old window is still free); new jobs are reserved beside them all.
 * Compressing cycles do not repeat.
 */
public final class BackfillPolicy implements QueuePolicy {
  private static final long NOT_KEPT = JobMatcher.NOT_KEPT;
  private final String name;
  private final boolean reserve;
  private final int fixedDepth;
  private final QueueParams params;
  private final boolean repeats;

  private BackfillPolicy(
      String name, boolean reserve, int fixedDepth, QueueParams params, boolean repeats) {
    this.name = name;
    this.reserve = reserve;
    this.fixedDepth = fixedDepth;
    this.params = params;
    this.repeats = repeats;
  }

  private BackfillPolicy(String name, boolean reserve, int fixedDepth, QueueParams params) {
    this(name, reserve, fixedDepth, params, true);
  }

  /**
   * The same policy without repeated cycles: every cycle releases and recomputes every reservation,
   * even when the matcher says the previous cycle could be repeated. The schedule is the same, only
   * slower; for tests that check exactly that.
   */
  public BackfillPolicy withFullRecompute() {
    return new BackfillPolicy(name, reserve, fixedDepth, params, false);
  }

  /**
   * Whether a matcher may answer this policy's cycles from the previous cycle's reservations where
   * a rebuild provably gives them back: the policy reserves, rebuilds its reservations in queue
   * order every cycle (not compressing them) and was not made {@link #withFullRecompute()}.
   */
  public boolean rebuildsInQueueOrder() {
    return reserve && repeats && !params.compress();
  }

  /** First come, first served: stops at the first pending job that does not fit now. */
  public static BackfillPolicy fcfs(QueueParams params) {
    return new BackfillPolicy("fcfs", false, 0, params);
  }

  /** EASY backfilling: reserves the first job that does not fit now. */
  public static BackfillPolicy easy(QueueParams params) {
    return new BackfillPolicy("easy", true, 1, params);
  }

  /** Hybrid backfilling: reserves up to reservation-depth jobs. */
  public static BackfillPolicy hybrid(QueueParams params) {
    return new BackfillPolicy("hybrid", true, -1, params);
  }

  /** Conservative backfilling: reserves every job that does not fit now, up to the maximum. */
  public static BackfillPolicy conservative(QueueParams params) {
    return new BackfillPolicy("conservative", true, -2, params);
  }

  @Override
  public String name() {
    return name;
  }

  /** The parameters in force. */
  public QueueParams params() {
    return params;
  }

  /** How many jobs one cycle may reserve. */
  public int reservationDepth() {
    if (!reserve) {
      return 0;
    }
    if (fixedDepth > 0) {
      return fixedDepth;
    }
    return fixedDepth == -1 ? params.effectiveReservationDepth() : params.maxReservationDepth();
  }

  /**
   * Allocates now, unless an identical request of no longer duration was already busy in this cycle
   * (then it is busy too: availability only shrinks once reservations are done).
   */
  private static MatchOutcome allocate(JobMatcher matcher, long id, Map<Object, Long> busy) {
    Object shape = matcher.requestShape(id);
    long d = matcher.requestDuration(id);
    long key = d <= 0 ? Long.MAX_VALUE : d;
    if (shape != null) {
      Long shortest = busy.get(shape);
      if (shortest != null && shortest <= key) {
        return MatchOutcome.BUSY;
      }
    }
    MatchOutcome out = matcher.allocate(id);
    if (shape != null && out instanceof MatchOutcome.Busy) {
      busy.merge(shape, key, Math::min);
    }
    return out;
  }

  @Override
  public CycleResult runCycle(JobQueue queue, JobMatcher matcher) {
    CycleMemo memo = queue.takeMemo();
    // easy repeats too: its one reservation is the dearest match of a cycle (a search over the
    // candidate times), and a cycle after mere arrivals gives it back unchanged
    boolean compress = reserve && params.compress();
    boolean track = reserve && repeats && !compress && matcher.repeatsCycles();
    boolean repeat = track && matcher.beginCycle(memo == null ? null : memo.mark) && memo != null;
    long keptAt = track && !repeat && memo != null ? matcher.keptReservationsTime() : NOT_KEPT;
    List<Long> started = new ArrayList<>();
    Map<Long, String> rejected = new LinkedHashMap<>();
    List<Long> blocked = new ArrayList<>();
    List<PendingJob> toBlock = new ArrayList<>();
    Iterator<PendingJob> it = queue.pendingView().iterator();
    if (repeat && !skipRepeated(it, memo, toBlock, blocked)) {
      repeat = false;
      it = queue.pendingView().iterator();
      toBlock.clear();
      blocked.clear();
    }
    List<Long> previous = queue.reservationsMutable();
    Set<Long> kept = compress ? new HashSet<>(previous) : Set.of();
    CycleMemo next;
    Map<Object, Long> busy;
    int considered;
    List<PendingJob> due = new ArrayList<>();
    PendingJob last = keptAt == NOT_KEPT ? null : skipKept(memo, queue, keptAt, due);
    if (repeat) {
      next = memo; // its reservations stay; the new jobs are appended to it
      busy = memo.busy;
      considered = memo.considered;
    } else if (last != null) {
      // the previous reservations stay; those starting now start; the jobs after them are asked
      matcher.keepReservations();
      considered = keepReservations(memo, queue, matcher, due, started, toBlock, blocked);
      it = queue.pendingView().tailSet(last, false).iterator();
      next = memo;
      busy = new HashMap<>();
    } else {
      if (!compress) {
        matcher.cancelReservations(previous);
      }
      previous.clear();
      next = track ? new CycleMemo() : null;
      busy = new HashMap<>();
      considered = 0;
    }
    Map<Long, Long> reserved = next != null ? next.reserved : new LinkedHashMap<>();
    int depth = params.effectiveQueueDepth();
    int reservationDepth = reservationDepth();
    while (it.hasNext() && considered < depth) {
      PendingJob job = it.next();
      boolean had = compress && kept.remove(job.id());
      if (had) {
        matcher.cancelReservation(job.id()); // its own window stays free: it can only move earlier
      }
      boolean tryReserve = had || reserved.size() < reservationDepth;
      if (!tryReserve && kept.isEmpty() && matcher.nothingFree()) {
        break; // only allocations now are left to try, and nothing is free
      }
      MatchOutcome out =
          tryReserve ? matcher.allocateOrReserve(job.id()) : allocate(matcher, job.id(), busy);
      if (out instanceof MatchOutcome.Allocated) {
        queue.drop(it, job); // left out of the memo: a repeat or kept cycle sees it running
        started.add(job.id());
      } else if (out instanceof MatchOutcome.Reserved r) {
        reserved.put(job.id(), r.at());
        previous.add(job.id());
        if (next != null) {
          next.add(job.id(), CycleMemo.RESERVED, r.at());
        }
      } else if (out instanceof MatchOutcome.Unsatisfiable u) {
        queue.drop(it, job);
        rejected.put(job.id(), u.reason());
        next = null;
      } else if (!reserve) {
        considered++;
        break; // fcfs: the head blocks the queue
      } else if (tryReserve) {
        toBlock.add(job); // cannot even be reserved: set aside, does not use the depth
        blocked.add(job.id());
        if (next != null) {
          next.add(job.id(), CycleMemo.BLOCKED);
        }
        continue;
      } else if (next != null) {
        next.add(job.id(), CycleMemo.BUSY);
      }
      considered++;
    }
    for (Long id : kept) {
      matcher.cancelReservation(id); // reserved before, no longer looked at
    }
    for (PendingJob j : toBlock) {
      queue.block(j);
    }
    if (track) {
      Object mark = matcher.endCycle();
      if (next != null && mark != null) {
        next.mark = mark;
        next.busy = busy;
        // what a rebuild would count for the memo's jobs: not the ones that started
        next.considered = considered - started.size();
        queue.keepMemo(next);
      }
    }
    // not copied: a kept memo's map changes only in this queue's next cycle (see CycleResult)
    return new CycleResult(started, CycleResult.handOver(reserved), rejected, blocked, considered);
  }

  /**
   * Checks that the queue still starts with the jobs the memo's cycle reserved or set aside, in
   * that order, and collects those whose reservation starts at {@code now} into {@code due}; gives
   * the last of those jobs, or null if the queue no longer starts with them, a reservation starts
   * before now, or there are none. Changes nothing. O(reserved and blocked jobs of the memo).
   */
  private static PendingJob skipKept(
      CycleMemo memo, JobQueue queue, long now, List<PendingJob> due) {
    int end = memo.reservedPrefix();
    Iterator<PendingJob> it = queue.pendingView().iterator();
    PendingJob j = null;
    for (int i = 0; i < end; i++) {
      if (!it.hasNext()) {
        return null;
      }
      j = it.next();
      if (j.id() != memo.jobs.get(i)) {
        return null;
      }
      if (memo.kinds.get(i) == CycleMemo.RESERVED) {
        long at = memo.times.get(i);
        if (at < now) {
          return null; // its start passed unseen: the matcher's promise does not cover it
        }
        if (at == now) {
          due.add(j);
        }
      }
    }
    if (j == null) {
      due.clear();
    }
    return j;
  }

  /**
   * Keeps the memo's reservations (see {@link JobMatcher#keepReservations}): allocates the {@code
   * due} jobs in order, drops them and the jobs found busy from the memo, collects its blocked jobs
   * and answers how many jobs the kept ones count against the queue depth.
   */
  private static int keepReservations(
      CycleMemo memo,
      JobQueue queue,
      JobMatcher matcher,
      List<PendingJob> due,
      List<Long> started,
      List<PendingJob> toBlock,
      List<Long> blocked) {
    int end = memo.reservedPrefix();
    LongHashSet gone = new LongHashSet();
    for (PendingJob j : due) {
      MatchOutcome out = matcher.allocateOrReserve(j.id());
      if (out instanceof MatchOutcome.Reserved r && r.at() == memo.reserved.get(j.id())) {
        continue; // not free after all (a job ran past its estimated end): booked as before
      }
      if (!(out instanceof MatchOutcome.Allocated)) {
        throw new IllegalStateException(
            "job " + j.id() + " was neither allocated nor kept at its reservation's start: " + out);
      }
      queue.dropPending(j);
      started.add(j.id());
      gone.add(j.id());
    }
    if (!gone.isEmpty()) {
      queue.reservationsMutable().removeIf(gone::contains);
    }
    int considered = 0;
    for (int i = 0; i < end; i++) {
      if (memo.kinds.get(i) == CycleMemo.BLOCKED) {
        long id = memo.jobs.get(i);
        toBlock.add(queue.pendingJob(id));
        blocked.add(id);
      } else {
        considered++; // reserved, or started now: counted as a rebuild counts it
      }
    }
    memo.keep(end, gone);
    return considered;
  }

  /**
   * Walks {@code it} over the jobs the memo's cycle looked at, collecting the blocked ones; false
   * if the queue no longer starts with exactly those jobs in that order. O(memo).
   */
  private static boolean skipRepeated(
      Iterator<PendingJob> it, CycleMemo memo, List<PendingJob> toBlock, List<Long> blocked) {
    for (int i = 0; i < memo.jobs.size(); i++) {
      if (!it.hasNext()) {
        return false;
      }
      PendingJob j = it.next();
      if (j.id() != memo.jobs.get(i)) {
        return false;
      }
      if (memo.kinds.get(i) == CycleMemo.BLOCKED) {
        toBlock.add(j);
        blocked.add(j.id());
      }
    }
    return true;
  }
}
