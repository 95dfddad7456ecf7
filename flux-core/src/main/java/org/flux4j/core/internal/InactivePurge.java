package org.flux4j.core.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The inactive jobs an instance still holds in memory, oldest first, and the limits past which they
 * are purged: flux-core's job manager {@code inactive-age-limit} and {@code inactive-num-limit},
 * and {@code flux job purge}.
 *
 * <p>Implementation notes: a FIFO in the order jobs became INACTIVE, each job stamped with that
 * time ({@link Job#inactiveAt}). Since stamps never decrease along the FIFO, both limits purge from
 * its head, so a purge costs O(purged jobs). Limits are checked whenever a job becomes INACTIVE and
 * on an explicit purge; no timer is scheduled (a virtual clock is never moved by a purge). Owned by
 * the scheduling loop; not thread-safe.
 */
final class InactivePurge {
  /** No limit. */
  static final long UNLIMITED = Long.MAX_VALUE;

  private final ArrayDeque<Job> inactive = new ArrayDeque<>();
  private final long ageLimitMillis;
  private final long numLimit;
  private long purged;
  private org.flux4j.core.JobId newestPurged;

  /**
   * Limits for an instance.
   *
   * @param ageLimitMillis an inactive job older than this is purged ({@link #UNLIMITED}: never)
   * @param numLimit at most this many inactive jobs are kept ({@link #UNLIMITED}: any number)
   */
  InactivePurge(long ageLimitMillis, long numLimit) {
    if (ageLimitMillis < 0 || numLimit < 0) {
      throw new IllegalArgumentException(
          "inactive limits must not be negative, got age " + ageLimitMillis + ", num " + numLimit);
    }
    this.ageLimitMillis = ageLimitMillis;
    this.numLimit = numLimit;
  }

  /** How many inactive jobs are held. */
  int size() {
    return inactive.size();
  }

  /** How many jobs were purged so far. */
  long purged() {
    return purged;
  }

  /** The greatest id purged so far, or null. */
  org.flux4j.core.JobId newestPurged() {
    return newestPurged;
  }

  /**
   * Records that {@code job} became INACTIVE at {@code now}, then purges what the limits say.
   *
   * @param forget told of each purged job, oldest first
   */
  void add(Job job, long now, Consumer<Job> forget) {
    job.inactiveAt = now;
    inactive.addLast(job);
    purge(now, ageLimitMillis, numLimit, forget);
  }

  /**
   * Purges the inactive jobs older than {@code ageLimit} at {@code now}, then the oldest until at
   * most {@code numLimit} are left.
   *
   * @return how many were purged
   */
  int purge(long now, long ageLimit, long numLimit, Consumer<Job> forget) {
    int n = 0;
    while (!inactive.isEmpty()) {
      Job oldest = inactive.peekFirst();
      boolean tooOld = ageLimit != UNLIMITED && now - oldest.inactiveAt > ageLimit;
      if (!tooOld && inactive.size() <= numLimit) {
        break;
      }
      inactive.pollFirst();
      forgotten(oldest, forget);
      n++;
    }
    return n;
  }

  /** Purges one inactive job; returns false if it is not held here. O(held jobs). */
  boolean purge(Job job, Consumer<Job> forget) {
    if (!inactive.remove(job)) {
      return false;
    }
    forgotten(job, forget);
    return true;
  }

  private void forgotten(Job job, Consumer<Job> forget) {
    purged++;
    if (newestPurged == null || job.id.compareTo(newestPurged) > 0) {
      newestPurged = job.id;
    }
    forget.accept(job);
  }
}
