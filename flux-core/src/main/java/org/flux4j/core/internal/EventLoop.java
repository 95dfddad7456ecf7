package org.flux4j.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.flux4j.core.Clock;

/**
 * The single-threaded scheduling loop of one instance: messages posted from any thread run one at a
 * time, in posting order, on the loop's own thread.
 *
 * <p>Implementation notes: a lock-free queue and a count of messages posted but not yet finished.
 * The count going from 0 to 1 begins clock activity and back to 0 ends it, so that a virtual clock
 * never advances while the loop has work. Before the last queued message completes (and every 256
 * messages under a steady stream) the idle hook runs: the instance's scheduling cycle, so that a
 * burst of submissions is scheduled once, not once per job. While the clock applies the events of
 * one instant ({@link Clock#deferUntilInstantEnds}), the hook waits for the instant's last event:
 * the loop asks the clock to post it an empty message then, after which the hook runs. After {@link
 * #stop()} the loop runs the messages already counted, then ends; later posts are refused.
 */
public final class EventLoop {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Clock clock;
  private final Runnable idleHook;
  private final Thread thread;
  private volatile boolean sleeping;
  private volatile boolean stopped;
  private boolean deferred; // loop-owned: a wake-up is promised at the end of the clock's instant

  /**
   * A loop, started at once.
   *
   * @param name the thread name
   * @param clock the clock told about activity
   * @param idleHook run on the loop thread when the queue drains
   */
  public EventLoop(String name, Clock clock, Runnable idleHook) {
    this.clock = clock;
    this.idleHook = idleHook;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the calling thread is the loop thread. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Queues {@code message} to run on the loop thread.
   *
   * @return false (and drops the message) if the loop was stopped
   */
  public boolean post(Runnable message) {
    if (pending.getAndIncrement() == 0) {
      clock.beginActivity();
    }
    if (stopped) {
      done();
      return false;
    }
    queue.offer(message);
    if (sleeping) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /**
   * Runs {@code action} on the loop thread and returns its result: at once on the loop thread, else
   * blocking until the loop has run it. An unchecked exception it throws is thrown here.
   *
   * @throws IllegalStateException if the loop was stopped
   */
  public <T> T call(Supplier<T> action) {
    if (inLoop()) {
      return action.get();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    Runnable r =
        () -> {
          try {
            f.complete(action.get());
          } catch (RuntimeException | Error e) {
            f.completeExceptionally(e);
          }
        };
    if (!post(r)) {
      throw new IllegalStateException("the instance is closed");
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      clock.endActivity();
    }
  }

  /** Stops the loop after the messages already posted; returns at once. */
  public void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  /** Waits for the loop thread to end (not from the loop thread). */
  public void join() throws InterruptedException {
    if (!inLoop()) {
      thread.join();
    }
  }

  private void wakeUp() {
    post(() -> deferred = false);
  }

  private void run() {
    int n = 0;
    while (true) {
      Runnable r = queue.poll();
      if (r == null) {
        if (stopped && pending.get() == 0) {
          return;
        }
        sleeping = true;
        if (queue.isEmpty()) {
          if (stopped) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        sleeping = false;
        continue;
      }
      try {
        r.run();
        if ((pending.get() == 1 || (++n & 255) == 0) && !deferred) {
          if (clock.deferUntilInstantEnds(this::wakeUp)) {
            deferred = true;
          } else {
            idleHook.run();
          }
        }
      } catch (RuntimeException | Error e) {
        Thread.UncaughtExceptionHandler h = thread.getUncaughtExceptionHandler();
        h.uncaughtException(thread, e);
      } finally {
        done();
      }
    }
  }
}
