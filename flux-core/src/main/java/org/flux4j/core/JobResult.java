package org.flux4j.core;

/**
 * How an inactive job ended, as flux-core reports it: from its first fatal exception if it had one
 * ({@code cancel} gives CANCELED, {@code timeout} gives TIMEOUT, any other type FAILED), otherwise
 * from its finish status (zero gives COMPLETED, anything else FAILED).
 */
public enum JobResult {
  /** Ran and every task succeeded. */
  COMPLETED,
  /** A task failed, or a fatal exception other than cancel or timeout was raised. */
  FAILED,
  /** Canceled (a fatal {@code cancel} exception). */
  CANCELED,
  /** Its duration expired (a fatal {@code timeout} exception). */
  TIMEOUT
}
