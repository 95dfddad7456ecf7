package org.flux4j.policy.queue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * What a repeatable scheduling cycle did, kept by its {@link JobQueue} so that the next cycle can
 * repeat it without calling the matcher (see {@link JobMatcher#beginCycle}) or keep its
 * reservations (see {@link JobMatcher#keptReservationsTime}): the jobs it looked at in order with
 * what became of each (the jobs it started or rejected are left out) and, for a reserved one, its
 * reserved time; its reservations; the same-shape busy cache and how many jobs it counted against
 * the queue depth.
 *
 * <p>Every job reserved or set aside as blocked comes before every job found busy without a
 * reservation: a cycle stops reserving only once it holds the reservation depth, and then only
 * allocates. A repeating cycle appends its own new jobs to the same memo, so the cost of keeping it
 * is proportional to the new jobs. Loop-owned; not thread-safe.
 */
final class CycleMemo {
  /** The job was reserved. */
  static final byte RESERVED = 0;

  /** The job could not even be reserved and was set aside as blocked. */
  static final byte BLOCKED = 1;

  /** The job was busy now and not reserved (past the reservation depth). */
  static final byte BUSY = 2;

  final LongArrayList jobs = new LongArrayList();
  final ByteArrayList kinds = new ByteArrayList();
  final LongArrayList times = new LongArrayList(); // the reserved time of a RESERVED job, else -1
  final Map<Long, Long> reserved = new LinkedHashMap<>();
  Map<Object, Long> busy = new HashMap<>();
  int considered;
  private int busyFrom = -1; // the index of the first BUSY job, -1 if none

  /** The matcher's mark of the cycle's end ({@link JobMatcher#endCycle}). */
  Object mark;

  void add(long jobId, byte kind) {
    add(jobId, kind, -1);
  }

  void add(long jobId, byte kind, long at) {
    if (kind == BUSY && busyFrom < 0) {
      busyFrom = jobs.size();
    }
    jobs.add(jobId);
    kinds.add(kind);
    times.add(at);
  }

  /** How many jobs, from the first, were reserved or set aside as blocked (see the class notes). */
  int reservedPrefix() {
    return busyFrom < 0 ? jobs.size() : busyFrom;
  }

  /**
   * Keeps only the first {@code end} jobs less those in {@code gone} (whose reservations go too),
   * in order. O(memo) when something is taken out, else O(1) (a truncation).
   */
  void keep(int end, LongHashSet gone) {
    int w = end;
    if (!gone.isEmpty()) {
      w = 0;
      for (int i = 0; i < end; i++) {
        long id = jobs.get(i);
        if (gone.contains(id)) {
          reserved.remove(id);
          continue;
        }
        jobs.set(w, id);
        kinds.set(w, kinds.get(i));
        times.set(w, times.get(i));
        w++;
      }
    }
    truncate(jobs, w);
    truncate(kinds, w);
    truncate(times, w);
    busyFrom = -1;
  }

  private static void truncate(LongArrayList l, int size) {
    while (l.size() > size) {
      l.removeAtIndex(l.size() - 1);
    }
  }

  private static void truncate(ByteArrayList l, int size) {
    while (l.size() > size) {
      l.removeAtIndex(l.size() - 1);
    }
  }
}
