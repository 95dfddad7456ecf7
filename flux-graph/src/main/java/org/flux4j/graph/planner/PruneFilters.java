package org.flux4j.graph.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fluxion's pruning-filter configuration: which resource types (the low-level, LL) are tracked in
 * aggregate at vertices of which types (the high-level anchor, HL, or {@link #ALL} vertices).
 * Parsed from the {@code HL:LL[,HL:LL...]} spec of {@code resource-query -p} and the {@code
 * prune-filters} configuration key, e.g. {@code ALL:core,ALL:node}, {@code rack:node}, {@code
 * cluster:core}.
 *
 * <p>Registration follows flux-sched {@code matcher_util_api_t::set_pruning_type}: a pair {@code
 * ALL:t} moves {@code t} from every anchor to {@code ALL}; a pair {@code h:t} is ignored when
 * {@code ALL} already tracks {@code t}. A vertex of type {@code h} tracks its anchor's types, then
 * the {@code ALL} types other than {@code h} itself ({@link #trackedTypes}). Immutable and
 * thread-safe.
 */
public final class PruneFilters {
  /** The keyword for "every vertex type" in the anchor position. */
  public static final String ALL = "ALL";

  // resource/schema/data_std.cpp, in declaration order
  private static final List<String> STARTUP_TYPES = org.flux4j.graph.ResourceTypes.FLUXION_BUILTIN;

  /** The default filters of resource-query and the Fluxion module: {@code ALL:core,ALL:node}. */
  public static final PruneFilters DEFAULT = parse("ALL:core,ALL:node");

  /**
   * The message (without newline) of the runtime error resource-query reports for a spec that does
   * not parse; it prints {@code ": Runtime error: " + message} and exits 1.
   */
  public static final String RESOURCE_QUERY_ERROR =
      "initialize_matchers_and_traversers: ERROR: can't set pruning filters";

  private static final PruneFilters NONE =
      new PruneFilters(new LinkedHashMap<>(), new ArrayList<>());

  // anchor type (or ALL) -> tracked types, in registration order; values never contain a type that
  // ALL also tracks
  private final Map<String, Set<String>> anchors;
  // every type ever registered (Fluxion's m_total_set), in registration order
  private final List<String> pruningTypes;

  private PruneFilters(Map<String, Set<String>> anchors, List<String> pruningTypes) {
    this.anchors = anchors;
    this.pruningTypes = pruningTypes;
  }

  /** No filters (resource-query with an empty {@code -p}). */
  public static PruneFilters none() {
    return NONE;
  }

  /**
   * Parses a spec {@code HL:LL[,HL:LL...]}. Pairs are split at commas, each at its first colon;
   * whitespace is removed from both sides; {@code HL} may be {@link #ALL}.
   *
   * @throws IllegalArgumentException if a pair has no colon (including an empty spec or an empty
   *     pair from a stray comma) or an empty side; the message names the pair and its position
   */
  public static PruneFilters parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    PruneFilters f = new PruneFilters(new LinkedHashMap<>(), new ArrayList<>());
    int pos = 0;
    int index = 0;
    while (true) {
      int comma = spec.indexOf(',', pos);
      String pair = comma < 0 ? spec.substring(pos) : spec.substring(pos, comma);
      f.registerPair(spec, pair, index);
      if (comma < 0) {
        break;
      }
      pos = comma + 1;
      index++;
    }
    return f;
  }

  private void registerPair(String spec, String pair, int index) {
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "prune filters \""
              + spec
              + "\": pair "
              + (index + 1)
              + " \""
              + pair
              + "\" has no ':'"
              + " (expected HL:LL, e.g. ALL:core)");
    }
    String h = stripSpaces(pair.substring(0, colon));
    String l = stripSpaces(pair.substring(colon + 1));
    if (h.isEmpty() || l.isEmpty()) {
      throw new IllegalArgumentException(
          "prune filters \""
              + spec
              + "\": pair "
              + (index + 1)
              + " \""
              + pair
              + "\" has an empty "
              + (h.isEmpty() ? "high-level" : "low-level")
              + " type");
    }
    register(h, l);
  }

  /** Removes every character C's isspace accepts (space, \t, \n, \v, \f, \r). */
  private static String stripSpaces(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Fluxion's set_pruning_type, on this (still private, so mutable) instance. */
  void register(String anchor, String type) {
    if (anchor.equals(ALL)) {
      for (Set<String> s : anchors.values()) {
        s.remove(type);
      }
      anchors.computeIfAbsent(ALL, k -> new LinkedHashSet<>()).add(type);
    } else {
      Set<String> all = anchors.get(ALL);
      if (all == null || !all.contains(type)) {
        anchors.computeIfAbsent(anchor, k -> new LinkedHashSet<>()).add(type);
      }
    }
    if (!pruningTypes.contains(type)) {
      pruningTypes.add(type);
    }
  }

  /** The position of {@code type} in registration order, or -1. */
  int pruningIndex(String type) {
    return pruningTypes.indexOf(type);
  }

  /** How many types are registered. */
  int pruningCount() {
    return pruningTypes.size();
  }

  /** A mutable copy, for the leaf-type registration that priming performs. */
  PruneFilters mutableCopy() {
    Map<String, Set<String>> a = new LinkedHashMap<>();
    anchors.forEach((k, v) -> a.put(k, new LinkedHashSet<>(v)));
    return new PruneFilters(a, new ArrayList<>(pruningTypes));
  }

  /**
   * Whether {@code type} is tracked anywhere (Fluxion's {@code is_pruning_type}): its units are
   * counted into the aggregates of their ancestors.
   */
  public boolean isPruningType(String type) {
    return pruningTypes.contains(type);
  }

  /** Every tracked type, in order of first registration. Unmodifiable. */
  public List<String> pruningTypes() {
    return Collections.unmodifiableList(new ArrayList<>(pruningTypes));
  }

  /**
   * The types a vertex of type {@code anchorType} tracks (Fluxion's {@code get_my_pruning_types}):
   * those registered for its type, then those registered for {@link #ALL} except {@code anchorType}
   * itself. Within each group, types are in Fluxion's order: the types flux-sched interns at
   * start-up (cluster, core, socket, gpu, node, rack, slot, xor_slot, ssd, storage_node) in that
   * order, then the others in registration order. Empty if none.
   */
  public List<String> trackedTypes(String anchorType) {
    List<String> out = new ArrayList<>(4);
    Set<String> own = anchors.get(anchorType);
    if (own != null) {
      out.addAll(own);
      out.sort(this::compareInternOrder);
    }
    int mark = out.size();
    Set<String> all = anchors.get(ALL);
    if (all != null && !anchorType.equals(ALL)) {
      for (String t : all) {
        if (!t.equals(anchorType)) {
          out.add(t);
        }
      }
      out.subList(mark, out.size()).sort(this::compareInternOrder);
    }
    return out;
  }

  /**
   * Fluxion keeps these sets ordered by interned-string id, i.e. by first interning: the types
   * flux-sched interns at start-up come first in their declaration order, then the others, which we
   * order by registration.
   */
  private int compareInternOrder(String a, String b) {
    return Integer.compare(internRank(a), internRank(b));
  }

  private int internRank(String t) {
    int k = STARTUP_TYPES.indexOf(t);
    return k >= 0 ? k : STARTUP_TYPES.size() + pruningTypes.indexOf(t);
  }

  /**
   * The registrations: anchor type (or {@link #ALL}) to its tracked types, in registration order.
   * Unmodifiable.
   */
  public Map<String, Set<String>> anchors() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    anchors.forEach((k, v) -> out.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(out);
  }

  /** A canonical spec that parses back to equal filters (anchors with no types are left out). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    anchors.forEach(
        (k, v) -> {
          for (String t : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(k).append(':').append(t);
          }
        });
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PruneFilters)) {
      return false;
    }
    PruneFilters f = (PruneFilters) o;
    return nonEmpty(anchors).equals(nonEmpty(f.anchors))
        && new LinkedHashSet<>(pruningTypes).equals(new LinkedHashSet<>(f.pruningTypes));
  }

  private static Map<String, Set<String>> nonEmpty(Map<String, Set<String>> m) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    m.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            out.put(k, v);
          }
        });
    return out;
  }

  @Override
  public int hashCode() {
    return nonEmpty(anchors).hashCode();
  }
}
