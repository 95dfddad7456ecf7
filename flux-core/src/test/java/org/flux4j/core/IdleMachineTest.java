package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private static final Jobspec TWO_NODES_18_CORES_1_GPU =
      Jobspec.builder().node(2, n -> n.slot(1, s -> s.core(18).gpu(1))).duration(3600).build();

  private final VirtualClock clock = new VirtualClock(1_000_000);
  private Instance instance;

  private Instance start(String matchPolicy, String queuePolicy) {
    return start(matchPolicy, queuePolicy, "");
  }

  private Instance start(String matchPolicy, String queuePolicy, String queueParams) {
    instance =
        Instance.builder(VirtualClusters.medium())
            .matchPolicy(matchPolicy)
            .queuePolicy(queuePolicy)
            .queueParams(queueParams)
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build();
    return instance;
  }

  /** Submits the request and runs the instance until nothing more happens. */
  private JobInfo run(JobRequest.Builder request) {
    JobId id = instance.submit(request.build());
    clock.runUntilIdle();
    return instance.info(id);
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

  private void assertRanOnTwoNodes(JobInfo info) {
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
    assertRanOnTwoNodes(
        run(JobRequest.builder(TWO_NODES_18_CORES_1_GPU).runtime(Duration.ofSeconds(60))));
  }

  @ParameterizedTest
  @CsvSource({"first, easy", "low, fcfs", "high, conservative"})
  void sharedNodesOf18CoresAnd1Gpu_fromTheBuilder_isAllocated(
      String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy);
    assertRanOnTwoNodes(
        run(
            JobRequest.builder()
                .nodes(2)
                .tasks(2)
                .coresPerTask(18)
                .gpusPerTask(1)
                .exclusive(false)
                .runtime(Duration.ofSeconds(60))));
  }

  @Test
  void slotsOfASocketEach_fillEverySocket_andTheNextJobWaitsForOne() {
    start("first", "easy", "queue-depth=128");
    JobRequest r =
        JobRequest.builder(TWO_NODES_18_CORES_1_GPU).runtime(Duration.ofSeconds(60)).build();
    // 72 nodes of 2 sockets: 72 jobs of one socket on each of 2 nodes run at once, the 73rd waits
    JobId[] ids = new JobId[73];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = instance.submit(r);
    }
    clock.runUntilIdle();
    for (int i = 0; i < ids.length; i++) {
      JobInfo info = instance.info(ids[i]);
      assertRanOnTwoNodes(info);
      long alloc = info.eventlog().get(info.eventNames().indexOf("alloc")).timestamp();
      assertThat(alloc).as("job %d", i).isEqualTo(i < 72 ? 1_000_000 : 1_060_000);
    }
  }

  @ParameterizedTest
  @CsvSource({"first, fcfs", "first, easy", "low, conservative"})
  void durationBeyondThePlannerHorizon_isPlannedAsUnlimited_andRuns(
      String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy);
    JobInfo info =
        run(
            JobRequest.builder()
                .duration(Duration.ofDays(365L * 200))
                .runtime(Duration.ofSeconds(1)));
    assertThat(info.result()).as(info.eventNames().toString()).contains(JobResult.COMPLETED);
  }

  @Test
  void aJobBusyOnlyBecauseANodeIsDown_staysPendingUntilItIsUp() {
    start("first", "easy");
    instance.setDown(5);
    JobInfo pending = run(JobRequest.builder().nodes(72).tasks(72).runtime(Duration.ofSeconds(1)));
    assertThat(pending.state()).isEqualTo(JobState.SCHED);
    instance.setUp(5);
    clock.runUntilIdle();
    assertThat(instance.info(pending.id()).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void slotWiderThanASocket_isRefusedAtSubmit_sayingTheSlotMatchesAtTheSocket() {
    // as in Fluxion, a slot takes the direct children of the vertex it matches at: on medium the
    // cores sit under sockets of 18, so 36 cores per slot never match although a node has 36
    start("first", "easy");
    JobInfo info = run(JobRequest.builder().nodes(2).tasks(2).coresPerTask(36));
    assertThat(info.eventNames()).containsExactly("submit", "validate", "exception", "clean");
    assertThat(info.error().orElseThrow())
        .startsWith("unsatisfiable request: a slot of core[36] can never be matched")
        .contains("at most core[18] sit directly under one such vertex", "(a socket)")
        .contains("slot -> socket[2] -> core[18]");
  }

  @Test
  void slotOfTwoSockets_getsTheWholeNodesCores() {
    start("first", "easy");
    Jobspec spec =
        Jobspec.builder()
            .node(2, n -> n.slot(1, s -> s.socket(2, k -> k.core(18))))
            .duration(3600)
            .build();
    JobInfo info = run(JobRequest.builder(spec).runtime(Duration.ofSeconds(1)));
    assertThat(info.result()).as(info.eventNames().toString()).contains(JobResult.COMPLETED);
    assertThat(info.allocation().orElseThrow().coreCount()).isEqualTo(72);
  }

  @ParameterizedTest
  @CsvSource({"first, fcfs", "first, easy", "low, conservative"})
  void jobsPastTheQueueDepth_startAtOnce_whenTheyFit(String matchPolicy, String queuePolicy) {
    start(matchPolicy, queuePolicy); // Fluxion's default queue depth: 32 jobs a cycle
    JobRequest oneNode =
        JobRequest.builder().nodes(1).tasks(1).runtime(Duration.ofHours(1)).build();
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(instance.submit(oneNode));
    }
    clock.runUntilIdle();
    for (JobId id : ids) {
      JobInfo info = instance.info(id);
      assertThat(info.result()).contains(JobResult.COMPLETED);
      assertThat(info.eventlog().get(info.eventNames().indexOf("alloc")).timestamp())
          .as(id.toString())
          .isEqualTo(1_000_000);
    }
  }
}
