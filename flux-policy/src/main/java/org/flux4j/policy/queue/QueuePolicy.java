package org.flux4j.policy.queue;

/**
 * A queue policy: decides, once per scheduling cycle, which pending jobs to allocate now and which
 * to reserve (backfilling), after Fluxion's qmanager.
 *
 * <p>Implementations hold no job state of their own between cycles except what {@link JobQueue}
 * keeps; they are called from the scheduling loop's thread only. Register new ones with {@link
 * QueuePolicies#register}.
 */
public interface QueuePolicy {
  /** The name users choose it by, e.g. "easy". */
  String name();

  /**
   * Runs one cycle over {@code queue} (in its priority order) against {@code matcher}; the started,
   * reserved-elsewhere and rejected jobs are removed from the queue or marked by it.
   */
  CycleResult runCycle(JobQueue queue, JobMatcher matcher);
}
