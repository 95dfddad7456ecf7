package org.flux4j.core;

import java.util.List;
import java.util.Map;
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
 * @param annotations the scheduler's annotations (RFC 27): {@code {"sched": {"reason_pending": ...,
 *     "t_estimate": ..., "jobs_ahead": ..., "resource_summary": ...}}}, the keys present that apply
 *     to the job's state; empty if none
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
    List<TaskOutput> outputs,
    Map<String, Object> annotations) {

  /** Copies the annotations. */
  public JobInfo {
    annotations = Map.copyOf(annotations);
  }

  /**
   * One annotation of the scheduler's namespace, e.g. {@code sched("reason_pending")} or {@code
   * sched("t_estimate")} (a Double, seconds since the epoch).
   */
  public Optional<Object> sched(String key) {
    Object s = annotations.get("sched");
    return s instanceof Map<?, ?> m ? Optional.ofNullable(m.get(key)) : Optional.empty();
  }

  /** The names of the events in order, e.g. {@code [submit, validate, depend, ...]}. */
  public List<String> eventNames() {
    return eventlog.stream().map(JobEvent::name).toList();
  }
}
