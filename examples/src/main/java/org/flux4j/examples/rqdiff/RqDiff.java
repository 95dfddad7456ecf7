package org.flux4j.examples.rqdiff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flux4j rq-diff}: the differential fuzzer. For each seed of a range it draws a scenario
 * ({@link ScenarioGenerator}), runs it through the real Fluxion resource-query and through flux4j,
 * and compares the {@code -t} output, the exit status and the errors it reports for failed matches
 * and path removals byte for byte; a difference is shrunk ({@link Differ#shrink}) and written to
 * {@code OUT/case-<seed>/}. Prints one line per failing seed and a summary ending in {@code N
 * passed, M failed}; exits 0 when nothing failed, 1 otherwise.
 */
@Command(
    name = "rq-diff",
    mixinStandardHelpOptions = true,
    description = {
      "Differential fuzzer: random resource-query scenarios through the real Fluxion and",
      "flux4j, compared byte for byte; differences are shrunk and written as cases."
    })
public final class RqDiff implements Callable<Integer> {
  @Option(
      names = "--seeds",
      required = true,
      description = "seed range A-B (inclusive) or one seed")
  private String seeds;

  @Option(names = "--ref", description = "Fluxion's resource-query binary (default: $FLUXION_RQ)")
  private Path ref;

  @Option(names = "--out", description = "where shrunk cases go (default: rq-diff-out)")
  private Path out = Path.of("rq-diff-out");

  @Option(names = "--keep-going", description = "go on after the first failing seed")
  private boolean keepGoing;

  @Option(names = "--no-shrink", description = "write failing scenarios as generated")
  private boolean noShrink;

  @Option(names = "--budget", description = "most test runs per shrink (default: ${DEFAULT-VALUE})")
  private int budget = 400;

  @Option(
      names = "--timeout",
      description = "seconds one Fluxion run may take (default: ${DEFAULT-VALUE})")
  private int timeout = 30;

  @Option(
      names = "--graphs",
      description =
          "flux-sched's t/data/resource folder, for Fluxion's test graphs (default: the nearest"
              + " shared/conformance/flux-sched/t/data/resource above the working directory)")
  private Path graphs;

  /** Creates the command (picocli instantiates it). */
  public RqDiff() {}

  @Override
  public Integer call() throws IOException {
    PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    long[] range = parseSeeds(seeds);
    if (ref == null) {
      String env = System.getenv("FLUXION_RQ");
      if (env == null || env.isBlank()) {
        System.err.println("rq-diff: give --ref or set FLUXION_RQ to Fluxion's resource-query");
        return 2;
      }
      ref = Path.of(env);
    }
    if (!Files.isRegularFile(ref) || !Files.isExecutable(ref)) {
      System.err.println("rq-diff: " + ref + " is not an executable file");
      return 2;
    }
    Path data = graphs != null ? graphs : findFluxionData(Path.of("").toAbsolutePath());
    Summary s =
        run(
            range[0],
            range[1],
            ref,
            data,
            out,
            keepGoing,
            noShrink ? 0 : budget,
            timeout * 1000L,
            o);
    o.println(
        "rq-diff seeds "
            + range[0]
            + "-"
            + range[1]
            + ": "
            + s.skipped()
            + " skipped (generator error, Fluxion"
            + " crashed, hung or was non-deterministic), "
            + s.passed()
            + " passed, "
            + s.failed()
            + " failed");
    return s.failed() == 0 ? 0 : 1;
  }

  /** Counts of a run over a seed range. */
  public record Summary(int passed, int failed, int skipped) {}

  /**
   * Runs seeds {@code from..to} (inclusive).
   *
   * @param data flux-sched's {@code t/data/resource}, or null for generated graphs only
   * @param budget the shrink budget (0: write the scenario unshrunk)
   * @param timeoutMillis how long one Fluxion run may take
   * @param log where per-seed lines go
   */
  public static Summary run(
      long from,
      long to,
      Path ref,
      Path data,
      Path out,
      boolean keepGoing,
      int budget,
      long timeoutMillis,
      PrintStream log)
      throws IOException {
    ScenarioGenerator gen = new ScenarioGenerator(data);
    Path work = Files.createTempDirectory("rq-diff");
    Differ differ = new Differ(ref, work, timeoutMillis);
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (long seed = from; seed <= to; seed++) {
      Scenario sc;
      Differ.Judgement j;
      try {
        sc = gen.generate(seed);
        j = differ.judge(sc);
      } catch (RuntimeException e) {
        skipped++;
        log.println("seed " + seed + ": GENERATOR_ERROR " + e);
        continue;
      }
      switch (j.verdict()) {
        case PASS -> passed++;
        case REF_CRASH, REF_NONDETERMINISTIC -> {
          skipped++;
          log.println(
              "seed "
                  + seed
                  + ": "
                  + j.verdict()
                  + " ["
                  + sc.label()
                  + "] fluxion exit "
                  + j.fluxion().exit()
                  + (j.fluxion().timedOut() ? " (timeout)" : ""));
          Differ.writeCase(out.resolve("ref-" + seed), sc, j);
        }
        case FAIL -> {
          failed++;
          Scenario small = sc;
          Differ.Judgement sj = j;
          boolean shrunk = false;
          if (budget > 0) {
            small = differ.shrink(sc, j.signature(), budget).value();
            sj = differ.judge(small);
            shrunk = sj.verdict() == Differ.Verdict.FAIL;
            if (!shrunk) {
              small = sc;
              sj = j;
            }
          }
          Differ.writeCase(out.resolve("case-" + seed), small, sj);
          log.println(
              "seed "
                  + seed
                  + ": FAIL ["
                  + sc.label()
                  + (shrunk ? "] shrunk to " : "] as generated, ")
                  + small.size()
                  + "; "
                  + sj.difference());
          if (!keepGoing) {
            return new Summary(passed, failed, skipped);
          }
        }
      }
    }
    return new Summary(passed, failed, skipped);
  }

  static long[] parseSeeds(String s) {
    int dash = s.indexOf('-', 1);
    try {
      long a = Long.parseLong(dash < 0 ? s : s.substring(0, dash));
      long b = dash < 0 ? a : Long.parseLong(s.substring(dash + 1));
      if (b < a) {
        throw new IllegalArgumentException("--seeds " + s + ": the end is below the start");
      }
      return new long[] {a, b};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seeds " + s + ": expected A-B or one number", e);
    }
  }

  /** The nearest {@code shared/conformance/flux-sched/t/data/resource} at or above {@code dir}. */
  static Path findFluxionData(Path dir) {
    for (Path q = dir; q != null; q = q.getParent()) {
      for (String rel :
          new String[] {
            "shared/conformance/flux-sched/t/data/resource",
            "../shared/conformance/flux-sched/t/data/resource"
          }) {
        Path c = q.resolve(rel).normalize();
        if (Files.isDirectory(c.resolve("grugs"))) {
          return c;
        }
      }
    }
    return null;
  }
}
