package org.flux4j.core.internal;

import org.flux4j.core.StartEstimate;
import org.flux4j.core.StartEstimate.Kind;

/** Works out a {@link StartEstimate} for a job not submitted, from what the pool answers. */
final class StartEstimates {
  private StartEstimates() {}

  /**
   * When {@code probe} would start if submitted at {@code now}, on a copy of the pool's state (the
   * pool's what-if); nothing of the pool changes. Loop thread only.
   */
  static StartEstimate of(ResourcePool pool, Job probe, long now) {
    String why = pool.unsatisfiable(probe);
    if (why != null) {
      return new StartEstimate(Kind.UNSATISFIABLE, -1, why);
    }
    long t = pool.whatIfStart(probe);
    if (t == -2) {
      return new StartEstimate(
          Kind.UNKNOWN,
          -1,
          "the counting match policy keeps no time plan; use a graph match policy");
    }
    if (t < 0) {
      return new StartEstimate(Kind.UNKNOWN, -1, "no time found at which it fits");
    }
    return new StartEstimate(t <= now ? Kind.NOW : Kind.RESERVED, t, "");
  }
}
