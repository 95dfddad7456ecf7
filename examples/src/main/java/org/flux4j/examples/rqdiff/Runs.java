package org.flux4j.examples.rqdiff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.flux4j.examples.rq.ResourceQueryMain;

/**
 * Runs a written scenario folder through a resource-query and reads what it left: the real Fluxion
 * as a process with a timeout, or flux4j in this JVM through {@link ResourceQueryMain#run} (the
 * entry the conformance runner uses; no JVM per scenario).
 *
 * <p>Stateless and thread-safe; each run works in its own folder.
 */
public final class Runs {
  private Runs() {}

  /**
   * What one run left.
   *
   * @param exit the exit status (-1 when the process timed out)
   * @param out the {@code -t} file ({@code out.txt}; empty when it was not written), its bytes as
   *     ISO-8859-1 characters so that the comparison is byte for byte, the times that {@code -e}
   *     writes there masked ({@link #maskTimings})
   * @param stdout the standard output, its bytes as ISO-8859-1 characters, with the timings that
   *     {@code -e} prints masked ({@link #maskTimings})
   * @param stderr the standard error text
   * @param timedOut whether the process was killed after the timeout
   */
  public record Outcome(int exit, String out, String stdout, String stderr, boolean timedOut) {
    /** An outcome with nothing on standard output. */
    public Outcome(int exit, String out, String stderr, boolean timedOut) {
      this(exit, out, "", stderr, timedOut);
    }

    /** Whether the program died of a signal or the timeout (Fluxion crashed or hung). */
    public boolean crashed() {
      return timedOut || exit >= 128;
    }

    /**
     * Whether the compared parts (exit status, the {@code -t} output's bytes, standard output and
     * the reported errors) are equal.
     */
    public boolean sameAs(Outcome o) {
      return exit == o.exit
          && out.equals(o.out)
          && stdout.equals(o.stdout)
          && reportedErrors().equals(o.reportedErrors());
    }

    /**
     * The lines of stderr, in order, prompts taken out: every message a command prints there (a
     * failed match's traversal messages and errno text, a refused {@code update}, {@code attach} or
     * {@code remove}, a cancel of an unknown job...), compared line by line.
     */
    public List<String> reportedErrors() {
      return stderr.replace(PROMPT, "").lines().toList();
    }
  }

  /** The prompt flux4j's resource-query prints before it reads each command. */
  private static final String PROMPT = "resource-query> ";

  /**
   * The shell line that raises the stack limit to the hard one (unlimited on most machines) and
   * then runs its arguments: Fluxion's flexible traverser recurses once per combination it tries,
   * and on deep jobspecs (nested slots with count ranges over an hwloc graph, rq-diff seed 359374)
   * the default 8 MiB stack overflows (a segmentation fault) where a larger one gives an answer.
   * flux4j's own runs get a large thread stack likewise ({@code Differ}), so both are compared on
   * the answer rather than on a stack size.
   */
  static final String RAISE_STACK = "ulimit -s \"$(ulimit -H -s)\" 2>/dev/null; exec \"$@\"";

  /**
   * Runs the Fluxion binary {@code ref} in {@code dir} with {@code args}, the folder's {@code
   * cmds.in} on stdin, under the hard stack limit ({@link #RAISE_STACK}).
   */
  public static Outcome fluxion(Path ref, Path dir, List<String> args, long timeoutMillis)
      throws IOException {
    Files.deleteIfExists(dir.resolve("out.txt"));
    List<String> cmd = new ArrayList<>();
    cmd.add("/bin/sh");
    cmd.add("-c");
    cmd.add(RAISE_STACK);
    cmd.add("sh");
    cmd.add(ref.toString());
    cmd.addAll(args);
    Path err = dir.resolve("fluxion.err");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectInput(dir.resolve("cmds.in").toFile())
            .redirectOutput(dir.resolve("fluxion.stdout").toFile())
            .redirectError(err.toFile())
            .start();
    boolean done;
    try {
      done = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int exit = done ? p.exitValue() : -1;
    String stdout =
        maskTimings(Files.readString(dir.resolve("fluxion.stdout"), StandardCharsets.ISO_8859_1));
    return new Outcome(
        exit, readOut(dir), stdout, Files.readString(err, StandardCharsets.UTF_8), !done);
  }

  /** Runs flux4j's resource-query in this JVM in {@code dir}. */
  public static Outcome flux4j(Path dir, List<String> args) throws IOException {
    Files.deleteIfExists(dir.resolve("out.txt"));
    byte[] in = Files.readAllBytes(dir.resolve("cmds.in"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, false, StandardCharsets.UTF_8);
    int exit =
        ResourceQueryMain.run(
            args.toArray(new String[0]), new ByteArrayInputStream(in), stdout, stderr, dir);
    stdout.flush();
    stderr.flush();
    return new Outcome(
        exit,
        readOut(dir),
        maskTimings(out.toString(StandardCharsets.ISO_8859_1)),
        err.toString(StandardCharsets.UTF_8),
        false);
  }

  /**
   * {@code text} with the measured times that resource-query prints under {@code -e} replaced by
   * {@code #}: the graph's load time, each operation's {@code ELAPSE=}, the match-time statistics
   * of {@code stat} and the last field of the job lines of {@code info} and {@code list}.
   */
  public static String maskTimings(String text) {
    if (text.isEmpty()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    boolean first = true;
    for (String line : text.split("\n", -1)) {
      if (!first) {
        b.append('\n');
      }
      first = false;
      if (line.startsWith("INFO: Graph Load Time: ") || line.contains(" Match Time: ")) {
        line = TRAILING_NUMBER.matcher(line).replaceFirst("#");
      } else if (line.startsWith("INFO: ELAPSE=")) {
        line = "INFO: ELAPSE=#";
      } else if (JOB_LINE.matcher(line).matches()) {
        line = TRAILING_NUMBER.matcher(line).replaceFirst("#");
      }
      b.append(line);
    }
    return b.toString();
  }

  private static final Pattern TRAILING_NUMBER = Pattern.compile("[-+0-9.eE]+$");

  /** A job line of {@code info} or {@code list}: id, state, start, jobspec, match time. */
  private static final Pattern JOB_LINE =
      Pattern.compile("INFO: \\d+, [A-Z]+, -?\\d+, .*, [-+0-9.eE]+");

  /** The {@code -t} file, with the times {@code -e} writes there masked ({@link #maskTimings}). */
  private static String readOut(Path dir) throws IOException {
    Path out = dir.resolve("out.txt");
    return Files.exists(out) ? maskTimings(Files.readString(out, StandardCharsets.ISO_8859_1)) : "";
  }

  /** The first line where two outputs differ, as "line N: expected | actual", or "" if equal. */
  public static String firstDifference(String expected, String actual) {
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end>";
      String y = i < b.length ? b[i] : "<end>";
      if (!x.equals(y)) {
        int c = 0;
        while (c < x.length() && c < y.length() && x.charAt(c) == y.charAt(c)) {
          c++;
        }
        int from = c > 60 ? c - 40 : 0;
        String where = from > 0 ? " (from column " + (from + 1) + ")" : "";
        return "line "
            + (i + 1)
            + where
            + ": fluxion `"
            + clip(x.substring(Math.min(from, x.length())))
            + "` | flux4j `"
            + clip(y.substring(Math.min(from, y.length())))
            + "`";
      }
    }
    return "";
  }

  private static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
