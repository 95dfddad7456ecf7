package org.flux4j.policy.jobspec;

import java.util.Objects;

/**
 * A jobspec that cannot be read or breaks a rule of RFC 14, RFC 25 (V1), RFC 31 or Fluxion's
 * parser. Unchecked.
 *
 * <p>The message names the source (file name or label), the JSON pointer of the offending node
 * inside the document (e.g. {@code /resources/0/with/1/count}; "" for the whole document) and the
 * rule broken. {@link #reason()} is the text Fluxion's parser gives for the same error, which
 * resource-query prints as {@code match_allocate: ERROR: Jobspec error for N: <reason>}.
 */
public class JobspecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String pointer;
  private final String problem;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param source the file name or label of the jobspec
   * @param pointer the JSON pointer of the offending node, "" for the document itself
   * @param problem what is wrong, phrased so that the user can fix it
   * @param reason Fluxion's text for this error (often the same as {@code problem})
   */
  public JobspecException(String source, String pointer, String problem, String reason) {
    this(source, pointer, problem, reason, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param source the file name or label of the jobspec
   * @param pointer the JSON pointer of the offending node, "" for the document itself
   * @param problem what is wrong
   * @param reason Fluxion's text for this error
   * @param cause the underlying exception, or null
   */
  public JobspecException(
      String source, String pointer, String problem, String reason, Throwable cause) {
    super(format(source, pointer, problem), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  private static String format(String source, String pointer, String problem) {
    return source + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + problem;
  }

  /** The file name or label of the jobspec. */
  public String source() {
    return source;
  }

  /** The JSON pointer of the offending node ("" for the whole document). */
  public String pointer() {
    return pointer;
  }

  /** The rule broken, without source and pointer. */
  public String problem() {
    return problem;
  }

  /** Fluxion's text for this error: what resource-query prints after "Jobspec error for N: ". */
  public String reason() {
    return reason;
  }

  /** The same error, placed at {@code pointer} inside {@code source}. */
  public JobspecException at(String newSource, String newPointer) {
    return new JobspecException(newSource, newPointer, problem, reason, this);
  }
}
