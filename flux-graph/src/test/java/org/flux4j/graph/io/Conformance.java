package org.flux4j.graph.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Fluxion's expected outputs from the conformance data (system property {@code
 * flux4j.conformance}, default /work/shared/conformance); tests that need it are skipped where the
 * data is absent.
 */
final class Conformance {
  private Conformance() {}

  static Path root() {
    Path p = Path.of(System.getProperty("flux4j.conformance", "/work/shared/conformance"));
    assumeTrue(Files.isDirectory(p), "conformance data not found at " + p);
    return p;
  }

  static Path data(String relative) {
    return root().resolve("flux-sched/t/data/resource").resolve(relative);
  }

  /**
   * The writer outputs of an expected file: the text between the INFO blocks, in order (each with
   * its trailing newlines), empty segments dropped.
   */
  static List<String> segments(String expected) {
    try {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (String line : Files.readAllLines(data("expected/" + expected), StandardCharsets.UTF_8)) {
        if (line.startsWith("INFO:")) {
          if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
        } else {
          cur.append(line).append('\n');
        }
      }
      if (cur.length() > 0) {
        out.add(cur.toString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
