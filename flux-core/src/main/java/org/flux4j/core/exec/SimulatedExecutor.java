package org.flux4j.core.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flux4j.core.Clock;

/**
 * Runs nothing: each job starts at once and finishes after its declared {@link ExecJob#runtime()}
 * (or, from {@link #ofDurations()}, after its duration limit) on the instance's clock, so that a
 * workload replays in virtual time. A kill finishes the job at once with status 15 (terminated by
 * SIGTERM). Thread-safe; holds no threads.
 */
public final class SimulatedExecutor implements Executor {
  /** The wait status reported for a killed job: killed by signal 15. */
  public static final int KILLED_STATUS = 15;

  private final boolean durations;

  /** A simulated executor: each job runs its request's run time. */
  public SimulatedExecutor() {
    this(false);
  }

  private SimulatedExecutor(boolean durations) {
    this.durations = durations;
  }

  /**
   * A simulated executor for forecasts: each job runs exactly its duration limit (its run time when
   * it has no limit), as if every job used all the time it asked for.
   */
  public static SimulatedExecutor ofDurations() {
    return new SimulatedExecutor(true);
  }

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    Clock clock = job.clock();
    AtomicBoolean done = new AtomicBoolean();
    listener.started();
    java.time.Duration limit = job.request().duration();
    long end = clock.millis() + (durations && !limit.isZero() ? limit : job.runtime()).toMillis();
    Clock.Timer timer =
        clock.schedule(
            end,
            () -> {
              if (done.compareAndSet(false, true)) {
                listener.finished(0, null, List.of());
              }
            });
    return () -> {
      if (done.compareAndSet(false, true)) {
        timer.cancel();
        listener.finished(KILLED_STATUS, null, List.of());
      }
    };
  }

  @Override
  public String toString() {
    return durations ? "simulated (durations)" : "simulated";
  }
}
