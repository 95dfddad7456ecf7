package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.jobspec.Jobspec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On an idle instance a job is either allocated or refused with a reason, never left pending: the
 * medium preset has 2 sockets of 18 cores and 1 GPU per node, so slots of 18 cores and a GPU sit in
 * one socket each, one level below the node that holds the slot.
 */
class IdleMachineTest {
  /** node[2] -> slot[1] -> {core[18], gpu[1]}, nodes shared (flux run -N2 -n2 -c18 -g1). */
  private static final String TWO_NODES_18_CORES_1_GPU =
      String.join(
          "\n",
          "version: 1",
          "resources:",
          "  - type: node",
          "    count: 2",
          "    with:",
          "      - type: slot",
          "        count: 1",
          "        label: task",
          "        with:",
          "          - type: core",
          "            count: 18",
          "          - type: gpu",
          "            count: 1",
          "tasks:",
          "  - command: [\"app\"]",
          "    slot: task",
          "    count:",
          "      per_slot: 1",
          "attributes:",
          "  system:",
          "    duration: 3600",
          "");

  private final VirtualClock clock = new VirtualClock(1_000_000);
  private Instance instance;

  private Instance start(String matchPolicy, String queuePolicy) {
    instance =
        Instance.builder(VirtualClusters.medium())
            .matchPolicy(matchPolicy)
            .queuePolicy(queuePolicy)
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build();
    return instance;
  }

  @AfterEach
  void close() throws Exception {
    if (instance != null) {
      clock.runUntilIdle();
      int[] counts = instance.resourceCounts().get();
      assertThat(counts[0]).as("free cores").isEqualTo(counts[1]);
      instance.close();
      assertThat(instance.activeJobs()).isZero();
    }
  }

  private void assertRanOnTwoNodes(JobId id) {
    JobInfo info = instance.info(id);
    assertThat(info.state()).as(info.eventNames().toString()).isEqualTo(JobState.INACTIVE);
    assertThat(info.result()).contains(JobResult.COMPLETED);
    Allocation a = info.allocation().orElseThrow();
    assertThat(a.nnodes()).isEqualTo(2);
    assertThat(a.coreCount()).isEqualTo(36);
    assertThat(a.gpuCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "first, fcfs",
    "first, easy",
    "low, conservative",
    "high, hybrid",
    "lonode, easy",
    "lonodex, fcfs"
  })
  void nodeSlotOfCoresAndGpu_onIdleMedium_isAllocated(String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy);
    JobId id =
        instance.submit(
            JobRequest.builder(Jobspec.parse(TWO_NODES_18_CORES_1_GPU, "two-nodes.yaml"))
                .runtime(Duration.ofSeconds(60))
                .build());
    clock.runUntilIdle();
    assertRanOnTwoNodes(id);
  }

  @ParameterizedTest
  @CsvSource({"first, easy", "low, fcfs", "high, conservative"})
  void sharedNodesOf18CoresAnd1Gpu_fromTheBuilder_isAllocated(
      String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy);
    JobId id =
        instance.submit(
            JobRequest.builder()
                .nodes(2)
                .tasks(2)
                .coresPerTask(18)
                .gpusPerTask(1)
                .exclusive(false)
                .runtime(Duration.ofSeconds(60))
                .build());
    clock.runUntilIdle();
    assertRanOnTwoNodes(id);
  }

  @Test
  void slotsOfASocketEach_fillEverySocket_andTheNextJobWaitsForOne() {
    instance =
        Instance.builder(VirtualClusters.medium())
            .matchPolicy("first")
            .queuePolicy("easy")
            .queueParams("queue-depth=128")
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build();
    JobRequest r =
        JobRequest.builder(Jobspec.parse(TWO_NODES_18_CORES_1_GPU, "two-nodes.yaml"))
            .runtime(Duration.ofSeconds(60))
            .build();
    // 72 nodes of 2 sockets: 72 jobs of one socket on each of 2 nodes run at once, the 73rd waits
    JobId[] ids = new JobId[73];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = instance.submit(r);
    }
    clock.runUntilIdle();
    for (int i = 0; i < 72; i++) {
      assertThat(allocTime(ids[i])).as("job %d", i).isEqualTo(1_000_000);
    }
    assertThat(allocTime(ids[72])).isEqualTo(1_060_000);
    for (JobId id : ids) {
      assertRanOnTwoNodes(id);
    }
  }

  @ParameterizedTest
  @CsvSource({"first, fcfs", "first, easy", "low, conservative"})
  void durationBeyondThePlannerHorizon_isPlannedAsUnlimited_andRuns(
      String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy);
    JobId id =
        instance.submit(
            JobRequest.builder()
                .duration(Duration.ofDays(365L * 200))
                .runtime(Duration.ofSeconds(1))
                .build());
    clock.runUntilIdle();
    JobInfo info = instance.info(id);
    assertThat(info.result()).as(info.eventNames().toString()).contains(JobResult.COMPLETED);
  }

  @Test
  void aJobBusyOnlyBecauseANodeIsDown_staysPendingUntilItIsUp() {
    start("first", "easy");
    instance.setDown(5);
    JobId id =
        instance.submit(
            JobRequest.builder().nodes(72).tasks(72).runtime(Duration.ofSeconds(1)).build());
    clock.runUntilIdle();
    assertThat(instance.state(id)).isEqualTo(JobState.SCHED);
    instance.setUp(5);
    clock.runUntilIdle();
    assertThat(instance.info(id).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void slotWiderThanASocket_isRefusedAtSubmit_sayingTheSlotMatchesAtTheSocket() {
    // as in Fluxion, a slot takes the direct children of the vertex it matches at: on medium the
    // cores sit under sockets of 18, so 36 cores per slot never match although a node has 36
    start("first", "easy");
    JobId id =
        instance.submit(
            JobRequest.builder()
                .nodes(2)
                .tasks(2)
                .coresPerTask(36)
                .runtime(Duration.ofSeconds(1))
                .build());
    clock.runUntilIdle();
    JobInfo info = instance.info(id);
    assertThat(info.eventNames()).containsExactly("submit", "validate", "exception", "clean");
    assertThat(info.error().orElseThrow())
        .startsWith("unsatisfiable request: a slot of core[36] can never be matched")
        .contains("at most core[18] sit directly under one such vertex", "(a socket)")
        .contains("slot -> socket[2] -> core[18]");
  }

  @Test
  void slotOfTwoSockets_getsTheWholeNodesCores() {
    start("first", "easy");
    String spec =
        TWO_NODES_18_CORES_1_GPU.replace(
            "          - type: core\n            count: 18\n          - type: gpu\n            count: 1",
            "          - type: socket\n            count: 2\n            with:\n"
                + "              - type: core\n                count: 18");
    assertThat(spec).contains("type: socket");
    JobId id =
        instance.submit(
            JobRequest.builder(Jobspec.parse(spec, "sockets.yaml"))
                .runtime(Duration.ofSeconds(1))
                .build());
    clock.runUntilIdle();
    JobInfo info = instance.info(id);
    assertThat(info.result()).as(info.eventNames().toString()).contains(JobResult.COMPLETED);
    assertThat(info.allocation().orElseThrow().coreCount()).isEqualTo(72);
  }

  private long allocTime(JobId id) {
    return instance.eventlog(id).stream()
        .filter(e -> e.name().equals("alloc"))
        .findFirst()
        .orElseThrow()
        .timestamp();
  }
}
