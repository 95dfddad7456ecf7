package org.flux4j.core;

/**
 * Computes a job's priority from its urgency (RFC 30), as flux-core's job-manager priority plugins
 * do. Jobs are offered to the scheduler by priority, highest first, then in submission order.
 *
 * <p>Held jobs (urgency 0) and expedited jobs (urgency 31) bypass the plugin: they get {@link #MIN}
 * and {@link #MAX}. Called on the instance loop thread; must be quick and pure.
 */
@FunctionalInterface
public interface PriorityPlugin {
  /** The lowest priority, given to held jobs. */
  long MIN = 0;

  /** The highest priority, 2^32 - 1, given to expedited jobs. */
  long MAX = 4294967295L;

  /** The default plugin of flux-core: the priority is the urgency. */
  PriorityPlugin URGENCY = (id, urgency, submitTime) -> urgency;

  /**
   * The priority of a job whose urgency is between 1 and 30.
   *
   * @param id the job
   * @param urgency its urgency
   * @param submitTime its submission time in milliseconds
   * @return a priority between {@link #MIN} and {@link #MAX}
   */
  long priority(JobId id, int urgency, long submitTime);
}
