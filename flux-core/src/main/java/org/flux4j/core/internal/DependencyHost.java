package org.flux4j.core.internal;

import org.flux4j.core.JobId;

/**
 * What a dependency scheme may do to the job manager: the part of flux-core's jobtap interface its
 * dependency plugins use ({@code flux_jobtap_dependency_add}, {@code
 * flux_jobtap_dependency_remove}, {@code flux_jobtap_raise_exception}). Loop thread only.
 */
interface DependencyHost {
  /** Adds an outstanding dependency to a job in DEPEND (logs {@code dependency-add} once). */
  void dependencyAdd(Job j, String description);

  /**
   * Removes an outstanding dependency (logs {@code dependency-remove}); the job goes on to PRIORITY
   * once none is left. Ignored unless the job is in DEPEND and has it outstanding.
   */
  void dependencyRemove(Job j, String description);

  /** Raises a fatal {@code dependency} exception on a job: it can never run. */
  void fail(Job j, String note);

  /** The job with {@code id}, held in memory or found in the store, or null if it is gone. */
  Job lookup(JobId id);
}
