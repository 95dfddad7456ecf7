package org.flux4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SchedBenchTest {

  private static String run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      rc = new CommandLine(new SchedBench()).execute(args);
    } finally {
      System.setOut(saved);
    }
    assertThat(rc).isZero();
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void schedbench_isRegisteredInTheLauncher() {
    assertThat(new CommandLine(Flux4j.class).getSubcommands()).containsKey("schedbench");
  }

  @Test
  void schedbench_json_reportsJobsSecondsAndRate() {
    for (String executor : new String[] {"inprocess", "simulated"}) {
      for (String policy : new String[] {"first", "counting"}) {
        String out =
            run(
                "--nodes",
                "2",
                "--cores-per-node",
                "4",
                "--jobs",
                "300",
                "--executor",
                executor,
                "--match-policy",
                policy,
                "--json");
        assertThat(out.strip())
            .startsWith("{\"jobs\":300,\"completed\":300,")
            .contains("\"seconds\":")
            .contains("\"jobs_per_second\":")
            .contains("\"executor\":\"" + executor + "\"")
            .endsWith("}");
      }
    }
  }
}
