package org.flux4j.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real-time {@link Clock}: {@link System#currentTimeMillis()} and timers on one shared daemon
 * thread. Use {@link #get()}; thread-safe.
 */
public final class SystemClock implements Clock {
  private static final SystemClock INSTANCE = new SystemClock();

  private final ScheduledThreadPoolExecutor timers;

  private SystemClock() {
    timers =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "flux4j-system-clock");
              t.setDaemon(true);
              return t;
            });
    timers.setRemoveOnCancelPolicy(true);
  }

  /** The system clock. */
  public static SystemClock get() {
    return INSTANCE;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Timer schedule(long atMillis, Runnable action) {
    long delay = Math.max(0, atMillis - millis());
    ScheduledFuture<?> f = timers.schedule(action, delay, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
