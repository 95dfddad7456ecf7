package org.flux4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The event names of a job's eventlog that tests expect, built in one place. */
final class EventNames {
  private EventNames() {}

  /**
   * The names of a job that was allocated, started and ran to its end, with {@code exceptions}
   * exception events while it ran (0 for a plain life).
   */
  static List<String> ran(int exceptions) {
    List<String> names =
        new ArrayList<>(List.of("submit", "validate", "depend", "priority", "alloc", "start"));
    names.addAll(Collections.nCopies(exceptions, "exception"));
    names.addAll(List.of("finish", "release", "free", "clean"));
    return names;
  }
}
