package org.flux4j.policy.writer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;
import org.flux4j.policy.match.ResourceSet;

/** Graphs, resource sets and conformance data for the writer tests. */
final class Fixtures {
  private Fixtures() {}

  /** Fluxion's match formats, in the order {@code resource-query} lists them. */
  static final List<String> FLUXION_WRITERS =
      List.of(
          "simple",
          "pretty_simple",
          "jgf",
          "jgf_shorthand",
          "rlite",
          "rv1",
          "rv1_nosched",
          "rv1_shorthand");

  /** {@link #FLUXION_WRITERS}, as a JUnit method source. */
  static List<String> fluxionWriters() {
    return FLUXION_WRITERS;
  }

  // ---------------------------------------------------------------- graphs

  /**
   * The 4-node graph of jgfs/4node.*.json: tiny++0 -> rack0 -> node0..3 -> socket0, socket1 ->
   * core0..17 / core18..35, gpu0 / gpu1; node i has rank {@code ranks[i]}; with {@code modified},
   * node0's core0 has id 100.
   */
  static ResourceGraph fourNode(int[] ranks, boolean modified) {
    GraphBuilder b = ResourceGraph.builder();
    int cluster = b.addVertex("cluster", "tiny++", 0, -1, 1, "");
    b.root(cluster, Subsystems.CONTAINMENT);
    int rack = b.addVertex("rack", "rack", 0, -1, 1, "");
    b.contain(cluster, rack);
    for (int n = 0; n < 4; n++) {
      int node = b.addVertex("node", "node", n, ranks[n], 1, "");
      b.contain(rack, node);
      for (int s = 0; s < 2; s++) {
        int socket = b.addVertex("socket", "socket", s, -1, 1, "");
        b.contain(node, socket);
        for (int c = 0; c < 18; c++) {
          int id = s * 18 + c;
          boolean odd = modified && n == 0 && id == 0;
          int core =
              b.addVertex("core", "core", "core" + id, odd ? 100 : id, b.vertexCount(), -1, 1, "");
          b.contain(socket, core);
        }
        b.contain(socket, b.addVertex("gpu", "gpu", s, -1, 1, ""));
      }
    }
    return b.build();
  }

  /**
   * A bare-bones JGF loader (vertices and containment edges in file order), keeping what Fluxion's
   * JGF reader keeps.
   */
  static ResourceGraph loadJgf(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GraphBuilder b = ResourceGraph.builder();
    LongIntHashMap byId = new LongIntHashMap();
    for (JsonNode n : root.path("graph").path("nodes")) {
      JsonNode m = n.path("metadata");
      int v =
          b.addVertex(
              m.path("type").asText(),
              m.path("basename").asText(),
              m.path("name").asText(),
              m.path("id").asLong(),
              m.path("uniq_id").asLong(),
              m.path("rank").asInt(),
              m.path("size").asLong(1),
              ""); // Fluxion's JGF reader parses "unit" but never stores it
      byId.put(Long.parseLong(n.path("id").asText()), v);
      for (Map.Entry<String, JsonNode> e : m.path("properties").properties()) {
        b.property(v, e.getKey(), e.getValue().asText());
      }
    }
    for (JsonNode e : root.path("graph").path("edges")) {
      b.contain(
          byId.get(Long.parseLong(e.path("source").asText())),
          byId.get(Long.parseLong(e.path("target").asText())));
    }
    for (int v = 0; v < b.vertexCount(); v++) {
      if (b.peek().parent(v) == ResourceGraph.NONE) {
        b.root(v, Subsystems.CONTAINMENT);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- sets

  /**
   * A set from entries "path[count:x|s]" in emission order; each entry whose containment parent is
   * in the set gets the edge parent->entry right after it, as Fluxion's traverser emits them.
   */
  static ResourceSet set(ResourceGraph g, String... entries) {
    ResourceSet.Builder b = ResourceSet.builder(g);
    List<Integer> vs = new ArrayList<>();
    for (String e : entries) {
      int open = e.indexOf('[');
      String path = e.substring(0, open);
      String[] cm = e.substring(open + 1, e.length() - 1).split(":", 0);
      int v = g.vertexByPath(0, path).orElseThrow(() -> new IllegalArgumentException(path));
      b.add(v, Long.parseLong(cm[0]), cm[1].equals("x"));
      vs.add(v);
    }
    for (int v : vs) {
      int p = g.parent(v);
      if (p != ResourceGraph.NONE && vs.contains(p)) {
        b.edge(p, v, 0);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- conformance data

  static Path data(String relative) {
    Path root = Path.of(System.getProperty("flux4j.conformance", "/work/shared/conformance"));
    assumeTrue(Files.isDirectory(root), "conformance data not found at " + root);
    return root.resolve("flux-sched/t/data/resource").resolve(relative);
  }

  /** The writer outputs of an expected file: the text between its INFO blocks, in order. */
  static List<String> segments(String expected) {
    try {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (String line : Files.readAllLines(data("expected/" + expected), StandardCharsets.UTF_8)) {
        if (line.startsWith("INFO:")) {
          if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
          }
        } else {
          cur.append(line).append('\n');
        }
      }
      if (cur.length() > 0) {
        out.add(cur.toString());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
