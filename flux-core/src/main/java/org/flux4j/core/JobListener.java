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

  /**
   * The scheduler changed the job's annotations (RFC 27 {@code sched}: why it is pending, its
   * estimated start, the jobs ahead of it, its resources once running). Not an eventlog event: as
   * flux-core's annotation updates, it goes to listeners and into {@link JobInfo#annotations()}
   * only. Called on the loop thread after the scheduling cycle that made the change; the default
   * ignores it (and a listener that does not override it costs the loop nothing).
   *
   * @param id the job
   * @param annotations all its annotations now (empty once none apply)
   */
  default void onAnnotations(JobId id, java.util.Map<String, Object> annotations) {}
}
