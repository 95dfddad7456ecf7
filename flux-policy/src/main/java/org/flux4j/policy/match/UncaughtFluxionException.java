package org.flux4j.policy.match;

/**
 * An operation that Fluxion ends by throwing a C++ exception out of its planner: the state is what
 * Fluxion's is at that moment (the changes made before the throw stay), and the message is the
 * exception's {@code what()} text followed by a newline. A resource-query command that catches the
 * exception prints that text; one that does not dies of it ({@code std::terminate}), which is what
 * {@link #cxxType()} and {@link #what()} let a caller reproduce.
 *
 * <p>The one case: reducing a job's aggregate span (a partial cancel or a rank removal) whose
 * per-type span ids are fewer than its planner's types, after a re-prime gave the vertex a new
 * type; {@code planner_multi_reduce_span} reads past them with {@code std::vector::at}.
 */
public final class UncaughtFluxionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String cxxType;
  private final String what;

  /**
   * An exception of C++ type {@code cxxType} (for example {@code std::out_of_range}) whose {@code
   * what()} is {@code what}.
   */
  public UncaughtFluxionException(String cxxType, String what, Throwable cause) {
    super(what + "\n", cause);
    this.cxxType = cxxType;
    this.what = what;
  }

  /** The C++ type of the exception, as {@code std::terminate} names it. */
  public String cxxType() {
    return cxxType;
  }

  /** The exception's {@code what()} text. */
  public String what() {
    return what;
  }
}
