package org.flux4j.core;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated {@link Clock}: a discrete-event scheduler of timers in which time jumps from one
 * timer to the next, so that a day of workload runs in milliseconds, deterministically.
 *
 * <p>Time advances only while no activity is in progress (see {@link Clock#beginActivity()}): time
 * becomes that of the next timer and every timer due at that instant fires, as one <em>instant
 * batch</em>, before any instance loop runs a scheduling cycle (see {@link
 * Clock#deferUntilInstantEnds}): two jobs that end at the same second free their resources
 * together, and the submissions of that second join them, so that one cycle sees all of it, as a
 * discrete-event simulator applies every event of an instant before it schedules. Within a batch,
 * ordinary timers fire first (job ends, duration limits, begin-time dependencies), in scheduling
 * order, then the timers scheduled with {@link #scheduleAfterTies} (a trace replay's submissions),
 * in scheduling order, so that submissions keep their order and get ascending job ids. Since one
 * cycle follows the whole batch, this order shows in eventlogs only, never in a schedule. A timer
 * scheduled by a batch for the same instant fires in the next batch, at the same time, after that
 * batch's cycle (a job of zero run time started by the cycle ends in it). Every instance loop posts
 * the consequences before it goes idle, so the order of events depends only on the workload, never
 * on thread timing.
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
  private int canceled; // canceled timers still in the heap, dropped when they reach its head
  private volatile long now; // written under the lock; read without it
  private long seq;
  private int activity;
  private boolean auto;
  private boolean advancing;
  private boolean inInstant; // an instant batch is firing, or what it started is still active
  private boolean instantFired; // every timer of the batch has run
  private final java.util.List<Runnable> afterInstant = new java.util.ArrayList<>();

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
    final int tier; // 0: ordinary; 1: after the ordinary timers of its instant
    final long order;
    final Runnable action;
    final VirtualClock clock;
    boolean done;
    boolean batched; // taken into an instant batch
    boolean ran; // its action was started
    boolean canceledInBatch; // canceled after it was batched, before it ran

    Entry(VirtualClock clock, long at, int tier, long order, Runnable action) {
      this.clock = clock;
      this.at = at;
      this.tier = tier;
      this.order = order;
      this.action = action;
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(at, o.at);
      if (c == 0) {
        c = Integer.compare(tier, o.tier);
      }
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public boolean cancel() {
      clock.lock.lock();
      try {
        if (done) {
          if (batched && !ran && !canceledInBatch) {
            canceledInBatch = true; // taken into the batch but not run yet
            return true;
          }
          return false;
        }
        done = true; // left in the heap (removing it would be a linear search) and skipped there
        clock.canceledInHeap();
        return true;
      } finally {
        clock.lock.unlock();
      }
    }
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public Timer schedule(long atMillis, Runnable action) {
    return schedule(atMillis, 0, action);
  }

  /**
   * Like {@link #schedule}, but the timer fires after every ordinary timer due at the same instant
   * (in the same instant batch): a trace replay schedules its submissions so, so that the jobs that
   * end at an instant are ended before the jobs submitted at it are queued.
   */
  public Timer scheduleAfterTies(long atMillis, Runnable action) {
    return schedule(atMillis, 1, action);
  }

  private Timer schedule(long atMillis, int tier, Runnable action) {
    lock.lock();
    try {
      Entry e = new Entry(this, Math.max(atMillis, now), tier, seq++, action);
      timers.add(e);
      return e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * While an instant batch fires, or what it caused is still active, keeps {@code action} to run
   * once the batch's last timer has run and no activity is left, and answers true; otherwise
   * answers false and does nothing. An instance loop calls it instead of running its scheduling
   * cycle, so that the cycle sees every event of the instant.
   */
  @Override
  public boolean deferUntilInstantEnds(Runnable action) {
    lock.lock();
    try {
      if (!inInstant) {
        return false;
      }
      afterInstant.add(action);
      return true;
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
    Runnable[] deferred = null;
    lock.lock();
    try {
      if (activity <= 0) {
        throw new IllegalStateException(
            "endActivity without a matching beginActivity; pair each beginActivity with one"
                + " endActivity, in a finally block");
      }
      activity--;
      if (activity > 0) {
        return;
      }
      if (inInstant && instantFired) {
        deferred = endInstant();
        activity++; // held while the deferred actions post their messages
        run = false;
      } else {
        quiet.signalAll();
        run = auto && !advancing;
        if (run) {
          advancing = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (deferred != null) {
      for (Runnable r : deferred) {
        r.run();
      }
      endActivity();
      return;
    }
    if (run) {
      autoAdvance();
    }
  }

  /** Ends the instant batch: what was deferred to its end, to run outside the lock. */
  private Runnable[] endInstant() {
    inInstant = false;
    instantFired = false;
    Runnable[] out = afterInstant.toArray(new Runnable[0]);
    afterInstant.clear();
    return out;
  }

  /** How many timers are pending. */
  public int pendingTimers() {
    lock.lock();
    try {
      return timers.size() - canceled;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A timer in the heap was canceled: once canceled ones are most of a large heap, they are swept
   * out, so that timers canceled far ahead of their time hold no memory for long. Under the lock.
   */
  private void canceledInHeap() {
    canceled++;
    if (canceled > 64 && canceled > timers.size() / 2) {
      timers.removeIf(e -> e.done);
      canceled = 0;
    }
  }

  /** The next live timer, canceled ones before it dropped; null if none. Under the lock. */
  private Entry next() {
    Entry e = timers.peek();
    while (e != null && e.done) {
      timers.poll();
      canceled--;
      e = timers.peek();
    }
    return e;
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
      java.util.List<Entry> batch;
      lock.lock();
      try {
        if (!auto || activity > 0 || next() == null) {
          advancing = false;
          quiet.signalAll();
          return;
        }
        batch = popInstant();
      } finally {
        lock.unlock();
      }
      fire(batch);
    }
  }

  /** Takes every timer due at the next timer's instant and starts the batch. Under the lock. */
  private java.util.List<Entry> popInstant() {
    java.util.List<Entry> batch = new java.util.ArrayList<>(8);
    long at = next().at;
    for (Entry e = timers.peek(); e != null && e.at == at; e = timers.peek()) {
      timers.poll();
      if (e.done) {
        canceled--;
        continue;
      }
      e.done = true;
      e.batched = true;
      batch.add(e);
    }
    now = at;
    inInstant = true;
    instantFired = false;
    return batch;
  }

  /**
   * Runs a batch's actions in order (one canceled by an earlier action of the batch is skipped).
   * The instant then ends once no activity is left (at once if none is; else when the last activity
   * ends, in {@link #endActivity}), and what was deferred to its end runs: so every message the
   * batch caused, and every message those caused, is handled before any deferred cycle.
   */
  private void fire(java.util.List<Entry> batch) {
    Runnable[] deferred;
    try {
      for (int i = 0; i < batch.size(); i++) {
        Entry e = batch.get(i);
        lock.lock();
        try {
          if (e.canceledInBatch) {
            continue;
          }
          e.ran = true;
        } finally {
          lock.unlock();
        }
        e.action.run();
      }
    } finally {
      lock.lock();
      try {
        instantFired = true;
        // the instant ends when the last activity it caused ends (see endActivity)
        deferred = activity == 0 ? endInstant() : new Runnable[0];
      } finally {
        lock.unlock();
      }
    }
    for (Runnable r : deferred) {
      r.run();
    }
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
      throw new IllegalArgumentException(
          "advanceBy: negative duration " + millis + " (a virtual clock only moves forward)");
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
   * Waits until the clock is idle: no activity in progress, no timer pending and no thread
   * advancing time. With automatic advancing on, this is how a driver waits for a simulation to run
   * to its end on the threads of its instances (no timer is then handed from thread to thread).
   * Blocks the calling thread; a workload whose timers never stop never returns.
   */
  public void awaitIdle() {
    lock.lock();
    try {
      while (activity > 0 || timers.size() > canceled || advancing) {
        quiet.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
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
      java.util.List<Entry> batch;
      lock.lock();
      try {
        if (target < now) {
          throw new IllegalArgumentException(
              "advanceTo: time " + target + " is before the current time " + now);
        }
        while (activity > 0) {
          quiet.awaitUninterruptibly();
        }
        Entry first = next();
        if (first == null || first.at > target) {
          if (setTime) {
            now = target;
          }
          return;
        }
        batch = popInstant();
      } finally {
        lock.unlock();
      }
      fire(batch);
    }
  }

  @Override
  public String toString() {
    return "VirtualClock[" + millis() + "]";
  }
}
