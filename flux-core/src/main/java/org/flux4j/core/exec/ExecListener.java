package org.flux4j.core.exec;

import java.util.List;

/** Receives the progress of one execution; callable from any thread, each method at most once. */
public interface ExecListener {
  /** Every task has been started (the job's {@code start} event). */
  void started();

  /**
   * Every task has ended (the job's {@code finish} event).
   *
   * @param status the largest task wait status, POSIX style: 0 for success, {@code code << 8} for
   *     an exit code, the signal number for a task killed by a signal
   * @param error a message describing the first failed task, or null if none failed
   * @param outputs captured output per task; empty if the executor captures none
   */
  void finished(int status, String error, List<TaskOutput> outputs);
}
