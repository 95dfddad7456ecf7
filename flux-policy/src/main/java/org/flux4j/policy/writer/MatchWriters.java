package org.flux4j.policy.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of match writers by the names Fluxion's resource-query accepts for {@code -F}:
 * simple, pretty_simple, jgf, jgf_shorthand, rlite, rv1, rv1_nosched and rv1_shorthand; users may
 * {@link #register} their own. Thread-safe.
 */
public final class MatchWriters {
  private static final Map<String, Supplier<MatchWriter>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put("simple", () -> new SimpleMatchWriter(false));
    REGISTRY.put("pretty_simple", () -> new SimpleMatchWriter(true));
    REGISTRY.put("jgf", () -> new JgfMatchWriter(false));
    REGISTRY.put("jgf_shorthand", () -> new JgfMatchWriter(true));
    REGISTRY.put("rlite", RliteMatchWriter::new);
    REGISTRY.put("rv1", () -> new Rv1MatchWriter(Rv1MatchWriter.Mode.RV1));
    REGISTRY.put("rv1_nosched", () -> new Rv1MatchWriter(Rv1MatchWriter.Mode.NOSCHED));
    REGISTRY.put("rv1_shorthand", () -> new Rv1MatchWriter(Rv1MatchWriter.Mode.SHORTHAND));
  }

  private MatchWriters() {}

  /** A new writer for the format {@code name} (exact, lower case), or empty if none is known. */
  public static Optional<MatchWriter> byName(String name) {
    Objects.requireNonNull(name, "name");
    Supplier<MatchWriter> s;
    synchronized (REGISTRY) {
      s = REGISTRY.get(name);
    }
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  /**
   * A new writer for the format {@code name}.
   *
   * @throws IllegalArgumentException naming the known formats if {@code name} is not one of them
   */
  public static MatchWriter require(String name) {
    return byName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown match format \"" + name + "\"; known formats: " + names()));
  }

  /** The names of the known formats, built-in ones first in Fluxion's order. */
  public static List<String> names() {
    synchronized (REGISTRY) {
      return List.copyOf(new ArrayList<>(REGISTRY.keySet()));
    }
  }

  /**
   * Registers (or replaces) a format; {@code factory} must return a new writer on every call.
   *
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public static void register(String name, Supplier<MatchWriter> factory) {
    Objects.requireNonNull(factory, "factory");
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a match format needs a non-empty name");
    }
    synchronized (REGISTRY) {
      REGISTRY.put(name, factory);
    }
  }
}
