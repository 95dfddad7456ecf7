package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.Test;

class NestingTest {
  private final VirtualClock clock = new VirtualClock();

  private static JobRequest.Builder job(long seconds) {
    return JobRequest.builder().runtime(Duration.ofSeconds(seconds));
  }

  private static int[] ranksOf(Instance in) {
    var g = in.graph();
    return java.util.stream.IntStream.range(0, g.vertexLimit())
        .filter(v -> g.isLive(v) && g.type(v).equals("node"))
        .map(g::rank)
        .toArray();
  }

  /** A root instance of {@code nodes} nodes of {@code cores} cores, simulated on {@code clock}. */
  private Instance.Builder rootOf(int nodes, int cores) {
    return Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).leafRanks().build())
        .clock(clock)
        .executor(new SimulatedExecutor());
  }

  @Test
  void threeLevels_eachChildSeesExactlyItsAllocation() throws Exception {
    try (Instance root = rootOf(4, 4).name("root").matchPolicy("low").build()) {
      JobId outside = root.submit(job(1000).nodes(1).tasks(1).build());
      Instance.Child c1 = root.spawnChild(JobRequest.builder().nodes(2).tasks(2).build(), b -> {});
      clock.advanceBy(0);
      Instance level1 = c1.instance().get(10, TimeUnit.SECONDS);
      assertThat(level1.parentJob()).contains(c1.jobId());
      assertThat(ranksOf(level1)).containsExactly(1, 2);
      assertThat(level1.resourceCounts().get()[1]).isEqualTo(8);
      assertThat(root.info(outside).allocation().orElseThrow().ranks()).containsExactly(0);

      Instance.Child c2 =
          level1.spawnChild(JobRequest.builder().nodes(1).tasks(1).build(), b -> b.name("level2"));
      clock.advanceBy(0);
      Instance level2 = c2.instance().get(10, TimeUnit.SECONDS);
      assertThat(level2.name()).isEqualTo("level2");
      assertThat(ranksOf(level2)).containsExactly(1);
      assertThat(level2.graph().countByType()).containsEntry("core", 4).containsEntry("node", 1);

      JobId fits = level2.submit(job(10).tasks(4).build());
      JobId tooBig = level2.submit(job(10).tasks(5).build());
      JobId inLevel1 = level1.submit(job(10).tasks(4).build());
      clock.advanceBy(5_000);
      assertThat(level2.info(fits).allocation().orElseThrow().ranks()).containsExactly(1);
      assertThat(level2.info(tooBig).result()).contains(JobResult.FAILED);
      assertThat(level1.info(inLevel1).allocation().orElseThrow().ranks()).containsExactly(2);
      clock.advanceBy(10_000);
      assertThat(level2.info(fits).result()).contains(JobResult.COMPLETED);

      level2.close();
      assertThat(level1.whenInactive(c2.jobId()).get(10, TimeUnit.SECONDS).result())
          .contains(JobResult.COMPLETED);
      level1.close();
      JobInfo top = root.whenInactive(c1.jobId()).get(10, TimeUnit.SECONDS);
      assertThat(top.result()).contains(JobResult.COMPLETED);
      assertThat(top.eventNames()).endsWith("finish", "release", "free", "clean");
      clock.runUntilIdle();
      assertThat(root.info(outside).result()).contains(JobResult.COMPLETED);
      assertThat(root.resourceCounts().get()[0]).isEqualTo(16);
    }
  }

  @Test
  void cancelingTheParentJob_closesTheChild_andCancelsItsJobs() throws Exception {
    try (Instance root = rootOf(2, 2).build()) {
      Instance.Child c = root.spawnChild(JobRequest.builder().nodes(1).tasks(1).build(), b -> {});
      clock.advanceBy(0);
      Instance child = c.instance().get(10, TimeUnit.SECONDS);
      Instance.Child grand = child.spawnChild(JobRequest.builder().tasks(1).build(), b -> {});
      clock.advanceBy(0);
      Instance grandchild = grand.instance().get(10, TimeUnit.SECONDS);
      JobId work = grandchild.submit(job(1000).build());
      clock.advanceBy(10);
      assertThat(grandchild.state(work)).isEqualTo(JobState.RUN);
      root.cancel(c.jobId());
      JobInfo info = root.whenInactive(c.jobId()).get(10, TimeUnit.SECONDS);
      assertThat(info.result()).contains(JobResult.CANCELED);
      assertThat(grandchild.info(work).result()).contains(JobResult.CANCELED);
      assertThat(child.info(grand.jobId()).result()).contains(JobResult.CANCELED);
      assertThatThrownBy(() -> child.submit(job(1).build()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void unsatisfiableChild_failsItsFuture() {
    try (Instance root = rootOf(1, 2).build()) {
      Instance.Child c = root.spawnChild(JobRequest.builder().nodes(2).tasks(2).build(), b -> {});
      clock.runUntilIdle();
      assertThatThrownBy(() -> c.instance().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("ended before its child started");
    }
  }
}
