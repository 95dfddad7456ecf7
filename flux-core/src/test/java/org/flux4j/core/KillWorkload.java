package org.flux4j.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flux4j.core.exec.ExecJob;
import org.flux4j.core.exec.ExecListener;
import org.flux4j.core.exec.Execution;
import org.flux4j.core.exec.Executor;
import org.flux4j.fixtures.ClusterBuilder;

/**
 * The child JVM of {@link StoreKillTest}: an instance on a store, fed with a random workload until
 * it is killed; or, with {@code drain}, run until every job in the store has ended.
 *
 * <p>Arguments: store file, directory for the marker files, generation number, seed, mode ({@code
 * run} or {@code drain}). After each submit returns, its id is appended to {@code submitted-GEN};
 * when the executor starts a job, its id is appended to {@code started-GEN} (plain writes: they
 * survive a SIGKILL of this process). Prints {@code ready} once the instance is built (recovery
 * done).
 */
final class KillWorkload {
  static final int NODES = 2;
  static final int CORES = 4;

  /** The most active jobs the workload keeps: it waits before a submit beyond that. */
  static final int MAX_ACTIVE = 4000;

  private KillWorkload() {}

  /** A line-per-id append-only marker file. */
  private static final class Marks {
    private final FileChannel ch;

    Marks(Path file) throws IOException {
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    synchronized void add(JobId id) {
      try {
        ch.write(ByteBuffer.wrap((id.value() + "\n").getBytes(StandardCharsets.US_ASCII)));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Runs each job for its request's runtime on a timer thread, marking each start. */
  private static final class MarkingExecutor implements Executor {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Marks started;

    MarkingExecutor(Marks started) {
      this.started = started;
    }

    @Override
    public Execution start(ExecJob job, ExecListener listener) {
      started.add(job.id());
      listener.started();
      AtomicBoolean done = new AtomicBoolean();
      var f =
          timer.schedule(
              () -> {
                if (done.compareAndSet(false, true)) {
                  listener.finished(0, null, List.of());
                }
              },
              job.runtime().toMillis(),
              TimeUnit.MILLISECONDS);
      return () -> {
        if (done.compareAndSet(false, true)) {
          f.cancel(false);
          listener.finished(15, null, List.of());
        }
      };
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int gen = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    boolean drain = args[4].equals("drain");
    Marks submitted = new Marks(dir.resolve("submitted-" + gen));
    MarkingExecutor ex = new MarkingExecutor(new Marks(dir.resolve("started-" + gen)));
    Instance in =
        Instance.builder(ClusterBuilder.nodes(NODES).cores(CORES).leafRanks().build())
            .executor(ex)
            .inactiveNumLimit(64)
            .store(store)
            .build();
    System.out.println("ready");
    System.out.flush();
    if (drain) {
      for (JobId id : in.jobs()) {
        if (in.state(id).isPending()) {
          in.setUrgency(id, 16); // release the held ones
        }
      }
      long t0 = System.nanoTime();
      int before = in.activeJobs();
      try {
        in.drainJobs().get(2, TimeUnit.MINUTES);
      } catch (java.util.concurrent.TimeoutException e) {
        System.out.println(
            "drain timed out: active=" + in.activeJobs() + " (of " + before + " at its start)");
        for (JobId id : in.jobs()) {
          if (!in.state(id).equals(JobState.INACTIVE)) {
            List<String> tail = new ArrayList<>();
            for (JobEvent ev : in.eventlog(id)) {
              tail.add(ev.name() + (ev.context().isEmpty() ? "" : ev.context().toString()));
            }
            System.out.println("  stuck " + id + " " + in.state(id) + " " + tail);
          }
        }
        System.out.flush();
        System.exit(3); // the executor's timer thread would keep the JVM (and the test) waiting
      }
      int[] counts = in.resourceCounts().get();
      System.out.println(
          "drained free="
              + counts[0]
              + " total="
              + counts[1]
              + " active="
              + in.activeJobs()
              + " ("
              + before
              + " jobs in "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms)");
      in.close();
      ex.close();
      return;
    }
    Random rnd = new Random(seed);
    List<JobId> mine = new ArrayList<>();
    Thread[] ts = new Thread[2];
    for (int t = 0; t < ts.length; t++) {
      Random r = new Random(rnd.nextLong());
      ts[t] =
          new Thread(
              () -> {
                while (true) {
                  // a submitter keeps a bounded backlog, as a workflow engine does: without it,
                  // hundreds of generations pile up far more pending and held jobs than the
                  // child's heap (and the drain's time-out) is sized for
                  if (in.activeJobs() >= MAX_ACTIVE) {
                    for (JobId id : in.jobs()) {
                      if (in.state(id).isPending()) {
                        in.setUrgency(id, 16); // held jobs of earlier generations would stay
                      }
                    }
                    try {
                      Thread.sleep(5);
                    } catch (InterruptedException e) {
                      return;
                    }
                    continue;
                  }
                  JobRequest.Builder b =
                      JobRequest.builder()
                          .name("w" + r.nextInt(4))
                          .runtime(Duration.ofMillis(r.nextInt(40)))
                          .urgency(r.nextInt(10) == 0 ? 0 : 16);
                  JobId prev;
                  synchronized (mine) {
                    prev = mine.isEmpty() ? null : mine.get(r.nextInt(mine.size()));
                  }
                  if (prev != null && r.nextInt(5) == 0) {
                    b.dependency((r.nextBoolean() ? "afterok:" : "afterany:") + prev);
                  }
                  // nothing depends on a singleton job: a job of the same name that waited for it
                  // would hold it forever, as in Flux (the singleton waits for every other active
                  // job of its name), and the drain below would never end
                  boolean singleton = r.nextInt(20) == 0;
                  if (singleton) {
                    b.dependency("singleton");
                  }
                  JobId id = in.submit(b.build());
                  submitted.add(id);
                  if (!singleton) {
                    synchronized (mine) {
                      mine.add(id);
                    }
                  }
                  if (prev != null && r.nextInt(15) == 0) {
                    in.cancel(prev);
                  }
                  if (prev != null && r.nextInt(15) == 0) {
                    in.setUrgency(prev, r.nextInt(32));
                  }
                  if (r.nextInt(4) == 0) {
                    try {
                      Thread.sleep(1);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }
              },
              "workload-" + t);
      ts[t].setDaemon(true);
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
  }
}
