package org.flux4j.graph;

import java.util.Locale;

/** The status of a resource vertex, as Fluxion's resource_pool_t status (RFC 20 "up"/"down"). */
public enum Status {
  /** Available for scheduling. */
  UP,
  /** Not matched; jobs already on it are unaffected. */
  DOWN;

  /** The lower-case word Fluxion prints ("up" or "down"). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
