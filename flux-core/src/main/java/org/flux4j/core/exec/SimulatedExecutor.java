package org.flux4j.core.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flux4j.core.Clock;

/**
 * Runs nothing: each job starts at once and finishes after its declared {@link ExecJob#runtime()}
 * on the instance's clock, so that a workload replays in virtual time. A kill finishes the job at
 * once with status 15 (terminated by SIGTERM). Thread-safe; holds no threads.
 */
public final class SimulatedExecutor implements Executor {
  /** The wait status reported for a killed job: killed by signal 15. */
  public static final int KILLED_STATUS = 15;

  /** A simulated executor. */
  public SimulatedExecutor() {}

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    Clock clock = job.clock();
    AtomicBoolean done = new AtomicBoolean();
    listener.started();
    long end = clock.millis() + job.runtime().toMillis();
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
    return "simulated";
  }
}
