package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer against the real Fluxion: a few hundred seeds through {@link RqDiff#run},
 * which must all agree byte for byte. Runs only when the environment variable {@code FLUXION_RQ}
 * names Fluxion's resource-query binary (skipped with a message otherwise, so that a machine
 * without Fluxion still builds). System properties: {@code flux4j.rqdiff.seeds} (a range A-B,
 * default 0-299), {@code flux4j.rqdiff.out} (where shrunk cases go, default target/rq-diff).
 */
class RqDiffFluxionTest {

  @Test
  void rqDiff_fewHundredSeeds_agreeWithFluxion() throws IOException {
    Path ref = FluxionBinary.orSkip("differential fuzzing");
    long[] seeds = RqDiff.parseSeeds(System.getProperty("flux4j.rqdiff.seeds", "0-299"));
    Path out = Path.of(System.getProperty("flux4j.rqdiff.out", "target/rq-diff"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RqDiff.Summary s;
    try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      s =
          RqDiff.run(
              seeds[0],
              seeds[1],
              ref,
              RqDiff.findFluxionData(Path.of("").toAbsolutePath()),
              out,
              true,
              100,
              30_000,
              p);
    }
    assertThat(s.failed())
        .as("differences from Fluxion (shrunk cases in %s):%n%s", out.toAbsolutePath(), log)
        .isZero();
    assertThat(s.passed()).isPositive();
  }
}
