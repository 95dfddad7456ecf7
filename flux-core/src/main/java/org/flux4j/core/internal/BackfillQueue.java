package org.flux4j.core.internal;

import java.util.List;
import java.util.Map;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.flux4j.core.Allocation;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.CycleResult;
import org.flux4j.policy.queue.JobMatcher;
import org.flux4j.policy.queue.JobQueue;
import org.flux4j.policy.queue.MatchOutcome;
import org.flux4j.policy.queue.QueuePolicy;

/**
 * The job manager's queue over flux-policy's queue policies (fcfs, easy, hybrid, conservative and
 * registered ones): Fluxion's qmanager cycle, with reservations made through the resource pool.
 *
 * <p>Held jobs (priority 0) stay out of the policy's queue until their urgency changes. A cycle
 * runs the policy against an adapter that asks the pool to allocate (or to allocate or else
 * reserve); the allocations it makes are handed to the job manager to start once the cycle ends.
 * Loop-owned; not thread-safe.
 */
final class BackfillQueue extends QueueDiscipline {
  private final QueuePolicy policy;
  private final int queueDepth; // the most jobs a cycle considers (unbounded if unknown)
  private final JobQueue queue = new JobQueue("default");
  private final LongObjectHashMap<Job> byId = new LongObjectHashMap<>();
  private final LongObjectHashMap<Allocation> made = new LongObjectHashMap<>();
  // how many jobs from the head of the queue are annotated one by one (place, estimate)
  private final int window;
  // the window the last cycle annotated, place by place: job id and estimate (what its note holds)
  private final long[] headIds;
  private final long[] headEstimates;
  private int headSize; // -1: a note in the window may have been written elsewhere since
  private int headCores = -1; // the free cores and GPUs the window's notes hold
  private int headGpus = -1;
  private final long[] ids; // this cycle's window
  private final LongHashSet inWindow = new LongHashSet();

  /** The most jobs annotated one by one, when the queue depth is larger (a replay's is). */
  static final int MAX_WINDOW = 128;

  BackfillQueue(QueuePolicy policy) {
    this.policy = policy;
    this.queueDepth =
        policy instanceof BackfillPolicy b ? b.params().effectiveQueueDepth() : Integer.MAX_VALUE;
    this.window = Math.min(queueDepth, MAX_WINDOW);
    this.headIds = new long[window];
    this.headEstimates = new long[window];
    this.ids = new long[window];
  }

  @Override
  boolean reserves() {
    return policy instanceof BackfillPolicy b && b.reservationDepth() > 0;
  }

  /** The policy's name. */
  String policyName() {
    return policy.name();
  }

  @Override
  void add(Job j) {
    byId.put(j.id.value(), j);
    if (j.priority == 0) {
      pending.add(j); // held: kept aside, in order, until reprioritised
    } else {
      queue.add(j.id.value(), j.priority);
      j.note.setBeyond(window, window == queueDepth); // until a cycle finds it in the window
    }
  }

  @Override
  boolean remove(Job j) {
    if (byId.remove(j.id.value()) == null) {
      return false;
    }
    headSize = -1;
    return pending.remove(j) || queue.remove(j.id.value());
  }

  @Override
  void reprioritize(Job j, long priority) {
    headSize = -1; // a job may leave and come back (its note then says beyond the window)
    if (!byId.containsKey(j.id.value())) {
      j.priority = priority;
      return;
    }
    if (pending.remove(j)) {
      j.priority = priority;
      add(j);
      return;
    }
    j.priority = priority;
    if (priority == 0) {
      queue.remove(j.id.value());
      pending.add(j);
    } else {
      queue.setPriority(j.id.value(), priority);
    }
  }

  @Override
  int size() {
    return byId.size();
  }

  @Override
  void schedule(Scheduler s) {
    queue.unblockAll();
    s.pool().openCycle(this, policy instanceof BackfillPolicy b && b.rebuildsInQueueOrder());
    CycleResult r;
    try {
      r = cycle(s);
    } finally {
      s.pool().closeCycle();
    }
    for (long id : r.started()) {
      Job j = byId.remove(id);
      s.run(j, made.remove(id));
    }
    // jobs the pool found it can never allocate although they passed the check at submit
    r.rejected().forEach((id, reason) -> s.reject(byId.get(id), reason));
    if (!r.started().isEmpty() && r.considered() >= queueDepth && queue.pendingCount() > 0) {
      s.again(); // stopped at the queue depth, not at the end of the queue
    }
    annotate(s, r);
  }

  /** Runs the policy against an adapter of the pool. */
  private CycleResult cycle(Scheduler s) {
    return policy.runCycle(
        queue,
        new JobMatcher() {
          @Override
          public MatchOutcome allocate(long jobId) {
            Job j = byId.get(jobId);
            Allocation a = s.pool().allocate(j);
            return a == null && j.unallocatable != null
                ? new MatchOutcome.Unsatisfiable(j.unallocatable)
                : keep(jobId, a);
          }

          @Override
          public MatchOutcome allocateOrReserve(long jobId) {
            Job j = byId.get(jobId);
            ResourcePool.Outcome o = s.pool().allocateOrReserve(j);
            if (o.allocation() != null) {
              return keep(jobId, o.allocation());
            }
            if (o.reservedAt() >= 0) {
              return new MatchOutcome.Reserved(o.reservedAt());
            }
            return j.unallocatable != null
                ? new MatchOutcome.Unsatisfiable(j.unallocatable)
                : MatchOutcome.BUSY;
          }

          @Override
          public Object requestShape(long jobId) {
            return s.pool().requestShape(byId.get(jobId));
          }

          @Override
          public long requestDuration(long jobId) {
            return s.pool().requestDuration(byId.get(jobId));
          }

          @Override
          public boolean nothingFree() {
            return s.pool().nothingFree();
          }

          @Override
          public boolean repeatsCycles() {
            return s.pool().repeatsCycles();
          }

          @Override
          public boolean beginCycle(Object previous) {
            return s.pool().beginCycle(previous);
          }

          @Override
          public Object endCycle() {
            return s.pool().endCycle();
          }

          @Override
          public long keptReservationsTime() {
            return s.pool().keptReservationsTime();
          }

          @Override
          public void keepReservations() {
            s.pool().keepReservations();
          }

          @Override
          public void cancelReservation(long jobId) {
            Job j = byId.get(jobId);
            if (j != null) {
              s.pool().cancelReservation(j);
            }
          }

          @Override
          public void cancelReservations(List<Long> jobIds) {
            // by id: the jobs themselves lie all over the heap, and a deep queue would touch each
            long[] ids = new long[jobIds.size()];
            int n = 0;
            for (Long id : jobIds) {
              if (byId.containsKey(id)) {
                ids[n++] = id;
              }
            }
            s.pool().cancelReservations(java.util.Arrays.copyOf(ids, n), byId::get);
          }
        });
  }

  /**
   * Brings the annotations of the waiting jobs up to date with the cycle just run: for the first
   * {@link #window} jobs of the queue (Fluxion annotates as far as its queue depth), their place,
   * their reservation (the estimated start) and what is free; jobs further back say only that (they
   * got it on entering the queue, or here when pushed back out of the window); held jobs say they
   * are held. O(window + held) per cycle, no allocation but for the jobs whose annotations changed,
   * which are announced.
   *
   * <p>Only this method writes the note of a job in the queue, but for {@link #add}, which writes
   * that of a job that was never in the window unless it left the queue since ({@link #remove},
   * {@link #reprioritize}), and the blocked jobs' notes, below: so where the window holds the same
   * job at the same place with the same estimate and the same resources are free, its note is
   * already right and is not touched (no monitor taken); and when the window holds the same jobs in
   * the same order, none was pushed out of it.
   */
  private void annotate(Scheduler s, CycleResult r) {
    ResourcePool pool = s.pool();
    int freeCores = pool.freeCores();
    int freeGpus = pool.freeGpus();
    Map<Long, Long> reserved = r.reserved();
    int n = queue.headIds(ids);
    boolean sameFree = freeCores == headCores && freeGpus == headGpus;
    boolean sameJobs = n == headSize;
    for (int i = 0; i < n; i++) {
      long id = ids[i];
      Long at = reserved.isEmpty() ? null : reserved.get(id);
      long estimate = at == null ? -1 : pool.reservedMillis(at);
      boolean sameJob = i < headSize && headIds[i] == id;
      sameJobs &= sameJob;
      if (sameJob && sameFree && headEstimates[i] == estimate) {
        continue; // its note holds exactly this
      }
      Job j = byId.get(id);
      if (j.note.setPending(
          SchedNote.Reason.RESOURCES, i, estimate, freeCores, freeGpus, queueDepth)) {
        s.annotated(j);
      }
      headEstimates[i] = estimate;
    }
    if (!sameJobs) {
      // jobs pushed out of the window by jobs placed ahead of them
      inWindow.clear();
      for (int i = 0; i < n; i++) {
        inWindow.add(ids[i]);
      }
      for (int i = 0; i < Math.max(headSize, 0); i++) {
        long id = headIds[i];
        Job j = byId.get(id);
        if (!inWindow.contains(id)
            && j != null
            && queue.contains(id)
            && j.note.setBeyond(window, window == queueDepth)) {
          s.annotated(j);
        }
      }
      System.arraycopy(ids, 0, headIds, 0, n);
    }
    headSize = n;
    headCores = freeCores;
    headGpus = freeGpus;
    for (long id : r.blocked()) {
      Job j = byId.get(id);
      if (j != null
          && j.note.setPending(
              SchedNote.Reason.RESOURCES, -1, -1, freeCores, freeGpus, queueDepth)) {
        s.annotated(j);
      }
      headSize = -1; // back in the queue at the next cycle, with this note
    }
    for (Job j : pending) {
      if (j.note.setWaiting(SchedNote.Reason.HELD, "")) {
        s.annotated(j);
      }
    }
  }

  private MatchOutcome keep(long jobId, Allocation a) {
    if (a == null) {
      return MatchOutcome.BUSY;
    }
    made.put(jobId, a);
    return MatchOutcome.ALLOCATED;
  }
}
