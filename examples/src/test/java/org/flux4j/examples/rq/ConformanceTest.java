package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Fluxion's resource-query conformance cases ({@code shared/conformance/manifest-dev.tsv}), run
 * in-process against {@link ResourceQueryMain#run}.
 *
 * <p>The conformance folder is {@code <repo root>/../shared/conformance}, or {@code conformance}
 * under the folder named by the system property {@code flux4j.shared} (see {@link SharedData}); the
 * test is skipped, with a message, when there is none. The committed ratchet {@code
 * conformance/passing.txt} lists the cases that must pass: the test fails if one of them fails, and
 * prints the cases that pass without being listed. System properties: {@code
 * flux4j.conformance.only} (a regex of case ids to run), {@code flux4j.conformance.writePassing}
 * (rewrite the ratchet in the source tree with every passing case).
 */
class ConformanceTest {
  private static final long CASE_TIMEOUT_SECONDS = 60;

  @Test
  void conformance_listedCases_stillPass() throws Exception {
    Path root = repoRoot();
    Path conformance = conformanceDir();
    assumeTrue(
        conformance != null,
        "no shared/conformance folder beside the repository ("
            + root
            + "/../shared/conformance, or under -D"
            + SharedData.PROPERTY
            + "): conformance suite skipped");
    List<ConformanceRunner.Case> cases =
        ConformanceRunner.readManifest(conformance.resolve("manifest-dev.tsv"));
    String only = System.getProperty("flux4j.conformance.only", "");
    if (!only.isEmpty()) {
      Pattern p = Pattern.compile(only);
      cases = cases.stream().filter(c -> p.matcher(c.id()).find()).toList();
    }
    Set<String> listed = readRatchet();
    Path outRoot = root.resolve("examples/target/conformance");
    ConformanceRunner runner = new ConformanceRunner(conformance, outRoot);

    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(null, r, "conformance", 256L << 20);
              t.setDaemon(true);
              return t;
            });
    List<Future<ConformanceRunner.Result>> futures = new ArrayList<>();
    for (ConformanceRunner.Case c : cases) {
      futures.add(pool.submit(() -> runner.run(c)));
    }
    List<ConformanceRunner.Result> results = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      ConformanceRunner.Case c = cases.get(i);
      ConformanceRunner.Result r;
      try {
        r = futures.get(i).get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        futures.get(i).cancel(true);
        r =
            new ConformanceRunner.Result(
                c.id(),
                c.group(),
                ConformanceRunner.Verdict.FAIL,
                "timeout after " + CASE_TIMEOUT_SECONDS + "s");
      }
      results.add(r);
    }
    pool.shutdownNow();

    int passed = 0;
    int failed = 0;
    int skipped = 0;
    Set<String> passing = new TreeSet<>();
    List<String> regressions = new ArrayList<>();
    Map<String, int[]> byGroup = new TreeMap<>();
    for (ConformanceRunner.Result r : results) {
      int[] g = byGroup.computeIfAbsent(r.group(), k -> new int[3]);
      switch (r.verdict()) {
        case PASS -> {
          passed++;
          g[0]++;
          passing.add(r.id());
        }
        case FAIL -> {
          failed++;
          g[1]++;
        }
        case SKIP -> {
          skipped++;
          g[2]++;
        }
      }
      if (listed.contains(r.id()) && r.verdict() != ConformanceRunner.Verdict.PASS) {
        regressions.add(r.id() + " " + r.verdict() + " (" + r.reason() + ")");
      }
    }
    StringBuilder report = new StringBuilder();
    for (ConformanceRunner.Result r : results) {
      if (r.verdict() == ConformanceRunner.Verdict.FAIL) {
        report.append("FAIL ").append(r.id()).append(" (").append(r.reason()).append(")\n");
      }
    }
    byGroup.forEach(
        (g, n) ->
            report
                .append(
                    String.format(
                        "group %-16s %3d passed, %3d failed, %3d skipped", g, n[0], n[1], n[2]))
                .append('\n'));
    Set<String> fresh = new TreeSet<>(passing);
    fresh.removeAll(listed);
    if (!fresh.isEmpty()) {
      report
          .append("passing but not in passing.txt: ")
          .append(String.join(" ", fresh))
          .append('\n');
    }
    report.append(
        passed
            + " passed, "
            + failed
            + " failed"
            + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    System.out.println(report);

    if (Boolean.getBoolean("flux4j.conformance.writePassing")) {
      Path file = root.resolve("examples/src/test/resources/conformance/passing.txt");
      Files.createDirectories(file.getParent());
      StringBuilder sb =
          new StringBuilder(
              "# Conformance cases (manifest-dev.tsv ids) that must keep passing in"
                  + " ConformanceTest.\n");
      passing.forEach(id -> sb.append(id).append('\n'));
      Files.writeString(file, sb.toString());
    }
    assertThat(regressions)
        .as("cases listed in conformance/passing.txt that no longer pass")
        .isEmpty();
  }

  /** The ids in the committed ratchet list (blank lines and # comments ignored). */
  private static Set<String> readRatchet() throws IOException {
    Set<String> ids = new LinkedHashSet<>();
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/passing.txt")) {
      if (in == null) {
        return ids;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", 0)) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          ids.add(t);
        }
      }
    }
    return ids;
  }

  /** The repository root (the fixtures' project root, found up from the working directory). */
  static Path repoRoot() {
    return SharedData.projectRoot()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no flux4j checkout above " + Path.of("").toAbsolutePath()));
  }

  /** The conformance folder (shared/conformance, see {@link SharedData}), or null. */
  static Path conformanceDir() {
    return SharedData.find("conformance/manifest-dev.tsv").map(Path::getParent).orElse(null);
  }
}
