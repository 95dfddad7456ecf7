package org.flux4j.core.sim;

/** A malformed SWF trace: names the file, the line and the problem. */
public final class SwfParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  /** Creates an exception for a problem at a line of a trace. */
  public SwfParseException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
    this.source = source;
    this.line = line;
  }

  /** The file name or label of the trace. */
  public String source() {
    return source;
  }

  /** The 1-based line number of the problem. */
  public int line() {
    return line;
  }
}
