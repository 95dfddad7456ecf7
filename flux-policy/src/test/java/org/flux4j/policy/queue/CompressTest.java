package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Compressed reservations ({@code reservations=compress}) never move a job's reservation later from
 * one cycle to the next, while Fluxion's rebuild does when an earlier job takes the hole a later
 * one had booked; both start every job no later than its first reservation under compress.
 */
class CompressTest {
  private static final QueueParams DEEP =
      QueueParams.DEFAULTS.withQueueDepth(100_000).withCompress(true);

  @Test
  void compress_neverMovesAReservationLater_andMovesSomeEarlier() {
    int earlier = 0;
    for (long seed = 1; seed <= 5; seed++) {
      for (QueuePolicy p :
          new QueuePolicy[] {BackfillPolicy.conservative(DEEP), BackfillPolicy.hybrid(DEEP)}) {
        QueueSimulation s =
            new QueueSimulation().run(p, 16, QueueSimulation.randomJobs(seed, 120, 16, false));
        assertThat(s.movedLater).as("seed %d %s", seed, p.name()).isZero();
        s.starts.forEach(
            (id, at) -> {
              Long first = s.firstReservation.get(id);
              if (first != null) {
                assertThat(at).as("job %d", id).isLessThanOrEqualTo(first);
              }
            });
        earlier += s.movedEarlier;
      }
    }
    assertThat(earlier).isPositive();
  }

  @Test
  void rebuild_canMoveAReservationLater() {
    int later = 0;
    QueueParams rebuild = DEEP.withCompress(false);
    for (long seed = 1; seed <= 5; seed++) {
      later +=
          new QueueSimulation()
              .run(
                  BackfillPolicy.conservative(rebuild),
                  16,
                  QueueSimulation.randomJobs(seed, 120, 16, false))
              .movedLater;
    }
    assertThat(later).isPositive();
  }

  @Test
  void reservationsParameter_parsesRebuildAndCompress_andRefusesOthers() {
    assertThat(QueueParams.DEFAULTS.compress()).isFalse();
    assertThat(QueueParams.DEFAULTS.with("reservations=compress").compress()).isTrue();
    assertThat(QueueParams.DEFAULTS.with("reservations=compress,reservations=rebuild").compress())
        .isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> QueueParams.DEFAULTS.with("reservations=later"))
        .hasMessageContaining("reservations is rebuild or compress");
  }
}
