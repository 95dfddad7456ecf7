package org.flux4j.core.exec;

/** A running job's tasks, as seen by the instance that started them. Thread-safe. */
@FunctionalInterface
public interface Execution {
  /**
   * Stops every task of the job (cancel, timeout, fatal exception). Idempotent; the executor still
   * reports {@link ExecListener#finished} once the tasks are gone.
   */
  void kill();
}
