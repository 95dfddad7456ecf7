package org.flux4j.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlurmNodeStatesTest {
  @Test
  void parse_oneLinePerNode() {
    String out =
        "NodeName=n1 Arch=x86_64 CoresPerSocket=1 CPUAlloc=2 State=ALLOCATED ThreadsPerCore=1\n"
            + "NodeName=n2 Arch=x86_64 CPUAlloc=2 State=ALLOCATED+NOT_RESPONDING Partitions=debug\n"
            + "NodeName=n3 State=DOWN+NOT_RESPONDING Reason=Not responding [slurm@2026]\n";
    assertThat(SlurmNodeStates.parse(out))
        .containsExactly(
            java.util.Map.entry("n1", "ALLOCATED"),
            java.util.Map.entry("n2", "ALLOCATED+NOT_RESPONDING"),
            java.util.Map.entry("n3", "DOWN+NOT_RESPONDING"));
  }

  @Test
  void isLost_downNotRespondingOrFail_notDrain() {
    assertThat(SlurmNodeStates.isLost("DOWN")).isTrue();
    assertThat(SlurmNodeStates.isLost("ALLOCATED+NOT_RESPONDING")).isTrue();
    assertThat(SlurmNodeStates.isLost("IDLE+FAIL")).isTrue();
    assertThat(SlurmNodeStates.isLost("idle*")).isTrue();
    assertThat(SlurmNodeStates.isLost("MIXED")).isFalse();
    assertThat(SlurmNodeStates.isLost("ALLOCATED+DRAIN")).isFalse();
    assertThat(SlurmNodeStates.isLost("IDLE+COMPLETING")).isFalse();
  }
}
