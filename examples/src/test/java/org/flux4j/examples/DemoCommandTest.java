package org.flux4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private final Cli cli = new Cli();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void demo_smallWorkload_runsEveryShapeAndSummarizes() {
    int rc = run("demo", "--jobs", "12", "--time-scale", "0.2", "--quiet");

    String s = cli.out();
    assertThat(rc).as(s + cli.err()).isZero();
    assertThat(s)
        .contains("virtual cluster 'medium' (72 nodes, 2592 cores, 144 GPUs)")
        .contains("queue policy easy")
        .containsPattern("workload: 21 jobs")
        .containsPattern("COMPLETED +18\n")
        .containsPattern("FAILED +1\n")
        .containsPattern("CANCELED +1\n")
        .containsPattern("TIMEOUT +1\n")
        .containsPattern("from a YAML jobspec .* COMPLETED")
        .contains("afterok chain ran in order: yes")
        .containsPattern("child instance batch \\(job ƒ\\w+\\): 4 nodes")
        .containsPattern("6 jobs \\{COMPLETED=6\\}")
        .contains("every job inside the child's allocation: yes")
        .containsPattern("\\{\"timestamp\":[0-9.]+,\"name\":\"alloc\"")
        .contains("demo OK");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void demo_unknownPreset_failsWithUsageStatus() {
    int rc = run("demo", "--preset", "huge");

    assertThat(rc).isEqualTo(2);
    assertThat(cli.err()).contains("no virtual cluster preset 'huge'");
    assertThat(cli.out()).isEmpty();
  }
}
