package org.flux4j.core;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated {@link Clock}: a discrete-event scheduler of timers in which time jumps from one
 * timer to the next, so that a day of workload runs in milliseconds, deterministically.
 *
 * <p>Time advances only while no activity is in progress (see {@link Clock#beginActivity()}): the
 * next timer (earliest time first, then scheduling order) fires, time becomes its time, and its
 * action runs; every instance loop posts the consequences before it goes idle, so the order of
 * events depends only on the workload, never on thread timing.
 *
 * <p>Determinism covers what the instances and their timers do on their own. Calls from an outside
 * thread ({@code submit}, {@code cancel}, ...) race with an instance loop that is still busy; a
 * driver that wants the same eventlogs on every run lets the instances settle after each call, for
 * example with {@code advanceBy(0)}.
 *
 * <p>Two ways to drive it: manually, with {@link #advanceTo}, {@link #advanceBy} and {@link
 * #runUntilIdle()} (tests), or automatically, with {@link #setAutoAdvance(boolean)}, where the
 * thread that ends the last activity fires the next timers itself (simulations that run on their
 * own). Thread-safe.
 */
public final class VirtualClock implements Clock {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition quiet = lock.newCondition();
  private final PriorityQueue<Entry> timers = new PriorityQueue<>();
  private long now;
  private long seq;
  private int activity;
  private boolean auto;
  private boolean advancing;

  /** A virtual clock at time 0 (the epoch). */
  public VirtualClock() {
    this(0);
  }

  /** A virtual clock at {@code startMillis}. */
  public VirtualClock(long startMillis) {
    this.now = startMillis;
  }

  private static final class Entry implements Comparable<Entry>, Timer {
    final long at;
    final long order;
    final Runnable action;
    final VirtualClock clock;
    boolean done;

    Entry(VirtualClock clock, long at, long order, Runnable action) {
      this.clock = clock;
      this.at = at;
      this.order = order;
      this.action = action;
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public boolean cancel() {
      clock.lock.lock();
      try {
        if (done) {
          return false;
        }
        done = true;
        clock.timers.remove(this);
        return true;
      } finally {
        clock.lock.unlock();
      }
    }
  }

  @Override
  public long millis() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Timer schedule(long atMillis, Runnable action) {
    lock.lock();
    try {
      Entry e = new Entry(this, Math.max(atMillis, now), seq++, action);
      timers.add(e);
      return e;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void beginActivity() {
    lock.lock();
    try {
      activity++;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void endActivity() {
    boolean run;
    lock.lock();
    try {
      if (activity <= 0) {
        throw new IllegalStateException("endActivity without a matching beginActivity");
      }
      activity--;
      if (activity > 0) {
        return;
      }
      quiet.signalAll();
      run = auto && !advancing;
      if (run) {
        advancing = true;
      }
    } finally {
      lock.unlock();
    }
    if (run) {
      autoAdvance();
    }
  }

  /** How many timers are pending. */
  public int pendingTimers() {
    lock.lock();
    try {
      return timers.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Turns automatic advancing on or off. When on, time advances to the next timer whenever no
   * activity is in progress; turning it on fires due timers at once if nothing is active.
   */
  public void setAutoAdvance(boolean on) {
    boolean run;
    lock.lock();
    try {
      auto = on;
      run = on && activity == 0 && !advancing;
      if (run) {
        advancing = true;
      }
    } finally {
      lock.unlock();
    }
    if (run) {
      autoAdvance();
    }
  }

  private void autoAdvance() {
    while (true) {
      Entry e;
      lock.lock();
      try {
        if (!auto || activity > 0 || timers.isEmpty()) {
          advancing = false;
          return;
        }
        e = pop();
      } finally {
        lock.unlock();
      }
      e.action.run();
    }
  }

  private Entry pop() {
    Entry e = timers.poll();
    e.done = true;
    now = e.at;
    return e;
  }

  /**
   * Fires, in order, every timer due at or before {@code targetMillis}, waiting before each for all
   * activity to end, then sets the time to {@code targetMillis}. Timers scheduled meanwhile fire
   * too if they are due. Blocks the calling thread.
   *
   * @throws IllegalArgumentException if {@code targetMillis} is in the past
   */
  public void advanceTo(long targetMillis) {
    run(targetMillis, true);
  }

  /** {@link #advanceTo} the current time plus {@code millis}. */
  public void advanceBy(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("advanceBy: negative duration " + millis);
    }
    advanceTo(millis() + millis);
  }

  /**
   * Fires timers in order until all activity has ended and no timer is left; time ends at the last
   * timer fired. A workload whose timers never stop (none in flux4j) would run forever.
   */
  public void runUntilIdle() {
    run(Long.MAX_VALUE, false);
  }

  /**
   * Waits until no activity is in progress, without firing timers.
   *
   * @return false if {@code timeoutMillis} of real time passed first
   */
  public boolean awaitQuiet(long timeoutMillis) {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (activity > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = quiet.awaitNanos(nanos);
      }
      return true;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the virtual clock", ie);
    } finally {
      lock.unlock();
    }
  }

  private void run(long target, boolean setTime) {
    while (true) {
      Entry e;
      lock.lock();
      try {
        if (target < now) {
          throw new IllegalArgumentException(
              "advanceTo: time " + target + " is before the current time " + now);
        }
        while (activity > 0) {
          quiet.awaitUninterruptibly();
        }
        if (timers.isEmpty() || timers.peek().at > target) {
          if (setTime) {
            now = target;
          }
          return;
        }
        e = pop();
      } finally {
        lock.unlock();
      }
      e.action.run();
    }
  }

  @Override
  public String toString() {
    return "VirtualClock[" + millis() + "]";
  }
}
