package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The laws every queue policy keeps, on seeded random workloads (the seed is in each message). */
class QueuePolicyContractTest {
  private static final long MACHINE = 16;
  private static final QueueParams UNLIMITED = QueueParams.DEFAULTS.withQueueDepth(1_000_000);

  @Test
  void fcfs_neverStartsOutOfOrder() {
    for (long seed = 1; seed <= 20; seed++) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(seed, 200, MACHINE, false);
      QueueSimulation s = new QueueSimulation().run(BackfillPolicy.fcfs(UNLIMITED), MACHINE, jobs);
      assertThat(s.starts).as("seed %d: every job ran", seed).hasSize(jobs.size());
      long previous = -1;
      for (QueueSimulation.Job j : jobs) {
        long start = s.starts.get(j.id());
        assertThat(start)
            .as("seed %d: job %d starts in order", seed, j.id())
            .isGreaterThanOrEqualTo(previous);
        previous = start;
      }
      assertThat(s.firstReservation).isEmpty();
    }
  }

  @Test
  void easy_neverDelaysTheReservedJob() {
    for (long seed = 1; seed <= 20; seed++) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(seed, 200, MACHINE, false);
      QueueSimulation s = new QueueSimulation().run(BackfillPolicy.easy(UNLIMITED), MACHINE, jobs);
      assertThat(s.starts).hasSize(jobs.size());
      assertThat(s.maxReservationsInACycle).isLessThanOrEqualTo(1);
      for (var e : s.firstReservation.entrySet()) {
        assertThat(s.starts.get(e.getKey()))
            .as("seed %d: job %d reserved at %d", seed, e.getKey(), e.getValue())
            .isLessThanOrEqualTo(e.getValue());
      }
    }
  }

  @Test
  void easy_backfillsAroundTheReservation() {
    // 16 procs: job 1 takes 12 for 100 s; job 2 needs 16 (reserved at 100); job 3 (4 procs,
    // 50 s) fits now and ends before 100, so it is backfilled; job 4 (4 procs, 200 s) would
    // delay job 2, so it waits.
    List<QueueSimulation.Job> jobs =
        List.of(
            new QueueSimulation.Job(1, 0, 12, 100, 100),
            new QueueSimulation.Job(2, 1, 16, 10, 10),
            new QueueSimulation.Job(3, 2, 4, 50, 50),
            new QueueSimulation.Job(4, 3, 4, 200, 200));
    QueueSimulation s = new QueueSimulation().run(BackfillPolicy.easy(UNLIMITED), MACHINE, jobs);
    assertThat(s.starts).containsEntry(1L, 0L).containsEntry(2L, 100L).containsEntry(3L, 2L);
    assertThat(s.starts.get(4L)).isGreaterThanOrEqualTo(110L);
    assertThat(s.firstReservation).containsEntry(2L, 100L);
  }

  @Test
  void conservative_exactEstimates_everyJobStartsAtItsFirstReservation() {
    for (long seed = 1; seed <= 10; seed++) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(seed, 120, MACHINE, true);
      QueueSimulation s =
          new QueueSimulation().run(BackfillPolicy.conservative(UNLIMITED), MACHINE, jobs);
      assertThat(s.starts).hasSize(jobs.size());
      for (var e : s.firstReservation.entrySet()) {
        assertThat(s.starts.get(e.getKey()))
            .as("seed %d: job %d reserved at %d", seed, e.getKey(), e.getValue())
            .isLessThanOrEqualTo(e.getValue());
      }
    }
  }

  @Test
  void hybrid_honoursItsReservationDepth() {
    QueueParams params = UNLIMITED.withReservationDepth(3);
    for (long seed = 1; seed <= 10; seed++) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(seed, 150, MACHINE, true);
      QueueSimulation s = new QueueSimulation().run(BackfillPolicy.hybrid(params), MACHINE, jobs);
      assertThat(s.maxReservationsInACycle).as("seed %d", seed).isLessThanOrEqualTo(3);
      assertThat(s.starts).hasSize(jobs.size());
      for (var e : s.firstReservation.entrySet()) {
        assertThat(s.starts.get(e.getKey())).isLessThanOrEqualTo(e.getValue());
      }
    }
  }

  @Test
  void everyPolicy_isDeterministic() {
    for (String name : List.of("fcfs", "easy", "hybrid", "conservative")) {
      List<QueueSimulation.Job> jobs = QueueSimulation.randomJobs(42, 150, MACHINE, false);
      QueueSimulation a =
          new QueueSimulation().run(QueuePolicies.require(name, UNLIMITED), MACHINE, jobs);
      QueueSimulation b =
          new QueueSimulation().run(QueuePolicies.require(name, UNLIMITED), MACHINE, jobs);
      assertThat(a.startOrder).as(name).isEqualTo(b.startOrder);
      assertThat(a.starts).as(name).isEqualTo(b.starts);
    }
  }

  @Test
  void unsatisfiableJobs_areRejectedAndDoNotBlockTheQueue() {
    List<QueueSimulation.Job> jobs =
        List.of(
            new QueueSimulation.Job(1, 0, 17, 10, 10), new QueueSimulation.Job(2, 0, 1, 10, 10));
    for (String name : List.of("fcfs", "easy")) {
      QueueSimulation s =
          new QueueSimulation().run(QueuePolicies.require(name, UNLIMITED), MACHINE, jobs);
      assertThat(s.rejected).as(name).containsExactly(1L);
      assertThat(s.starts).as(name).containsEntry(2L, 0L);
    }
  }
}
