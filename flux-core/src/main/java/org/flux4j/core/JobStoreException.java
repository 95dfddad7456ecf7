package org.flux4j.core;

/**
 * A job store that cannot be used: not a flux4j store, written for another resource graph or by a
 * newer flux4j, corrupt or truncated, or failing to write. The message names the file and what is
 * wrong; a store refused when an instance is built is left untouched.
 */
public final class JobStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the store file. */
  public JobStoreException(String message) {
    super(message);
  }

  /** An exception with a message naming the store file, and its cause. */
  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
