package org.flux4j.examples.rqdiff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Fluxion resource-query for the tests that run it, named by {@code FLUXION_RQ}. */
public final class FluxionBinary {
  private FluxionBinary() {}

  /**
   * The binary {@code FLUXION_RQ} names; skips the calling test with a message saying that {@code
   * what} was skipped when it is unset or not executable.
   */
  public static Path orSkip(String what) {
    String ref = System.getenv("FLUXION_RQ");
    assumeTrue(
        ref != null && !ref.isBlank() && Files.isExecutable(Path.of(ref)),
        "FLUXION_RQ is not set to Fluxion's resource-query: " + what + " skipped");
    return Path.of(ref);
  }
}
