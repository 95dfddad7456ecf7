package org.flux4j.core.internal;

import org.flux4j.core.Clock;

/**
 * The RFC 26 {@code begin-time} dependency, as flux-core's {@code begin-time} plugin: a job waits
 * until a time on the instance's clock. The timer is kept on the job so that an exception that ends
 * the job cancels it. Owned by the scheduling loop; not thread-safe.
 */
final class BeginTimeDependencies {
  private final Clock clock;
  private final EventLoop loop;
  private final DependencyHost host;

  BeginTimeDependencies(Clock clock, EventLoop loop, DependencyHost host) {
    this.clock = clock;
    this.loop = loop;
    this.host = host;
  }

  /** Adds dependency {@code d} of job {@code j}; returns whether it is outstanding (in future). */
  boolean add(Job j, Dependency d) {
    if (d.beginMillis() <= clock.millis()) {
      return false;
    }
    host.dependencyAdd(j, d.description());
    j.dependencyTimers.add(
        clock.schedule(
            d.beginMillis(), () -> loop.post(() -> host.dependencyRemove(j, d.description()))));
    return true;
  }
}
