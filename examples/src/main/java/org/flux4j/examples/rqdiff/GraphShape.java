package org.flux4j.examples.rqdiff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.writer.MatchWriters;

/**
 * What the scenario generator needs to know about a loaded graph to write requests a user would
 * write for it: the containment type tree (which types occur under which, and at most how many per
 * parent), the pool sizes, the vertex paths per type, and the node names and ranks.
 *
 * <p>Immutable after construction; O(V) to build.
 */
final class GraphShape {
  /** Child types per parent type, in first-seen order. */
  final Map<String, List<String>> children = new LinkedHashMap<>();

  /** The most children of type c under one vertex of type p, keyed "p>c". */
  final Map<String, Integer> fanout = new LinkedHashMap<>();

  /** Vertices per type. */
  final Map<String, Integer> total = new LinkedHashMap<>();

  /** The largest size of a vertex per type (pools have sizes above 1). */
  final Map<String, Long> size = new LinkedHashMap<>();

  /** Containment paths per type, in vertex order. */
  final Map<String, List<String>> paths = new LinkedHashMap<>();

  /** The names of the vertices of type node, in vertex order. */
  final List<String> nodeNames = new ArrayList<>();

  /** The ranks of the graph (-1 left out). */
  final TreeSet<Integer> ranks = new TreeSet<>();

  /** The name of the node vertex of each rank that has one. */
  final Map<Integer, String> nodeOfRank = new LinkedHashMap<>();

  /** Per rank that has a node: the ids of that node's children per type, in vertex order. */
  final Map<Integer, Map<String, List<Long>>> childIdsOfRank = new LinkedHashMap<>();

  /** The root's type. */
  final String rootType;

  /**
   * Each live vertex's entry as the JGF writer writes it (a JSON object: id and metadata, the size
   * its whole size), by containment path in the writer's order: the vertices of a JGF partial
   * cancel.
   */
  final Map<String, String> jgfNodes = new LinkedHashMap<>();

  /** Each entry's JGF node id ({@link #jgfNodes}), by containment path: for R edges. */
  final Map<String, String> jgfIds = new LinkedHashMap<>();

  GraphShape(ResourceGraph g) {
    Map<Long, Integer> perParent = new LinkedHashMap<>();
    String root = null;
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v) || !g.isMember(v, 0)) {
        continue;
      }
      String t = g.type(v);
      total.merge(t, 1, Integer::sum);
      size.merge(t, g.size(v), Math::max);
      paths.computeIfAbsent(t, k -> new ArrayList<>()).add(g.path(v));
      if (t.equals("node")) {
        nodeNames.add(g.name(v));
        if (g.rank(v) >= 0) {
          nodeOfRank.putIfAbsent(g.rank(v), g.name(v));
        }
      }
      int up = g.parent(v);
      if (up != ResourceGraph.NONE && g.type(up).equals("node") && g.rank(up) >= 0) {
        childIdsOfRank
            .computeIfAbsent(g.rank(up), k -> new LinkedHashMap<>())
            .computeIfAbsent(t, k -> new ArrayList<>())
            .add(g.id(v));
      }
      if (g.rank(v) >= 0) {
        ranks.add(g.rank(v));
      }
      int p = g.parent(v);
      if (p == ResourceGraph.NONE) {
        if (root == null) {
          root = t;
        }
        continue;
      }
      String pt = g.type(p);
      List<String> cs = children.computeIfAbsent(pt, k -> new ArrayList<>());
      if (!cs.contains(t)) {
        cs.add(t);
      }
      long key = ((long) p << 20) | g.typeOf(v);
      int n = perParent.merge(key, 1, Integer::sum);
      fanout.merge(pt + ">" + t, n, Math::max);
    }
    this.rootType = root == null ? "cluster" : root;
    // the whole graph as one JGF document (the writer emits no vertex without an edge), then
    // each vertex's entry out of it
    ResourceSet.Builder b = ResourceSet.builder(g);
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.isMember(v, 0)) {
        b.add(v, g.size(v), true);
        int p = g.parent(v);
        if (p != ResourceGraph.NONE && g.isLive(p)) {
          b.edge(p, v, 0);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    MatchWriters.require("jgf").write(b.build(), out);
    try {
      ObjectMapper json = new ObjectMapper();
      for (JsonNode n : json.readTree(out.toString()).path("graph").path("nodes")) {
        String path = n.path("metadata").path("paths").path("containment").asText();
        jgfNodes.put(path, json.writeValueAsString(n));
        jgfIds.put(path, n.path("id").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the JGF writer wrote malformed JSON", e);
    }
  }

  /** The child types of {@code type} (empty for a leaf). */
  List<String> childrenOf(String type) {
    return children.getOrDefault(type, List.of());
  }

  /** At most how many {@code child}s one {@code parent} holds (0 if never). */
  int fanout(String parent, String child) {
    return fanout.getOrDefault(parent + ">" + child, 0);
  }

  /** All root-to-leaf type chains. */
  List<List<String>> chains() {
    List<List<String>> out = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    cur.add(rootType);
    walk(cur, out);
    return out;
  }

  private void walk(List<String> cur, List<List<String>> out) {
    List<String> cs = childrenOf(cur.get(cur.size() - 1));
    if (cs.isEmpty() || cur.size() > 12) {
      out.add(List.copyOf(cur));
      return;
    }
    for (String c : cs) {
      if (cur.contains(c)) {
        continue;
      }
      cur.add(c);
      walk(cur, out);
      cur.remove(cur.size() - 1);
    }
  }
}
