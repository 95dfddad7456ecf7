package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.exec.ExecJob;
import org.flux4j.core.exec.ExecListener;
import org.flux4j.core.exec.Execution;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.core.exec.InProcessTask;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

class ExecutionTest {
  private final VirtualClock clock = new VirtualClock(1_000_000);

  /** An instance on the virtual clock over {@code cluster}, its tasks run in this JVM. */
  private Instance inProcess(ClusterBuilder cluster) {
    return inProcess(clock, cluster).build();
  }

  /** An instance builder over {@code cluster} on clock {@code c}, its tasks run in this JVM. */
  private static Instance.Builder inProcess(Clock c, ClusterBuilder cluster) {
    return Instance.builder(cluster.leafRanks().build())
        .clock(c)
        .executor(new InProcessExecutor(2));
  }

  /** Submits a job of two tasks that each run {@code task}. */
  private static JobId submitTwoTasks(Instance in, InProcessTask task) {
    return in.submit(JobRequest.builder().tasks(2).task(task).build());
  }

  /** An executor whose jobs end only when the test says so. */
  static final class ManualExecutor implements Executor {
    final Map<JobId, ExecListener> listeners = new ConcurrentHashMap<>();
    final List<JobId> kills = new CopyOnWriteArrayList<>();

    @Override
    public Execution start(ExecJob job, ExecListener listener) {
      listeners.put(job.id(), listener);
      listener.started();
      return () -> kills.add(job.id());
    }
  }

  @Test
  void cancel_inCleanup_isLoggedButChangesNothing() {
    ManualExecutor ex = new ManualExecutor();
    try (Instance in =
        Instance.builder(ClusterBuilder.nodes(1).cores(1).leafRanks().build())
            .clock(clock)
            .executor(ex)
            .build()) {
      JobId a = in.submit(JobRequest.builder().build());
      clock.advanceBy(1_000);
      in.cancel(a, "first");
      clock.advanceBy(1_000);
      assertThat(in.state(a)).isEqualTo(JobState.CLEANUP);
      assertThat(ex.kills).containsExactly(a);
      in.cancel(a, "second");
      clock.advanceBy(1_000);
      assertThat(in.state(a)).isEqualTo(JobState.CLEANUP);
      ex.listeners.get(a).finished(15, null, List.of());
      clock.runUntilIdle();
      JobInfo info = in.info(a);
      assertThat(info.eventNames()).containsExactlyElementsOf(EventNames.ran(2));
      assertThat(info.result()).contains(JobResult.CANCELED);
      assertThat(info.error()).hasValue("first");
    }
  }

  @Test
  void inProcess_taskSeesRankSizeCoresGpusAndEnv() throws Exception {
    Map<Integer, String> seen = new ConcurrentHashMap<>();
    try (Instance in = inProcess(ClusterBuilder.nodes(2).cores(4).gpus(2))) {
      JobId id =
          in.submit(
              JobRequest.builder()
                  .tasks(4)
                  .coresPerTask(2)
                  .gpusPerTask(1)
                  .env("MY_VAR", "x")
                  .task(
                      ctx ->
                          seen.put(
                              ctx.rank(),
                              ctx.size()
                                  + " "
                                  + java.util.Arrays.toString(ctx.cores())
                                  + java.util.Arrays.toString(ctx.gpus())
                                  + " "
                                  + ctx.environment().get("FLUX_TASK_RANK")
                                  + ctx.environment().get("FLUX_TASK_LOCAL_ID")
                                  + ctx.environment().get("FLUX_JOB_NNODES")
                                  + " "
                                  + ctx.environment().get("CUDA_VISIBLE_DEVICES")
                                  + ctx.environment().get("MY_VAR")
                                  + " "
                                  + ctx.jobId()
                                      .equals(JobId.parse(ctx.environment().get("FLUX_JOB_ID")))))
                  .build());
      JobInfo info = in.whenInactive(id).get(10, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.COMPLETED);
      assertThat(seen)
          .containsEntry(0, "4 [0, 1][0] 002 0x true")
          .containsEntry(1, "4 [2, 3][1] 112 1x true")
          .containsEntry(2, "4 [0, 1][0] 202 0x true")
          .containsEntry(3, "4 [2, 3][1] 312 1x true");
    }
  }

  @Test
  void inProcess_taskException_failsJob_keepingMessage() throws Exception {
    try (Instance in = inProcess(ClusterBuilder.nodes(1).cores(2))) {
      JobId id =
          submitTwoTasks(
              in,
              ctx -> {
                if (ctx.rank() == 1) {
                  throw new IllegalStateException("boom at rank 1");
                }
              });
      JobInfo info = in.whenInactive(id).get(10, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.FAILED);
      assertThat(info.error()).hasValue("task 1: boom at rank 1");
      JobEvent finish =
          info.eventlog().stream().filter(e -> e.name().equals("finish")).findFirst().orElseThrow();
      assertThat(finish.context()).containsEntry("status", 256);
      assertThat(info.eventNames()).doesNotContain("exception");
    }
  }

  @Test
  void inProcess_cancel_interruptsRunningTasks() throws Exception {
    try (Instance in = inProcess(SystemClock.get(), ClusterBuilder.nodes(1).cores(2)).build()) {
      AtomicInteger started = new AtomicInteger();
      JobId id =
          submitTwoTasks(
              in,
              ctx -> {
                started.incrementAndGet();
                Thread.sleep(60_000);
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (started.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      in.cancel(id);
      JobInfo info = in.whenInactive(id).get(10, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.CANCELED);
      assertThat(info.eventNames()).containsSubsequence("exception", "finish", "free", "clean");
    }
  }

  @Test
  void concurrent_submitAndCancel_everyJobEndsOnce_noLeaks() throws Exception {
    int threads = 4;
    int perThread = 10_000;
    Map<JobId, AtomicInteger> inactive = new ConcurrentHashMap<>();
    AtomicInteger events = new AtomicInteger();
    try (Instance in =
        inProcess(clock, ClusterBuilder.nodes(4).cores(8))
            .inactiveNumLimit(Integer.MAX_VALUE) // the checks below read every job at the end
            .build()) {
      in.addListener(
          (id, e, s) -> {
            events.incrementAndGet();
            if (s == JobState.INACTIVE) {
              inactive.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
          });
      List<Thread> workers = new ArrayList<>();
      List<JobId> all = new CopyOnWriteArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        Thread w =
            new Thread(
                () -> {
                  List<JobId> mine = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    JobRequest.Builder b = JobRequest.builder().tasks(1 + (i + seed) % 3);
                    if (i % 7 == 3 && !mine.isEmpty()) {
                      b.dependency("afterany:" + mine.get(mine.size() - 1));
                    }
                    JobId id = in.submit(b.build());
                    mine.add(id);
                    if (i % 3 == 0) {
                      in.cancel(id);
                    }
                    if (i % 5 == 0 && mine.size() > 2) {
                      in.cancel(mine.get(mine.size() - 3));
                    }
                  }
                  all.addAll(mine);
                });
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      for (JobId id : all) {
        in.whenInactive(id).get(60, TimeUnit.SECONDS);
      }
      assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
      assertThat(in.activeJobs()).isZero();
      int[] counts = in.resourceCounts().get();
      assertThat(counts[0]).isEqualTo(counts[1]);
      assertThat(inactive).hasSize(all.size());
      assertThat(inactive.values()).allMatch(n -> n.get() == 1);
      int logged = 0;
      for (JobId id : all) {
        assertThat(JobState.replay(in.eventlog(id))).isEqualTo(JobState.INACTIVE);
        List<String> names = in.info(id).eventNames();
        logged += names.size();
        assertThat(names.get(0)).isEqualTo("submit");
        assertThat(names.get(1)).isEqualTo("validate");
        assertThat(names.get(names.size() - 1)).isEqualTo("clean");
        assertThat(names.stream().filter(n -> n.equals("clean")).count()).isEqualTo(1);
        if (names.contains("alloc")) {
          assertThat(names).containsSubsequence("alloc", "finish", "release", "free", "clean");
        } else {
          assertThat(names).doesNotContain("free", "start", "finish");
        }
        JobResult r = in.info(id).result().orElseThrow();
        assertThat(r == JobResult.COMPLETED || r == JobResult.CANCELED)
            .as(id + " " + names + " " + r)
            .isTrue();
      }
      assertThat(events.get()).isEqualTo(logged);
    }
  }
}
