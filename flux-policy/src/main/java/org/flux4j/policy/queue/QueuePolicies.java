package org.flux4j.policy.queue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The registry of queue policies by name: fcfs, easy, conservative and hybrid are built in; users
 * register their own with {@link #register}. Thread-safe.
 */
public final class QueuePolicies {
  private static final Map<String, Function<QueueParams, QueuePolicy>> FACTORIES =
      new ConcurrentHashMap<>();

  static {
    FACTORIES.put("fcfs", BackfillPolicy::fcfs);
    FACTORIES.put("easy", BackfillPolicy::easy);
    FACTORIES.put("hybrid", BackfillPolicy::hybrid);
    FACTORIES.put("conservative", BackfillPolicy::conservative);
  }

  private QueuePolicies() {}

  /** The policy of this name (case-insensitive) with these parameters, if registered. */
  public static Optional<QueuePolicy> byName(String name, QueueParams params) {
    Function<QueueParams, QueuePolicy> f = FACTORIES.get(name.toLowerCase(Locale.ROOT));
    return f == null ? Optional.empty() : Optional.of(f.apply(params));
  }

  /**
   * The policy of this name with these parameters.
   *
   * @throws IllegalArgumentException listing the known names if there is none of that name
   */
  public static QueuePolicy require(String name, QueueParams params) {
    return byName(name, params)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown queue policy '" + name + "' (known: " + names() + ")"));
  }

  /** Registers (or replaces) a policy factory under a name. */
  public static void register(String name, Function<QueueParams, QueuePolicy> factory) {
    FACTORIES.put(name.toLowerCase(Locale.ROOT), factory);
  }

  /** The registered names, sorted. */
  public static Set<String> names() {
    return new TreeSet<>(FACTORIES.keySet());
  }
}
