package org.flux4j.core.sim;

/**
 * What happened to one replayed job.
 *
 * @param id the trace's job number
 * @param submit submit time (replay seconds)
 * @param start start time, or -1 if it never started
 * @param end end time, or -1 if it never ended
 * @param procs processors it used
 * @param nodes nodes it spanned
 * @param state the final state, e.g. COMPLETED, TIMEOUT, CANCELED
 */
public record JobOutcome(
    long id, long submit, long start, long end, long procs, long nodes, String state) {

  /** Start minus submit; 0 if it never started. */
  public long waitTime() {
    return start < 0 ? 0 : start - submit;
  }

  /** End minus start; 0 if it did not run. */
  public long runTime() {
    return start < 0 || end < 0 ? 0 : end - start;
  }

  /** Bounded slowdown max(1, (wait + run) / max(run, tau)). */
  public double boundedSlowdown(double tau) {
    double run = runTime();
    return Math.max(1.0, (waitTime() + run) / Math.max(run, tau));
  }
}
