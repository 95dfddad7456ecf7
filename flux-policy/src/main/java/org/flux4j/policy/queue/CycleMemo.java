package org.flux4j.policy.queue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * What a repeatable scheduling cycle did, kept by its {@link JobQueue} so that the next cycle can
 * repeat it without calling the matcher (see {@link JobMatcher#beginCycle}): the jobs it looked at
 * in order with what became of each (none started or was rejected), its reservations, the
 * same-shape busy cache and how many jobs it counted against the queue depth.
 *
 * <p>A repeating cycle appends its own new jobs to the same memo, so the cost of keeping it is
 * proportional to the new jobs. Loop-owned; not thread-safe.
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
  final Map<Long, Long> reserved = new LinkedHashMap<>();
  Map<Object, Long> busy = new HashMap<>();
  int considered;

  /** The matcher's mark of the cycle's end ({@link JobMatcher#endCycle}). */
  Object mark;

  void add(long jobId, byte kind) {
    jobs.add(jobId);
    kinds.add(kind);
  }
}
