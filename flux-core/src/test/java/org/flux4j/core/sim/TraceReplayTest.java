package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReplayTest {
  @Test
  void fcfs_byCore_startsInOrderWhenCoresFree() {
    // 2 nodes x 4 cores; job 1 takes 8 cores for 100 s; job 2 (1 core) waits for it under fcfs
    List<ReplayJob> jobs =
        List.of(
            new ReplayJob(1, 0, 100, 100, 8, 0, 1),
            new ReplayJob(2, 10, 50, 60, 1, 0, 2),
            new ReplayJob(3, 20, 10, 10, 2, 0, 3));
    ReplayOptions o = new ReplayOptions(2, 4, false, true, "fcfs", "first", 1_000_000, 64, false);
    ReplayResult r = new TraceReplay(o).run(jobs, null, 0, 0);
    assertThat(r.jobs())
        .extracting(JobOutcome::id, JobOutcome::start, JobOutcome::end, JobOutcome::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 0L, 100L, "COMPLETED"),
            org.assertj.core.groups.Tuple.tuple(2L, 100L, 150L, "COMPLETED"),
            org.assertj.core.groups.Tuple.tuple(3L, 100L, 110L, "COMPLETED"));
    assertThat(r.metrics().jobs()).isEqualTo(3);
    assertThat(r.metrics().makespan()).isEqualTo(150);
    assertThat(r.placement().get(1L)).containsExactlyInAnyOrder(0, 1);
    assertThat(r.timeline().size()).isPositive();
  }

  @Test
  void truncate_stopsJobsAtTheirLimit_unlessToldNot() {
    List<ReplayJob> jobs = List.of(new ReplayJob(1, 0, 500, 100, 1, 0, 1));
    ReplayResult cut =
        new TraceReplay(new ReplayOptions(1, 1, false, true, "fcfs", "first", 10, 64, false))
            .run(jobs, null, 0, 0);
    assertThat(cut.jobs().get(0).end()).isEqualTo(100);
    assertThat(cut.jobs().get(0).state()).isEqualTo("TIMEOUT");
    ReplayResult full =
        new TraceReplay(new ReplayOptions(1, 1, false, false, "fcfs", "first", 10, 64, false))
            .run(jobs, null, 0, 0);
    assertThat(full.jobs().get(0).end()).isEqualTo(500);
    assertThat(full.jobs().get(0).state()).isEqualTo("COMPLETED");
  }

  @Test
  void byNode_takesWholeNodes() {
    List<ReplayJob> jobs =
        List.of(new ReplayJob(1, 0, 100, 100, 5, 2, 1), new ReplayJob(2, 0, 100, 100, 1, 1, 2));
    ReplayOptions o = new ReplayOptions(2, 4, true, true, "fcfs", "first", 1_000_000, 64, false);
    ReplayResult r = new TraceReplay(o).run(jobs, null, 0, 0);
    assertThat(r.jobs()).extracting(JobOutcome::start).containsExactly(0L, 100L);
    assertThat(r.jobs()).extracting(JobOutcome::nodes).containsExactly(2L, 1L);
  }
}
