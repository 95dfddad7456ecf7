package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flux4j.core.sim.TraceCleaning.ProcsMode;
import org.junit.jupiter.api.Test;

class TraceCleaningTest {
  private static SwfJob job(long n, long submit, long run, long alloc, long req, long reqTime) {
    return new SwfJob(
        n, submit, -1, run, alloc, -1, -1, req, reqTime, -1, 1, 1, 1, 1, 1, 1, -1, -1, (int) n);
  }

  @Test
  void clean_procsModes() {
    List<SwfJob> in = List.of(job(1, 0, 10, 4, 8, 100), job(2, 0, 10, -1, 8, 100));
    assertThat(new TraceCleaning(ProcsMode.ALLOCATED, false, false, 4, 4).clean(in).jobs())
        .extracting(ReplayJob::procs)
        .containsExactly(4L, 8L);
    assertThat(new TraceCleaning(ProcsMode.REQUESTED, false, false, 4, 4).clean(in).jobs())
        .extracting(ReplayJob::procs)
        .containsExactly(8L, 8L);
    assertThat(new TraceCleaning(ProcsMode.MAX, false, false, 4, 4).clean(in).jobs())
        .extracting(ReplayJob::procs)
        .containsExactly(8L, 8L);
  }

  @Test
  void clean_keepsRunTimes_andDefaultsUnknownRequestedTimeToTheRunTime() {
    List<SwfJob> in = List.of(job(1, 0, 500, 1, 1, 100), job(2, 0, 50, 1, 1, -1));
    TraceCleaning c = new TraceCleaning(ProcsMode.ALLOCATED, false, false, 1, 1);
    assertThat(c.clean(in).jobs()).extracting(ReplayJob::runTime).containsExactly(500L, 50L);
    assertThat(c.clean(in).jobs()).extracting(ReplayJob::requestedTime).containsExactly(100L, 50L);
  }

  @Test
  void clean_dropsImpossibleUnknownAndOptionallyZeroRuntime() {
    List<SwfJob> in =
        List.of(
            job(1, 0, 0, 1, 1, 10),
            job(2, 0, -1, 1, 1, 10),
            job(3, 0, 5, -1, -1, 10),
            job(4, 0, 5, 17, 17, 10),
            job(5, 0, 5, 16, 16, 10));
    TraceCleaning.Result r = new TraceCleaning(ProcsMode.ALLOCATED, true, false, 4, 4).clean(in);
    assertThat(r.jobs()).extracting(ReplayJob::id).containsExactly(5L);
    assertThat(r.dropped())
        .containsExactly(
            "line 1 (job 1): run time 0",
            "line 2 (job 2): unknown run time",
            "line 3 (job 3): unknown or zero size",
            "line 4 (job 4): asks for 17 processors, more than the machine's 16 processors");
  }

  @Test
  void clean_byNode_roundsUpToWholeNodes() {
    List<SwfJob> in = List.of(job(1, 0, 5, 17, 17, 10), job(2, 0, 5, 16, 16, 10));
    TraceCleaning.Result r = new TraceCleaning(ProcsMode.ALLOCATED, false, true, 2, 16).clean(in);
    assertThat(r.jobs()).extracting(ReplayJob::nodes).containsExactly(2L, 1L);
  }

  @Test
  void window_shiftsToFirstSubmit() {
    List<ReplayJob> jobs =
        List.of(
            new ReplayJob(7, 100, 1, 1, 1, 0, 1),
            new ReplayJob(9, 150, 1, 1, 1, 0, 2),
            new ReplayJob(12, 400, 1, 1, 1, 0, 3));
    assertThat(TraceCleaning.window(jobs, 9, 5))
        .extracting(ReplayJob::id, ReplayJob::submit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(9L, 0L),
            org.assertj.core.groups.Tuple.tuple(12L, 250L));
    assertThatThrownBy(() -> TraceCleaning.window(jobs, 8, 5))
        .hasMessageContaining("no job numbered 8");
  }

  @Test
  void machineShape_mustBePositive() {
    assertThatThrownBy(() -> new TraceCleaning(ProcsMode.MAX, false, false, 0, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
