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
   *     ISO-8859-1 characters so that the comparison is byte for byte
   * @param stderr the standard error text
   * @param timedOut whether the process was killed after the timeout
   */
  public record Outcome(int exit, String out, String stderr, boolean timedOut) {
    /** Whether the program died of a signal or the timeout (Fluxion crashed or hung). */
    public boolean crashed() {
      return timedOut || exit >= 128;
    }

    /** Whether the compared parts (exit status, output bytes and the reported errors) are equal. */
    public boolean sameAs(Outcome o) {
      return exit == o.exit && out.equals(o.out) && reportedErrors().equals(o.reportedErrors());
    }

    /**
     * The lines of stderr that report a failed match or path removal, in order, prompts taken out:
     * those that begin {@code match_allocate:} (the traversal's messages, the errno's text) or
     * {@code ERROR: remove_subgraph:}. These are compared; the readers' error texts (an {@code
     * update} or {@code attach} whose R or JGF is refused) are worded otherwise by flux4j.
     */
    public List<String> reportedErrors() {
      List<String> lines = new ArrayList<>();
      for (String line : stderr.replace(PROMPT, "").lines().toList()) {
        if (line.startsWith("match_allocate:") || line.startsWith("ERROR: remove_subgraph:")) {
          lines.add(line);
        }
      }
      return lines;
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
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
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
    return new Outcome(exit, readOut(dir), Files.readString(err, StandardCharsets.UTF_8), !done);
  }

  /** Runs flux4j's resource-query in this JVM in {@code dir}. */
  public static Outcome flux4j(Path dir, List<String> args) throws IOException {
    Files.deleteIfExists(dir.resolve("out.txt"));
    byte[] in = Files.readAllBytes(dir.resolve("cmds.in"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout =
        new PrintStream(PrintStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, false, StandardCharsets.UTF_8);
    int exit =
        ResourceQueryMain.run(
            args.toArray(new String[0]), new ByteArrayInputStream(in), stdout, stderr, dir);
    stderr.flush();
    return new Outcome(exit, readOut(dir), err.toString(StandardCharsets.UTF_8), false);
  }

  private static String readOut(Path dir) throws IOException {
    Path out = dir.resolve("out.txt");
    return Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : "";
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
