package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flux4j.core.Instance;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.core.sim.TraceCleaning.ProcsMode;
import org.flux4j.fixtures.SharedData;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Through the real Instance (job manager, graph pool, simulated executor, virtual clock): the
 * backfilling policies that repeat unchanged cycles give, job for job, the start time, end, final
 * state and exact vertices of the same policies recomputing every reservation in every cycle
 * ("-full" below). Seeded random workloads, and the shared traces where ../shared exists.
 */
class RepeatedCycleReplayTest {
  private static final List<String> POLICIES = List.of("easy", "hybrid", "conservative");

  @BeforeAll
  static void registerFullRecomputeVariants() {
    for (String p : POLICIES) {
      QueuePolicies.register(
          p + "-full",
          params -> ((BackfillPolicy) QueuePolicies.require(p, params)).withFullRecompute());
    }
  }

  /** One line per job: id, start, end, state and the allocation's vertices. */
  static List<String> schedule(
      String policy, List<ReplayJob> jobs, long nodes, long cores, boolean byNode, int resDepth) {
    VirtualClock clock = new VirtualClock(0);
    List<String> out = new ArrayList<>();
    try (Instance instance =
        Instance.builder(TraceReplay.machine(nodes, cores))
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queuePolicy(policy)
            .queueParams(
                QueueParams.DEFAULTS.withQueueDepth(1_000_000).withReservationDepth(resDepth))
            .matchPolicy("first")
            .build()) {
      List<JobId> ids = new ArrayList<>();
      for (ReplayJob j : jobs) {
        clock.advanceTo(j.submit() * 1000);
        JobRequest.Builder b =
            JobRequest.builder()
                .name("job" + j.id())
                .duration(Duration.ofSeconds(j.requestedTime()))
                .runtime(Duration.ofSeconds(j.runTime()));
        if (byNode) {
          b.nodes((int) j.nodes()).tasks((int) j.nodes());
        } else {
          b.tasks((int) j.procs());
        }
        ids.add(instance.submit(b.build()));
      }
      clock.runUntilIdle();
      for (int i = 0; i < ids.size(); i++) {
        JobInfo info = instance.info(ids.get(i));
        long start = -1;
        long end = -1;
        for (var e : instance.eventlog(ids.get(i))) {
          if (e.name().equals("alloc")) {
            start = e.timestamp();
          } else if (e.name().equals("finish")) {
            end = e.timestamp();
          }
        }
        out.add(
            jobs.get(i).id()
                + " start "
                + start
                + " end "
                + end
                + " "
                + info.result().map(Enum::name).orElse(info.state().name())
                + " on "
                + info.allocation().map(a -> Arrays.toString(a.vertices())).orElse("-"));
      }
    }
    return out;
  }

  static List<ReplayJob> randomJobs(long seed, int n, long nodes, long cores) {
    SplittableRandom r = new SplittableRandom(seed);
    List<ReplayJob> jobs = new ArrayList<>();
    long t = 0;
    for (int i = 1; i <= n; i++) {
      t += r.nextInt(3) == 0 ? 0 : r.nextInt(1, 60);
      long requested = 10L + r.nextInt(600);
      long run = r.nextInt(3) == 0 ? requested : r.nextLong(requested + 1);
      long procs = 1 + r.nextLong(nodes * cores / 2);
      long wholeNodes = 1 + r.nextLong(nodes / 2);
      jobs.add(new ReplayJob(i, t, run, requested, procs, wholeNodes, i));
    }
    return jobs;
  }

  @ParameterizedTest(name = "{0} seed {1} byNode {2}")
  @CsvSource({
    "hybrid, 1, false",
    "hybrid, 2, true",
    "hybrid, 3, false",
    "hybrid, 4, true",
    "conservative, 5, false",
    "conservative, 6, true",
    "conservative, 7, false",
    "easy, 8, false",
    "easy, 9, true"
  })
  void randomWorkload_sameScheduleAsFullRecompute(String policy, long seed, boolean byNode) {
    List<ReplayJob> jobs = randomJobs(seed, 300, 8, 4);
    assertThat(schedule(policy, jobs, 8, 4, byNode, 4))
        .as("seed %d", seed)
        .isEqualTo(schedule(policy + "-full", jobs, 8, 4, byNode, 4));
  }

  @Test
  void hypeTest_sameScheduleAsFullRecompute() {
    Path traces = SharedData.find("traces").orElse(null);
    assumeTrue(traces != null, "../shared/traces not found: trace equivalence skipped");
    List<ReplayJob> jobs =
        new TraceCleaning(ProcsMode.ALLOCATED, false, true, 154, 16)
            .clean(SwfReader.read(traces.resolve("hype-test.swf"), true).jobs())
            .jobs();
    for (String p : POLICIES) {
      assertThat(schedule(p, jobs, 154, 16, true, 64))
          .as(p)
          .isEqualTo(schedule(p + "-full", jobs, 154, 16, true, 64));
    }
  }

  @Test
  void lublinAndHpc2nWindows_sameScheduleAsFullRecompute() {
    Path traces = SharedData.find("traces").orElse(null);
    assumeTrue(traces != null, "../shared/traces not found: trace equivalence skipped");
    List<ReplayJob> lublin =
        TraceCleaning.window(
            new TraceCleaning(ProcsMode.MAX, true, true, 256, 1)
                .clean(SwfReader.read(traces.resolve("lublin_256.swf"), true).jobs())
                .jobs(),
            1982,
            400);
    List<ReplayJob> hpc2n =
        TraceCleaning.window(
            new TraceCleaning(ProcsMode.ALLOCATED, false, true, 240, 2)
                .clean(SwfReader.read(traces.resolve("HPC2N-2002-2.1-cln.swf.gz"), true).jobs())
                .jobs(),
            5271,
            600);
    for (String p : POLICIES) {
      assertThat(schedule(p, lublin, 256, 1, true, 64))
          .as("lublin " + p)
          .isEqualTo(schedule(p + "-full", lublin, 256, 1, true, 64));
      assertThat(schedule(p, hpc2n, 240, 2, false, 64))
          .as("hpc2n " + p)
          .isEqualTo(schedule(p + "-full", hpc2n, 240, 2, false, 64));
    }
  }
}
