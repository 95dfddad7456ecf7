package org.flux4j.examples.rq;

/**
 * Where Fluxion's resource-query dies of an uncaught C++ exception: {@code std::terminate} prints
 * libstdc++'s two lines to standard error and aborts (exit status 134, SIGABRT). Everything the
 * session wrote to the {@code -t} file before stays (resource-query ends each line with {@code
 * std::endl}, which flushes it); nothing after is written, the {@code -g} graph output included.
 *
 * <p>The one such place modelled: a {@code partial-cancel} whose reduction reads a multi-span's
 * per-type ids past their end ({@code planner_multi_reduce_span}'s {@code std::vector::at}, see
 * {@link org.flux4j.policy.match.UncaughtFluxionException}); resource-query's {@code remove}
 * catches the same exception and goes on, its {@code partial-cancel} does not (rq-diff seeds
 * 358207, 360060).
 */
final class FluxionAbort extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exit status of a process that SIGABRT ended (128 + 6). */
  static final int EXIT_STATUS = 134;

  /**
   * An abort on a {@code std::exception} of C++ type {@code type} whose {@code what()} is {@code
   * what}.
   */
  FluxionAbort(String type, String what) {
    super(
        "terminate called after throwing an instance of '" + type + "'\n  what():  " + what + "\n");
  }
}
