package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayMetricsTest {
  @Test
  void of_computesPublishedDefinitions() {
    // machine of 4 procs; job a waits 0 and runs 100 on 2; job b waits 50 and runs 5 on 4
    List<JobOutcome> jobs =
        List.of(
            new JobOutcome(1, 0, 0, 100, 2, 1, "COMPLETED"),
            new JobOutcome(2, 50, 100, 105, 4, 1, "COMPLETED"),
            new JobOutcome(3, 60, -1, -1, 1, 1, "CANCELED"));
    ReplayMetrics m = ReplayMetrics.of(jobs, 4);
    assertThat(m.jobs()).isEqualTo(2);
    assertThat(m.avgWait()).isEqualTo(25.0);
    assertThat(m.maxWait()).isEqualTo(50);
    assertThat(m.avgTurnaround()).isEqualTo((100 + 55) / 2.0);
    // bsld: a = max(1, 100/100) = 1; b = (50+5)/max(5,10) = 5.5
    assertThat(m.avgBsld()).isEqualTo(3.25);
    assertThat(m.makespan()).isEqualTo(105);
    assertThat(m.utilization()).isCloseTo((200.0 + 20.0) / (4 * 105.0), within(1e-12));
  }

  @Test
  void of_nothingRan_isAllZero() {
    assertThat(ReplayMetrics.of(List.of(), 8).jobs()).isZero();
  }

  @Test
  void csvRow_matchesHeader() {
    assertThat(ReplayMetrics.csvHeader()).isEqualTo("id,submit,start,end,procs,nodes,state");
    assertThat(ReplayMetrics.csvRow(new JobOutcome(3, 1, 2, 9, 16, 1, "TIMEOUT")))
        .isEqualTo("3,1,2,9,16,1,TIMEOUT");
  }
}
