package org.flux4j.policy.writer;

import org.eclipse.collections.impl.map.mutable.primitive.IntBooleanHashMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "jgf" and "jgf_shorthand" writers: the set's vertices (in its order) and edges as one
 * JGF line (see {@link JgfWriter}) and a newline.
 *
 * <p>The shorthand variant leaves out every vertex whose containment parent is in the set and held
 * exclusively, and every edge whose source is held exclusively (what lies under an exclusive vertex
 * is implied). Once it has left something out it adds {@code "writer": "fluxion:jgf_shorthand"} to
 * this and every later document, as Fluxion's writer object does. A find's set omits nothing.
 *
 * <p>As in Fluxion, a document with vertices but no edges is an error and writes nothing.
 */
final class JgfMatchWriter implements MatchWriter {
  static final String SHORTHAND_URI = "fluxion:jgf_shorthand";

  private final boolean shorthand;
  private boolean complete = true;

  JgfMatchWriter(boolean shorthand) {
    this.shorthand = shorthand;
  }

  @Override
  public String name() {
    return shorthand ? "jgf_shorthand" : "jgf";
  }

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    JgfWriter doc = document(set);
    if (doc != null) {
      appendDocument(doc, out);
      out.append('\n');
    }
  }

  /** The JGF of {@code set}, or null when Fluxion would write nothing (empty, or no edges). */
  JgfWriter document(ResourceSet set) {
    ResourceGraph g = set.graph();
    JgfWriter doc = new JgfWriter(g);
    IntBooleanHashMap exclusive = shorthand && !set.fromFind() ? exclusivity(set) : null;
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      if (exclusive != null) {
        int p = g.parent(v);
        if (p != ResourceGraph.NONE && exclusive.get(p)) {
          complete = false;
          continue;
        }
      }
      doc.vertex(v, set.count(i), set.exclusive(i), set.ephemeral(i), set.agfilter(i));
    }
    for (int k = 0; k < set.edgeCount(); k++) {
      if (exclusive != null && exclusive.get(set.edgeSource(k))) {
        complete = false;
        continue;
      }
      doc.edge(set.edgeSource(k), set.edgeTarget(k), set.edgeSubsystem(k));
    }
    if (doc.vertexCount() == 0 || doc.edgeCount() == 0) {
      return null;
    }
    return doc;
  }

  /** Appends a document made by {@link #document} with this writer's writer key, if any. */
  void appendDocument(JgfWriter doc, StringBuilder out) {
    doc.appendDocument(out, complete ? null : SHORTHAND_URI);
  }

  private static IntBooleanHashMap exclusivity(ResourceSet set) {
    IntBooleanHashMap m = new IntBooleanHashMap(set.size());
    for (int i = 0; i < set.size(); i++) {
      if (set.exclusive(i)) {
        m.put(set.vertex(i), true);
      }
    }
    return m;
  }
}
