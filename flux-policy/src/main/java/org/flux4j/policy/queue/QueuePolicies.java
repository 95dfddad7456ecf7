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
 * register their own with {@link #register} or provide them through {@link Provider} and {@link
 * java.util.ServiceLoader}, so that a policy in a jar on the class path is known by name to every
 * tool ({@code flux4j replay --queue-policy NAME}, benchmarks) without code calling {@link
 * #register}. Thread-safe.
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

  private static volatile boolean provided;

  private QueuePolicies() {}

  /**
   * A source of user queue policies, found with {@link java.util.ServiceLoader} (declare it in
   * {@code META-INF/services/org.flux4j.policy.queue.QueuePolicies$Provider} or with {@code
   * provides} in a module). Its policies are registered the first time the registry is asked for a
   * name; a name registered with {@link #register} or built in wins over a provided one.
   */
  public interface Provider {
    /** The policies this provider offers: a factory per name. */
    Map<String, Function<QueueParams, QueuePolicy>> policies();
  }

  private static void loadProviders() {
    if (provided) {
      return;
    }
    synchronized (QueuePolicies.class) {
      if (provided) {
        return;
      }
      for (Provider p : java.util.ServiceLoader.load(Provider.class)) {
        p.policies().forEach((n, f) -> FACTORIES.putIfAbsent(n.toLowerCase(Locale.ROOT), f));
      }
      provided = true;
    }
  }

  /** The policy of this name (case-insensitive) with these parameters, if registered. */
  public static Optional<QueuePolicy> byName(String name, QueueParams params) {
    loadProviders();
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
    loadProviders();
    FACTORIES.put(name.toLowerCase(Locale.ROOT), factory);
  }

  /** The registered names, sorted. */
  public static Set<String> names() {
    loadProviders();
    return new TreeSet<>(FACTORIES.keySet());
  }
}
