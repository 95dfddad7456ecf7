package org.flux4j.core.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;

/**
 * Runs each task of a job as an {@link InProcessTask} on a thread pool: one call per task rank,
 * with the slot's cores and GPUs, the Flux environment and the job's cancellation signal.
 *
 * <p>A task that throws fails the job (status {@code 1 << 8}) and its message is kept; a kill sets
 * the cancellation signal and interrupts the running tasks, and the job finishes once every task
 * has returned (status 15 unless a task failed). A job without a task runs a no-op per rank.
 *
 * <p>While tasks run, the executor holds clock activity (see {@link Clock#beginActivity()}), so a
 * virtual clock does not jump past them; a task that blocks waiting for virtual time would
 * therefore stall the clock, and such workloads want the {@link SimulatedExecutor}. Thread-safe.
 */
public final class InProcessExecutor implements Executor {
  private static final int FAILED_STATUS = 1 << 8;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private static final InProcessTask NOOP = c -> {};

  private final ExecutorService pool;

  /** An executor with one thread per available processor. */
  public InProcessExecutor() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /** An executor with {@code threads} daemon threads. */
  public InProcessExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int poolId = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "flux4j-inprocess-" + poolId + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    Run run = new Run(job, listener);
    run.launch();
    return run;
  }

  private final class Run implements Execution {
    final ExecJob job;
    final ExecListener listener;
    final CancellationSignal signal = new CancellationSignal();
    final AtomicInteger remaining;
    final AtomicReference<String> error = new AtomicReference<>();
    final Set<Thread> running = new HashSet<>();
    final Clock clock;

    Run(ExecJob job, ExecListener listener) {
      this.job = job;
      this.listener = listener;
      this.remaining = new AtomicInteger(job.size());
      this.clock = job.clock();
    }

    void launch() {
      clock.beginActivity();
      InProcessTask task = job.task().orElse(NOOP);
      listener.started();
      for (int r = 0; r < job.size(); r++) {
        int rank = r;
        pool.execute(() -> runTask(task, rank));
      }
    }

    private void runTask(InProcessTask task, int rank) {
      Thread self = Thread.currentThread();
      try {
        synchronized (this) {
          running.add(self);
        }
        if (!signal.isCanceled()) {
          Allocation.Slot slot = job.slot(rank);
          task.run(
              new TaskContext(
                  job.id(),
                  rank,
                  job.size(),
                  slot.cores(),
                  slot.gpus(),
                  () -> job.environment(rank),
                  signal));
        }
      } catch (InterruptedException e) {
        // killed: the status says so
      } catch (Exception | Error e) {
        if (!signal.isCanceled() || !(e.getCause() instanceof InterruptedException)) {
          String msg = e.getMessage() == null ? e.toString() : e.getMessage();
          error.compareAndSet(null, "task " + rank + ": " + msg);
        }
      } finally {
        synchronized (this) {
          running.remove(self);
        }
        Thread.interrupted();
        if (remaining.decrementAndGet() == 0) {
          String err = error.get();
          int status = err != null ? FAILED_STATUS : signal.isCanceled() ? 15 : 0;
          try {
            listener.finished(status, err, List.of());
          } finally {
            clock.endActivity();
          }
        }
      }
    }

    @Override
    public void kill() {
      signal.cancel();
      synchronized (this) {
        for (Thread t : running) {
          t.interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "inprocess";
  }
}
