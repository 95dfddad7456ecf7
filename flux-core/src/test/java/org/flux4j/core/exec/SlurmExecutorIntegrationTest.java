package org.flux4j.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.Allocation;
import org.flux4j.core.Instance;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SlurmExecutor} against a real Slurm: the project's three-node local cluster ({@link
 * LocalSlurm}); skipped with a message where there is none.
 */
class SlurmExecutorIntegrationTest {

  private static SlurmExecutor allocate(LocalSlurm slurm) {
    return SlurmExecutor.builder()
        .environment(slurm.env())
        .pollInterval(Duration.ofMillis(500))
        .allocate(3, "--exclusive", "--time=10");
  }

  private static Instance instance(SlurmExecutor ex) {
    return Instance.builder(ex.graph()).executor(ex).build();
  }

  private static JobInfo await(Instance in, JobId id) throws Exception {
    return in.whenInactive(id).get(90, TimeUnit.SECONDS);
  }

  private static String run(Map<String, String> env, String... cmd) throws Exception {
    return new SlurmCommands(env).check(List.of(cmd), Duration.ofSeconds(30));
  }

  @Test
  void allocation_isWhatSlurmTellsAProgramInsideIt() throws Exception {
    LocalSlurm slurm = LocalSlurm.get();
    // the oracle: the variables salloc gives the program it runs, read by attach()
    String vars =
        run(
            slurm.env(),
            "salloc",
            "-N3",
            "--exclusive",
            "printenv",
            "SLURM_JOB_ID",
            "SLURM_JOB_NODELIST",
            "SLURM_JOB_CPUS_PER_NODE");
    String[] v = vars.strip().split("\n", -1);
    Map<String, String> env = new HashMap<>(slurm.env());
    env.put("SLURM_JOB_ID", v[0]);
    env.put("SLURM_JOB_NODELIST", v[1]);
    env.put("SLURM_JOB_CPUS_PER_NODE", v[2]);
    SlurmAllocation attached =
        SlurmExecutor.builder().environment(slurm.env()).attach(env).allocation();
    assertThat(attached.jobId()).isEqualTo(v[0]);
    assertThat(attached.hosts()).containsExactly("n1", "n2", "n3");
    try (SlurmExecutor ex = allocate(slurm)) {
      SlurmAllocation a = ex.allocation();
      assertThat(ex.ownsAllocation()).isTrue();
      assertThat(a.hosts()).isEqualTo(attached.hosts());
      assertThat(a.cores()).isEqualTo(attached.cores());
      assertThat(a.gpus()).containsOnly(0);
      ResourceGraph g = ex.graph();
      List<String> nodes = new ArrayList<>();
      int cores = 0;
      for (int x = 0; x < g.vertexCount(); x++) {
        if (g.type(x).equals("node")) {
          nodes.add(g.rank(x) + ":" + g.name(x));
        } else if (g.type(x).equals("core")) {
          cores++;
        }
      }
      assertThat(nodes).containsExactly("0:n1", "1:n2", "2:n3");
      assertThat(cores).isEqualTo(java.util.Arrays.stream(a.cores()).sum());
    }
  }

  @Test
  void tasks_runOnExactlyTheChosenNodes_withTheJobShellEnvironment() throws Exception {
    LocalSlurm slurm = LocalSlurm.get();
    try (SlurmExecutor ex = allocate(slurm);
        Instance in = instance(ex)) {
      String print = "echo $SLURMD_NODENAME $FLUX_TASK_RANK $FLUX_TASK_LOCAL_ID $FLUX_JOB_SIZE $K";
      JobId wide =
          in.submit(
              JobRequest.builder()
                  .nodes(3)
                  .tasks(3)
                  .command("sh", "-c", print)
                  .env("K", "v")
                  .build());
      int total = java.util.Arrays.stream(ex.allocation().cores()).sum();
      JobId packed =
          in.submit(JobRequest.builder().tasks(total).command("sh", "-c", print).build());
      for (JobId id : List.of(wide, packed)) {
        JobInfo info = await(in, id);
        assertThat(info.result()).as(info.error().orElse("")).contains(JobResult.COMPLETED);
        Allocation a = info.allocation().orElseThrow();
        int size = a.slots().size();
        Map<String, Integer> local = new HashMap<>();
        for (int t = 0; t < size; t++) {
          String host = a.slots().get(t).hostname();
          int lid = local.merge(host, 1, Integer::sum) - 1;
          String k = id.equals(wide) ? " v" : "";
          assertThat(info.outputs().get(t).stdout())
              .as("task %d of %s", t, id)
              .isEqualTo(host + " " + t + " " + lid + " " + size + k + "\n");
        }
      }
      assertThat(in.info(wide).allocation().orElseThrow().nnodes()).isEqualTo(3);
    }
  }

  @Test
  void exitCodes_andErrorOutput_areReported() throws Exception {
    LocalSlurm slurm = LocalSlurm.get();
    try (SlurmExecutor ex = allocate(slurm);
        Instance in = instance(ex)) {
      JobId bad =
          in.submit(JobRequest.builder().command("sh", "-c", "echo oops >&2; exit 3").build());
      JobId ok = in.submit(JobRequest.builder().command("true").build());
      JobInfo b = await(in, bad);
      assertThat(b.result()).contains(JobResult.FAILED);
      assertThat(b.error().orElseThrow()).matches("task 0 on n\\d: exited with code 3");
      assertThat(b.outputs().get(0).stderr()).isEqualTo("oops\n");
      JobEvent finish =
          b.eventlog().stream().filter(e -> e.name().equals("finish")).findFirst().orElseThrow();
      assertThat(finish.context().get("status")).isEqualTo(3 << 8);
      assertThat(await(in, ok).result()).contains(JobResult.COMPLETED);
    }
  }

  private static final String SLEEPER = "sleep 300 & echo $! > %s; wait";

  private static long pidWhenWritten(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String s = Files.readString(file).strip();
        if (!s.isEmpty()) {
          return Long.parseLong(s);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the task never wrote " + file);
  }

  private static boolean gone(long pid) {
    Path stat = Path.of("/proc/" + pid + "/stat");
    try {
      String s = Files.readString(stat);
      return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }

  private static void assertGoneSoon(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!gone(pid) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(gone(pid)).as("process %d the task started is gone", pid).isTrue();
  }

  /** Runs the sleeper, stops it by {@code cancel} or its {@code limit}, checks nothing is left. */
  private static void stopsTheSleeper(Path dir, Duration limit, JobResult expected)
      throws Exception {
    LocalSlurm slurm = LocalSlurm.get();
    Path pidFile = dir.resolve("pid");
    try (SlurmExecutor ex = allocate(slurm);
        Instance in = instance(ex)) {
      JobId id =
          in.submit(
              JobRequest.builder()
                  .command("sh", "-c", SLEEPER.formatted(pidFile))
                  .duration(limit)
                  .build());
      long pid = pidWhenWritten(pidFile);
      if (limit.isZero()) {
        in.cancel(id);
      }
      JobInfo info = in.whenInactive(id).get(30, TimeUnit.SECONDS);
      assertThat(info.result()).contains(expected);
      assertGoneSoon(pid);
    }
  }

  @Test
  void cancel_stopsTheStepAndEverythingItStarted(@TempDir Path dir) throws Exception {
    stopsTheSleeper(dir, Duration.ZERO, JobResult.CANCELED);
  }

  @Test
  void timeLimit_stopsTheStep(@TempDir Path dir) throws Exception {
    stopsTheSleeper(dir, Duration.ofSeconds(2), JobResult.TIMEOUT);
  }

  /** What a node-loss test checks once the victim job has ended. */
  private interface AfterLoss {
    void check(SlurmExecutor ex, Instance in, JobInfo victim, String host) throws Exception;
  }

  /**
   * Runs a sleeper job on one node and a 12 s job on another, kills the sleeper's slurmd, and
   * checks that the other job completes; {@code watch}: with node states reported to the instance.
   */
  private static void loseTheVictimsNode(Path dir, boolean watch, AfterLoss then) throws Exception {
    LocalSlurm slurm = LocalSlurm.get();
    assumeTrue(slurm.managed(), "SLURM_CONF is not the project's local Slurm: no node to kill");
    Path pidFile = dir.resolve("pid");
    String lostHost = null;
    long pid = -1;
    try (SlurmExecutor ex = allocate(slurm);
        Instance in = instance(ex)) {
      if (watch) {
        ex.watch(in);
      }
      JobId victim =
          in.submit(
              JobRequest.builder()
                  .nodes(1)
                  .tasks(1)
                  .command("sh", "-c", SLEEPER.formatted(pidFile))
                  .build());
      pid = pidWhenWritten(pidFile);
      JobId other =
          in.submit(JobRequest.builder().nodes(1).tasks(1).command("sleep", "12").build());
      lostHost = in.info(victim).allocation().orElseThrow().slots().get(0).hostname();
      long t0 = System.nanoTime();
      while (in.state(other) != JobState.RUN && System.nanoTime() - t0 < 20_000_000_000L) {
        Thread.sleep(50);
      }
      assertThat(in.info(other).allocation().orElseThrow().slots().get(0).hostname())
          .isNotEqualTo(lostHost);
      slurm.script("kill-node", lostHost);
      JobInfo v = await(in, victim);
      assertThat(v.result()).contains(JobResult.FAILED);
      JobInfo o = await(in, other);
      assertThat(o.result()).as(o.error().orElse("")).contains(JobResult.COMPLETED);
      then.check(ex, in, v, lostHost);
    } finally {
      if (pid > 0 && !gone(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      if (lostHost != null) {
        slurm.script("start-node", lostHost);
        waitIdle(slurm, lostHost);
      }
    }
  }

  @Test
  void nodeLoss_failsTheJobThere_namingTheNode_andTheRestRuns(@TempDir Path dir) throws Exception {
    loseTheVictimsNode(
        dir,
        true,
        (ex, in, victim, host) -> {
          assertThat(victim.error().orElseThrow()).contains("node " + host).contains("was lost");
          assertThat(ex.lostHosts()).containsExactly(host);
          // the lost node is down in the instance: a job needing all three nodes cannot start
          JobId all = in.submit(JobRequest.builder().nodes(3).tasks(3).command("true").build());
          Thread.sleep(2000);
          assertThat(in.state(all)).isEqualTo(JobState.SCHED);
          in.cancel(all);
          assertThat(await(in, all).result()).contains(JobResult.CANCELED);
        });
  }

  /** Unwatched, the loss reaches the job only as srun's "Node failure", after which it exits 0. */
  @Test
  void srunNodeFailure_withExitZero_isAFailure(@TempDir Path dir) throws Exception {
    loseTheVictimsNode(
        dir,
        false,
        (ex, in, victim, host) -> {
          assertThat(victim.error().orElseThrow())
              .isEqualTo("node " + host + " failed (Slurm: Node failure on " + host + ")");
          JobEvent finish =
              victim.eventlog().stream()
                  .filter(e -> e.name().equals("finish"))
                  .findFirst()
                  .orElseThrow();
          assertThat(((Number) finish.context().get("status")).intValue()).isNotZero();
          assertThat(ex.lostHosts()).isEmpty();
        });
  }

  private static void waitIdle(LocalSlurm slurm, String host) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String s = run(slurm.env(), "sinfo", "-h", "-N", "-n", host, "-o", "%T");
      if (s.strip().equals("idle")) {
        return;
      }
      Thread.sleep(250);
    }
  }
}
