package org.flux4j.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Instance;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobState;
import org.flux4j.core.SystemClock;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.graph.VirtualCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end job throughput of an embedded Instance, as {@code flux4j schedbench} measures it:
 * one-core jobs with no-op in-process tasks on a virtual cluster, from submit to INACTIVE, through
 * the job manager, the queue policy and the graph matcher. The score is the time per job; its
 * inverse is jobs per second. Run: {@code java -jar flux-bench/target/benchmarks.jar
 * ThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThroughputBenchmark {
  private static final int JOBS = 20_000;

  /** Nodes of the virtual cluster (32 cores each). */
  @Param({"100"})
  public int nodes;

  /** The match policy. */
  @Param({"first"})
  public String policy;

  /** Submits {@value #JOBS} no-op jobs to a fresh instance and waits until all are inactive. */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void submitToInactive() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(JOBS);
    JobRequest noop = JobRequest.builder().name("noop").task(ctx -> {}).build();
    try (InProcessExecutor executor = new InProcessExecutor(1);
        Instance in =
            Instance.builder(
                    VirtualCluster.builder("cluster")
                        .child("node", nodes, n -> n.child("core", 32))
                        .build())
                .matchPolicy(policy)
                .clock(SystemClock.get())
                .executor(executor)
                .build()) {
      in.addListener(
          (id, e, s) -> {
            if (s == JobState.INACTIVE) {
              done.countDown();
            }
          });
      for (int i = 0; i < JOBS; i++) {
        in.submit(noop);
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("jobs did not finish");
      }
    }
  }
}
