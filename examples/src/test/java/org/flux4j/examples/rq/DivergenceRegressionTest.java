package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flux4j.examples.rqdiff.Runs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenarios on which flux4j's resource-query once differed from the real Fluxion, replayed
 * in-process: each folder {@code src/test/resources/divergences/case-*} holds a {@code run.sh} (the
 * command line, as the differential fuzzer writes it), the graph, the jobspecs, {@code cmds.in} and
 * {@code expected.out}, Fluxion's {@code -t} output recorded once (and {@code expected.rc}, its
 * exit status, when not 0; {@code expected.err} and {@code expected.stdout}, its standard error and
 * output, where they tell the divergence apart; the times a case run with {@code -e} records are
 * masked, {@link Runs#maskTimings}). The test runs {@link ResourceQueryMain#run} with the arguments
 * of {@code run.sh} in a copy of the folder under {@code target/divergences} and compares the
 * {@code -t} file byte for byte, so no Fluxion is needed.
 */
class DivergenceRegressionTest {
  private static final String RQ_MARK = "${RQ:?set RQ}";

  @TestFactory
  Stream<DynamicTest> divergence_recordedCases_matchFluxionOutput() throws IOException {
    Path root = ConformanceTest.repoRoot();
    Path cases = root.resolve("examples/src/test/resources/divergences");
    Path outRoot = root.resolve("examples/target/divergences");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(cases)) {
      dirs =
          s.filter(p -> p.getFileName().toString().startsWith("case-"))
              .filter(Files::isDirectory)
              .sorted()
              .toList();
    }
    assertThat(dirs).as("regression cases under %s", cases).isNotEmpty();
    return dirs.stream()
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d.getFileName().toString(),
                    () -> runCase(d, outRoot.resolve(d.getFileName()))));
  }

  private static void runCase(Path src, Path dir) throws IOException {
    ConformanceRunner.deleteTree(dir);
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(src)) {
      for (Path f : s.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    List<String> args = arguments(Files.readString(dir.resolve("run.sh")));
    String tfile = testOutput(args);
    assertThat(tfile).as("run.sh of %s names a -t file", src).isNotNull();
    byte[] input = Files.readAllBytes(dir.resolve("cmds.in"));
    int rc;
    try (OutputStream so = Files.newOutputStream(dir.resolve("stdout"));
        PrintStream stdout = new PrintStream(so, false, StandardCharsets.UTF_8);
        OutputStream se = Files.newOutputStream(dir.resolve("stderr"));
        PrintStream stderr = new PrintStream(se, false, StandardCharsets.UTF_8)) {
      rc =
          ResourceQueryMain.run(
              args.toArray(new String[0]), new ByteArrayInputStream(input), stdout, stderr, dir);
    }
    Path rcFile = dir.resolve("expected.rc");
    int expectedRc = Files.exists(rcFile) ? Integer.parseInt(Files.readString(rcFile).trim()) : 0;
    assertThat(rc).as("exit status of %s", src.getFileName()).isEqualTo(expectedRc);
    // a case run with -e records measured times: they are masked on both sides
    String expected =
        Runs.maskTimings(Files.readString(dir.resolve("expected.out"), StandardCharsets.UTF_8));
    Path out = dir.resolve(tfile);
    String actual =
        Runs.maskTimings(Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "");
    if (!actual.equals(expected)) {
      String diff =
          ConformanceRunner.firstDifference(
              expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
      assertThat(actual).as("%s (see %s): %s", src.getFileName(), dir, diff).isEqualTo(expected);
    }
    Path errFile = dir.resolve("expected.err");
    if (Files.exists(errFile)) {
      assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8))
          .as("standard error of %s (see %s)", src.getFileName(), dir)
          .isEqualTo(Files.readString(errFile, StandardCharsets.UTF_8));
    }
    Path stdoutFile = dir.resolve("expected.stdout");
    if (Files.exists(stdoutFile)) {
      assertThat(Runs.maskTimings(Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8)))
          .as("standard output of %s (see %s)", src.getFileName(), dir)
          .isEqualTo(Runs.maskTimings(Files.readString(stdoutFile, StandardCharsets.UTF_8)));
    }
  }

  /** The {@code -t}/{@code --test-output} file among the arguments, or null. */
  private static String testOutput(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("-t") || a.equals("--test-output")) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (a.startsWith("--test-output=")) {
        return a.substring("--test-output=".length());
      }
    }
    return null;
  }

  /**
   * The resource-query arguments of a case's {@code run.sh}: the words after {@code ${RQ:?set RQ}}
   * up to the input redirection, with shell quoting ('...', "...", backslash) undone.
   */
  static List<String> arguments(String script) {
    int at = script.lastIndexOf(RQ_MARK);
    if (at < 0) {
      throw new IllegalArgumentException("run.sh has no " + RQ_MARK + " command");
    }
    String line = script.substring(at + RQ_MARK.length());
    int nl = line.indexOf('\n');
    if (nl >= 0) {
      line = line.substring(0, nl);
    }
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '<' && w == null) {
        break;
      }
      if (Character.isWhitespace(c)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
        continue;
      }
      if (w == null) {
        w = new StringBuilder();
      }
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("run.sh: unterminated ' in: " + line);
        }
        w.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        int j = i + 1;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          if (line.charAt(j) == '\\' && j + 1 < line.length()) {
            j++;
          }
          w.append(line.charAt(j));
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("run.sh: unterminated \" in: " + line);
        }
        i = j;
      } else if (c == '\\' && i + 1 < line.length()) {
        w.append(line.charAt(++i));
      } else {
        w.append(c);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  @Test
  void arguments_quotedWords_areUnquoted() {
    String script =
        "#!/bin/sh\ncd \"$(dirname \"$0\")\" && ${RQ:?set RQ} -L g.graphml -P 'policy=high"
            + " stable_ties=true' --prune-filters=\"ALL:core\" -t out.txt < cmds.in\n";
    assertThat(arguments(script))
        .containsExactly(
            "-L",
            "g.graphml",
            "-P",
            "policy=high stable_ties=true",
            "--prune-filters=ALL:core",
            "-t",
            "out.txt");
  }
}
