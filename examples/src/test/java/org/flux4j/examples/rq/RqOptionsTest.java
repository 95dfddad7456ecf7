package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RqOptionsTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private RqOptions parse(String... args) throws RqOptions.Exit {
    return RqOptions.parse(args, dir, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int exitOf(String... args) {
    try {
      parse(args);
      return -1;
    } catch (RqOptions.Exit e) {
      return e.status;
    }
  }

  @Test
  void parse_defaults() throws Exception {
    RqOptions o = parse();
    assertThat(o.loadFile()).isEqualTo("conf/default");
    assertThat(o.loadFormat()).isEqualTo("grug");
    assertThat(o.matchPolicy()).isEqualTo("first");
    assertThat(o.matchSubsystems()).isEqualTo("CA");
    assertThat(o.matchFormat()).isEqualTo("simple");
    assertThat(o.effectivePruneFilters()).isEqualTo("ALL:core,ALL:node");
    assertThat(o.testOutput()).isNull();
    assertThat(o.disablePrompt()).isFalse();
  }

  @Test
  void parse_shortLongAndClustered() throws Exception {
    Files.writeString(dir.resolve("g"), "x");
    RqOptions o =
        parse(
            "-Lg",
            "--match-pol",
            "low",
            "-ed",
            "--match-format=jgf",
            "-t",
            "R.out",
            "-T",
            "flexible");
    assertThat(o.loadFile()).isEqualTo("g");
    assertThat(o.matchPolicy()).isEqualTo("low");
    assertThat(o.elapseTime()).isTrue();
    assertThat(o.disablePrompt()).isTrue();
    assertThat(o.matchFormat()).isEqualTo("jgf");
    assertThat(o.testOutput()).isEqualTo("R.out");
    assertThat(o.traverserPolicy()).isEqualTo("flexible");
  }

  @Test
  void parse_pruneFiltersJoin_andBlankValuesAreIgnored() throws Exception {
    assertThat(parse("-p", "ALL:core", "--prune-filters=", "-p", "rack:node").pruneFilters())
        .isEqualTo("ALL:core,rack:node");
    assertThat(parse("--prune-filters=").effectivePruneFilters()).isEqualTo("ALL:core,ALL:node");
  }

  @Test
  void parse_allowlistGetsClusterPrefix() throws Exception {
    assertThat(parse("-W", "node,core").loadAllowlist()).isEqualTo("cluster,node,core");
  }

  @Test
  void parse_usageErrorsExit1_helpExits0() throws IOException {
    assertThat(exitOf("-F", "yaml")).isEqualTo(1);
    assertThat(exitOf("-f", "xml")).isEqualTo(1);
    assertThat(exitOf("-g", "png")).isEqualTo(1);
    assertThat(exitOf("-L", "missing")).isEqualTo(1);
    assertThat(exitOf("-L", ".")).isEqualTo(1);
    assertThat(exitOf("extra")).isEqualTo(1);
    assertThat(exitOf("-x")).isEqualTo(1);
    assertThat(exitOf("-L")).isEqualTo(1);
    assertThat(exitOf("--bogus")).isEqualTo(1);
    assertThat(exitOf("-h")).isZero();
    assertThat(exitOf("-g", "GraphML")).isEqualTo(-1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("[ERROR] unknown format for --match-format: yaml")
        .contains("[ERROR] file does not exist for --load-file: missing")
        .contains("[ERROR] path passed to --load-file is a directory: .")
        .contains("resource-query: invalid option -- 'x'")
        .contains("usage: resource-query [OPTIONS...]");
  }

  @Test
  void parse_reserveOutOfRange_warnsAndUsesZero() throws Exception {
    assertThat(parse("-r", "3000000").reserveVertices()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("WARN: out of range specified for --reserve-vtx-vec: 3000000");
    assertThat(parse("-r", "12abc").reserveVertices()).isEqualTo(12);
  }

  @Test
  void getopt_ambiguousPrefix_isAnError() {
    Getopt.Result r =
        new Getopt(
                "p",
                "ab:",
                java.util.List.of(
                    new Getopt.LongOption("load-file", true, 'a'),
                    new Getopt.LongOption("load-format", true, 'b')))
            .scan(new String[] {"--load", "x"});
    assertThat(r.error())
        .isEqualTo("p: option '--load' is ambiguous; possibilities: '--load-file' '--load-format'");
    assertThatThrownBy(() -> parse("--", "-h")).isInstanceOf(RqOptions.Exit.class);
  }
}
