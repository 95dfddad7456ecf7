package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InactivePurgeTest {
  @TempDir Path dir;

  private static Instance.Builder builder(VirtualClock clock) {
    return Instance.builder(ClusterBuilder.nodes(1).cores(4).leafRanks().build())
        .clock(clock)
        .executor(new SimulatedExecutor());
  }

  private static List<JobId> run(Instance in, VirtualClock clock, int n, long gapMillis) {
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(in.submit(JobRequest.builder().name("j" + i).build()));
      clock.runUntilIdle();
      clock.advanceBy(gapMillis);
    }
    return ids;
  }

  @Test
  void numLimit_keepsTheNewestInactive_purgedIdIsUnknownWithAClearError() {
    VirtualClock clock = new VirtualClock(1_000_000);
    try (Instance in = builder(clock).inactiveNumLimit(3).build()) {
      List<JobId> ids = run(in, clock, 5, 0);
      assertThat(in.jobs()).containsExactlyElementsOf(ids.subList(2, 5));
      assertThat(in.inactiveJobsHeld()).isEqualTo(3);
      assertThatThrownBy(() -> in.info(ids.get(0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no job " + ids.get(0))
          .hasMessageContaining("purged");
      assertThatThrownBy(() -> in.cancel(ids.get(1))).hasMessageContaining("purged");
      assertThatThrownBy(
              () -> in.submit(JobRequest.builder().dependency("afterok:" + ids.get(0)).build()))
          .hasMessageContaining("no such job");
      assertThat(in.info(ids.get(4)).result()).contains(JobResult.COMPLETED);
    }
  }

  @Test
  void ageLimit_purgesJobsInactiveLongerThanIt_whenAnotherJobEnds() {
    VirtualClock clock = new VirtualClock(1_000_000);
    try (Instance in =
        builder(clock)
            .inactiveAgeLimit(Duration.ofSeconds(10))
            .inactiveNumLimit(Integer.MAX_VALUE)
            .build()) {
      List<JobId> ids = run(in, clock, 4, 4000); // inactive at 0, 4, 8, 12 s
      // at 12 s the job inactive since 0 s is 12 s old: purged; the one from 4 s is 8 s old: kept
      assertThat(in.jobs()).containsExactlyElementsOf(ids.subList(1, 4));
    }
  }

  @Test
  void explicitPurge_byLimitsAndById_leavesActiveJobsAlone() {
    VirtualClock clock = new VirtualClock(1_000_000);
    try (Instance in = builder(clock).inactiveNumLimit(Integer.MAX_VALUE).build()) {
      List<JobId> done = run(in, clock, 6, 1000);
      JobId held = in.submit(JobRequest.builder().urgency(0).build());
      assertThat(clock.awaitQuiet(5000)).isTrue();
      assertThat(in.purge(done.get(5), held)).isEqualTo(1);
      assertThat(in.jobs()).doesNotContain(done.get(5)).contains(held);
      // older than 2.5 s at 6 s: the jobs inactive at 0, 1, 2 and 3 s
      assertThat(in.purge(Duration.ofMillis(2500), Integer.MAX_VALUE)).isEqualTo(4);
      assertThat(in.purge(Duration.ofDays(1), 1)).isZero();
      assertThat(in.jobs()).containsExactly(done.get(4), held);
      assertThat(in.purge(Duration.ZERO, 0)).isEqualTo(1);
      assertThat(in.jobs()).containsExactly(held);
      assertThat(in.state(held)).isEqualTo(JobState.SCHED);
    }
  }

  @Test
  void defaults_boundTheJobsHeld() {
    VirtualClock clock = new VirtualClock();
    clock.setAutoAdvance(true);
    try (Instance in = builder(clock).build()) {
      JobRequest r = JobRequest.builder().build();
      for (int i = 0; i < Instance.DEFAULT_INACTIVE_NUM_LIMIT + 2500; i++) {
        in.submit(r);
      }
      in.drainJobs().join();
      assertThat(in.jobs()).hasSize(Instance.DEFAULT_INACTIVE_NUM_LIMIT);
      assertThat(in.activeJobs()).isZero();
    }
  }

  @Test
  void withAStore_purgedJobsStayQueryable_andDependenciesOnThemWork() {
    VirtualClock clock = new VirtualClock(1_000_000);
    try (Instance in = builder(clock).inactiveNumLimit(1).store(dir.resolve("s.db")).build()) {
      List<JobId> ids = run(in, clock, 3, 0);
      assertThat(in.jobs()).containsExactly(ids.get(2));
      assertThat(in.info(ids.get(0)).result()).contains(JobResult.COMPLETED);
      assertThat(in.eventlog(ids.get(0))).extracting(JobEvent::name).endsWith("clean");
      JobId ok = in.submit(JobRequest.builder().dependency("afterok:" + ids.get(0)).build());
      JobId notok = in.submit(JobRequest.builder().dependency("afternotok:" + ids.get(0)).build());
      clock.runUntilIdle();
      assertThat(in.info(ok).result()).contains(JobResult.COMPLETED);
      assertThat(in.info(notok).result()).contains(JobResult.FAILED);
      assertThat(in.storedJobs()).containsAll(ids).contains(ok, notok);
    }
  }

  @Test
  void builder_refusesNegativeLimits() {
    Instance.Builder b = builder(new VirtualClock());
    assertThatThrownBy(() -> b.inactiveNumLimit(-1)).hasMessageContaining("inactive-num-limit");
    assertThatThrownBy(() -> b.inactiveAgeLimit(Duration.ofSeconds(-1)))
        .hasMessageContaining("inactive-age-limit");
  }
}
