package org.flux4j.examples;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.Clock;
import org.flux4j.core.Instance;
import org.flux4j.core.JobRequest;
import org.flux4j.core.SystemClock;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux4j schedbench}: submits many one-core no-op jobs to an instance over a virtual cluster
 * and reports the throughput of the whole job life cycle (submit to INACTIVE), like flux-core's
 * throughput test.
 */
@Command(
    name = "schedbench",
    mixinStandardHelpOptions = true,
    description = "Measure job throughput: J one-core no-op jobs through a flux4j instance.")
public final class SchedBench implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "16", description = "nodes (default ${DEFAULT-VALUE})")
  int nodes;

  @Option(
      names = "--cores-per-node",
      defaultValue = "32",
      description = "cores per node (default ${DEFAULT-VALUE})")
  int coresPerNode;

  @Option(names = "--jobs", defaultValue = "10000", description = "jobs (default ${DEFAULT-VALUE})")
  int jobs;

  @Option(
      names = "--executor",
      defaultValue = "inprocess",
      description = "inprocess or simulated (default ${DEFAULT-VALUE})")
  String executor;

  @Option(
      names = "--match-policy",
      defaultValue = "first",
      description =
          "a Fluxion match policy, or counting for the per-node counter (default ${DEFAULT-VALUE})")
  String matchPolicy;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Option(
      names = "--store",
      description = "a durable job store (SQLite file) for the instance; it must not exist yet")
  java.nio.file.Path store;

  @Option(
      names = "--window",
      defaultValue = "16384",
      description =
          "at most this many jobs submitted and not yet inactive (default ${DEFAULT-VALUE}), so that"
              + " memory stays bounded however many jobs run")
  int window;

  @Option(
      names = "--submitters",
      description =
          "threads submitting concurrently (default 1, or 16 with --store: a store commits the"
              + " submissions waiting together in one transaction)")
  Integer submitters;

  /** The command; run by picocli. */
  public SchedBench() {}

  static ResourceGraph cluster(int nodes, int cores) {
    return VirtualCluster.builder("cluster")
        .child("node", nodes, n -> n.child("core", cores))
        .build();
  }

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || coresPerNode < 1 || jobs < 1 || window < 1) {
      throw new IllegalArgumentException(
          "--nodes, --cores-per-node, --jobs and --window must be positive");
    }
    int threads = submitters != null ? submitters : store != null ? 16 : 1;
    if (threads < 1) {
      throw new IllegalArgumentException("--submitters must be positive, got " + threads);
    }
    if (store != null && java.nio.file.Files.exists(store)) {
      throw new IllegalArgumentException(
          "--store " + store + ": the file exists; schedbench wants a new store");
    }
    Clock clock;
    Executor ex;
    switch (executor) {
      case "inprocess" -> {
        clock = SystemClock.get();
        ex = new InProcessExecutor(1);
      }
      case "simulated" -> {
        VirtualClock v = new VirtualClock();
        v.setAutoAdvance(true);
        clock = v;
        ex = new SimulatedExecutor();
      }
      default ->
          throw new IllegalArgumentException(
              "--executor must be inprocess or simulated, got " + executor);
    }
    CountDownLatch done = new CountDownLatch(jobs);
    AtomicInteger completed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(window);
    JobRequest noop = JobRequest.builder().name("noop").build();
    long t0;
    long t1;
    Instance.Builder b =
        Instance.builder(cluster(nodes, coresPerNode))
            .name("schedbench")
            .matchPolicy(matchPolicy)
            .clock(clock)
            .executor(ex);
    if (store != null) {
      b.store(store);
    }
    try (Instance in = b.build()) {
      // Counts from the events themselves (no snapshot per job): a job completed unless it had a
      // fatal exception or a nonzero finish status; the listener runs on the loop thread only.
      java.util.Set<org.flux4j.core.JobId> failed = new java.util.HashSet<>();
      in.addListener(
          (id, e, s) -> {
            switch (e.name()) {
              case "exception" -> {
                if (e.context().get("severity") instanceof Number n && n.intValue() == 0) {
                  failed.add(id);
                }
              }
              case "finish" -> {
                if (!(e.context().get("status") instanceof Number n) || n.intValue() != 0) {
                  failed.add(id);
                }
              }
              case "clean" -> {
                completed.addAndGet(failed.remove(id) ? 0 : 1);
                inFlight.release();
                done.countDown();
              }
              default -> {}
            }
          });
      t0 = System.nanoTime();
      Thread[] ts = new Thread[threads];
      AtomicInteger next = new AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      for (int t = 0; t < threads; t++) {
        ts[t] =
            new Thread(
                () -> {
                  try {
                    while (next.getAndIncrement() < jobs) {
                      inFlight.acquire();
                      in.submit(noop);
                    }
                  } catch (InterruptedException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "schedbench-submit-" + t);
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a submission failed", failure.get());
      }
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("jobs did not finish within 30 minutes");
      }
      t1 = System.nanoTime();
    } finally {
      ex.close();
    }
    double seconds = (t1 - t0) / 1e9;
    double rate = jobs / seconds;
    if (json) {
      System.out.printf(
          Locale.ROOT,
          "{\"jobs\":%d,\"completed\":%d,\"nodes\":%d,\"cores_per_node\":%d,\"executor\":\"%s\","
              + "\"match_policy\":\"%s\",\"store\":%s,\"submitters\":%d,\"window\":%d,"
              + "\"seconds\":%.3f,\"jobs_per_second\":%.1f,\"max_heap_mb\":%d}%n",
          jobs,
          completed.get(),
          nodes,
          coresPerNode,
          executor,
          matchPolicy,
          store == null ? "null" : "\"" + store + "\"",
          threads,
          window,
          seconds,
          rate,
          Runtime.getRuntime().maxMemory() >> 20);
    } else {
      System.out.printf(
          Locale.ROOT,
          "%d jobs (%d completed) on %d nodes x %d cores, %s executor, %s match: %.3f s, %.1f"
              + " jobs/s%n",
          jobs,
          completed.get(),
          nodes,
          coresPerNode,
          executor,
          matchPolicy,
          seconds,
          rate);
    }
    return completed.get() == jobs ? 0 : 1;
  }
}
