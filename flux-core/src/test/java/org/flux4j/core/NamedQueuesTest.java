package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.queue.QueueConfig;
import org.flux4j.policy.queue.QueueLimits;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.Queues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 33 named queues in an Instance: routing, limits and required properties. */
class NamedQueuesTest {
  private final VirtualClock clock = new VirtualClock(0);
  private Instance instance;

  @AfterEach
  void close() {
    if (instance != null) {
      instance.close();
    }
  }

  /** 4 nodes of 4 cores; node0 has the property "debug", the others "batch". */
  private Instance start() {
    ResourceGraph g = ClusterBuilder.nodes(4).cores(4).leafRanks().build();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.type(v).equals("node")) {
        g.setProperty(v, g.rank(v) == 0 ? "debug" : "batch", "");
      }
    }
    QueueConfig debug =
        new QueueConfig(
            "debug",
            List.of("debug"),
            new QueueLimits(1, -1, -1, -1, 600),
            "fcfs",
            QueueParams.DEFAULTS);
    QueueConfig batch =
        new QueueConfig("batch", List.of("batch"), QueueLimits.NONE, "easy", QueueParams.DEFAULTS);
    instance =
        Instance.builder(g)
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queues(Queues.named(List.of(debug, batch), "batch"))
            .build();
    return instance;
  }

  private static JobRequest.Builder job(int cores, long seconds) {
    return JobRequest.builder()
        .tasks(cores)
        .duration(Duration.ofSeconds(seconds))
        .runtime(Duration.ofSeconds(seconds));
  }

  private int[] ranksOf(JobId id) {
    return instance.info(id).allocation().orElseThrow().ranks();
  }

  @Test
  void jobs_runOnlyOnTheirQueuesRequiredNodes() {
    start();
    JobId d = instance.submit(job(4, 100).queue("debug").build());
    JobId b = instance.submit(job(12, 100).build()); // default queue: batch
    clock.runUntilIdle();
    assertThat(ranksOf(d)).containsExactly(0);
    assertThat(ranksOf(b)).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(instance.info(d).result()).contains(JobResult.COMPLETED);
    assertThat(instance.info(b).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void debugJobs_waitForTheDebugNodeEvenWhenOthersAreFree() {
    start();
    JobId d1 = instance.submit(job(4, 100).queue("debug").build());
    JobId d2 = instance.submit(job(1, 100).queue("debug").build());
    clock.runUntilIdle();
    assertThat(instance.info(d2).eventlog().stream().filter(e -> e.name().equals("alloc")))
        .first()
        .extracting(JobEvent::timestamp)
        .isEqualTo(100_000L);
    assertThat(ranksOf(d1)).containsExactly(0);
    assertThat(ranksOf(d2)).containsExactly(0);
  }

  @Test
  void submit_unknownQueueOrOverLimits_isRefusedAndChangesNothing() {
    start();
    assertThatThrownBy(() -> instance.submit(job(1, 10).queue("gpu").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue 'gpu' does not exist (queues: debug, batch)");
    assertThatThrownBy(() -> instance.submit(job(1, 10).nodes(2).tasks(2).queue("debug").build()))
        .hasMessage("queue 'debug': requested nodes (2) exceeds the limit of 1");
    assertThatThrownBy(() -> instance.submit(job(1, 3600).queue("debug").build()))
        .hasMessage("queue 'debug': requested duration (3600s) exceeds the limit of 600s");
    assertThat(instance.jobs()).isEmpty();
  }
}
