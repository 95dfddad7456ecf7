package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.core.sim.Forecast;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

/** What-if: the start of a request not submitted, and the forecast of a set of jobs. */
class WhatIfTest {
  private static JobRequest job(int cores, int seconds) {
    return AnnotationsTest.job(cores, seconds);
  }

  private static Instance start(VirtualClock clock, String matchPolicy, String queuePolicy) {
    return Instance.builder(ClusterBuilder.nodes(1).cores(4).leafRanks().build())
        .clock(clock)
        .executor(new SimulatedExecutor())
        .matchPolicy(matchPolicy)
        .queuePolicy(queuePolicy)
        .build();
  }

  @Test
  void estimateStart_matchesTheActualStart_andChangesNothing() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "first", "conservative")) {
      flux.submit(job(3, 100));
      clock.advanceBy(0);
      flux.submit(job(4, 50)); // reserved at 100
      clock.advanceBy(0);
      assertThat(flux.estimateStart(job(1, 10)).get())
          .isEqualTo(new StartEstimate(StartEstimate.Kind.NOW, 0, ""));
      // 2 cores for 30 s: not now (1 free), not at 100 (the reservation), so at 150
      StartEstimate e = flux.estimateStart(job(2, 30)).get();
      assertThat(e.kind()).isEqualTo(StartEstimate.Kind.RESERVED);
      assertThat(e.startMillis()).isEqualTo(150_000);
      assertThat(flux.estimateStart(job(5, 10)).get().kind())
          .isEqualTo(StartEstimate.Kind.UNSATISFIABLE);
      assertThat(flux.jobs()).hasSize(2);
      assertThat(flux.resourceCounts().get()[0]).isEqualTo(1);
      // submitted for real now, it starts where the estimate said
      JobId real = flux.submit(job(2, 30));
      clock.runUntilIdle();
      long alloc =
          flux.info(real).eventlog().stream()
              .filter(x -> x.name().equals("alloc"))
              .findFirst()
              .orElseThrow()
              .timestamp();
      assertThat(alloc).isEqualTo(e.startMillis());
    }
  }

  @Test
  void estimateStart_underCounting_readsTheAvailabilityProfile() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance flux = start(clock, "counting", "easy")) {
      assertThat(flux.estimateStart(job(1, 10)).get().kind()).isEqualTo(StartEstimate.Kind.NOW);
      flux.submit(job(3, 100));
      flux.submit(job(4, 50)); // the head: reserved at 100, holding every core until 150
      clock.advanceBy(0);
      StartEstimate e = flux.estimateStart(job(2, 30)).get();
      assertThat(e.kind()).isEqualTo(StartEstimate.Kind.RESERVED);
      assertThat(e.startMillis()).isEqualTo(150_000);
      assertThat(flux.jobs()).hasSize(2);
      // a request that is no processor-pool request has no exact start in the profile
      JobRequest wide =
          JobRequest.builder().tasks(1).coresPerTask(2).duration(Duration.ofSeconds(5)).build();
      assertThat(flux.estimateStart(wide).get().kind()).isEqualTo(StartEstimate.Kind.UNKNOWN);
    }
  }

  /** {@link Forecast#run} on one node of 8 cores with the first-match policy. */
  private static List<Forecast.Prediction> forecastOn8Cores(
      String queuePolicy, long now, List<Forecast.Job> jobs) {
    return Forecast.run(
        ClusterBuilder.nodes(1).cores(8).leafRanks().build(), queuePolicy, "first", now, jobs);
  }

  /** Hand-calculated: a chain, a fan-out and fan-in, and a job waiting for cores on 8 cores. */
  @Test
  void forecast_chainsFansAndWaits() {
    List<Forecast.Prediction> p =
        forecastOn8Cores(
            "easy",
            1_000_000,
            List.of(
                new Forecast.Job("a", job(2, 60), List.of()),
                new Forecast.Job("b", job(2, 30), List.of("afterok:a")),
                new Forecast.Job("f1", job(4, 100), List.of("afterok:b")),
                new Forecast.Job("f2", job(4, 50), List.of("afterok:b")),
                new Forecast.Job("wide", job(6, 10), List.of("afterok:b")),
                new Forecast.Job("join", job(1, 5), List.of("afterok:f1", "afterok:f2"))));
    // a 0-60, b 60-90; f1 and f2 take all 8 cores 90-190 and 90-140; wide (6) waits for f1 to end
    // at 190 (at 140 only 4 are free); join after f1 and f2 at 190 beside wide (6 + 1 <= 8)
    assertThat(p)
        .extracting(
            x ->
                x.name()
                    + " "
                    + (x.startMillis() - 1_000_000) / 1000
                    + "-"
                    + (x.endMillis() - 1_000_000) / 1000)
        .containsExactly(
            "a 0-60", "b 60-90", "f1 90-190", "f2 90-140", "wide 190-200", "join 190-195");
    assertThat(p).allMatch(x -> x.result() == JobResult.COMPLETED);
  }

  @Test
  void forecast_aJobThatCannotRun_failsWhatDependsOnIt() {
    List<Forecast.Prediction> p =
        forecastOn8Cores(
            "fcfs",
            0,
            List.of(
                new Forecast.Job("huge", job(9, 10), List.of()),
                new Forecast.Job("after", job(1, 10), List.of("afterok:huge"))));
    assertThat(p.get(0).startMillis()).isEqualTo(-1);
    assertThat(p.get(0).result()).isEqualTo(JobResult.FAILED);
    assertThat(p.get(0).note()).contains("unsatisfiable");
    assertThat(p.get(1).startMillis()).isEqualTo(-1);
    assertThat(p.get(1).note()).contains("dependency afterok");
  }

  @Test
  void forecast_refusesBadInput_naming() {
    assertThatThrownBy(
            () ->
                forecastOn8Cores(
                    "fcfs", 0, List.of(new Forecast.Job("x", job(1, 10), List.of("afterok:y")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job 'x' depends on 'y'");
    assertThatThrownBy(
            () ->
                forecastOn8Cores(
                    "fcfs",
                    0,
                    List.of(new Forecast.Job("x", JobRequest.builder().build(), List.of()))))
        .hasMessageContaining("job 'x' has no duration");
  }
}
