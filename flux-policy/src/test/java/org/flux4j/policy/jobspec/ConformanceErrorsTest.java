package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.Test;

/**
 * For every resource-query case of the conformance manifest: the jobspecs its commands match are
 * parsed with the resource types its graph knows, and the parse errors (in order) are exactly the
 * {@code Jobspec error for N: <reason>} lines of its expected output.
 */
class ConformanceErrorsTest {
  /** The conformance folder; skips the test when the shared data is absent. */
  static Path root() {
    return SharedData.conformance();
  }

  /** flux-sched's sources within it. */
  static Path sched() {
    return root().resolve("flux-sched");
  }

  static final Pattern EXPECTED_ERROR = Pattern.compile("Jobspec error for \\d+: (.*)");
  static final Pattern JSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern GRAPHML_TYPE = Pattern.compile("<data key=\"type\">([^<]+)</data>");

  /** The types a graph file declares (a text scan: enough to know which types exist). */
  static Set<String> graphTypes(Path file, String format) throws IOException {
    String text = Files.readString(file);
    Set<String> types = new HashSet<>();
    Matcher m =
        (format.isEmpty() || format.equals("grug") ? GRAPHML_TYPE : JSON_TYPE).matcher(text);
    while (m.find()) {
      types.add(m.group(1));
    }
    if (format.equals("hwloc")) {
      types.addAll(List.of("pu", "numanode", "storage"));
    }
    return types;
  }

  @Test
  void manifestCases_jobspecErrorsAreExactlyTheExpectedOnes() throws IOException {
    List<String> rows = Files.readAllLines(root().resolve("manifest-dev.tsv"));
    java.util.Map<String, Set<String>> typesCache = new java.util.HashMap<>();
    int cases = 0;
    int jobspecs = 0;
    int errors = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split("\t", -1);
      String id = c[0];
      String load = c[2];
      String cmds = c[9];
      if (load.isEmpty() || cmds.isEmpty()) {
        continue;
      }
      Path loadFile = sched().resolve(load);
      Path cmdsFile = cmds.startsWith("derived/") ? root().resolve(cmds) : sched().resolve(cmds);
      if (!Files.isRegularFile(loadFile) || !Files.isRegularFile(cmdsFile)) {
        continue;
      }
      Set<String> known =
          new HashSet<>(
              typesCache.computeIfAbsent(
                  load + "\t" + c[3],
                  k -> {
                    try {
                      return graphTypes(loadFile, c[3]);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
      for (String filter : c[7].split(",", 0)) {
        int colon = filter.indexOf(':');
        if (colon >= 0) {
          known.add(filter.substring(colon + 1));
        }
      }
      Jobspec.Parser parser = Jobspec.parser().knownTypes(known);
      List<String> got = new ArrayList<>();
      for (String line : Files.readAllLines(cmdsFile)) {
        String[] t = line.trim().split("\\s+", 0);
        if (t.length < 3 || !(t[0].equals("match") || t[0].equals("multi-match"))) {
          continue;
        }
        for (int i = 2; i < t.length; i++) {
          Path js = sched().resolve("t" + t[i].replace("@TEST_SRCDIR@", ""));
          if (!Files.isRegularFile(js)) {
            continue; // resource-query reports a missing file otherwise, not as a jobspec error
          }
          jobspecs++;
          try {
            parser.parse(js);
          } catch (JobspecException e) {
            got.add(e.reason());
            if (t[0].equals("multi-match")) {
              break;
            }
          }
        }
      }
      List<String> want = new ArrayList<>();
      for (String expected : c[10].split(";", 0)) {
        Path f = sched().resolve(expected);
        if (expected.isEmpty() || !Files.isRegularFile(f)) {
          continue;
        }
        Matcher m = EXPECTED_ERROR.matcher(Files.readString(f));
        while (m.find()) {
          want.add(m.group(1));
        }
      }
      assertThat(got).as(id + " " + cmds).isEqualTo(want);
      errors += want.size();
      cases++;
    }
    assertThat(cases).isGreaterThan(300);
    assertThat(jobspecs).isGreaterThan(500);
    assertThat(errors).isPositive();
  }
}
