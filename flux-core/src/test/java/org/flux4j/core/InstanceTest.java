package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceTest {
  private static final List<String> FULL_LIFE = EventNames.ran(0);

  private final VirtualClock clock = new VirtualClock(1_000_000);
  private Instance instance;

  private Instance start(int nodes, int cores, int gpus) {
    return start(nodes, cores, gpus, "low");
  }

  private Instance start(int nodes, int cores, int gpus, String matchPolicy) {
    instance =
        Instance.builder(ClusterBuilder.nodes(nodes).cores(cores).gpus(gpus).leafRanks().build())
            .matchPolicy(matchPolicy)
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build();
    return instance;
  }

  @AfterEach
  void close() {
    if (instance != null) {
      instance.close();
      assertThat(instance.activeJobs()).isZero();
    }
  }

  private static JobRequest.Builder job(long seconds) {
    return JobRequest.builder().runtime(Duration.ofSeconds(seconds));
  }

  private void assertNoLeak() throws Exception {
    clock.runUntilIdle();
    int[] counts = instance.resourceCounts().get();
    assertThat(counts[0]).as("free cores").isEqualTo(counts[1]);
  }

  @Test
  void lifecycle_simpleJob_logsEveryRfc21EventInOrder() throws Exception {
    start(1, 4, 0);
    List<String> seen = new ArrayList<>();
    instance.addListener((id, e, s) -> seen.add(e.name() + ":" + s));
    JobId id = instance.submit(job(10).build());
    clock.runUntilIdle();
    JobInfo info = instance.info(id);
    assertThat(info.eventNames()).isEqualTo(FULL_LIFE);
    assertThat(info.state()).isEqualTo(JobState.INACTIVE);
    assertThat(info.result()).contains(JobResult.COMPLETED);
    assertThat(seen)
        .containsExactly(
            "submit:NEW",
            "validate:DEPEND",
            "depend:PRIORITY",
            "priority:SCHED",
            "alloc:RUN",
            "start:RUN",
            "finish:CLEANUP",
            "release:CLEANUP",
            "free:CLEANUP",
            "clean:INACTIVE");
    List<JobEvent> log = info.eventlog();
    assertThat(log.get(0).context())
        .containsEntry("urgency", 16)
        .containsEntry("userid", 0)
        .containsEntry("flags", 0)
        .containsEntry("version", 1);
    assertThat(log.get(0).timestamp()).isEqualTo(1_000_000);
    assertThat(log.get(3).context()).containsEntry("priority", 16L);
    assertThat(log.get(6).timestamp()).isEqualTo(1_010_000);
    assertThat(log.get(6).context()).containsEntry("status", 0);
    assertThat(log.get(7).toJson())
        .isEqualTo(
            "{\"timestamp\":1010.0,\"name\":\"release\",\"context\":{\"ranks\":\"all\",\"final\":true}}");
    assertThat(info.allocation().orElseThrow().coreCount()).isEqualTo(1);
    assertThat(instance.whenInactive(id).get().result()).contains(JobResult.COMPLETED);
    assertNoLeak();
  }

  @Test
  void fcfs_headBlocksSmallerJobsBehindIt() throws Exception {
    start(2, 2, 0);
    JobId a = instance.submit(job(10).tasks(3).build());
    JobId big = instance.submit(job(10).tasks(4).build());
    JobId small = instance.submit(job(5).build());
    clock.runUntilIdle();
    assertThat(allocTime(a)).isEqualTo(1_000_000);
    assertThat(allocTime(big)).isEqualTo(1_010_000);
    assertThat(allocTime(small)).isEqualTo(1_020_000);
    assertNoLeak();
  }

  private long allocTime(JobId id) {
    return instance.eventlog(id).stream()
        .filter(e -> e.name().equals("alloc"))
        .findFirst()
        .orElseThrow()
        .timestamp();
  }

  @Test
  void duration_expires_tasksKilled_resultTimeout() throws Exception {
    start(1, 1, 0);
    JobId id = instance.submit(job(100).duration(Duration.ofSeconds(10)).build());
    JobId next = instance.submit(job(1).build());
    clock.runUntilIdle();
    JobInfo info = instance.info(id);
    assertThat(info.result()).contains(JobResult.TIMEOUT);
    assertThat(info.eventNames()).containsExactlyElementsOf(EventNames.ran(1));
    JobEvent ex = info.eventlog().get(6);
    assertThat(ex.timestamp()).isEqualTo(1_010_000);
    assertThat(ex.context())
        .containsEntry("type", "timeout")
        .containsEntry("severity", 0)
        .containsEntry("note", "resource allocation expired");
    assertThat(info.eventlog().get(7).context()).containsEntry("status", 15);
    assertThat(allocTime(next)).isEqualTo(1_010_000);
    assertNoLeak();
  }

  @Test
  void unsatisfiable_getsAllocExceptionAtSubmit() throws Exception {
    start(2, 4, 0);
    JobId tooMany = instance.submit(job(1).tasks(9).build());
    JobId tooWide = instance.submit(job(1).nodes(3).tasks(3).build());
    JobId noGpu = instance.submit(job(1).gpusPerTask(1).build());
    clock.runUntilIdle();
    for (JobId id : List.of(tooMany, tooWide, noGpu)) {
      JobInfo info = instance.info(id);
      assertThat(info.eventNames()).containsExactly("submit", "validate", "exception", "clean");
      assertThat(info.eventlog().get(2).context()).containsEntry("type", "alloc");
      assertThat(info.result()).contains(JobResult.FAILED);
      assertThat(info.error().orElseThrow()).startsWith("unsatisfiable");
    }
  }

  @Test
  void unsatisfiable_countingModel_saysHowMuchFits() throws Exception {
    start(2, 4, 0, "counting");
    JobId tooMany = instance.submit(job(1).tasks(9).build());
    clock.runUntilIdle();
    assertThat(instance.info(tooMany).error().orElseThrow())
        .isEqualTo(
            "unsatisfiable request: 9 slot(s) of 1 core(s) requested, the resources hold at most 8");
  }

  @Test
  void cancel_inSched_inRun_andAfterInactive() throws Exception {
    start(1, 1, 0);
    JobId running = instance.submit(job(100).build());
    JobId waiting = instance.submit(job(100).build());
    clock.advanceBy(5_000);
    assertThat(instance.state(running)).isEqualTo(JobState.RUN);
    assertThat(instance.state(waiting)).isEqualTo(JobState.SCHED);
    instance.cancel(waiting, "not needed");
    clock.advanceBy(1_000);
    assertThat(instance.info(waiting).eventNames())
        .containsExactly("submit", "validate", "depend", "priority", "exception", "clean");
    assertThat(instance.info(waiting).result()).contains(JobResult.CANCELED);
    instance.cancel(running);
    clock.runUntilIdle();
    JobInfo r = instance.info(running);
    assertThat(r.result()).contains(JobResult.CANCELED);
    assertThat(r.eventNames())
        .containsSubsequence("start", "exception", "finish", "release", "free", "clean");
    assertThat(r.eventlog().get(r.eventlog().size() - 1).timestamp()).isEqualTo(1_006_000);
    int before = instance.eventlog(running).size();
    instance.cancel(running);
    clock.runUntilIdle();
    assertThat(instance.eventlog(running)).hasSize(before);
    assertNoLeak();
  }

  @Test
  void cancel_inDepend() throws Exception {
    start(1, 1, 0);
    JobId a = instance.submit(job(10).build());
    JobId b = instance.submit(job(10).dependency("afterany:" + a).build());
    clock.advanceBy(1);
    assertThat(instance.state(b)).isEqualTo(JobState.DEPEND);
    instance.cancel(b);
    clock.runUntilIdle();
    assertThat(instance.info(b).eventNames())
        .containsExactly("submit", "validate", "dependency-add", "exception", "clean");
    assertThat(instance.info(b).result()).contains(JobResult.CANCELED);
  }

  @Test
  void nonFatalException_isOnlyLogged() throws Exception {
    start(1, 1, 0);
    JobId a = instance.submit(job(10).build());
    clock.advanceBy(1_000);
    instance.raise(a, "memo", 3, "just a note");
    clock.runUntilIdle();
    JobInfo info = instance.info(a);
    assertThat(info.result()).contains(JobResult.COMPLETED);
    assertThat(info.eventNames()).contains("exception");
    assertThatThrownBy(() -> instance.raise(a, "bad type", 0, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> instance.raise(a, "x", 8, "")).hasMessageContaining("severity");
    assertThatThrownBy(() -> instance.cancel(new JobId(12345))).hasMessageContaining("no job");
  }

  @Test
  void urgency_holdAndExpedite_orderTheQueue() throws Exception {
    start(1, 1, 0);
    JobId first = instance.submit(job(10).build());
    clock.advanceBy(0); // let the loop place it before the others arrive
    JobId normal = instance.submit(job(10).build());
    JobId held = instance.submit(job(10).urgency(0).build());
    JobId expedited = instance.submit(job(10).urgency(31).build());
    clock.advanceTo(1_035_000);
    assertThat(allocTime(first)).isEqualTo(1_000_000);
    assertThat(allocTime(expedited)).isEqualTo(1_010_000);
    assertThat(allocTime(normal)).isEqualTo(1_020_000);
    assertThat(instance.state(held)).isEqualTo(JobState.SCHED);
    assertThat(instance.info(held).priority()).isZero();
    assertThat(instance.info(expedited).priority()).isEqualTo(PriorityPlugin.MAX);
    instance.setUrgency(held, 20);
    clock.runUntilIdle();
    JobInfo h = instance.info(held);
    assertThat(h.result()).contains(JobResult.COMPLETED);
    assertThat(h.eventNames()).containsSubsequence("priority", "urgency", "priority", "alloc");
    assertThat(allocTime(held)).isEqualTo(1_035_000);
    assertThat(h.priority()).isEqualTo(20);
    assertThatThrownBy(() -> instance.setUrgency(held, 32)).hasMessageContaining("0 to 31");
  }

  @Test
  void priorityPlugin_isConsulted() throws Exception {
    instance =
        Instance.builder(ClusterBuilder.nodes(1).cores(1).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .priorityPlugin((id, urgency, submit) -> 100 - urgency)
            .build();
    JobId a = instance.submit(job(10).build());
    clock.advanceBy(0);
    JobId lowUrgency = instance.submit(job(10).urgency(2).build());
    JobId highUrgency = instance.submit(job(10).urgency(20).build());
    clock.runUntilIdle();
    assertThat(allocTime(a)).isEqualTo(1_000_000);
    assertThat(allocTime(lowUrgency)).isEqualTo(1_010_000);
    assertThat(allocTime(highUrgency)).isEqualTo(1_020_000);
    assertThat(instance.info(lowUrgency).priority()).isEqualTo(98);
  }

  @Test
  void drain_keepsNewJobsOff_untilUndrained() throws Exception {
    start(2, 2, 0);
    instance.drain(0);
    JobId a = instance.submit(job(10).build());
    JobId both = instance.submit(job(10).nodes(2).tasks(2).build());
    clock.advanceBy(20_000);
    assertThat(instance.info(a).allocation().orElseThrow().ranks()).containsExactly(1);
    assertThat(instance.state(both)).isEqualTo(JobState.SCHED);
    instance.undrain(0);
    clock.runUntilIdle();
    assertThat(allocTime(both)).isEqualTo(1_020_000);
    assertThat(instance.info(both).allocation().orElseThrow().ranks()).containsExactly(0, 1);
    assertThatThrownBy(() -> instance.drain(7)).hasMessageContaining("rank 7");
    assertNoLeak();
  }

  @Test
  void down_failsRunningJobsThere() throws Exception {
    start(2, 1, 0);
    JobId a = instance.submit(job(100).build());
    JobId b = instance.submit(job(100).build());
    clock.advanceBy(1_000);
    instance.setDown(1);
    clock.advanceBy(1_000);
    assertThat(instance.info(b).result()).contains(JobResult.FAILED);
    assertThat(instance.info(b).error()).hasValue("execution target rank 1 went down");
    JobId c = instance.submit(job(1).build());
    clock.advanceBy(1_000);
    assertThat(instance.state(c)).isEqualTo(JobState.SCHED);
    instance.setUp(1);
    clock.advanceBy(1_000);
    assertThat(instance.state(c)).isEqualTo(JobState.INACTIVE);
    assertThat(instance.state(a)).isEqualTo(JobState.RUN);
  }

  @Test
  void nodesRequest_isExclusive_andSpreadsSlots() throws Exception {
    start(3, 4, 2);
    JobId a = instance.submit(job(10).nodes(2).tasks(4).gpusPerTask(1).build());
    JobId b = instance.submit(job(10).build());
    clock.advanceBy(1);
    Allocation al = instance.info(a).allocation().orElseThrow();
    assertThat(al.ranks()).containsExactly(0, 1);
    assertThat(al.slots()).hasSize(4);
    assertThat(al.slots()).extracting(Allocation.Slot::rank).containsExactly(0, 0, 1, 1);
    assertThat(al.slots().get(0).gpus()).containsExactly(0);
    assertThat(al.slots().get(1).gpus()).containsExactly(1);
    assertThat(al.slots().get(1).cores()).containsExactly(1);
    assertThat(instance.info(b).allocation().orElseThrow().ranks()).containsExactly(2);
    int[] counts = instance.resourceCounts().get();
    assertThat(counts[0]).isEqualTo(12 - 8 - 1);
    assertThat(counts[2]).isEqualTo(6 - 4);
    assertNoLeak();
    assertThatThrownBy(() -> job(1).nodes(2).tasks(3).build()).hasMessageContaining("multiple");
  }

  @Test
  void builder_rejectsUnknownPolicies() {
    var b = Instance.builder(ClusterBuilder.nodes(1).cores(1).leafRanks().build());
    assertThatThrownBy(() -> b.matchPolicy("best")).hasMessageContaining("unknown match policy");
    assertThatThrownBy(() -> b.matchPolicy("policy=high stable_ties=maybe"))
        .hasMessageContaining("unknown match policy 'policy=high stable_ties=maybe'")
        .hasMessageContaining("stable_ties requires true or false");
    assertThatThrownBy(() -> b.queuePolicy("lifo")).hasMessageContaining("unknown queue policy");
  }

  @Test
  void customMatchPolicyString_schedulesJobs() throws Exception {
    start(2, 4, 0, "policy=high stable_ties=true");
    assertThat(instance.matchPolicy()).isEqualTo("policy=high stable_ties=true");
    List<JobId> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(instance.submit(job(10).tasks(3).build()));
    }
    clock.runUntilIdle();
    // two jobs of 3 cores fit at once on 8 cores; the third waits for one to end
    assertThat(allocTime(ids.get(0))).isEqualTo(1_000_000);
    assertThat(allocTime(ids.get(1))).isEqualTo(1_000_000);
    assertThat(allocTime(ids.get(2))).isEqualTo(1_010_000);
    assertNoLeak();
  }

  @Test
  void close_cancelsActiveJobs_andRefusesSubmissions() throws Exception {
    start(1, 1, 0);
    JobId a = instance.submit(job(100).build());
    JobId b = instance.submit(job(100).build());
    clock.advanceBy(1);
    instance.close();
    assertThat(instance.info(a).result()).contains(JobResult.CANCELED);
    assertThat(instance.info(b).result()).contains(JobResult.CANCELED);
    assertThatThrownBy(() -> instance.submit(job(1).build()))
        .isInstanceOf(IllegalStateException.class);
  }
}
