package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

class SimulationTest {

  /** A seeded workload: sizes, run times, limits, urgencies, dependencies and cancellations. */
  private static List<String> runWorkload(long seed) throws Exception {
    VirtualClock clock = new VirtualClock(1_700_000_000_000L);
    List<String> out = new ArrayList<>();
    try (Instance in =
        Instance.builder(ClusterBuilder.nodes(8).cores(4).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build()) {
      Random rnd = new Random(seed);
      List<JobId> ids = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        JobRequest.Builder b =
            JobRequest.builder()
                .tasks(1 + rnd.nextInt(8))
                .runtime(Duration.ofSeconds(60 + rnd.nextInt(3600)))
                .urgency(1 + rnd.nextInt(30));
        if (rnd.nextInt(4) == 0) {
          b.duration(Duration.ofMinutes(10));
        }
        if (!ids.isEmpty() && rnd.nextInt(5) == 0) {
          String[] schemes = {"afterany", "afterok", "afternotok", "after", "afterexcept"};
          b.dependency(
              schemes[rnd.nextInt(schemes.length)] + ":" + ids.get(rnd.nextInt(ids.size())));
        }
        ids.add(in.submit(b.build()));
        // a driver thread gets determinism by letting the instance settle after each action
        clock.advanceBy(0);
        if (rnd.nextInt(10) == 0) {
          in.cancel(ids.get(rnd.nextInt(ids.size())));
          clock.advanceBy(0);
        }
        clock.advanceBy(rnd.nextInt(300_000));
      }
      clock.runUntilIdle();
      for (JobId id : ids) {
        JobInfo info = in.info(id);
        assertThat(JobState.replay(info.eventlog())).isEqualTo(JobState.INACTIVE);
        StringBuilder sb = new StringBuilder(id.toString()).append(' ').append(info.result());
        for (JobEvent e : info.eventlog()) {
          sb.append(' ').append(e.toJson());
        }
        out.add(sb.toString());
      }
      assertThat(in.resourceCounts().get()[0]).isEqualTo(32);
      assertThat(clock.millis() - 1_700_000_000_000L).isGreaterThan(86_400_000L);
    }
    return out;
  }

  @Test
  void aDayOfWorkload_runsInVirtualTime_andIsDeterministic() throws Exception {
    long t0 = System.nanoTime();
    List<String> first = runWorkload(42);
    List<String> second = runWorkload(42);
    assertThat(second).isEqualTo(first);
    assertThat(first).anyMatch(s -> s.contains("TIMEOUT"));
    assertThat(first).anyMatch(s -> s.contains("CANCELED"));
    assertThat(first).anyMatch(s -> s.contains("dependency-remove"));
    assertThat(System.nanoTime() - t0).isLessThan(60_000_000_000L);
  }

  @Test
  void replay_followsRfc21() {
    List<JobEvent> log = new ArrayList<>();
    log.add(new JobEvent(0, "submit", java.util.Map.of()));
    assertThat(JobState.replay(log)).isEqualTo(JobState.NEW);
    log.add(new JobEvent(0, "validate", java.util.Map.of()));
    log.add(new JobEvent(0, "exception", java.util.Map.of("severity", 1)));
    assertThat(JobState.replay(log)).isEqualTo(JobState.DEPEND);
    log.add(new JobEvent(0, "exception", java.util.Map.of("severity", 0)));
    assertThat(JobState.replay(log)).isEqualTo(JobState.CLEANUP);
    log.add(new JobEvent(0, "clean", java.util.Map.of()));
    assertThat(JobState.replay(log)).isEqualTo(JobState.INACTIVE);
  }

  @Test
  void urgencyChangedInDepend_isUsedForThePriority() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance in =
        Instance.builder(ClusterBuilder.nodes(1).cores(1).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build()) {
      JobId a = in.submit(JobRequest.builder().runtime(Duration.ofSeconds(10)).build());
      JobId b =
          in.submit(
              JobRequest.builder()
                  .runtime(Duration.ofSeconds(10))
                  .dependency("afterany:" + a)
                  .build());
      in.setUrgency(b, 5);
      clock.runUntilIdle();
      JobInfo info = in.info(b);
      assertThat(info.eventNames())
          .containsSubsequence("dependency-add", "urgency", "dependency-remove", "priority");
      assertThat(info.priority()).isEqualTo(5);
      assertThat(info.result()).contains(JobResult.COMPLETED);
    }
  }
}
