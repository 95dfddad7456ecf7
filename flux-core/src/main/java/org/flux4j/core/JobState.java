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
