package org.flux4j.graph;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Locates the project's shared test data (the {@code shared} folder beside the repository). */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, found from the working directory upwards, or empty. */
  public static Optional<Path> root() {
    String override = System.getenv("FLUX4J_SHARED");
    if (override != null && Files.isDirectory(Path.of(override))) {
      return Optional.of(Path.of(override));
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("bench"))) {
        return Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  /** A file under the shared folder; the calling test is skipped if it is not there. */
  public static Path require(String relative) {
    Optional<Path> root = root();
    assumeTrue(
        root.isPresent(),
        "shared test data not found (no ../shared/bench above "
            + Path.of("").toAbsolutePath()
            + "; set FLUX4J_SHARED)");
    Path p = root.get().resolve(relative);
    assumeTrue(Files.exists(p), "shared test data missing: " + p);
    return p;
  }

  /** A GRUG recipe of flux-sched's test suite, by file name (e.g. "tiny.graphml"). */
  public static Path grug(String name) {
    return require("conformance/flux-sched/t/data/resource/grugs/" + name);
  }
}
