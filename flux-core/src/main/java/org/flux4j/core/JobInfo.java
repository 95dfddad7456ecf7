package org.flux4j.core;

import java.util.List;
import java.util.Optional;
import org.flux4j.core.exec.TaskOutput;

/**
 * A consistent snapshot of one job. Immutable.
 *
 * @param id the job id
 * @param name the job name
 * @param state the state when the snapshot was taken
 * @param result how it ended, once INACTIVE
 * @param urgency the current urgency
 * @param priority the current priority (0 until assigned)
 * @param submitTime submission time in milliseconds
 * @param eventlog the eventlog so far, oldest first
 * @param allocation the resources it holds or held, once allocated
 * @param error the note of its first fatal exception, or the failure message of its tasks
 * @param outputs captured output per task (process executor), by task rank
 */
public record JobInfo(
    JobId id,
    String name,
    JobState state,
    Optional<JobResult> result,
    int urgency,
    long priority,
    long submitTime,
    List<JobEvent> eventlog,
    Optional<Allocation> allocation,
    Optional<String> error,
    List<TaskOutput> outputs) {

  /** The names of the events in order, e.g. {@code [submit, validate, depend, ...]}. */
  public List<String> eventNames() {
    return eventlog.stream().map(JobEvent::name).toList();
  }
}
