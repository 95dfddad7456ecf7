package org.flux4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.ProcessExecutor;
import org.flux4j.core.exec.SlurmExecutor;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to run real tasks through an embedded instance: {@code executor=process} (local
 * processes) against {@code executor=slurm} ({@code srun} steps in a 3-node allocation that the
 * benchmark makes with {@code salloc --exclusive}; needs a reachable Slurm, e.g. {@code SLURM_CONF}
 * of {@code scripts/local-slurm.sh start}).
 *
 * <p>{@link #launch}: one job of one {@code true} task, from submit to inactive (launch latency,
 * end to end). {@link #tasks}: 24 one-task {@code true} jobs submitted at once on the 3 nodes (2
 * cores each for processes, the allocation's for Slurm), reported per task (tasks per second in
 * throughput mode).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class ExecutorLaunchBenchmark {
  private static final int JOBS = 24;

  /** process or slurm. */
  @Param({"process", "slurm"})
  public String executor;

  private Executor ex;
  private Instance instance;

  /** Builds the instance (and for Slurm the allocation). */
  @Setup(Level.Trial)
  public void setUp() {
    ResourceGraph graph;
    if (executor.equals("slurm")) {
      SlurmExecutor s = SlurmExecutor.builder().allocate(3, "--exclusive");
      ex = s;
      graph = s.graph();
    } else {
      ex = new ProcessExecutor();
      graph =
          VirtualCluster.builder("cluster")
              .child("node", 3, n -> n.child("core", 2, c -> c.idScope(1)))
              .build();
    }
    instance = Instance.builder(graph).executor(ex).build();
  }

  /** Releases the instance and the allocation. */
  @TearDown(Level.Trial)
  public void tearDown() {
    instance.close();
    ex.close();
  }

  private static JobRequest trueJob() {
    return JobRequest.builder().command("true").build();
  }

  private static JobInfo check(JobInfo info) {
    if (info.result().orElse(null) != JobResult.COMPLETED) {
      throw new IllegalStateException(
          "job " + info.id() + " did not complete: " + info.error().orElse("?"));
    }
    return info;
  }

  /** One one-task job, submit to inactive. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public JobInfo launch() throws Exception {
    JobId id = instance.submit(trueJob());
    return check(instance.whenInactive(id).get(60, TimeUnit.SECONDS));
  }

  /** 24 one-task jobs at once; the score is per task. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(JOBS)
  public int tasks() throws Exception {
    List<CompletableFuture<JobInfo>> ends = new ArrayList<>(JOBS);
    for (int i = 0; i < JOBS; i++) {
      ends.add(instance.whenInactive(instance.submit(trueJob())));
    }
    int n = 0;
    for (CompletableFuture<JobInfo> f : ends) {
      check(f.get(120, TimeUnit.SECONDS));
      n++;
    }
    return n;
  }
}
