package org.flux4j.core.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the project's shared data folder (../shared beside the repository), if present. */
final class SharedData {
  private SharedData() {}

  /** The traces folder, or null when ../shared/traces does not exist. */
  static Path traces() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("traces");
      if (Files.isDirectory(candidate) && Files.exists(p.resolve("shared/traces/SWF.md"))) {
        return candidate;
      }
    }
    return null;
  }
}
