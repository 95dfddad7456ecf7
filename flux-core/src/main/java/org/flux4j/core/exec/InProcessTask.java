package org.flux4j.core.exec;

/**
 * A task run by the {@link InProcessExecutor}: plain Java code, once per task rank, on an executor
 * thread. Returning normally is success; throwing fails the job, keeping the exception's message.
 */
@FunctionalInterface
public interface InProcessTask {
  /**
   * Runs one task.
   *
   * @param context the task's rank, job size, resources, environment and cancellation signal
   * @throws Exception to fail the job
   */
  void run(TaskContext context) throws Exception;
}
