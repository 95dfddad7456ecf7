package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.flux4j.core.sim.TraceCleaning.ProcsMode;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published figures of ../shared/traces/PUBLISHED-RESULTS.md, reproduced by replaying the
 * shipped traces through the real Instance (skipped when ../shared/traces is absent).
 */
class PublishedResultsTest {
  private static final long[] SEQUENCE_STARTS_LUBLIN = {
    1982, 2757, 4300, 8851, 3317, 2715, 5229, 7763, 4023, 7086
  };
  private static final long[] SEQUENCE_STARTS_HPC2N = {
    5271, 6731, 28528, 86983, 7765, 6683, 55054, 65528, 22163, 62651
  };

  private static Path traces;

  @BeforeAll
  static void locate() {
    traces = SharedData.find("traces").orElse(null);
  }

  /** RLScheduler's loading: procs = max(field 5, field 8), runtime-0 jobs dropped, by node. */
  private static double meanFcfsBsld(String file, long nodes, long[] starts) {
    assumeTrue(traces != null, "../shared/traces not found: published-result checks skipped");
    SwfTrace t = SwfReader.read(traces.resolve(file), true);
    List<ReplayJob> all =
        new TraceCleaning(ProcsMode.MAX, true, true, nodes, 1).clean(t.jobs()).jobs();
    ReplayOptions fcfs =
        new ReplayOptions(nodes, 1, true, false, "fcfs", "first", 1_000_000, 64, false);
    double sum = 0;
    for (long first : starts) {
      List<ReplayJob> window = TraceCleaning.window(all, first, 1024);
      assertThat(window).hasSize(1024);
      sum += new TraceReplay(fcfs).run(window, null, 0, 0).metrics().avgBsld();
    }
    return sum / starts.length;
  }

  @Test
  void lublin1_fcfs_meanBoundedSlowdown_7273_77() {
    assertThat(meanFcfsBsld("lublin_256.swf", 256, SEQUENCE_STARTS_LUBLIN))
        .isCloseTo(7273.77, within(0.005));
  }

  @Test
  void lublin2_fcfs_meanBoundedSlowdown_7842_47() {
    assertThat(meanFcfsBsld("lublin_256_new2", 256, SEQUENCE_STARTS_LUBLIN))
        .isCloseTo(7842.47, within(0.005));
  }

  @Test
  void hpc2n_fcfs_meanBoundedSlowdown_within1PercentOf_297_18() {
    assertThat(meanFcfsBsld("HPC2N-2002-2.1-cln.swf.gz", 240, SEQUENCE_STARTS_HPC2N))
        .isCloseTo(297.18, within(297.18 * 0.01));
  }

  @Test
  void hypeTest_fcfs_startOrderIsSubmissionOrder() {
    assertThat(hypeStartOrder("fcfs"))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
  }

  @Test
  void hypeTest_easy_startOrderIsFluxSchedsOracle() {
    assertThat(hypeStartOrder("easy"))
        .containsExactly(1L, 2L, 3L, 6L, 7L, 8L, 9L, 10L, 11L, 4L, 5L, 12L);
  }

  static List<Long> hypeStartOrder(String policy) {
    assumeTrue(traces != null, "../shared/traces not found: published-result checks skipped");
    SwfTrace t = SwfReader.read(traces.resolve("hype-test.swf"), true);
    List<ReplayJob> jobs =
        new TraceCleaning(ProcsMode.ALLOCATED, false, true, 154, 16).clean(t.jobs()).jobs();
    ReplayResult r =
        new TraceReplay(
                new ReplayOptions(154, 16, true, true, policy, "first", 1_000_000, 64, false))
            .run(jobs, null, 0, 0);
    return r.jobs().stream()
        .sorted(Comparator.comparingLong(JobOutcome::start).thenComparingLong(JobOutcome::id))
        .map(JobOutcome::id)
        .toList();
  }
}
