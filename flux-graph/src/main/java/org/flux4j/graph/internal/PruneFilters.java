package org.flux4j.graph.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.flux4j.graph.ResourceGraph;

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
 * the {@code ALL} types other than {@code h} itself ({@link #trackedTypes}).
 *
 * <p>This is the one parser of the spec in flux4j: the match engine's pruning configuration in
 * flux-policy reads it here (its per-vertex subtree aggregates are built from it). Machinery, not
 * API: the package is exported to flux4j's own modules only. Instances from {@link #parse}, {@link
 * #DEFAULT} and {@link #none} are immutable and thread-safe; {@link #mutableCopy} gives a private
 * copy that {@link #register} may extend (Fluxion's priming registers leaf types).
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
      new PruneFilters(new LinkedHashMap<>(), new ArrayList<>(), false);

  // anchor type (or ALL) -> tracked types, in registration order; values never contain a type that
  // ALL also tracks
  private final Map<String, Set<String>> anchors;
  // every type ever registered (Fluxion's m_total_set), in registration order
  private final List<String> pruningTypes;
  // whether register may change this instance (only copies from mutableCopy, and parse's own)
  private final boolean mutable;

  private PruneFilters(
      Map<String, Set<String>> anchors, List<String> pruningTypes, boolean mutable) {
    this.anchors = anchors;
    this.pruningTypes = pruningTypes;
    this.mutable = mutable;
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
   *     pair from a stray comma) or an empty side; the message starts with Fluxion's {@link
   *     #RESOURCE_QUERY_ERROR}, then names the pair, its position and how to write it
   */
  public static PruneFilters parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    PruneFilters f = new PruneFilters(new LinkedHashMap<>(), new ArrayList<>(), true);
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
    return new PruneFilters(f.anchors, f.pruningTypes, false);
  }

  private void registerPair(String spec, String pair, int index) {
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw bad(
          spec,
          index,
          pair,
          "has no ':'; write HL:LL pairs separated by commas, e.g. ALL:core,rack:node");
    }
    String h = stripSpaces(pair.substring(0, colon));
    String l = stripSpaces(pair.substring(colon + 1));
    if (h.isEmpty() || l.isEmpty()) {
      throw bad(
          spec,
          index,
          pair,
          "has an empty "
              + (h.isEmpty() ? "high-level" : "low-level")
              + " type; name both, e.g. "
              + (h.isEmpty() ? "ALL" : h)
              + ":"
              + (l.isEmpty() ? "core" : l));
    }
    register(h, l);
  }

  private static IllegalArgumentException bad(String spec, int index, String pair, String what) {
    return new IllegalArgumentException(
        RESOURCE_QUERY_ERROR
            + ": prune filters \""
            + spec
            + "\": pair "
            + (index + 1)
            + " \""
            + pair
            + "\" "
            + what);
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

  /**
   * Fluxion's {@code set_pruning_type}: tracks {@code type} at vertices of {@code anchor} (or at
   * every vertex for {@link #ALL}). Only on a copy from {@link #mutableCopy}.
   *
   * @throws IllegalStateException on a shared, immutable instance
   */
  public void register(String anchor, String type) {
    if (!mutable) {
      throw new IllegalStateException(
          "prune filters " + this + " are immutable; register into mutableCopy() instead");
    }
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
  public int pruningIndex(String type) {
    return pruningTypes.indexOf(type);
  }

  /** How many types are registered. */
  public int pruningCount() {
    return pruningTypes.size();
  }

  /** A mutable copy, for the leaf-type registration that priming performs. Not thread-safe. */
  public PruneFilters mutableCopy() {
    Map<String, Set<String>> a = new LinkedHashMap<>();
    anchors.forEach((k, v) -> a.put(k, new LinkedHashSet<>(v)));
    return new PruneFilters(a, new ArrayList<>(pruningTypes), true);
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
    return trackedTypes(anchorType, this::registrationRank);
  }

  /**
   * As {@link #trackedTypes(String)} with Fluxion's order for filters set on a loaded {@code
   * graph}: resource-query and the Fluxion module read the graph before the filters, so the graph's
   * types are interned first. The start-up types, then the graph's types in the order its reader
   * declared them ({@link ResourceGraph#typeRank}), then types only the filters name, in
   * registration order.
   */
  public List<String> trackedTypes(String anchorType, ResourceGraph graph) {
    return trackedTypes(
        anchorType,
        t -> {
          int k = STARTUP_TYPES.indexOf(t);
          if (k >= 0) {
            return k;
          }
          int rank = graph.typeRank(t);
          return rank >= 0
              ? STARTUP_TYPES.size() + rank
              : Integer.MAX_VALUE / 2 + registrationRank(t);
        });
  }

  private List<String> trackedTypes(String anchorType, ToIntFunction<String> internRank) {
    List<String> out = new ArrayList<>(4);
    Set<String> own = anchors.get(anchorType);
    if (own != null) {
      out.addAll(own);
      out.sort((a, b) -> Integer.compare(internRank.applyAsInt(a), internRank.applyAsInt(b)));
    }
    int mark = out.size();
    Set<String> all = anchors.get(ALL);
    if (all != null && !anchorType.equals(ALL)) {
      for (String t : all) {
        if (!t.equals(anchorType)) {
          out.add(t);
        }
      }
      out.subList(mark, out.size())
          .sort((a, b) -> Integer.compare(internRank.applyAsInt(a), internRank.applyAsInt(b)));
    }
    return out;
  }

  /**
   * Fluxion keeps these sets ordered by interned-string id, i.e. by first interning: without a
   * graph, the types flux-sched interns at start-up come first in their declaration order, then the
   * others in registration order.
   */
  private int registrationRank(String t) {
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
