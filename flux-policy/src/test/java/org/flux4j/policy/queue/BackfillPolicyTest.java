package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackfillPolicyTest {
  @Test
  void queueDepth_boundsTheJobsConsidered() {
    PoolMatcher m = new PoolMatcher(1);
    JobQueue q = new JobQueue("default");
    for (long id = 1; id <= 10; id++) {
      m.request(id, 1, 100);
      q.add(id, 0);
    }
    CycleResult c = BackfillPolicy.easy(QueueParams.DEFAULTS.withQueueDepth(4)).runCycle(q, m);
    assertThat(c.started()).containsExactly(1L);
    assertThat(c.reserved()).containsOnlyKeys(2L);
    assertThat(c.considered()).isEqualTo(4);
    assertThat(q.pendingIds()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
  }

  @Test
  void reservations_areReleasedAtTheNextCycle() {
    PoolMatcher m = new PoolMatcher(2);
    JobQueue q = new JobQueue("default");
    m.request(1, 2, 100);
    m.request(2, 2, 100);
    q.add(1, 0);
    q.add(2, 0);
    QueuePolicy easy = BackfillPolicy.easy(QueueParams.DEFAULTS);
    assertThat(easy.runCycle(q, m).reserved()).containsEntry(2L, 100L);
    assertThat(q.reservations()).containsExactly(2L);
    m.finish(1);
    CycleResult c = easy.runCycle(q, m);
    assertThat(c.started()).containsExactly(2L);
    assertThat(q.reservations()).isEmpty();
  }

  @Test
  void jobsThatCannotBeReserved_areSetAsideWithoutUsingTheDepth() {
    PoolMatcher m = new PoolMatcher(4);
    m.takeDown(2);
    JobQueue q = new JobQueue("default");
    m.request(1, 4, 10); // fits the machine but never the usable part: blocked
    m.request(2, 1, 10);
    q.add(1, 0);
    q.add(2, 0);
    CycleResult c = BackfillPolicy.easy(QueueParams.DEFAULTS.withQueueDepth(1)).runCycle(q, m);
    assertThat(c.blocked()).containsExactly(1L);
    assertThat(c.started()).containsExactly(2L);
    assertThat(q.blockedCount()).isEqualTo(1);
    q.unblockAll();
    assertThat(q.pendingIds()).containsExactly(1L);
  }

  @Test
  void priority_ordersBeforeSubmission() {
    JobQueue q = new JobQueue("default");
    q.add(1, 10);
    q.add(2, 20);
    q.add(3, 10);
    q.setPriority(3, 30);
    assertThat(q.pendingIds()).containsExactly(3L, 2L, 1L);
    assertThat(q.remove(2)).isTrue();
    assertThat(q.remove(2)).isFalse();
    assertThatThrownBy(() -> q.add(1, 0)).hasMessageContaining("already");
  }

  @Test
  void params_parseFluxionLists() {
    QueueParams p =
        QueueParams.DEFAULTS
            .with("queue-depth=8192,max-queue-depth=100")
            .with(" reservation-depth=4 ");
    assertThat(p.effectiveQueueDepth()).isEqualTo(100);
    assertThat(p.effectiveReservationDepth()).isEqualTo(4);
    assertThat(BackfillPolicy.hybrid(p).reservationDepth()).isEqualTo(4);
    assertThat(BackfillPolicy.conservative(p).reservationDepth()).isEqualTo(100_000);
    assertThat(BackfillPolicy.fcfs(p).reservationDepth()).isZero();
    assertThatThrownBy(() -> QueueParams.DEFAULTS.with("queue-depth=0"))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> QueueParams.DEFAULTS.with("depth=3"))
        .hasMessageContaining("unknown queue parameter 'depth'");
    assertThatThrownBy(() -> QueueParams.DEFAULTS.with("queue-depth"))
        .hasMessageContaining("not key=value");
    assertThatThrownBy(() -> QueuePolicies.require("sjf", p)).hasMessageContaining("known:");
  }

  @Test
  void busyShapes_skipIdenticalRequestsOfNoShorterDuration() {
    // 4 procs, all taken until 100 by job 1; job 2 (4 procs) is reserved at 100; jobs 3..12 ask
    // for 2 procs for 50..140 s: all busy now. With shapes, one allocation attempt stands for all.
    PoolMatcher pool = new PoolMatcher(4);
    JobQueue q = new JobQueue("default");
    pool.request(1, 4, 100);
    pool.request(2, 4, 10);
    for (long id = 3; id <= 12; id++) {
      pool.request(id, 2, 40 + 10 * id);
    }
    for (long id = 1; id <= 12; id++) {
      q.add(id, 0);
    }
    int[] calls = {0};
    JobMatcher shaped =
        new JobMatcher() {
          @Override
          public MatchOutcome allocate(long jobId) {
            calls[0]++;
            return pool.allocate(jobId);
          }

          @Override
          public MatchOutcome allocateOrReserve(long jobId) {
            return pool.allocateOrReserve(jobId);
          }

          @Override
          public void cancelReservation(long jobId) {
            pool.cancelReservation(jobId);
          }

          @Override
          public Object requestShape(long jobId) {
            return jobId >= 3 ? "2 procs" : null;
          }

          @Override
          public long requestDuration(long jobId) {
            return 40 + 10 * jobId;
          }
        };
    CycleResult c = BackfillPolicy.easy(QueueParams.DEFAULTS).runCycle(q, shaped);
    assertThat(c.started()).containsExactly(1L);
    assertThat(c.reserved()).containsOnlyKeys(2L);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(q.pendingIds()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
  }
}
