package org.flux4j.core;

/** The states of a job (RFC 21), in life-cycle order. */
public enum JobState {
  /** Submitted, not yet validated. */
  NEW,
  /** Waiting for its dependencies (RFC 26). */
  DEPEND,
  /** Waiting for a priority from the priority plugin. */
  PRIORITY,
  /** Waiting for resources from the scheduler. */
  SCHED,
  /** Resources allocated; the tasks are starting or running. */
  RUN,
  /** Finished or hit a fatal exception; resources are being released. */
  CLEANUP,
  /** The final, captive state. */
  INACTIVE;

  /**
   * The state an eventlog leads to, replaying its events as RFC 21 prescribes: {@code submit} gives
   * NEW, {@code validate} DEPEND, {@code depend} PRIORITY, {@code priority} SCHED, {@code alloc}
   * RUN, {@code finish} or a severity-0 {@code exception} CLEANUP, {@code clean} INACTIVE; other
   * events change nothing.
   *
   * @throws IllegalArgumentException if the eventlog does not start with {@code submit}
   */
  public static JobState replay(java.util.List<JobEvent> eventlog) {
    if (eventlog.isEmpty() || !eventlog.get(0).name().equals("submit")) {
      throw new IllegalArgumentException("an eventlog must start with a submit event");
    }
    JobState s = NEW;
    for (JobEvent e : eventlog) {
      switch (e.name()) {
        case "validate" -> s = s == NEW ? DEPEND : s;
        case "depend" -> s = s == DEPEND ? PRIORITY : s;
        case "priority" -> s = s == PRIORITY ? SCHED : s;
        case "alloc" -> s = s == SCHED ? RUN : s;
        case "finish" -> s = s == RUN ? CLEANUP : s;
        case "exception" -> {
          Object sev = e.context().get("severity");
          if (sev instanceof Number n && n.intValue() == 0 && s != INACTIVE) {
            s = CLEANUP;
          }
        }
        case "clean" -> s = INACTIVE;
        default -> {}
      }
    }
    return s;
  }

  /** Whether this is DEPEND, PRIORITY or SCHED (RFC 21's virtual state PENDING). */
  public boolean isPending() {
    return this == DEPEND || this == PRIORITY || this == SCHED;
  }

  /** Whether this is RUN or CLEANUP (RFC 21's virtual state RUNNING). */
  public boolean isRunning() {
    return this == RUN || this == CLEANUP;
  }

  /** Whether the job has not reached INACTIVE. */
  public boolean isActive() {
    return this != INACTIVE;
  }
}
