package org.flux4j.policy.match;

/**
 * The outcome of {@link ResourceQuery#cancel}, {@link ResourceQuery#partialCancel} and {@link
 * ResourceQuery#partialCancelRanks}.
 */
public enum CancelStatus {
  /** The job is gone and all its resources are free. */
  CANCELLED,
  /** Part of the job's resources were freed; the job keeps the rest. */
  PARTIALLY_CANCELLED,
  /** No job with that id is known ("nonexistent job"). */
  NO_SUCH_JOB,
  /** Partial cancel of a reservation (Fluxion does not support it); nothing changed. */
  RESERVATION_NOT_SUPPORTED,
  /**
   * The cancel failed as Fluxion's does (a partial cancel whose R names a rank where the job holds
   * nothing, or a vertex the job does not hold; a full cancel whose walk meets an aggregate that
   * cannot release the job's span after a re-prime); what was released before the failure stays
   * released and the job keeps the rest.
   */
  FAILED
}
