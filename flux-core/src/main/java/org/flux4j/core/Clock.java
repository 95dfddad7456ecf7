package org.flux4j.core;

/**
 * The source of time and timers for an {@link Instance} and its executors: the system clock in
 * production, a {@link VirtualClock} in simulation and tests.
 *
 * <p>Library code never reads the wall clock directly; it asks its clock. Times are milliseconds
 * since the Unix epoch.
 *
 * <p>A clock also hears about <em>activity</em>: work in progress that may still schedule timers at
 * the current time (an instance loop with queued messages, a task running on a thread). A virtual
 * clock advances only when no activity is in progress, which is what makes simulated time
 * deterministic; the system clock ignores activity.
 *
 * <p>Implementations are thread-safe.
 */
public interface Clock {
  /** The current time in milliseconds since the epoch. */
  long millis();

  /**
   * Runs {@code action} once at time {@code atMillis} (at once if that time has passed). The action
   * runs on a clock thread (system) or on the thread that advances time (virtual): it must be short
   * and must not block; typically it posts a message to an instance loop.
   *
   * @return a handle that cancels the timer
   */
  Timer schedule(long atMillis, Runnable action);

  /**
   * Declares that work is in progress that may schedule timers at the current time; pair each call
   * with {@link #endActivity()}. The default does nothing.
   */
  default void beginActivity() {}

  /** Declares the end of work declared by {@link #beginActivity()}. The default does nothing. */
  default void endActivity() {}

  /**
   * Whether the clock is applying the events of one instant as a batch (see {@link VirtualClock});
   * if so, keeps {@code action} to run once the batch's last event has been applied and answers
   * true, else answers false and does nothing. "Applied" includes every activity the events caused:
   * an instance loop whose own messages post further messages defers its cycle until all of them,
   * in every loop on the clock, are done. An instance loop asks this before its scheduling cycle so
   * that one cycle sees every event of the instant. The default (real time, where no two events are
   * simultaneous by construction) answers false.
   */
  default boolean deferUntilInstantEnds(Runnable action) {
    return false;
  }

  /** A scheduled timer. */
  interface Timer {
    /** Cancels the timer; returns whether it had not run yet. Idempotent. */
    boolean cancel();
  }
}
