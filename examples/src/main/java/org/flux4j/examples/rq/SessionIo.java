package org.flux4j.examples.rq;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The streams of a session and how the tool writes to them: match output ("out": the {@code -t}
 * file or stdout) and stdout flushed after every write, as Fluxion flushes every line, and stderr
 * written unbuffered, so that streams that share a file interleave as they do with the real tool.
 * Also resolves and reads the files that commands name. One per session; not thread-safe.
 */
final class SessionIo {
  /** The rule line that opens and closes every INFO block. */
  static final String RULE = "INFO: =============================";

  private final PrintStream out;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final Path cwd;

  SessionIo(PrintStream out, PrintStream stdout, PrintStream stderr, Path cwd) {
    this.out = out;
    this.stdout = stdout;
    this.stderr = stderr;
    this.cwd = cwd;
  }

  /** Writes {@code s} (which ends with its own newlines, if any) to "out". */
  void outText(String s) {
    if (!s.isEmpty()) {
      out.print(s);
      out.flush();
    }
  }

  /** Writes one line to "out". */
  void outLine(String s) {
    out.print(s + "\n");
    out.flush();
  }

  /** Writes {@code s} to stdout. */
  void stdoutText(String s) {
    if (!s.isEmpty()) {
      stdout.print(s);
      stdout.flush();
    }
  }

  /** Writes one line to stdout. */
  void stdoutLine(String s) {
    stdoutText(s + "\n");
  }

  /** Writes {@code s} to stderr. */
  void errText(String s) {
    if (!s.isEmpty()) {
      stderr.print(s);
      stderr.flush();
    }
  }

  /** Writes one line to stderr. */
  void errLine(String s) {
    errText(s + "\n");
  }

  /**
   * Reports a failed operation: {@code header}, then {@code error} as an ERROR line; nothing if
   * null.
   */
  void errFailure(String header, String error) {
    if (error != null) {
      errLine(header);
      errText("ERROR: " + error);
    }
  }

  /** Reports a command with the wrong number of arguments; returns true (the session goes on). */
  boolean malformed() {
    errLine("ERROR: malformed command");
    return true;
  }

  /**
   * The text of the file {@code name} (relative to the session's directory), or null when it cannot
   * be opened; a directory reads as empty, as a C++ stream reads it.
   */
  String readFile(String name) {
    try {
      Path p = cwd.resolve(name);
      if (Files.isDirectory(p)) {
        return "";
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException | UncheckedIOException e) {
      return null;
    }
  }

  /**
   * {@link #readFile}, reporting a file that cannot be opened as resource-query does ({@code ERROR:
   * can't open NAME}); the caller then ends the command.
   */
  String readFileOrReport(String name) {
    String text = readFile(name);
    if (text == null) {
      errLine("ERROR: can't open " + name);
    }
    return text;
  }
}
