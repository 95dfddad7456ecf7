package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.policy.jobspec.Jobspec;
import org.junit.jupiter.api.Test;

class JobspecRequestTest {
  private static final String SPEC =
      String.join(
          "\n",
          "version: 1",
          "resources:",
          "  - type: node",
          "    count: 2",
          "    exclusive: true",
          "    with:",
          "      - type: slot",
          "        count: 1",
          "        label: task",
          "        with:",
          "          - type: core",
          "            count: 2",
          "tasks:",
          "  - command: [\"hostname\"]",
          "    slot: task",
          "    count:",
          "      per_slot: 2",
          "attributes:",
          "  system:",
          "    duration: 30",
          "    job:",
          "      name: myjob",
          "    environment:",
          "      FOO: bar",
          "");

  /**
   * A simulated instance of {@code nodes} nodes of {@code cores} cores, driven by {@code clock}.
   */
  private static Instance simulated(int nodes, int cores, String matchPolicy, VirtualClock clock) {
    return Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).leafRanks().build())
        .matchPolicy(matchPolicy)
        .clock(clock)
        .executor(new SimulatedExecutor())
        .build();
  }

  @Test
  void builderFromJobspec_takesShapeCommandAndAttributes() {
    JobRequest r = JobRequest.builder(Jobspec.parse(SPEC, "spec.yaml")).build();
    assertThat(r.nodes()).isEqualTo(2);
    assertThat(r.slots()).isEqualTo(2);
    assertThat(r.coresPerSlot()).isEqualTo(2);
    assertThat(r.tasksPerSlot()).isEqualTo(2);
    assertThat(r.taskCount()).isEqualTo(4);
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.name()).isEqualTo("myjob");
    assertThat(r.command()).containsExactly("hostname");
    assertThat(r.environment()).containsEntry("FOO", "bar");
    assertThat(r.jobspec()).isPresent();
  }

  @Test
  void jobspecJob_isMatchedOnTheGraph_andRunsItsTasks() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance in = simulated(3, 4, "low", clock)) {
      JobId id =
          in.submit(
              JobRequest.builder(Jobspec.parse(SPEC, "spec.yaml"))
                  .runtime(Duration.ofSeconds(100))
                  .build());
      JobId other =
          in.submit(JobRequest.builder().tasks(4).runtime(Duration.ofSeconds(100)).build());
      clock.advanceBy(1);
      Allocation a = in.info(id).allocation().orElseThrow();
      assertThat(a.ranks()).containsExactly(0, 1);
      assertThat(a.slots()).hasSize(2);
      assertThat(a.slots().get(0).cores()).containsExactly(0, 1);
      assertThat(in.info(other).allocation().orElseThrow().ranks()).containsExactly(2);
      assertThat(in.resourceCounts().get()[0]).isZero();
      clock.runUntilIdle();
      JobInfo info = in.info(id);
      assertThat(info.result()).contains(JobResult.TIMEOUT);
      assertThat(info.eventlog().get(info.eventlog().size() - 1).timestamp()).isEqualTo(30_000);
      assertThat(in.resourceCounts().get()[0]).isEqualTo(12);
    }
  }

  @Test
  void countingModel_runsTheSameLifecycle() throws Exception {
    VirtualClock clock = new VirtualClock();
    try (Instance in = simulated(2, 2, "counting", clock)) {
      JobId a =
          in.submit(JobRequest.builder().nodes(2).tasks(2).runtime(Duration.ofSeconds(5)).build());
      JobId b = in.submit(JobRequest.builder().runtime(Duration.ofSeconds(5)).build());
      clock.runUntilIdle();
      assertThat(in.info(a).result()).contains(JobResult.COMPLETED);
      assertThat(in.info(b).eventlog().get(4).timestamp()).isEqualTo(5_000);
      assertThat(in.resourceCounts().get()[0]).isEqualTo(4);
    }
  }
}
