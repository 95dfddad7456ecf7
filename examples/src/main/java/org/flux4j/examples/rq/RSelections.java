package org.flux4j.examples.rq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.IntPredicate;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphSelection;
import org.flux4j.graph.io.IdSet;
import org.flux4j.graph.io.Rv1ExecReader;

/**
 * Turns an emitted resource set R (the file of {@code update}) into what the engine's update takes:
 * a graph holding exactly the vertices R names (found with Fluxion's reader rules by {@link
 * GraphSelection}), with their paths, the units R gives them, and their exclusivity. Stateless.
 */
final class RSelections {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RSelections() {}

  /** The graph of the vertices R names, and which of them are exclusive. */
  record Selected(ResourceGraph graph, IntPredicate exclusive) {}

  /**
   * Reads R (in {@code format}: jgf, jgf_shorthand or rv1exec) against {@code target}.
   *
   * @throws org.flux4j.graph.GraphParseException if R is malformed or names unknown vertices
   */
  static Selected read(ResourceGraph target, String text, GraphFormat format) {
    return read(target, text, format, true);
  }

  /**
   * Reads R against {@code target}; with {@code withAncestors}, the containment ancestors that R
   * leaves out are added as shared vertices (what an update needs; a partial cancel does not).
   */
  static Selected read(
      ResourceGraph target, String text, GraphFormat format, boolean withAncestors) {
    GraphSelection sel = GraphSelection.read(target, "update", text, format);
    LongLongHashMap sizes = format == GraphFormat.RV1EXEC ? null : jgfSizes(text);
    // the vertices R names, preceded by their containment ancestors that R leaves out (an rv1exec
    // R names nodes and their children only): those are held shared, as Fluxion emits them
    IntArrayList order = new IntArrayList(sel.size() + 8);
    IntIntHashMap selectedExclusive = new IntIntHashMap(sel.size() * 2);
    for (int i = 0; i < sel.size(); i++) {
      selectedExclusive.put(sel.vertex(i), sel.exclusive(i) ? 1 : 0);
    }
    IntHashSet placed = new IntHashSet(sel.size() * 2);
    IntArrayList chain = new IntArrayList();
    for (int i = 0; i < sel.size(); i++) {
      chain.clear();
      for (int p = withAncestors ? target.parent(sel.vertex(i)) : ResourceGraph.NONE;
          p != ResourceGraph.NONE && !selectedExclusive.containsKey(p) && !placed.contains(p);
          p = target.parent(p)) {
        chain.add(p);
      }
      for (int k = chain.size() - 1; k >= 0; k--) {
        placed.add(chain.get(k));
        order.add(chain.get(k));
      }
      if (placed.add(sel.vertex(i))) {
        order.add(sel.vertex(i));
      }
    }
    GraphBuilder b = ResourceGraph.builder(Math.max(16, order.size()));
    IntIntHashMap map = new IntIntHashMap(order.size() * 2);
    boolean[] exclusive = new boolean[order.size()];
    for (int i = 0; i < order.size(); i++) {
      int v = order.get(i);
      long size = target.size(v);
      if (sizes != null && sizes.containsKey(target.uniqId(v))) {
        size = sizes.get(target.uniqId(v));
      }
      int n =
          b.addVertex(
              target.type(v),
              target.basename(v),
              target.hasExplicitName(v) ? target.name(v) : null,
              target.id(v),
              target.uniqId(v),
              target.rank(v),
              size,
              target.unit(v));
      map.put(v, n);
      exclusive[n] = selectedExclusive.getIfAbsent(v, 0) == 1;
    }
    for (int i = 0; i < order.size(); i++) {
      int v = order.get(i);
      int p = target.parent(v);
      if (p != ResourceGraph.NONE && map.containsKey(p)) {
        b.contain(map.get(p), map.get(v));
      }
    }
    for (int i = 0; i < order.size(); i++) {
      int v = order.get(i);
      int p = target.parent(v);
      if (p == ResourceGraph.NONE || !map.containsKey(p)) {
        b.path(map.get(v), "containment", target.path(v));
      }
    }
    ResourceGraph r = b.build();
    return new Selected(r, n -> n >= 0 && n < exclusive.length && exclusive[n]);
  }

  /** The {@code size} of each JGF node by its uniq_id (the node's "id" or metadata uniq_id). */
  private static LongLongHashMap jgfSizes(String text) {
    LongLongHashMap sizes = new LongLongHashMap();
    try {
      JsonNode doc = JSON.readTree(text);
      JsonNode graph =
          doc.has("scheduling") ? doc.path("scheduling").path("graph") : doc.path("graph");
      for (JsonNode node : graph.path("nodes")) {
        JsonNode md = node.path("metadata");
        if (!md.path("size").isIntegralNumber()) {
          continue;
        }
        long uid;
        if (md.path("uniq_id").isIntegralNumber()) {
          uid = md.path("uniq_id").longValue();
        } else {
          try {
            uid = Long.parseLong(node.path("id").asText());
          } catch (NumberFormatException e) {
            continue;
          }
        }
        sizes.put(uid, md.path("size").longValue());
      }
    } catch (java.io.IOException | RuntimeException e) {
      // GraphSelection has already reported malformed input; sizes default to whole vertices
    }
    return sizes;
  }

  /**
   * The JGF document {@code text} with an empty edge list (the text unchanged if it is not a JGF
   * object), for readers that look at vertices only.
   */
  static String withoutEdges(String text) {
    try {
      JsonNode doc = JSON.readTree(text);
      if (doc != null && doc.path("graph").isObject()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("graph")).putArray("edges");
        return JSON.writeValueAsString(doc);
      }
    } catch (java.io.IOException | RuntimeException e) {
      // malformed: let the reader report it
    }
    return text;
  }

  /** The broker ranks an rv1exec R names (its R_lite entries), in increasing order. */
  static int[] ranks(String text) {
    IdSet ranks = Rv1ExecReader.ranks("partial-cancel", text);
    int[] out = new int[(int) ranks.size()];
    int i = 0;
    for (long r : ranks) {
      out[i++] = (int) r;
    }
    return out;
  }
}
