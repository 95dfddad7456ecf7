package org.flux4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.VirtualClock;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@WithVirtualCluster(nodes = 2, coresPerNode = 4)
class VirtualClusterExtensionTest {
  private static Instance seen;

  @Test
  void classSettings_giveACustomClusterOfTwoNodesOfFourCores(Instance flux, ResourceGraph graph)
      throws Exception {
    assertThat(flux.graph()).isSameAs(graph);
    assertThat(flux.resourceCounts().get()).containsExactly(8, 8, 0);
    assertThat(flux.queuePolicy()).isEqualTo("fcfs");
  }

  @Test
  @WithVirtualCluster(preset = "tiny", queuePolicy = "easy", matchPolicy = "lonodex")
  void methodSettings_replaceTheClasss(Instance flux) throws Exception {
    // flux-sched's tiny: 2 nodes of 2 sockets x 18 cores, 1 gpu per socket
    assertThat(flux.resourceCounts().get()).containsExactly(72, 72, 4);
    assertThat(flux.queuePolicy()).isEqualTo("easy");
    assertThat(flux.matchPolicy()).isEqualTo("lonodex");
  }

  @Test
  void clockAndInstance_belongTogether_andJobsRunInVirtualTime(Instance flux, VirtualClock clock) {
    JobId a = flux.submit(job(4, 60).build());
    JobId b = flux.submit(job(8, 30).dependency("afterok:" + a).build());
    clock.runUntilIdle();
    assertThat(clock.millis()).isEqualTo(90_000);
    assertThat(flux.info(a)).isCompleted().startedAt(0).endedAt(60_000).ranBefore(flux.info(b));
    assertThat(flux.info(b)).hasState(JobState.INACTIVE).ranOnRanks(0, 1);
    assertThat(flux.info(b)).allocation().hasRanks(1, 0).spansNodes(2).hasCores(8).hasGpus(0);
  }

  @Test
  void neverSharedACore_holdsOnARandomWorkload_andOverlapsWait(Instance flux, VirtualClock clock) {
    Random rnd = new Random(7);
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(flux.submit(job(1 + rnd.nextInt(8), 1 + rnd.nextInt(100)).build()));
      clock.advanceBy(rnd.nextInt(20_000));
    }
    clock.runUntilIdle();
    List<JobInfo> infos = ids.stream().map(flux::info).toList();
    assertThatJobs(infos).allCompleted().neverSharedACore();
    // an independent check of the assertion itself: the core-time used is at most 8 cores x span
    long used = 0;
    for (JobInfo j : infos) {
      used += (long) j.allocation().orElseThrow().coreCount() * (end(j) - start(j));
    }
    assertThat(used).isLessThanOrEqualTo(8L * clock.millis());
  }

  @Test
  void assertions_failWithTheirReason(Instance flux, VirtualClock clock) {
    JobId a = flux.submit(job(8, 10).build());
    JobId b = flux.submit(job(8, 10).build());
    clock.runUntilIdle();
    JobInfo ia = flux.info(a);
    JobInfo ib = flux.info(b);
    assertThatThrownBy(() -> assertThat(ib).ranBefore(ia))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to run before job " + ia.id());
    assertThatThrownBy(() -> assertThat(ia).hasResult(JobResult.FAILED))
        .hasMessageContaining("to end FAILED but its result is COMPLETED");
    assertThatThrownBy(() -> assertThat(ia).ranOnRanks(0)).hasMessageContaining("ran on [0, 1]");
    // the same allocations moved in time so that they overlap: the assertion must catch it
    JobInfo shifted = shift(ib, -5_000);
    assertThatThrownBy(() -> assertThatJobs(List.of(ia, shifted)).neverSharedACore())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("both held core");
    assertThatJobs(List.of(ia, ib)).neverSharedACore();
  }

  /** Two tests in order: the first leaves a job running, the second finds its instance closed. */
  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class AfterTheTest {
    @Test
    @Order(1)
    @WithVirtualCluster(nodes = 1, coresPerNode = 2)
    void leavesAJobRunning(Instance flux, VirtualClock clock) {
      seen = flux;
      JobId id = flux.submit(job(2, 3600).build());
      clock.advanceBy(1000);
      assertThat(flux.state(id)).isEqualTo(JobState.RUN);
    }

    @Test
    @Order(2)
    void theInstanceWasClosed_andItsJobCanceled() {
      assertThat(seen).isNotNull();
      assertThat(seen.activeJobs()).isZero();
      assertThat(seen.info(seen.jobs().get(0))).hasResult(JobResult.CANCELED);
      assertThatThrownBy(() -> seen.submit(job(1, 1).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  @Test
  void badCustomCluster_isRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> VirtualClusterExtension.customCluster(0, 4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodes=0");
  }

  private static JobRequest.Builder job(int cores, int seconds) {
    return JobRequest.builder().tasks(cores).runtime(Duration.ofSeconds(seconds));
  }

  private static long start(JobInfo j) {
    return JobTimes.allocated(j).orElseThrow();
  }

  private static long end(JobInfo j) {
    return JobTimes.freed(j);
  }

  private static JobInfo shift(JobInfo j, long by) {
    return new JobInfo(
        j.id(),
        j.name(),
        j.state(),
        j.result(),
        j.urgency(),
        j.priority(),
        j.submitTime(),
        j.eventlog().stream()
            .map(e -> new org.flux4j.core.JobEvent(e.timestamp() + by, e.name(), e.context()))
            .toList(),
        j.allocation(),
        j.error(),
        j.outputs(),
        j.annotations());
  }
}
