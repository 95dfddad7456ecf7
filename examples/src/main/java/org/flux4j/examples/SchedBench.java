package org.flux4j.examples;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.Clock;
import org.flux4j.core.Instance;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
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

  /** The command; run by picocli. */
  public SchedBench() {}

  static ResourceGraph cluster(int nodes, int cores) {
    return VirtualCluster.builder("cluster")
        .child("node", nodes, n -> n.child("core", cores))
        .build();
  }

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || coresPerNode < 1 || jobs < 1) {
      throw new IllegalArgumentException("--nodes, --cores-per-node and --jobs must be positive");
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
    JobRequest noop = JobRequest.builder().name("noop").build();
    long t0;
    long t1;
    try (Instance in =
        Instance.builder(cluster(nodes, coresPerNode))
            .name("schedbench")
            .matchPolicy(matchPolicy)
            .clock(clock)
            .executor(ex)
            .build()) {
      in.addListener(
          (id, e, s) -> {
            if (s == JobState.INACTIVE) {
              completed.addAndGet(
                  in.info(id).result().orElse(JobResult.FAILED) == JobResult.COMPLETED ? 1 : 0);
              done.countDown();
            }
          });
      t0 = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        in.submit(noop);
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
              + "\"match_policy\":\"%s\",\"seconds\":%.3f,\"jobs_per_second\":%.1f}%n",
          jobs,
          completed.get(),
          nodes,
          coresPerNode,
          executor,
          matchPolicy,
          seconds,
          rate);
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
