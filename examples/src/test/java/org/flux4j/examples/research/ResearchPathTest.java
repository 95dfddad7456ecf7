package org.flux4j.examples.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.flux4j.examples.Flux4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The researcher's path end to end, as the README shows it: {@code flux4j replay TRACE
 * --queue-policy easy,conservative,sjf --plot F} on a trace window prints a row per policy and
 * draws them, and each row is the replay of that policy alone.
 */
class ResearchPathTest {
  private String out = "";
  private String err = "";

  private int run(String... args) {
    PrintStream o = System.out;
    PrintStream e = System.err;
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    ByteArrayOutputStream be = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
      return new CommandLine(Flux4j.class).execute(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
      out = bo.toString(StandardCharsets.UTF_8);
      err = be.toString(StandardCharsets.UTF_8);
    }
  }

  /** {@code flux4j replay SWF WINDOW --count=250 MORE...}. */
  private int replayWindow(Path swf, String window, String... more) {
    List<String> args = new ArrayList<>(List.of("replay", swf.toString(), window, "--count=250"));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  /** A seeded SWF trace of 16 nodes x 4 cores: bursts of long wide jobs and short narrow ones. */
  private static Path trace(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("; MaxNodes: 16\n; MaxProcs: 64\n");
    Random rnd = new Random(3);
    long t = 0;
    for (int i = 1; i <= 300; i++) {
      t += rnd.nextInt(120);
      boolean wide = rnd.nextInt(4) == 0;
      int procs = wide ? 16 + rnd.nextInt(48) : 1 + rnd.nextInt(8);
      int req = wide ? 1800 + rnd.nextInt(3600) : 60 + rnd.nextInt(900);
      int run = 1 + rnd.nextInt(req);
      sb.append(
          String.format(
              Locale.ROOT,
              "%d %d -1 %d %d -1 -1 %d %d -1 1 1 1 -1 0 -1 -1 -1%n",
              i,
              t,
              run,
              procs,
              procs,
              req));
    }
    Path f = dir.resolve("bursts.swf");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void replay_comparesPolicies_inATableAndAPlot(@TempDir Path dir) throws Exception {
    Path swf = trace(dir);
    Path png = dir.resolve("compare.png");
    String window = "--first-job=21";
    int rc =
        replayWindow(
            swf, window, "--queue-policy", "easy,conservative,sjf", "--plot", png.toString());
    assertThat(rc).as(err).isZero();
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("policy").contains("avg wait s", "avg bsld", "utilization");
    assertThat(lines[1]).startsWith("easy ");
    assertThat(lines[2]).startsWith("conservative ");
    assertThat(lines[3]).startsWith("sjf ");
    byte[] image = Files.readAllBytes(png);
    assertThat(image.length).isGreaterThan(10_000);
    assertThat(new String(image, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

    // the comparison's rows are the single-policy replays of the same window
    assertThat(replayWindow(swf, window, "--queue-policy=easy,sjf", "--json")).isZero();
    JsonNode rows = new ObjectMapper().readTree(out);
    for (int i = 0; i < 2; i++) {
      String policy = rows.get(i).get("queue_policy").asText();
      assertThat(replayWindow(swf, window, "--queue-policy", policy, "--json")).isZero();
      JsonNode alone = new ObjectMapper().readTree(out);
      assertThat(rows.get(i).get("jobs").asInt())
          .isEqualTo(250)
          .isEqualTo(alone.get("jobs").asInt());
      assertThat(rows.get(i).get("avg_wait").asDouble())
          .isEqualTo(alone.get("avg_wait").asDouble());
      assertThat(rows.get(i).get("makespan").asLong()).isEqualTo(alone.get("makespan").asLong());
    }
    // shortest first changes the schedule of this bursty window
    assertThat(rows.get(1).get("avg_wait").asDouble())
        .isNotEqualTo(rows.get(0).get("avg_wait").asDouble());
  }

  @Test
  void replay_refusesAnUnknownPolicyInTheList_beforeReplayingAnything(@TempDir Path dir)
      throws Exception {
    Path swf = trace(dir);
    assertThat(run("replay", swf.toString(), "--queue-policy", "easy,nosuch")).isEqualTo(2);
    assertThat(err).contains("unknown queue policy 'nosuch'").contains("sjf");
    assertThat(out).isEmpty();
    assertThat(run("replay", swf.toString(), "--queue-policy", "easy,,sjf")).isEqualTo(2);
    assertThat(err).contains("empty name");
  }
}
