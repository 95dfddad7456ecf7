package org.flux4j.testing;

import java.util.OptionalLong;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobInfo;

/**
 * When a job held its resources, read from its eventlog (RFC 21 {@code alloc} and {@code free}).
 */
final class JobTimes {
  private JobTimes() {}

  /** The timestamp of the first event of this name, if any. */
  static OptionalLong first(JobInfo job, String name) {
    for (JobEvent e : job.eventlog()) {
      if (e.name().equals(name)) {
        return OptionalLong.of(e.timestamp());
      }
    }
    return OptionalLong.empty();
  }

  /** When it got its resources: its {@code alloc} event, if any. */
  static OptionalLong allocated(JobInfo job) {
    return first(job, "alloc");
  }

  /** When it gave them back: its {@code free} event; Long.MAX_VALUE if it still holds them. */
  static long freed(JobInfo job) {
    return first(job, "free").orElse(Long.MAX_VALUE);
  }
}
