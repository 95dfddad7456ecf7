package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a difference is reported: the first differing line, and its kind (the signature). */
class DifferTest {
  private static Differ.Judgement judgement(String fluxion, String flux4j, int exit) {
    return new Differ.Judgement(
        Differ.Verdict.FAIL,
        new Runs.Outcome(0, fluxion, "", false),
        new Runs.Outcome(exit, flux4j, "", false));
  }

  @Test
  void firstDifference_namesLineAndBothTexts() {
    assertThat(Runs.firstDifference("a\nb\n", "a\nc\n"))
        .isEqualTo("line 2: fluxion `b` | flux4j `c`");
    assertThat(Runs.firstDifference("a\n", "a\nb\n")).isEqualTo("line 2: fluxion `` | flux4j `b`");
    assertThat(Runs.firstDifference("same\n", "same\n")).isEmpty();
    String head = "x".repeat(100);
    assertThat(Runs.firstDifference(head + "1", head + "2"))
        .isEqualTo(
            "line 1 (from column 61): fluxion `"
                + "x".repeat(40)
                + "1` | flux4j `"
                + "x".repeat(40)
                + "2`");
  }

  @Test
  void signature_kindsOfTheFirstDifferingLines() {
    String busy =
        "INFO: =============================\nINFO: No matching resources found\nINFO: JOBID=2\n";
    String unsat =
        "INFO: =============================\nINFO: No matching resources found\n"
            + "INFO: Unsatisfiable request\nINFO: JOBID=2\n";
    assertThat(judgement(busy, unsat, 0).signature()).isEqualTo("JOBID/Unsatisfiable request");
    assertThat(judgement("      ---core0[1:x]\n", "INFO: ===\n", 0).signature()).isEqualTo("R/===");
    assertThat(judgement("a\n", "a\n", 1).signature()).isEqualTo("exit 0/1");
    assertThat(judgement("a\n", "a\n", 1).difference())
        .isEqualTo("exit status: fluxion 0 | flux4j 1");
  }

  @Test
  void heapShifted_spellsOnlyTheTestOutputPathLonger() {
    List<String> args = List.of("--load-file=g.graphml", "--test-output=out.txt", "-d");
    List<String> shifted = Differ.heapShifted(args);
    assertThat(shifted).hasSize(3).startsWith("--load-file=g.graphml").endsWith("-d");
    String path = shifted.get(1).substring("--test-output=".length());
    // past a std::string's 15 inline characters, and the same file
    assertThat(path).hasSizeGreaterThan(15);
    assertThat(Path.of(path).normalize()).isEqualTo(Path.of("out.txt"));
  }

  @Test
  void fluxion_runsUnderTheHardStackLimit_withItsArgumentsAndInput(@TempDir Path dir)
      throws Exception {
    // a stand-in for Fluxion: writes its stack limit, the hard one, its arguments and stdin
    Path ref = dir.resolve("fake-rq");
    Files.writeString(
        ref,
        "#!/bin/sh\n"
            + "{ ulimit -s; ulimit -H -s; echo \"$#:$1:$2\"; cat; } > out.txt\n"
            + "echo oops >&2\n"
            + "exit 3\n");
    Files.setPosixFilePermissions(ref, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = Files.createDirectories(dir.resolve("run"));
    Files.writeString(work.resolve("cmds.in"), "quit\n");
    Runs.Outcome o = Runs.fluxion(ref, work, List.of("-d", "a b"), 10_000);
    List<String> lines = o.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(lines.get(1)); // the soft limit raised to the hard one
    assertThat(lines.get(2)).isEqualTo("2:-d:a b");
    assertThat(lines.get(3)).isEqualTo("quit");
    assertThat(o.exit()).isEqualTo(3);
    assertThat(o.stderr()).isEqualTo("oops\n");
    assertThat(o.crashed()).isFalse();
  }

  @Test
  void stdout_isComparedWithItsTimingsMasked() {
    String fluxion =
        "INFO: Graph Load Time: 0.00116682\nINFO: ELAPSE=0.000501\nINFO: PREORDER VISIT COUNT=10\n"
            + "INFO: Min. Match Time: 1.79769e+308\n"
            + "INFO: 1, ALLOCATED, 0, job0.yaml, 0.000500917\nremove: 2 not found in rank_to_counts.\n";
    String flux4j = fluxion.replace("0.00116682", "0.4").replace("0.000501", "0.15");
    flux4j = flux4j.replace("1.79769e+308", "0").replace("0.000500917", "0.151981");
    assertThat(Runs.maskTimings(flux4j)).isEqualTo(Runs.maskTimings(fluxion));
    assertThat(Runs.maskTimings("\n\nINFO: ELAPSE=0.1\n")).isEqualTo("\n\nINFO: ELAPSE=#\n");
    assertThat(Runs.maskTimings(fluxion))
        .contains("INFO: ELAPSE=#\n", "INFO: PREORDER VISIT COUNT=10\n", "job0.yaml, #\n")
        .contains("remove: 2 not found in rank_to_counts.\n");
    Differ.Judgement j =
        new Differ.Judgement(
            Differ.Verdict.FAIL,
            new Runs.Outcome(0, "same\n", "remove: 2 not found in rank_to_counts.\n", "", false),
            new Runs.Outcome(0, "same\n", "", "", false));
    assertThat(j.fluxion().sameAs(j.flux4j())).isFalse();
    assertThat(j.signature()).isEqualTo("stdout");
    assertThat(j.difference())
        .isEqualTo("stdout: line 1: fluxion `remove: 2 not found in rank_to_counts.` | flux4j ``");
  }
}
