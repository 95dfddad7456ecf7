package org.flux4j.testing;

import static org.flux4j.testing.FluxAssertions.assertThat;
import static org.flux4j.testing.FluxAssertions.assertThatJobs;

import java.time.Duration;
import java.util.List;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.junit.jupiter.api.Test;

// The README's test-author example, as written there (keep the two the same).
@WithVirtualCluster(nodes = 2, coresPerNode = 4, queuePolicy = "easy")
class ReadmeExampleTest {
  @Test
  void theSecondJobWaitsForTheFirst(Instance flux, VirtualClock clock) {
    JobRequest whole = JobRequest.builder().tasks(8).runtime(Duration.ofMinutes(5)).build();
    JobRequest half = JobRequest.builder().tasks(4).runtime(Duration.ofMinutes(1)).build();
    JobId a = flux.submit(whole);
    JobId b = flux.submit(half);
    clock.runUntilIdle(); // six minutes of virtual time, at once
    assertThat(flux.info(a)).isCompleted().ranOnRanks(0, 1).ranBefore(flux.info(b));
    assertThat(flux.info(b)).isCompleted().startedAt(300_000);
    assertThatJobs(List.of(flux.info(a), flux.info(b))).neverSharedACore();
  }
}
