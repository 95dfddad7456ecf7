package org.flux4j.policy.queue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * The pending jobs of one queue in Fluxion's order (priority, higher first; then submission order),
 * the jobs set aside as blocked, and the reservations of the last cycle.
 *
 * <p>Add, remove and reprioritise are O(log n). Not thread-safe: owned by the scheduling loop.
 */
public final class JobQueue {
  private final String name;
  private final TreeSet<PendingJob> pending = new TreeSet<>();
  private final LongObjectHashMap<PendingJob> byId = new LongObjectHashMap<>();
  private final LongHashSet blocked = new LongHashSet();
  private final List<PendingJob> blockedOrder = new ArrayList<>();
  private final List<Long> reservations = new ArrayList<>();
  private long nextSequence;
  private CycleMemo memo;

  /** Creates an empty queue with a name (RFC 33; "default" for the anonymous queue). */
  public JobQueue(String name) {
    this.name = name;
  }

  /** The queue's name. */
  public String name() {
    return name;
  }

  /** Adds a job with a priority; later additions of equal priority come after. */
  public void add(long jobId, long priority) {
    if (byId.containsKey(jobId)) {
      throw new IllegalArgumentException("job " + jobId + " is already in queue " + name);
    }
    PendingJob j = new PendingJob(jobId, priority, nextSequence++);
    byId.put(jobId, j);
    pending.add(j);
  }

  /** Removes a job (pending or blocked); returns whether it was there. */
  public boolean remove(long jobId) {
    PendingJob j = byId.remove(jobId);
    if (j == null) {
      return false;
    }
    if (!pending.remove(j)) {
      blocked.remove(jobId);
      blockedOrder.remove(j);
    }
    return true;
  }

  /** Changes a job's priority, keeping its submission order among equals. */
  public void setPriority(long jobId, long priority) {
    PendingJob j = byId.get(jobId);
    if (j == null) {
      throw new IllegalArgumentException("job " + jobId + " is not in queue " + name);
    }
    PendingJob k = new PendingJob(jobId, priority, j.sequence());
    byId.put(jobId, k);
    if (pending.remove(j)) {
      pending.add(k);
    } else {
      blockedOrder.set(blockedOrder.indexOf(j), k);
    }
  }

  /** Whether the job is in this queue (pending or blocked). */
  public boolean contains(long jobId) {
    return byId.containsKey(jobId);
  }

  /** How many jobs are pending, not counting blocked ones. */
  public int pendingCount() {
    return pending.size();
  }

  /** How many jobs are set aside as blocked. */
  public int blockedCount() {
    return blocked.size();
  }

  /** All jobs of the queue, pending and blocked. */
  public int size() {
    return byId.size();
  }

  /** The pending jobs in order (a live view; policies iterate and remove through it). */
  NavigableSet<PendingJob> pendingView() {
    return pending;
  }

  /** The pending job ids in order (a copy). */
  public List<Long> pendingIds() {
    List<Long> ids = new ArrayList<>(pending.size());
    for (PendingJob j : pending) {
      ids.add(j.id());
    }
    return ids;
  }

  /** The first {@code limit} pending job ids in order (a copy; not the blocked ones). O(limit). */
  public List<Long> pendingIds(int limit) {
    List<Long> ids = new ArrayList<>(Math.min(limit, pending.size()));
    for (PendingJob j : pending) {
      if (ids.size() >= limit) {
        break;
      }
      ids.add(j.id());
    }
    return ids;
  }

  /**
   * Writes the first pending job ids in order into {@code into}, as many as fit, and answers how
   * many it wrote (not the blocked ones). O(ids written), no allocation.
   */
  public int headIds(long[] into) {
    int n = 0;
    for (PendingJob j : pending) {
      if (n >= into.length) {
        break;
      }
      into[n++] = j.id();
    }
    return n;
  }

  /** Moves a pending job to the blocked set (it could not even be reserved). */
  void block(PendingJob j) {
    pending.remove(j);
    blocked.add(j.id());
    blockedOrder.add(j);
  }

  /** Returns every blocked job to the pending order; call when resources change. */
  public void unblockAll() {
    for (PendingJob j : blockedOrder) {
      pending.add(j);
    }
    blockedOrder.clear();
    blocked.clear();
  }

  /** Removes a job the cycle started or rejected. */
  void drop(Iterator<PendingJob> it, PendingJob j) {
    it.remove();
    byId.remove(j.id());
  }

  /** Removes a pending job the cycle started, outside an iteration. O(log n). */
  void dropPending(PendingJob j) {
    pending.remove(j);
    byId.remove(j.id());
  }

  /** The queue's entry of a job, or null. */
  PendingJob pendingJob(long jobId) {
    return byId.get(jobId);
  }

  /** The jobs reserved by the last cycle, in reservation order (a copy). */
  public List<Long> reservations() {
    return List.copyOf(reservations);
  }

  List<Long> reservationsMutable() {
    return reservations;
  }

  /** What the last cycle left for the next one to repeat, or null; taken (cleared) by the call. */
  CycleMemo takeMemo() {
    CycleMemo m = memo;
    memo = null;
    return m;
  }

  void keepMemo(CycleMemo m) {
    memo = m;
  }
}
