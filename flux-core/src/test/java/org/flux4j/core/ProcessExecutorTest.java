package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.exec.ProcessExecutor;
import org.flux4j.core.exec.TaskOutput;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessExecutorTest {

  private static Instance instance(int nodes, int cores, int gpus) {
    return Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).gpus(gpus).leafRanks().build())
        .matchPolicy("low")
        .clock(SystemClock.get())
        .executor(new ProcessExecutor())
        .build();
  }

  @Test
  void tasks_getFluxEnvironment_andOutputPerTask() throws Exception {
    try (Instance in = instance(2, 2, 2)) {
      JobInfo info =
          runToEnd(
              in,
              JobRequest.builder()
                  .tasks(3)
                  .gpusPerTask(1)
                  .env("GREETING", "hi")
                  .command(
                      "/bin/sh",
                      "-c",
                      "echo $GREETING $FLUX_JOB_ID $FLUX_TASK_RANK $FLUX_TASK_LOCAL_ID $FLUX_JOB_SIZE"
                          + " $FLUX_JOB_NNODES $CUDA_VISIBLE_DEVICES; echo err$FLUX_TASK_RANK >&2"));
      assertThat(info.result()).contains(JobResult.COMPLETED);
      assertThat(info.outputs()).extracting(TaskOutput::rank).containsExactly(0, 1, 2);
      assertThat(info.outputs().get(0).stdout())
          .isEqualTo("hi " + info.id().f58() + " 0 0 3 2 0\n");
      assertThat(info.outputs().get(1).stdout())
          .isEqualTo("hi " + info.id().f58() + " 1 1 3 2 1\n");
      assertThat(info.outputs().get(2).stdout())
          .isEqualTo("hi " + info.id().f58() + " 2 0 3 2 0\n");
      assertThat(info.outputs().get(2).stderr()).isEqualTo("err2\n");
    }
  }

  /**
   * A task that exits before the executor has reported the job started must not let {@code finish}
   * overtake {@code start}: every job that ran has a start event before its finish.
   */
  @Test
  void fastTasks_startIsLoggedBeforeFinish_always() throws Exception {
    try (Instance in = instance(2, 2, 0)) {
      java.util.List<JobId> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        ids.add(in.submit(JobRequest.builder().tasks(1 + i % 3).command("true").build()));
      }
      for (JobId id : ids) {
        JobInfo info = in.whenInactive(id).get(60, TimeUnit.SECONDS);
        assertThat(info.result()).contains(JobResult.COMPLETED);
        java.util.List<String> names = info.eventNames();
        assertThat(names).as("eventlog of %s", id).contains("start", "finish");
        assertThat(names.indexOf("start"))
            .as("eventlog of %s", id)
            .isLessThan(names.indexOf("finish"));
      }
    }
  }

  @Test
  void nonZeroExit_failsJob_withStatusAndMessage() throws Exception {
    try (Instance in = instance(1, 2, 0)) {
      JobInfo info =
          runToEnd(
              in,
              JobRequest.builder()
                  .tasks(2)
                  .command("/bin/sh", "-c", "exit $((FLUX_TASK_RANK * 3))"));
      assertThat(info.result()).contains(JobResult.FAILED);
      assertThat(info.error()).hasValue("task 1: exited with code 3");
      assertThat(
              info.eventlog().stream()
                  .filter(e -> e.name().equals("finish"))
                  .findFirst()
                  .orElseThrow()
                  .context())
          .containsEntry("status", 3 << 8);
      assertThat(info.outputs().get(0).rank()).isZero();
    }
  }

  @Test
  void missingCommand_failsJob() throws Exception {
    try (Instance in = instance(1, 1, 0)) {
      JobInfo info = runToEnd(in, JobRequest.builder().command("/no/such/program-flux4j"));
      assertThat(info.result()).contains(JobResult.FAILED);
      assertThat(info.error().orElseThrow()).startsWith("task 0: cannot start /no/such/program");
    }
  }

  /** Submits {@code request} and waits (30 s at most) until the job is inactive. */
  private static JobInfo runToEnd(Instance in, JobRequest.Builder request) throws Exception {
    JobId id = in.submit(request.build());
    return in.whenInactive(id).get(30, TimeUnit.SECONDS);
  }

  private static long waitForPid(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String s = Files.readString(file).strip();
        if (!s.isEmpty() && s.endsWith(";")) {
          return Long.parseLong(s.substring(0, s.length() - 1));
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the task never wrote its child's pid to " + file);
  }

  private static void assertGone(long pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("process " + pid + " survived the kill");
  }

  private static JobRequest.Builder sleeper(Path pidFile) {
    // the task starts a grandchild sleep, records its pid, and waits for it
    return JobRequest.builder()
        .command("/bin/sh", "-c", "sleep 300 & echo \"$!;\" > " + pidFile + "; wait");
  }

  @Test
  void cancel_killsTheWholeProcessTree(@TempDir Path tmp) throws Exception {
    try (Instance in = instance(1, 1, 0)) {
      Path pidFile = tmp.resolve("pid");
      JobId id = in.submit(sleeper(pidFile).build());
      long grandchild = waitForPid(pidFile);
      assertThat(ProcessHandle.of(grandchild)).isPresent();
      in.cancel(id);
      JobInfo info = in.whenInactive(id).get(30, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.CANCELED);
      assertThat(
              info.eventlog().stream()
                  .filter(e -> e.name().equals("finish"))
                  .findFirst()
                  .orElseThrow()
                  .context())
          .containsEntry("status", 9);
      assertGone(grandchild);
    }
  }

  @Test
  void timeout_killsTheWholeProcessTree(@TempDir Path tmp) throws Exception {
    try (Instance in = instance(1, 1, 0)) {
      Path pidFile = tmp.resolve("pid");
      JobId id = in.submit(sleeper(pidFile).duration(Duration.ofMillis(1500)).build());
      long grandchild = waitForPid(pidFile);
      JobInfo info = in.whenInactive(id).get(60, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.TIMEOUT);
      assertGone(grandchild);
    }
  }
}
