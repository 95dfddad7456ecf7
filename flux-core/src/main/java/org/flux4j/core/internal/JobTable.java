package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.flux4j.core.JobId;
import org.flux4j.core.internal.store.JobStore;

/**
 * The jobs an instance knows: those held in memory (active, and inactive ones not yet purged) and,
 * with a store, those only the store still has; and the purge of inactive jobs from memory
 * (flux-core's {@code job-manager/purge.c}).
 *
 * <p>Threading: lookups may come from any thread (the table is a concurrent map); adding, purging
 * and the purge limits belong to the scheduling loop.
 */
final class JobTable {
  private final ConcurrentHashMap<JobId, Job> jobs = new ConcurrentHashMap<>();
  private InactivePurge purge = new InactivePurge(InactivePurge.UNLIMITED, InactivePurge.UNLIMITED);
  private volatile JobId purgedUpTo; // the greatest id purged from memory, for error messages
  private volatile JobStore store; // set once, before the first submission

  /** Reads the jobs no longer in memory from {@code st}. */
  void attachStore(JobStore st) {
    store = st;
  }

  /**
   * Sets the inactive-job limits (flux-core's {@code inactive-age-limit} and {@code
   * inactive-num-limit}); call before the first submission.
   */
  void setInactiveLimits(long ageLimitMillis, long numLimit) {
    purge = new InactivePurge(ageLimitMillis, numLimit);
  }

  /** Holds {@code j} in memory. */
  void put(Job j) {
    jobs.put(j.id, j);
  }

  /** Drops a job just put whose submission was refused. */
  void remove(JobId id) {
    jobs.remove(id);
  }

  /** The job held in memory with {@code id}, or null. */
  Job held(JobId id) {
    return jobs.get(id);
  }

  /** The job with {@code id}, held in memory or as the store has it (INACTIVE), or null. */
  Job find(JobId id) {
    Job j = jobs.get(id);
    return j != null ? j : stored(id);
  }

  /**
   * The job with {@code id}, held in memory or as the store has it.
   *
   * @throws IllegalArgumentException if the instance has no such job, saying if it may be purged
   */
  Job get(JobId id) {
    Job j = find(id);
    if (j == null) {
      JobId purged = purgedUpTo;
      throw new IllegalArgumentException(
          "no job "
              + id
              + " in this instance"
              + (purged != null && id.compareTo(purged) <= 0
                  ? " (it may have been purged: inactive jobs past the instance's inactive-num-limit"
                      + " or inactive-age-limit are forgotten unless the instance has a store)"
                  : ""));
    }
    return j;
  }

  private Job stored(JobId id) {
    JobStore st = store;
    return st == null ? null : st.read(id).map(JobRecovery::ghost).orElse(null);
  }

  /** The ids of the jobs held in memory, ascending. */
  List<JobId> ids() {
    List<JobId> out = new ArrayList<>(jobs.keySet());
    Collections.sort(out);
    return out;
  }

  /** A copy of the jobs held in memory, in no particular order. */
  List<Job> held() {
    return new ArrayList<>(jobs.values());
  }

  /** Job {@code j} became INACTIVE at {@code now}: it is purged once past the limits (loop). */
  void inactive(Job j, long now) {
    purge.add(j, now, this::forget);
  }

  /**
   * Purges the inactive jobs older than {@code ageLimitMillis}, then the oldest until at most
   * {@code numLimit} are held (loop); returns how many.
   */
  int purge(long now, long ageLimitMillis, long numLimit) {
    return purge.purge(now, ageLimitMillis, numLimit, this::forget);
  }

  /** Purges {@code j} if it is inactive (loop); returns whether it was. */
  boolean purge(Job j) {
    return purge.purge(j, this::forget);
  }

  /** How many inactive jobs are held in memory (loop). */
  int inactiveHeld() {
    return purge.size();
  }

  private void forget(Job j) {
    jobs.remove(j.id);
    JobId p = purgedUpTo;
    if (p == null || j.id.compareTo(p) > 0) {
      purgedUpTo = j.id;
    }
  }
}
