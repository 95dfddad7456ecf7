package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's annotations (RFC 27 {@code sched.*}): why a job waits, when it is expected to
 * start, the jobs ahead of it, its resources once running; in {@link JobInfo} and to listeners.
 */
class AnnotationsTest {

  private static Instance start(VirtualClock clock, String policy, int nodes, int cores) {
    return start(clock, policy, nodes, cores, "");
  }

  private static Instance start(
      VirtualClock clock, String policy, int nodes, int cores, String params) {
    Instance.Builder b =
        Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queuePolicy(policy);
    if (!params.isEmpty()) {
      b.queueParams(params);
    }
    return b.build();
  }

  /** A job of {@code cores} cores whose limit and run time are both {@code seconds}. */
  static JobRequest job(int cores, int seconds) {
    return JobRequest.builder()
        .tasks(cores)
        .duration(Duration.ofSeconds(seconds))
        .runtime(Duration.ofSeconds(seconds))
        .build();
  }

  private static long allocMillis(JobInfo j) {
    return j.eventlog().stream()
        .filter(e -> e.name().equals("alloc"))
        .findFirst()
        .orElseThrow()
        .timestamp();
  }

  @Test
  void conservative_estimatesEveryWaitingJob_andTheEstimatesComeTrue() {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "conservative", 1, 4)) {
      JobId a = flux.submit(job(4, 100));
      clock.advanceBy(0);
      JobId b = flux.submit(job(2, 50));
      JobId c = flux.submit(job(4, 30));
      JobId d = flux.submit(job(2, 10));
      clock.advanceBy(0);
      // hand schedule: B 100-150 with D 100-110 beside it, C after B at 150
      assertThat(flux.info(b).sched("t_estimate")).contains(100.0);
      assertThat(flux.info(c).sched("t_estimate")).contains(150.0);
      assertThat(flux.info(d).sched("t_estimate")).contains(100.0);
      assertThat(flux.info(b).sched("jobs_ahead")).contains(0);
      assertThat(flux.info(c).sched("jobs_ahead")).contains(1);
      assertThat(flux.info(d).sched("jobs_ahead")).contains(2);
      assertThat(flux.info(c).sched("reason_pending"))
          .contains("insufficient resources: asks 4 cores; 0 cores and 0 GPUs free");
      assertThat(flux.info(a).sched("resource_summary")).contains("rank0/core[0-3]");
      assertThat(flux.info(a).sched("reason_pending")).isEmpty();
      clock.runUntilIdle();
      assertThat(allocMillis(flux.info(b))).isEqualTo(100_000);
      assertThat(allocMillis(flux.info(c))).isEqualTo(150_000);
      assertThat(allocMillis(flux.info(d))).isEqualTo(100_000);
      assertThat(flux.info(c).annotations())
          .isEqualTo(Map.of("sched", Map.of("resource_summary", "rank0/core[0-3]")));
    }
  }

  @Test
  void easy_estimatesOnlyTheReservedJob_untilItStarts() {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "easy", 1, 4)) {
      flux.submit(job(4, 100));
      clock.advanceBy(0);
      JobId b = flux.submit(job(2, 50));
      JobId c = flux.submit(job(4, 30));
      clock.advanceBy(0);
      assertThat(flux.info(b).sched("t_estimate")).contains(100.0);
      assertThat(flux.info(c).sched("t_estimate")).isEmpty();
      assertThat(flux.info(c).sched("reason_pending").orElseThrow().toString())
          .startsWith("insufficient resources");
      clock.advanceTo(100_000);
      clock.advanceBy(0);
      // B runs; C is now the reserved one, after B
      assertThat(flux.info(c).sched("t_estimate")).contains(150.0);
      clock.runUntilIdle();
      assertThat(allocMillis(flux.info(b))).isEqualTo(100_000);
      assertThat(allocMillis(flux.info(c))).isEqualTo(150_000);
    }
  }

  /**
   * Backfilling's promise as an oracle, on random sizes and limits on 4 nodes of 8 cores, jobs all
   * arriving at once and running exactly their limits (nothing changes but what was planned). Easy:
   * each job starts at the first estimate it gets (when it becomes the reserved one). Conservative:
   * each job starts at the last estimate it had; earlier ones may move, as in Fluxion, because
   * every cycle releases and re-places all reservations first-fit, and a reservation's cores are
   * not kept from one cycle to the next.
   */
  @Test
  void randomWorkloads_estimatesComeTrue_underEasyAndConservative() {
    for (String policy : List.of("easy", "conservative")) {
      for (long seed = 1; seed <= 5; seed++) {
        VirtualClock clock = new VirtualClock();
        Map<JobId, List<double[]>> estimates = new HashMap<>(); // {when (ms), t_estimate (s)}
        try (Instance flux = start(clock, policy, 4, 8)) {
          flux.addListener(
              new JobListener() {
                @Override
                public void onEvent(JobId id, JobEvent event, JobState state) {}

                @Override
                public void onAnnotations(JobId id, Map<String, Object> annotations) {
                  Object s = annotations.get("sched");
                  if (s instanceof Map<?, ?> m && m.get("t_estimate") instanceof Double t) {
                    estimates
                        .computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new double[] {clock.millis(), t});
                  }
                }
              });
          Random rnd = new Random(seed);
          List<JobId> ids = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            ids.add(flux.submit(job(1 + rnd.nextInt(32), 1 + rnd.nextInt(500))));
          }
          clock.runUntilIdle();
          int estimated = 0;
          for (JobId id : ids) {
            List<double[]> ts = estimates.get(id);
            if (ts == null) {
              continue;
            }
            estimated++;
            long start = allocMillis(flux.info(id));
            // what was promised before the instant it started (other jobs may end at that very
            // instant, a cycle apart: those are changes too)
            double promised = ts.get(0)[1];
            if (policy.equals("conservative")) {
              for (double[] e : ts) {
                if (e[0] < start) {
                  promised = e[1];
                }
              }
            }
            if (policy.equals("easy")) {
              assertThat(start)
                  .as("%s seed %d job %s", policy, seed, id)
                  .isEqualTo(Math.round(promised * 1000));
            } else {
              assertThat(start)
                  .as("%s seed %d job %s", policy, seed, id)
                  .isLessThanOrEqualTo(Math.round(promised * 1000));
            }
          }
          assertThat(estimated).as("%s seed %d", policy, seed).isGreaterThan(5);
        }
      }
    }
  }

  @Test
  void reasons_dependencyHeldQueueDepthAndUnsatisfiable() {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "easy", 1, 4, "queue-depth=2")) {
      JobId a = flux.submit(job(4, 100));
      clock.advanceBy(0);
      JobId dep = flux.submit(JobRequest.builder().tasks(1).dependency("afterok:" + a).build());
      JobId held = flux.submit(JobRequest.builder().tasks(1).urgency(0).build());
      JobId w1 = flux.submit(job(1, 10));
      JobId w2 = flux.submit(job(1, 10));
      JobId w3 = flux.submit(job(1, 10));
      JobId huge = flux.submit(job(5, 10));
      clock.advanceBy(0);
      assertThat(flux.info(dep).sched("reason_pending"))
          .contains("dependency: afterok=" + a.value());
      assertThat(flux.info(held).sched("reason_pending")).contains("held: urgency 0");
      assertThat(flux.info(held).sched("jobs_ahead")).isEmpty();
      assertThat(flux.info(w1).sched("jobs_ahead")).contains(0);
      assertThat(flux.info(w2).sched("jobs_ahead")).contains(1);
      // beyond the queue depth: no place given, as Fluxion annotates only the jobs it considers
      assertThat(flux.info(w3).sched("jobs_ahead")).isEmpty();
      assertThat(flux.info(w3).sched("reason_pending").orElseThrow().toString())
          .isEqualTo(
              "queue-depth: more than 2 jobs ahead, and the scheduler considers the first 2;"
                  + " insufficient resources: asks 1 core");
      assertThat(flux.info(huge).result()).contains(JobResult.FAILED);
      assertThat(flux.info(huge).sched("reason_pending").orElseThrow().toString())
          .startsWith("unsatisfiable");
      flux.setUrgency(held, 16);
      clock.advanceBy(0);
      // back in the queue, after w1 to w3 (urgency 16 like them, and queued last)
      assertThat(flux.info(held).sched("reason_pending").orElseThrow().toString())
          .startsWith("queue-depth: more than 2 jobs ahead");
      flux.cancel(w1);
      clock.advanceBy(0);
      assertThat(flux.info(w1).annotations()).isEmpty();
      assertThat(flux.info(w2).sched("jobs_ahead")).contains(0);
    }
  }

  @Test
  void resourceSummary_groupsRanksWithTheSameCores() {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "fcfs", 2, 4)) {
      JobId a = flux.submit(JobRequest.builder().nodes(2).tasks(8).build());
      clock.advanceBy(0);
      assertThat(flux.info(a).sched("resource_summary")).contains("rank[0-1]/core[0-3]");
    }
  }

  @Test
  void plainListeners_getNoAnnotationCalls() {
    VirtualClock clock = new VirtualClock();
    List<String> names = new ArrayList<>();
    try (Instance flux = start(clock, "easy", 1, 4)) {
      flux.addListener((id, e, s) -> names.add(e.name()));
      flux.submit(job(4, 10));
      clock.runUntilIdle();
    }
    assertThat(names).doesNotContain("annotations").contains("alloc", "clean");
  }
}
