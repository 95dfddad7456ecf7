package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

/**
 * The counting match policy under queue policies that reserve: it reserves from its availability
 * profile (so EASY keeps the head's reservation), and a pair it cannot honour is refused, at build
 * (a graph with GPUs) or at submit (a request that is not a processor-pool request), never silently
 * scheduled greedily.
 */
class CountingReservationTest {
  private static Instance instance(int nodes, int cores, int gpus, String queuePolicy, Clock c) {
    return Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).gpus(gpus).leafRanks().build())
        .matchPolicy("counting")
        .queuePolicy(queuePolicy)
        .queueParams("queue-depth=1000")
        .clock(c)
        .executor(new SimulatedExecutor())
        .build();
  }

  private static JobRequest cores(int n, int seconds, int limit) {
    return JobRequest.builder()
        .tasks(n)
        .runtime(Duration.ofSeconds(seconds))
        .duration(Duration.ofSeconds(limit))
        .build();
  }

  @Test
  void easy_theHeadKeepsItsReservation_aLongJobDoesNotBackfillInFrontOfIt() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance in = instance(4, 1, 0, "easy", clock)) {
      JobId a = in.submit(cores(3, 100, 100));
      clock.advanceBy(0);
      JobId head = in.submit(cores(4, 10, 10)); // shadow time 100, extra 0
      JobId longOne = in.submit(cores(1, 500, 500)); // would delay the head: waits
      JobId shortOne = in.submit(cores(1, 50, 50)); // ends by the shadow time: backfills now
      clock.runUntilIdle();
      assertThat(start(in, a)).isZero();
      assertThat(start(in, shortOne)).isZero();
      assertThat(start(in, head)).isEqualTo(100_000);
      assertThat(start(in, longOne)).isEqualTo(110_000);
    }
  }

  private static long start(Instance in, JobId id) {
    return in.info(id).eventlog().stream()
        .filter(e -> e.name().equals("alloc"))
        .findFirst()
        .orElseThrow()
        .timestamp();
  }

  @Test
  void reservingPolicy_onAGraphWithGpus_isRefusedAtBuild_fcfsIsNot() {
    VirtualClock clock = new VirtualClock();
    assertThatThrownBy(() -> instance(2, 2, 1, "easy", clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot honour reservations")
        .hasMessageContaining("2 GPU(s)");
    instance(2, 2, 1, "fcfs", clock).close();
  }

  @Test
  void reservingPolicy_refusesAMultiCoreSlotRequestAtSubmit_fcfsRunsIt() throws Exception {
    VirtualClock clock = new VirtualClock();
    JobRequest twoCoreSlots =
        JobRequest.builder().tasks(2).coresPerTask(2).runtime(Duration.ofSeconds(5)).build();
    try (Instance in = instance(2, 4, 0, "conservative", clock)) {
      JobId id = in.submit(twoCoreSlots);
      clock.runUntilIdle();
      assertThat(in.info(id).result()).contains(JobResult.FAILED);
      assertThat(in.info(id).error().orElseThrow())
          .contains("reserves only requests of one-core slots placed anywhere")
          .contains("2 slot(s) of 2 core(s)");
      assertThat(in.resourceCounts().get()[0]).isEqualTo(8);
    }
    try (Instance in = instance(2, 4, 0, "fcfs", clock)) {
      JobId id = in.submit(twoCoreSlots);
      clock.runUntilIdle();
      assertThat(in.info(id).result()).contains(JobResult.COMPLETED);
    }
  }
}
