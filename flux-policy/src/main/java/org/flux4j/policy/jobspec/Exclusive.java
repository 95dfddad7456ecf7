package org.flux4j.policy.jobspec;

/**
 * The {@code exclusive} key of a jobspec resource: given as {@code true}, given as {@code false},
 * or not given at all (Fluxion's tristate). Fluxion treats every resource at or below a slot as
 * exclusive whatever this says; elsewhere an unspecified value means shared unless an enclosing
 * resource is exclusive.
 */
public enum Exclusive {
  /** {@code exclusive: true}. */
  TRUE,
  /** {@code exclusive: false}. */
  FALSE,
  /** The key is absent. */
  UNSPECIFIED;

  /** {@link #TRUE} or {@link #FALSE} for {@code value}. */
  public static Exclusive of(boolean value) {
    return value ? TRUE : FALSE;
  }
}
