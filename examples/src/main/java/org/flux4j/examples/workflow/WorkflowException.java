package org.flux4j.examples.workflow;

/**
 * A workflow file that cannot run: malformed YAML, an unknown or mistyped field, a duplicate job
 * name, a dependency on an unknown job, or a dependency cycle. The message names the file and line.
 */
public final class WorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  /**
   * An error at {@code line} of {@code source}.
   *
   * @param line the 1-based line, or 0 if the error has no single line
   */
  public WorkflowException(String source, int line, String what) {
    super(source + (line > 0 ? ":" + line : "") + ": " + what);
    this.source = source;
    this.line = line;
  }

  /** The file (or other name) of the workflow. */
  public String source() {
    return source;
  }

  /** The 1-based line the error is on; 0 if none. */
  public int line() {
    return line;
  }
}
