package org.flux4j.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The RFC 26 {@code singleton} dependency, as flux-core's {@code dependency-singleton} plugin: a
 * job waits while another active job of the same user has its name, and of several waiting ones the
 * first in queue order goes on when the name is free.
 *
 * <p>Implementation notes: counts the active jobs per name (every job counts from {@code validate}
 * until it is INACTIVE) and keeps the waiting singletons per name in queue order. Owned by the
 * scheduling loop; not thread-safe.
 */
final class SingletonDependencies {
  private final Map<String, Integer> activeByName = new HashMap<>();
  private final Map<String, TreeSet<Job>> singletons = new HashMap<>();
  private final DependencyHost host;

  SingletonDependencies(DependencyHost host) {
    this.host = host;
  }

  /** Counts job {@code j} as active under its name until {@link #release}. */
  void name(Job j) {
    activeByName.merge(j.request.name(), 1, Integer::sum);
    j.named = true;
  }

  /**
   * Adds the singleton dependency {@code d} of job {@code j}; returns whether it is outstanding.
   */
  boolean add(Job j, Dependency d) {
    TreeSet<Job> waiting =
        singletons.computeIfAbsent(j.request.name(), k -> new TreeSet<>(QueueDiscipline.ORDER));
    int others = activeByName.getOrDefault(j.request.name(), 0) - 1 - waiting.size();
    if (others > 0 || !waiting.isEmpty()) {
      host.dependencyAdd(j, d.description());
      j.singletonWaiting = true;
      waiting.add(j);
      return true;
    }
    return false;
  }

  /**
   * Job {@code j} is INACTIVE: its name is freed, and the next singleton waiting for it goes on.
   */
  void release(Job j) {
    if (!j.named) {
      return;
    }
    String name = j.request.name();
    int left = activeByName.merge(name, -1, Integer::sum);
    TreeSet<Job> waiting = singletons.get(name);
    if (j.singletonWaiting && waiting != null) {
      waiting.remove(j);
      j.singletonWaiting = false;
    }
    if (left == 0) {
      activeByName.remove(name);
    }
    if (waiting == null) {
      return;
    }
    if (waiting.isEmpty()) {
      singletons.remove(name);
      return;
    }
    if (left - waiting.size() == 0) {
      Job next = waiting.pollFirst();
      next.singletonWaiting = false;
      host.dependencyRemove(next, "singleton");
    }
  }
}
