package org.flux4j.examples.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flux4j.testing.FluxAssertions.assertThat;
import static org.flux4j.testing.FluxAssertions.assertThatJobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.flux4j.testing.WithVirtualCluster;
import org.junit.jupiter.api.Test;

/** The user-written policy, found by name through the service file, on hand-calculated cases. */
@WithVirtualCluster(nodes = 1, coresPerNode = 4, queuePolicy = "sjf")
class ShortestJobFirstTest {

  @Test
  void sjf_isKnownByName_throughTheProviderService() {
    assertThat(QueuePolicies.names()).contains("sjf", "easy", "conservative");
    assertThat(QueuePolicies.require("SJF", QueueParams.DEFAULTS))
        .isInstanceOf(ShortestJobFirst.class);
  }

  /** Submits A (4 cores, 100 s), lets it start, then B (300 s), C (100 s), D (2 cores, 50 s). */
  private static JobId[] runABCD(Instance flux, VirtualClock clock) {
    JobId a = flux.submit(job(4, 100));
    clock.advanceBy(0);
    JobId[] ids = {a, flux.submit(job(4, 300)), flux.submit(job(4, 100)), flux.submit(job(2, 50))};
    clock.runUntilIdle();
    return ids;
  }

  /**
   * A(4 cores, 100 s) runs; B (300 s), C (100 s) and D (2 cores, 50 s) wait. Shortest first: D at
   * 100 to 150, C reserved and started at 150 to 250, B at 250 to 550; under easy it would be B, C,
   * D in submission order (see the second test).
   */
  @Test
  void shortestRequestStartsFirst(Instance flux, VirtualClock clock) {
    JobId[] abcd = runABCD(flux, clock);
    JobId a = abcd[0];
    JobId b = abcd[1];
    JobId c = abcd[2];
    JobId d = abcd[3];
    assertThat(flux.info(a)).isCompleted().startedAt(0);
    assertThat(flux.info(d)).isCompleted().startedAt(100_000).endedAt(150_000);
    assertThat(flux.info(c)).isCompleted().startedAt(150_000).endedAt(250_000);
    assertThat(flux.info(b)).isCompleted().startedAt(250_000).endedAt(550_000);
  }

  @Test
  @WithVirtualCluster(nodes = 1, coresPerNode = 4, queuePolicy = "easy")
  void easy_onTheSameJobs_keepsSubmissionOrder(Instance flux, VirtualClock clock) {
    JobId[] abcd = runABCD(flux, clock);
    assertThat(flux.info(abcd[0])).startedAt(0);
    assertThat(flux.info(abcd[1])).startedAt(100_000);
    assertThat(flux.info(abcd[2])).startedAt(400_000);
    assertThat(flux.info(abcd[3])).startedAt(500_000);
  }

  /**
   * A(2 cores, 100 s) runs; X (4 cores, 50 s) is the shortest and is reserved at 100; Z (2 cores,
   * 80 s) fits before that and is backfilled at once; Y (2 cores, 1000 s) would delay X and waits.
   */
  @Test
  void backfillsOnlyAroundTheReservation(Instance flux, VirtualClock clock) {
    JobId a = flux.submit(job(2, 100));
    clock.advanceBy(0);
    // in this order every cycle, after any prefix of the submissions, agrees: X reserved at 100,
    // Y (which fits now) held back, Z backfilled
    JobId x = flux.submit(job(4, 50));
    JobId y = flux.submit(job(2, 1000));
    JobId z = flux.submit(job(2, 80));
    clock.runUntilIdle();
    assertThat(flux.info(a)).startedAt(0);
    assertThat(flux.info(z)).startedAt(0).endedAt(80_000);
    assertThat(flux.info(x)).startedAt(100_000).endedAt(150_000);
    assertThat(flux.info(y)).startedAt(150_000);
  }

  @Test
  @WithVirtualCluster(nodes = 4, coresPerNode = 8, queuePolicy = "sjf")
  void randomWorkload_everyJobRuns_andNoCoreIsShared(Instance flux, VirtualClock clock) {
    Random rnd = new Random(11);
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(flux.submit(job(1 + rnd.nextInt(32), 1 + rnd.nextInt(600))));
      clock.advanceBy(rnd.nextInt(60_000));
    }
    clock.runUntilIdle();
    List<JobInfo> infos = ids.stream().map(flux::info).toList();
    assertThatJobs(infos).allCompleted().neverSharedACore();
  }

  private static JobRequest job(int cores, int seconds) {
    return JobRequest.builder()
        .tasks(cores)
        .duration(Duration.ofSeconds(seconds))
        .runtime(Duration.ofSeconds(seconds))
        .build();
  }
}
