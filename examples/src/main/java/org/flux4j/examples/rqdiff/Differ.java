package org.flux4j.examples.rqdiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs one scenario through Fluxion and flux4j and judges the pair; shrinks a difference and writes
 * the shrunk case. Each run writes the scenario into a fresh folder under a work folder.
 *
 * <p>Not thread-safe (one work folder); use one per thread.
 */
public final class Differ {
  /** How a scenario came out. */
  public enum Verdict {
    /** Same output bytes and exit status. */
    PASS,
    /** Different output or exit status. */
    FAIL,
    /** Fluxion timed out, or crashed where flux4j did not end the same way. */
    REF_CRASH,
    /**
     * Fluxion gave different output on two runs of the same scenario, or when only the spelling of
     * its {@code -t} path changed ({@link #heapShifted}): its answer then depends on its memory
     * layout (it reads freed memory, as through the out-edge entries a {@code remove} leaves
     * dangling in another subsystem's parent).
     */
    REF_NONDETERMINISTIC
  }

  /** A judged scenario with both outcomes. */
  public record Judgement(Verdict verdict, Runs.Outcome fluxion, Runs.Outcome flux4j) {
    /**
     * The kind of the difference: what each program printed at the first differing line (a resource
     * set, a JOBID line, "No matching", "Unsatisfiable", ...) or the exit statuses. The shrinker
     * keeps it, so that a shrunk case shows the divergence the scenario had.
     */
    public String signature() {
      String[] a = fluxion.out().split("\n", -1);
      String[] b = flux4j.out().split("\n", -1);
      for (int i = 0; i < Math.max(a.length, b.length); i++) {
        String x = i < a.length ? a[i] : null;
        String y = i < b.length ? b[i] : null;
        if (x == null || !x.equals(y)) {
          return kind(x) + "/" + kind(y);
        }
      }
      if (fluxion.exit() == flux4j.exit()) {
        return fluxion.stdout().equals(flux4j.stdout()) ? "stderr" : "stdout";
      }
      return "exit " + fluxion.exit() + "/" + flux4j.exit();
    }

    private static String kind(String line) {
      if (line == null) {
        return "end";
      }
      if (line.startsWith("INFO: ")) {
        String rest = line.substring(6);
        int eq = rest.indexOf('=');
        return eq > 0 && !rest.startsWith("=") ? rest.substring(0, eq) : rest;
      }
      return line.isEmpty() ? "empty" : "R";
    }

    /** A one-line account of the first difference (output line, exit status or stderr). */
    public String difference() {
      String d = Runs.firstDifference(fluxion.out(), flux4j.out());
      if (d.isEmpty() && fluxion.exit() != flux4j.exit()) {
        d = "exit status: fluxion " + fluxion.exit() + " | flux4j " + flux4j.exit();
      }
      if (d.isEmpty() && !fluxion.stdout().equals(flux4j.stdout())) {
        d = "stdout: " + Runs.firstDifference(fluxion.stdout(), flux4j.stdout());
      }
      if (d.isEmpty()) {
        d =
            "stderr: "
                + Runs.firstDifference(
                    String.join("\n", fluxion.reportedErrors()),
                    String.join("\n", flux4j.reportedErrors()));
      }
      return d;
    }
  }

  private static final long STACK = 512L << 20;

  private final Path ref;
  private final Path work;
  private final long timeoutMillis;
  private int runs;

  /**
   * Creates a differ.
   *
   * @param ref the Fluxion resource-query binary
   * @param work a folder for the scenarios' files (created if missing)
   * @param timeoutMillis how long one Fluxion run may take
   */
  public Differ(Path ref, Path work, long timeoutMillis) throws IOException {
    this.ref = ref;
    this.work = Files.createDirectories(work);
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Runs {@code s} through both programs and judges it (when they differ, Fluxion twice more: as
   * before, and with its memory layout shifted by {@link #heapShifted}).
   */
  public Judgement judge(Scenario s) throws IOException {
    Path dir = work.resolve("run" + (runs++ % 2));
    clear(dir);
    s.writeTo(dir);
    Runs.Outcome f = Runs.fluxion(ref, dir, s.args(), timeoutMillis);
    if (f.timedOut()) {
      return new Judgement(Verdict.REF_CRASH, f, f);
    }
    Runs.Outcome j = flux4j(dir, s);
    if (f.sameAs(j)) {
      // a crash flux4j reproduces (the same output, then the same exit status) agrees too
      return new Judgement(Verdict.PASS, f, j);
    }
    if (f.crashed()) {
      return new Judgement(Verdict.REF_CRASH, f, j);
    }
    Runs.Outcome again = Runs.fluxion(ref, dir, s.args(), timeoutMillis);
    if (!again.sameAs(f)) {
      return new Judgement(Verdict.REF_NONDETERMINISTIC, f, j);
    }
    Runs.Outcome shifted = Runs.fluxion(ref, dir, heapShifted(s.args()), timeoutMillis);
    if (!shifted.sameAs(f)) {
      return new Judgement(Verdict.REF_NONDETERMINISTIC, f, j);
    }
    return new Judgement(Verdict.FAIL, f, j);
  }

  /**
   * {@code args} with the {@code -t} file {@code out.txt} spelled {@code ./././././././out.txt}:
   * the same file, but resource-query keeps the path in a std::string, which holds up to 15
   * characters inline and a longer one in a heap block, so every later allocation lands elsewhere.
   * A correct program answers the same; one that reads freed or uninitialized memory may not
   * (rq-diff seed 307680: after a {@code remove}, Fluxion's explore follows a dangling out-edge of
   * a power subsystem parent, and which children it visits, and so the errno its select leaves,
   * changes with this path alone).
   */
  public static List<String> heapShifted(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      out.add(a.equals(TEST_OUTPUT) ? "--test-output=./././././././out.txt" : a);
    }
    return out;
  }

  private static final String TEST_OUTPUT = "--test-output=out.txt";

  /** Runs flux4j in-process on a thread with a deep stack (the command line's -Xss). */
  private static Runs.Outcome flux4j(Path dir, Scenario s) throws IOException {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(Runs.flux4j(dir, s.args()));
              } catch (IOException | RuntimeException | StackOverflowError e) {
                result.set(e);
              }
            },
            "rq-diff-flux4j",
            STACK);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Object r = result.get();
    if (r instanceof Runs.Outcome o) {
      return o;
    }
    if (r instanceof IOException e) {
      throw e;
    }
    return new Runs.Outcome(-2, "", "flux4j threw " + r, false);
  }

  /**
   * Shrinks a failing scenario while it still fails with the same {@link Judgement#signature}
   * (Fluxion not crashing) and returns the smallest one found.
   */
  public Shrinker.Result<Scenario> shrink(Scenario failing, String signature, int budget) {
    return new Shrinker<Scenario>(Scenario::reductions, budget)
        .shrink(
            failing,
            s -> {
              try {
                Judgement j = judge(s);
                return j.verdict() == Verdict.FAIL && j.signature().equals(signature);
              } catch (IOException | UncheckedIOException e) {
                return false;
              }
            });
  }

  /**
   * Writes a case folder: the scenario's inputs and {@code run.sh}, {@code expected.out} (Fluxion's
   * output), {@code flux4j.out}, both standard outputs (timings masked) and stderr texts, and
   * {@code diff.txt}.
   */
  public static void writeCase(Path dir, Scenario s, Judgement j) throws IOException {
    clear(dir);
    s.writeTo(dir);
    Files.writeString(dir.resolve("expected.out"), j.fluxion().out(), StandardCharsets.ISO_8859_1);
    Files.writeString(dir.resolve("flux4j.out"), j.flux4j().out(), StandardCharsets.ISO_8859_1);
    Files.writeString(
        dir.resolve("expected.stdout"), j.fluxion().stdout(), StandardCharsets.ISO_8859_1);
    Files.writeString(
        dir.resolve("flux4j.stdout"), j.flux4j().stdout(), StandardCharsets.ISO_8859_1);
    Files.writeString(dir.resolve("expected.err"), j.fluxion().stderr(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("flux4j.err"), j.flux4j().stderr(), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("diff.txt"),
        "exit: fluxion "
            + j.fluxion().exit()
            + ", flux4j "
            + j.flux4j().exit()
            + "\n"
            + j.difference()
            + "\nsignature: "
            + j.signature()
            + "\n",
        StandardCharsets.UTF_8);
  }

  private static void clear(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> w = Files.walk(dir)) {
        for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
