package org.flux4j.policy.writer;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntBooleanHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "jgf" and "jgf_shorthand" writers: the set's vertices (in its order) and edges as one
 * JGF line (see {@link JgfWriter}) and a newline.
 *
 * <p>The shorthand variant leaves out every vertex whose parent (the one the match's walk reached
 * it from, by default its containment parent) is held exclusively (in the set, or by the walk that
 * left it out: {@link ResourceSet#unemittedExclusive}), and every edge whose source is held
 * exclusively (what lies under an exclusive vertex is implied). Once it has left something out it
 * adds {@code "writer": "fluxion:jgf_shorthand"} to this and every later document, as Fluxion's
 * writer object does. A find's set omits nothing.
 *
 * <p>Find's aggregate-filter data is written under "agfilter": from {@link ResourceSet#agfilter}
 * and from ephemeral keys of the form "agfilter.TYPE" (the prefix is stripped).
 *
 * <p>As in Fluxion, vertices and edges accumulate until a document can be written: a document needs
 * at least one vertex and one edge; otherwise nothing is written and what was collected is kept and
 * written with the next set.
 */
final class JgfMatchWriter implements MatchWriter {
  static final String SHORTHAND_URI = "fluxion:jgf_shorthand";

  /** Ephemeral keys "agfilter.TYPE" are written as agfilter entries TYPE (find's convention). */
  static final String AGFILTER_PREFIX = "agfilter.";

  private final boolean shorthand;
  private boolean complete = true;
  private JgfWriter pending;

  JgfMatchWriter(boolean shorthand) {
    this.shorthand = shorthand;
  }

  @Override
  public String name() {
    return shorthand ? "jgf_shorthand" : "jgf";
  }

  /** Fluxion's errno text for a document with vertices but no edges, or edges but no vertices. */
  static final String ONE_SIDED = "No such file or directory";

  private String lastError = "";

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    lastError = "";
    if (!set.isEmpty()) {
      feed(set);
    }
    // an empty set (a match that found nothing) still emits what is pending, as Fluxion does
    if (emit(out)) {
      out.append('\n');
    } else if (!isEmpty()) {
      lastError = ONE_SIDED;
    }
  }

  @Override
  public String lastError() {
    return lastError;
  }

  /** Adds the set's vertices and edges to the pending document. */
  void feed(ResourceSet set) {
    ResourceGraph g = set.graph();
    if (pending == null || pending.graph() != g) {
      pending = new JgfWriter(g);
    }
    IntBooleanHashMap exclusive = shorthand && !set.fromFind() ? exclusivity(set) : null;
    IntIntHashMap reachedFrom = exclusive != null ? reachedFrom(set) : null;
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      if (exclusive != null) {
        int p = reachedFrom.getIfAbsent(v, g.parent(v));
        if (p != ResourceGraph.NONE && exclusive.get(p)) {
          complete = false;
          continue;
        }
      }
      Map<String, String> ephemeral = set.ephemeral(i);
      Map<String, String> agfilter = set.agfilter(i);
      if (!ephemeral.isEmpty() && hasAgfilterKey(ephemeral)) {
        Map<String, String> eph = new TreeMap<>();
        Map<String, String> agf = new TreeMap<>(agfilter);
        for (Map.Entry<String, String> e : ephemeral.entrySet()) {
          if (e.getKey().startsWith(AGFILTER_PREFIX)) {
            agf.put(e.getKey().substring(AGFILTER_PREFIX.length()), e.getValue());
          } else {
            eph.put(e.getKey(), e.getValue());
          }
        }
        ephemeral = eph;
        agfilter = agf;
      }
      pending.vertex(v, set.count(i), set.exclusive(i), ephemeral, agfilter);
    }
    for (int k = 0; k < set.edgeCount(); k++) {
      if (exclusive != null && exclusive.get(set.edgeSource(k))) {
        complete = false;
        continue;
      }
      pending.edge(set.edgeSource(k), set.edgeTarget(k), set.edgeSubsystem(k));
    }
  }

  /** Whether nothing at all is pending (Fluxion's {@code empty()}). */
  boolean isEmpty() {
    return pending == null || (pending.vertexCount() == 0 && pending.edgeCount() == 0);
  }

  /**
   * Appends the pending document (without newline) and clears it, if it has vertices and edges;
   * otherwise appends nothing, keeps it and returns false.
   */
  boolean emit(StringBuilder out) {
    if (pending == null || pending.vertexCount() == 0 || pending.edgeCount() == 0) {
      return false;
    }
    pending.appendDocument(out, complete ? null : SHORTHAND_URI);
    pending.clear();
    return true;
  }

  private static boolean hasAgfilterKey(Map<String, String> ephemeral) {
    for (String k : ephemeral.keySet()) {
      if (k.startsWith(AGFILTER_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The parent through which the match's walk reached each vertex: the source of the set's first
   * edge into it in the dominant subsystem. Fluxion's update walk passes a vertex's exclusivity to
   * the child it descends into ({@code dfu_impl_t::upd_dfv}), so a vertex with two containment
   * parents (a GRUG associate-in target) lies under the one the walk came from, not under the
   * parent its path names.
   */
  private static IntIntHashMap reachedFrom(ResourceSet set) {
    IntIntHashMap m = new IntIntHashMap(set.edgeCount());
    int dom = set.dominantSubsystem();
    for (int k = 0; k < set.edgeCount(); k++) {
      if (set.edgeSubsystem(k) == dom && !m.containsKey(set.edgeTarget(k))) {
        m.put(set.edgeTarget(k), set.edgeSource(k));
      }
    }
    return m;
  }

  private static IntBooleanHashMap exclusivity(ResourceSet set) {
    IntBooleanHashMap m = new IntBooleanHashMap(set.size());
    for (int i = 0; i < set.size(); i++) {
      if (set.exclusive(i)) {
        m.put(set.vertex(i), true);
      }
    }
    for (int k = 0; k < set.unemittedExclusiveCount(); k++) {
      m.put(set.unemittedExclusive(k), true);
    }
    return m;
  }
}
