package org.flux4j.core;

/**
 * Observes job events of an {@link Instance}.
 *
 * <p>Called on the instance's scheduling loop thread, once per event, in eventlog order, after the
 * event was appended and the state changed. Implementations must be quick and must not block or
 * wait for the instance (they may call its non-blocking methods such as {@link Instance#cancel}).
 */
@FunctionalInterface
public interface JobListener {
  /**
   * One event.
   *
   * @param id the job
   * @param event the event just logged
   * @param state the job's state after the event
   */
  void onEvent(JobId id, JobEvent event, JobState state);
}
