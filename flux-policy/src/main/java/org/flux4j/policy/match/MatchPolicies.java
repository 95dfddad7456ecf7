package org.flux4j.policy.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.flux4j.policy.internal.BuiltinPolicies;

/**
 * The registry of match policies by name: Fluxion's named policies ({@code first}, {@code high},
 * {@code low}, {@code lonode}, {@code hinode}, {@code lonodex}, {@code hinodex}, {@code
 * firstnodex}, {@code locality}, {@code variation}), custom attribute strings ({@code policy=high
 * node_centric=true node_exclusive=true stop_on_1_matches=true}), and policies that users register
 * themselves or provide through {@link Provider} and {@link ServiceLoader}. Thread-safe.
 */
public final class MatchPolicies {
  private static final Map<String, Function<String, MatchPolicy>> USER = new ConcurrentHashMap<>();
  private static volatile List<Provider> providers;

  private MatchPolicies() {}

  /**
   * A source of user policies, found with {@link ServiceLoader} (declare it in {@code
   * META-INF/services/org.flux4j.policy.match.MatchPolicies$Provider} or {@code provides} in a
   * module).
   */
  public interface Provider {
    /** The policy called {@code name}, or null if this provider does not know it. */
    MatchPolicy create(String name);
  }

  /**
   * The policy called {@code name}: a built-in name, a registered or provided name, or a custom
   * attribute string.
   *
   * @throws IllegalArgumentException with Fluxion's message if the name is unknown or the custom
   *     string is malformed (e.g. {@code invalid policy option: foo})
   */
  public static MatchPolicy byName(String name) {
    Objects.requireNonNull(name, "name");
    Function<String, MatchPolicy> user = USER.get(name);
    if (user != null) {
      return user.apply(name);
    }
    for (Provider p : providers()) {
      MatchPolicy m = p.create(name);
      if (m != null) {
        return m;
      }
    }
    return BuiltinPolicies.create(name);
  }

  /** Whether {@link #byName} would succeed for {@code name}. */
  public static boolean isKnown(String name) {
    try {
      byName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Registers a policy factory under {@code name} (replacing an earlier registration). The factory
   * receives the name.
   */
  public static void register(String name, Function<String, MatchPolicy> factory) {
    USER.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
  }

  /** The built-in policy names, in Fluxion's documentation order. */
  public static List<String> builtinNames() {
    return BuiltinPolicies.NAMES;
  }

  /** The built-in names with the custom strings they stand for (empty for locality, variation). */
  public static Map<String, String> builtinEquivalents() {
    return BuiltinPolicies.equivalents();
  }

  private static List<Provider> providers() {
    List<Provider> p = providers;
    if (p == null) {
      p = new ArrayList<>();
      for (Provider provider : ServiceLoader.load(Provider.class)) {
        p.add(provider);
      }
      providers = p;
    }
    return p;
  }
}
