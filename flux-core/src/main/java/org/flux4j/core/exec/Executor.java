package org.flux4j.core.exec;

/**
 * Starts and stops the tasks of allocated jobs: the role of Flux's exec service and job shells.
 *
 * <p>An instance calls {@link #start} on its scheduling loop thread once a job has resources; the
 * executor must not block there. It reports through the {@link ExecListener} from any thread:
 * {@code started} once, then {@code finished} once, also after {@link Execution#kill()}.
 */
public interface Executor extends AutoCloseable {
  /**
   * Starts the tasks of {@code job}.
   *
   * @return the handle through which the instance stops the job on cancel or timeout
   */
  Execution start(ExecJob job, ExecListener listener);

  /** Releases the executor's threads; running executions are killed. The default does nothing. */
  @Override
  default void close() {}
}
