package org.flux4j.graph;

import java.util.Optional;

/**
 * Bad input at an I/O edge: a graph file, an R document or a recipe that cannot be read.
 *
 * <p>The message always names the source (a file name or another label), the location inside it (a
 * line, or a JSON pointer) when one is known, and the problem. Nothing half-built escapes a reader
 * that throws this exception.
 */
public class GraphParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String location;
  private final String problem;

  /**
   * Creates an exception for a problem at a location inside a source.
   *
   * @param source the file name or another label of the input
   * @param location a line ("line 12") or a JSON pointer ("/graph/nodes/3"), or null if unknown
   * @param problem what is wrong, phrased so that the user can fix the input
   */
  public GraphParseException(String source, String location, String problem) {
    this(source, location, problem, null);
  }

  /**
   * Creates an exception for a problem at a location inside a source, with its cause.
   *
   * @param source the file name or another label of the input
   * @param location a line or a JSON pointer, or null if unknown
   * @param problem what is wrong
   * @param cause the underlying exception, or null
   */
  public GraphParseException(String source, String location, String problem, Throwable cause) {
    super(format(source, location, problem), cause);
    this.source = source;
    this.location = location;
    this.problem = problem;
  }

  private static String format(String source, String location, String problem) {
    return location == null || location.isEmpty()
        ? source + ": " + problem
        : source + ": " + location + ": " + problem;
  }

  /** The file name or label of the input. */
  public String source() {
    return source;
  }

  /** The line or JSON pointer, if known. */
  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  /** What is wrong, without the source and location. */
  public String problem() {
    return problem;
  }
}
