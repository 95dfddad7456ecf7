package org.flux4j.core;

/**
 * The answer to "when would this request start if I submitted it now?" ({@link
 * Instance#estimateStart}): computed on a copy of the scheduler's resource state, with the
 * reservations of the last scheduling cycle in place, as if the request were queued behind them.
 *
 * @param kind what the copy answered
 * @param startMillis the estimated start on the instance's clock (for NOW and RESERVED), else -1
 * @param note why there is no estimate (for UNKNOWN and UNSATISFIABLE), else empty
 */
public record StartEstimate(Kind kind, long startMillis, String note) {
  /** What the copy of the scheduler answered. */
  public enum Kind {
    /** It fits now. */
    NOW,
    /** It fits at {@code startMillis}, after running jobs end and reserved jobs start. */
    RESERVED,
    /** No start time can be given (the pool keeps no time plan, or no free time was found). */
    UNKNOWN,
    /** These resources can never run it. */
    UNSATISFIABLE
  }
}
