package org.flux4j.core.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.PriorityPlugin;

/**
 * What a job's eventlog says about it, read back from a store: its state (RFC 21 replay), urgency
 * and priority, whether it started, its first fatal exception, its finish status, and its
 * dependencies still outstanding. Immutable.
 *
 * @param state the state the eventlog leads to
 * @param urgency the last urgency logged (or the request's)
 * @param priority the last priority logged (0 if none)
 * @param started whether a {@code start} event was logged
 * @param fatalType the type of the first severity-0 exception, or null
 * @param error the note of that exception (its type if the note is empty), or the finish note
 * @param finished whether a {@code finish} event was logged
 * @param finishStatus the status of the {@code finish} event (0 if none)
 * @param released whether the resources were released (a logged release event)
 * @param added the dependency descriptions ever added
 * @param outstanding the dependency descriptions added and not removed
 */
record JobHistory(
    JobState state,
    int urgency,
    long priority,
    boolean started,
    String fatalType,
    String error,
    boolean finished,
    int finishStatus,
    boolean released,
    Set<String> added,
    Set<String> outstanding) {

  /** Reads an eventlog; {@code requestUrgency} is the urgency before any urgency event. */
  static JobHistory of(List<JobEvent> events, int requestUrgency) {
    JobState state = events.isEmpty() ? JobState.NEW : JobState.replay(events);
    int urgency = requestUrgency;
    long priority = 0;
    boolean started = false;
    String fatalType = null;
    String error = null;
    boolean finished = false;
    int status = 0;
    boolean released = false;
    Set<String> added = new LinkedHashSet<>();
    Set<String> outstanding = new LinkedHashSet<>();
    for (JobEvent e : events) {
      switch (e.name()) {
        case "submit", "urgency" -> {
          if (e.context().get("urgency") instanceof Number n) {
            urgency = n.intValue();
          }
        }
        case "priority" -> {
          if (e.context().get("priority") instanceof Number n) {
            priority = n.longValue();
          }
        }
        case "start" -> started = true;
        case "exception" -> {
          if (fatalType == null
              && e.context().get("severity") instanceof Number n
              && n.intValue() == 0) {
            fatalType = String.valueOf(e.context().get("type"));
            String note = String.valueOf(e.context().getOrDefault("note", ""));
            error = note.isEmpty() ? fatalType : note;
          }
        }
        case "finish" -> {
          finished = true;
          if (e.context().get("status") instanceof Number n) {
            status = n.intValue();
          }
          if (error == null && e.context().get("note") instanceof String note) {
            error = note;
          }
        }
        case "release" -> released = true;
        case "dependency-add" -> {
          String d = String.valueOf(e.context().get("description"));
          added.add(d);
          outstanding.add(d);
        }
        case "dependency-remove" ->
            outstanding.remove(String.valueOf(e.context().get("description")));
        default -> {}
      }
    }
    if (priority < PriorityPlugin.MIN) {
      priority = PriorityPlugin.MIN;
    }
    return new JobHistory(
        state,
        urgency,
        priority,
        started,
        fatalType,
        error,
        finished,
        status,
        released,
        added,
        outstanding);
  }

  /**
   * How a job ends (see {@link JobResult}): from its first fatal exception if it had one, else from
   * its finish status.
   */
  static JobResult result(String fatalType, int finishStatus) {
    if (fatalType != null) {
      return switch (fatalType) {
        case "cancel" -> JobResult.CANCELED;
        case "timeout" -> JobResult.TIMEOUT;
        default -> JobResult.FAILED;
      };
    }
    return finishStatus == 0 ? JobResult.COMPLETED : JobResult.FAILED;
  }

  /** Fills {@code j}'s fields from this history (the eventlog itself included). */
  void applyTo(Job j, List<JobEvent> events) {
    j.restore(events, state);
    j.urgency = urgency;
    j.priority = priority;
    j.started = started;
    j.fatalType = fatalType;
    j.error = error;
    j.finished = finished;
    j.finishStatus = finishStatus;
    if (state == JobState.INACTIVE) {
      j.result = result(fatalType, finishStatus);
    }
  }
}
