package org.flux4j.policy.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchPolicy;

/**
 * Fluxion's built-in match policies (after {@code dfu_match_policy_factory.cpp}): the id-based
 * family configured by attribute strings, locality and variation.
 */
public final class BuiltinPolicies {
  /** Built-in names in documentation order. */
  public static final List<String> NAMES =
      List.of(
          "first",
          "firstnodex",
          "high",
          "low",
          "lonode",
          "hinode",
          "lonodex",
          "hinodex",
          "locality",
          "variation");

  /** Built-in names and the attribute strings they stand for, in {@link #NAMES} order. */
  private static final Map<String, String> EQUIVALENTS = equivalentsInOrder();

  private static final List<String> OPTIONS =
      List.of("policy", "node_centric", "stop_on_1_matches", "node_exclusive", "stable_ties");

  private static Map<String, String> equivalentsInOrder() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("first", "policy=high node_centric=true stop_on_1_matches=true");
    m.put("firstnodex", "policy=high node_centric=true node_exclusive=true stop_on_1_matches=true");
    m.put("high", "policy=high");
    m.put("low", "policy=low");
    m.put("lonode", "policy=low node_centric=true");
    m.put("hinode", "policy=high node_centric=true");
    m.put("lonodex", "policy=low node_centric=true node_exclusive=true");
    m.put("hinodex", "policy=high node_centric=true node_exclusive=true");
    m.put("locality", "");
    m.put("variation", "");
    return Collections.unmodifiableMap(m);
  }

  /**
   * The built-in names with the attribute strings they stand for (empty for locality and
   * variation), in {@link #NAMES} order; unmodifiable.
   */
  public static Map<String, String> equivalents() {
    return EQUIVALENTS;
  }

  private BuiltinPolicies() {}

  /**
   * Creates the policy called {@code name} (a built-in name or an attribute string).
   *
   * @throws IllegalArgumentException with Fluxion's message when unknown or malformed
   */
  public static MatchPolicy create(String name) {
    if (name.equals("locality")) {
      return new LocalityPolicy();
    }
    if (name.equals("variation")) {
      return new VariationPolicy();
    }
    String spec = EQUIVALENTS.getOrDefault(name, name);
    Boolean high = null;
    boolean nodeCentric = false;
    boolean nodeExclusive = false;
    boolean stop = false;
    boolean stable = false;
    for (String option : spec.split(" ", -1)) {
      int eq = option.indexOf('=');
      String key = eq < 0 ? option : option.substring(0, eq);
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException("invalid policy option: " + key);
      }
      if (eq < 0) {
        throw new IllegalArgumentException("Policy option " + key + " requires a value");
      }
      String value = option.substring(eq + 1);
      if (key.equals("policy")) {
        if (value.equals("high")) {
          high = high == null ? Boolean.TRUE : high;
        } else if (value.equals("low")) {
          high = high == null ? Boolean.FALSE : high;
        } else {
          throw new IllegalArgumentException(
              "policy key within custom policy accepts only low or high");
        }
        continue;
      }
      boolean flag;
      if (value.equals("true")) {
        flag = true;
      } else if (value.equals("false")) {
        flag = false;
      } else {
        throw new IllegalArgumentException(
            "Policy option " + key + " requires true or false, got " + value);
      }
      switch (key) {
        case "node_centric" -> nodeCentric = flag;
        case "node_exclusive" -> nodeExclusive = flag;
        case "stable_ties" -> stable = flag;
        default -> stop = flag;
      }
    }
    if (high == null) {
      throw new IllegalArgumentException("unknown match policy: " + name);
    }
    return new IdPolicy(name, high, nodeCentric, nodeExclusive, stop, stable);
  }

  /** The multi-level id policy family (Fluxion's {@code multilevel_id_t}). */
  static final class IdPolicy implements MatchPolicy {
    private final String name;
    private final boolean high;
    private final boolean nodeCentric;
    private final boolean nodeExclusive;
    private final boolean stop;
    private final boolean stable;

    IdPolicy(
        String name,
        boolean high,
        boolean nodeCentric,
        boolean nodeExclusive,
        boolean stop,
        boolean stable) {
      this.name = name;
      this.high = high;
      this.nodeCentric = nodeCentric;
      this.nodeExclusive = nodeExclusive;
      this.stop = stop;
      this.stable = stable;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean higherFirst() {
      return high;
    }

    @Override
    public long score(ResourceGraph graph, int v, long ancestorFactors) {
      return 1 + ancestorFactors + graph.id(v) + 1;
    }

    @Override
    public long factor(ResourceGraph graph, int v) {
      if (!nodeCentric || !"node".equals(graph.type(v))) {
        return 0;
      }
      // Fluxion: (id + 1 + add_by) * multiply_by + |uniq_id % multiply_by - 1|
      long mul = 10000;
      return (graph.id(v) + 1 + 1) * mul + Math.abs(graph.uniqId(v) % mul - 1);
    }

    @Override
    public boolean stopOnFirstMatch() {
      return stop;
    }

    @Override
    public boolean isExclusiveType(String typeName) {
      return nodeExclusive && "node".equals(typeName);
    }

    @Override
    public boolean stableTies() {
      return stable;
    }
  }

  /** Fluxion's {@code locality} policy ({@code greater_interval_first_t}). */
  static final class LocalityPolicy implements MatchPolicy {
    @Override
    public String name() {
      return "locality";
    }

    @Override
    public boolean higherFirst() {
      return true;
    }

    @Override
    public long score(ResourceGraph graph, int v, long ancestorFactors) {
      return 1 + graph.id(v) + 1;
    }

    @Override
    public boolean localityRanking() {
      return true;
    }
  }

  /** Fluxion's {@code variation} policy ({@code var_aware_t}): smallest perf_class first. */
  static final class VariationPolicy implements MatchPolicy {
    @Override
    public String name() {
      return "variation";
    }

    @Override
    public boolean higherFirst() {
      return false;
    }

    @Override
    public long score(ResourceGraph graph, int v, long ancestorFactors) {
      String p = graph.properties(v).get("perf_class");
      long pc = 9999;
      if (p != null) {
        try {
          pc = Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
          pc = 9999;
        }
        if (pc < 0 || pc > 9999) {
          pc = 9999;
        }
      }
      return 1 + pc;
    }

    @Override
    public boolean higherFirstInSlots() {
      return true;
    }
  }
}
