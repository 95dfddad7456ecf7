package org.flux4j.policy.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queues of an instance (RFC 33): either one anonymous queue, or named queues with one
 * designated default when there are several. Routes a job's requested queue to its configuration.
 * Immutable and thread-safe.
 */
public final class Queues {
  /** The name used for the anonymous queue. */
  public static final String ANONYMOUS = "";

  private final Map<String, QueueConfig> byName;
  private final String defaultQueue;

  private Queues(Map<String, QueueConfig> byName, String defaultQueue) {
    this.byName = byName;
    this.defaultQueue = defaultQueue;
  }

  /** A single anonymous queue with this configuration (its name is ignored). */
  public static Queues anonymous(QueueConfig config) {
    Map<String, QueueConfig> m = new LinkedHashMap<>();
    m.put(ANONYMOUS, config);
    return new Queues(m, ANONYMOUS);
  }

  /**
   * Named queues; {@code defaultQueue} may be null only when there is exactly one queue (it is then
   * the default).
   *
   * @throws IllegalArgumentException if names repeat, or several queues have no valid default
   */
  public static Queues named(List<QueueConfig> queues, String defaultQueue) {
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("named queues need at least one queue");
    }
    Map<String, QueueConfig> m = new LinkedHashMap<>();
    for (QueueConfig q : queues) {
      if (m.put(q.name(), q) != null) {
        throw new IllegalArgumentException("queue '" + q.name() + "' is configured twice");
      }
    }
    String def = defaultQueue;
    if (def == null) {
      if (m.size() > 1) {
        throw new IllegalArgumentException(
            "several queues are configured: one must be the default"
                + " (policy.jobspec.defaults.system.queue)");
      }
      def = queues.get(0).name();
    } else if (!m.containsKey(def)) {
      throw new IllegalArgumentException("the default queue '" + def + "' is not configured");
    }
    return new Queues(m, def);
  }

  /** Whether these are named queues (not the anonymous one). */
  public boolean isNamed() {
    return !byName.containsKey(ANONYMOUS);
  }

  /** The configurations, in configuration order. */
  public Collection<QueueConfig> all() {
    return new ArrayList<>(byName.values());
  }

  /** The name of the default queue (empty string for the anonymous queue). */
  public String defaultQueue() {
    return defaultQueue;
  }

  /**
   * The queue a job goes to: the one it names, or the default when it names none.
   *
   * @param requested the job's {@code attributes.system.queue}, or null/empty
   * @return the configuration, or empty if the job names a queue that does not exist (then the job
   *     must be rejected at submission)
   */
  public Optional<QueueConfig> route(String requested) {
    if (requested == null || requested.isEmpty()) {
      return Optional.of(byName.get(defaultQueue));
    }
    if (!isNamed()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(requested));
  }

  /** The message for a job that names an unknown queue. */
  public String unknownQueueMessage(String requested) {
    return isNamed()
        ? "queue '"
            + requested
            + "' does not exist (queues: "
            + String.join(", ", byName.keySet())
            + ")"
        : "queue '" + requested + "' does not exist: this instance has only the anonymous queue";
  }
}
