package org.flux4j.graph.jgrapht;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.Subsystems;
import org.flux4j.graph.internal.SubsystemRelations;
import org.jgrapht.Graph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.graphml.GraphMLExporter.AttributeCategory;

/**
 * JGraphT interoperability for {@link ResourceGraph}: a read-only view, DOT and GraphML export, and
 * building a resource graph from a JGraphT graph.
 *
 * <p>{@link #asJGraphT} returns a <em>view</em>, not a copy: a light adapter over the graph's
 * compressed adjacency arrays (O(V + E) ints of index, no object per vertex or edge); vertices are
 * the graph's int vertices and edges the int slots of the subsystem's adjacency. All methods are
 * stateless and thread-safe; a view is safe to read from several threads while the graph is not
 * changed.
 */
public final class ResourceGraphs {
  /** The vertex attributes written to DOT and GraphML, in this order. */
  public static final java.util.List<String> VERTEX_ATTRIBUTES =
      java.util.List.of(
          "type", "basename", "name", "id", "uniq_id", "rank", "size", "unit", "path");

  private ResourceGraphs() {}

  /** The graph export formats of resource-query's {@code -g} option. */
  public enum ExportFormat {
    /** Graphviz DOT ({@code BASENAME.dot}). */
    DOT("dot"),
    /** GraphML ({@code BASENAME.graphml}). */
    GRAPHML("graphml");

    private final String extension;

    ExportFormat(String extension) {
      this.extension = extension;
    }

    /** The file extension, also the {@code -g} value ("dot" or "graphml"). */
    public String extension() {
      return extension;
    }

    /** The format for a {@code -g} value (case-insensitive). */
    public static java.util.Optional<ExportFormat> byName(String name) {
      for (ExportFormat f : values()) {
        if (f.extension.equals(name.toLowerCase(Locale.ROOT))) {
          return java.util.Optional.of(f);
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * An unmodifiable JGraphT view of one subsystem: its vertices are the live vertices that belong
   * to the subsystem or touch its edges, its edges are the subsystem's edges (parallel edges kept
   * distinct). O(V + E) to create; queries as in the graph's adjacency, {@code getEdgeSource} O(1).
   * The view is a snapshot of the topology: create a new one after the graph grows or shrinks.
   *
   * @throws IllegalArgumentException if the graph has no such subsystem
   */
  public static Graph<Integer, Integer> asJGraphT(ResourceGraph g, String subsystem) {
    return new ResourceGraphView(g, subsystemId(g, subsystem));
  }

  /** The containment view, {@code asJGraphT(g, "containment")}. */
  public static Graph<Integer, Integer> asJGraphT(ResourceGraph g) {
    return asJGraphT(g, Subsystems.CONTAINMENT);
  }

  private static int subsystemId(ResourceGraph g, String subsystem) {
    int s = g.subsystemId(subsystem);
    if (s < 0) {
      throw new IllegalArgumentException(
          "the graph has no subsystem \"" + subsystem + "\"; it has " + g.subsystems());
    }
    return s;
  }

  /**
   * The export attributes of vertex {@code v}: type, basename, name, id, uniq_id, rank, size, unit
   * and its path in subsystem {@code s}.
   */
  private static Map<String, Attribute> vertexAttributes(ResourceGraph g, int s, int v) {
    Map<String, Attribute> a = new LinkedHashMap<>();
    a.put("type", DefaultAttribute.createAttribute(g.type(v)));
    a.put("basename", DefaultAttribute.createAttribute(g.basename(v)));
    a.put("name", DefaultAttribute.createAttribute(g.name(v)));
    a.put("id", DefaultAttribute.createAttribute(g.id(v)));
    a.put("uniq_id", DefaultAttribute.createAttribute(g.uniqId(v)));
    a.put("rank", DefaultAttribute.createAttribute(g.rank(v)));
    a.put("size", DefaultAttribute.createAttribute(g.size(v)));
    a.put("unit", DefaultAttribute.createAttribute(g.unit(v)));
    a.put("path", DefaultAttribute.createAttribute(g.path(v, s)));
    return a;
  }

  /**
   * Writes one subsystem of the graph as Graphviz DOT: vertex ids are uniq_ids, vertices carry the
   * {@link #VERTEX_ATTRIBUTES} plus a {@code label} (the name), edges a {@code relation}. O(V + E).
   */
  public static void exportDot(ResourceGraph g, String subsystem, Writer out) {
    ResourceGraphView view = new ResourceGraphView(g, subsystemId(g, subsystem));
    DOTExporter<Integer, Integer> exporter = new DOTExporter<>(v -> Long.toString(g.uniqId(v)));
    exporter.setVertexAttributeProvider(
        v -> {
          Map<String, Attribute> a = vertexAttributes(g, view.subsystem, v);
          a.put("label", DefaultAttribute.createAttribute(g.name(v)));
          return a;
        });
    exporter.setEdgeAttributeProvider(
        e -> Map.of("relation", DefaultAttribute.createAttribute(view.relation(e))));
    exporter.exportGraph(view, out);
  }

  /**
   * Writes one subsystem of the graph as GraphML: node ids are uniq_ids, nodes carry the {@link
   * #VERTEX_ATTRIBUTES} as declared keys, edges a {@code relation}. O(V + E).
   */
  public static void exportGraphML(ResourceGraph g, String subsystem, Writer out) {
    ResourceGraphView view = new ResourceGraphView(g, subsystemId(g, subsystem));
    GraphMLExporter<Integer, Integer> exporter =
        new GraphMLExporter<>(v -> Long.toString(g.uniqId(v)));
    exporter.registerAttribute("type", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("basename", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("name", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("id", AttributeCategory.NODE, AttributeType.LONG);
    exporter.registerAttribute("uniq_id", AttributeCategory.NODE, AttributeType.LONG);
    exporter.registerAttribute("rank", AttributeCategory.NODE, AttributeType.INT);
    exporter.registerAttribute("size", AttributeCategory.NODE, AttributeType.LONG);
    exporter.registerAttribute("unit", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("path", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("relation", AttributeCategory.EDGE, AttributeType.STRING);
    exporter.setVertexAttributeProvider(v -> vertexAttributes(g, view.subsystem, v));
    exporter.setEdgeIdProvider(e -> "e" + e);
    exporter.setEdgeAttributeProvider(
        e -> Map.of("relation", DefaultAttribute.createAttribute(view.relation(e))));
    exporter.exportGraph(view, out);
  }

  /**
   * Writes the graph's subsystem to {@code basename + "." + format.extension()}, as
   * resource-query's {@code -o BASENAME -g FORMAT} does at exit; returns the file written.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path export(ResourceGraph g, String subsystem, ExportFormat format, Path basename) {
    Path file = basename.resolveSibling(basename.getFileName() + "." + format.extension());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (format == ExportFormat.DOT) {
        exportDot(g, subsystem, w);
      } else {
        exportGraphML(g, subsystem, w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /**
   * Builds a resource graph from a JGraphT graph whose edges are all containment edges (parent to
   * child). See {@link #fromJGraphT(Graph, Function, Function)}.
   */
  public static <V, E> ResourceGraph fromJGraphT(
      Graph<V, E> graph, Function<? super V, ResourceAttributes> vertexAttributes) {
    return fromJGraphT(graph, vertexAttributes, e -> Subsystems.CONTAINMENT);
  }

  /**
   * Builds a resource graph from a JGraphT graph: one vertex per JGraphT vertex, in {@code
   * vertexSet()} order, with the attributes the function supplies (a negative uniq_id means "the
   * creation index"); one edge per JGraphT edge, in {@code edgeSet()} order, in the subsystem the
   * second function names (containment edges go from parent to child and define paths; in other
   * subsystems the first in-edge of a vertex defines its path). Vertices without a containment
   * parent are containment roots. O(V + E) plus the JGraphT graph's own lookups.
   *
   * @throws GraphParseException if the result is not a valid resource graph (containment cycle,
   *     duplicate uniq_id, negative size)
   */
  public static <V, E> ResourceGraph fromJGraphT(
      Graph<V, E> graph,
      Function<? super V, ResourceAttributes> vertexAttributes,
      Function<? super E, String> edgeSubsystem) {
    String source = "JGraphT graph";
    GraphBuilder b = GraphBuilder.forSource(source, Math.max(16, graph.vertexSet().size()));
    Map<V, Integer> index = new HashMap<>();
    for (V vertex : graph.vertexSet()) {
      ResourceAttributes a = vertexAttributes.apply(vertex);
      if (a == null) {
        throw new GraphParseException(source, "vertex " + vertex, "no attributes supplied");
      }
      int v =
          b.addVertex(
              a.type(),
              a.basename(),
              a.name(),
              a.id(),
              a.uniqId() < 0 ? b.vertexCount() : a.uniqId(),
              a.rank(),
              a.size(),
              a.unit());
      a.properties().forEach((k, val) -> b.property(v, k, val));
      if (a.status() == Status.DOWN) {
        b.status(v, Status.DOWN);
      }
      index.put(vertex, v);
    }
    for (E e : graph.edgeSet()) {
      int s = index.get(graph.getEdgeSource(e));
      int t = index.get(graph.getEdgeTarget(e));
      String sub = edgeSubsystem.apply(e);
      if (sub == null || sub.equals(Subsystems.CONTAINMENT)) {
        if (b.peek().isMember(t, 0) && b.peek().parent(t) != ResourceGraph.NONE) {
          throw new GraphParseException(
              source,
              "edge " + e,
              "vertex " + graph.getEdgeTarget(e) + " has two containment parents");
        }
        b.contain(s, t);
      } else {
        b.edge(s, t, sub, SubsystemRelations.downward(sub));
        int sid = b.subsystem(sub);
        if (!b.peek().isMember(t, sid) || b.peek().pathParent(t, sid) == ResourceGraph.NONE) {
          b.pathParent(t, sub, s);
        }
        if (!b.peek().isMember(s, sid)) {
          b.root(s, sub);
        }
      }
    }
    ResourceGraph g = b.peek();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isMember(v, 0)) {
        b.root(v, Subsystems.CONTAINMENT);
      }
    }
    return b.build();
  }

  /**
   * Reads a containment graph back from GraphML written by {@link #exportGraphML} (or any GraphML
   * whose nodes carry at least a {@code type}; {@code basename}, {@code name}, {@code id}, {@code
   * uniq_id}, {@code rank}, {@code size} and {@code unit} are used when present). Edges become
   * containment edges. DTDs are refused. O(V + E).
   *
   * @param in the GraphML text (read fully, not closed)
   * @param source the name of the input, used in error messages
   * @throws GraphParseException if the text is not GraphML or a node lacks a usable attribute
   */
  public static ResourceGraph importGraphML(java.io.Reader in, String source) {
    String text;
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        sb.append(buf, 0, n);
      }
      text = sb.toString();
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the input: " + e.getMessage(), e);
    }
    if (text.contains("<!DOCTYPE")) {
      throw new GraphParseException(source, null, "GraphML with a DOCTYPE is not accepted");
    }
    Graph<String, org.jgrapht.graph.DefaultEdge> j =
        new org.jgrapht.graph.DirectedPseudograph<>(org.jgrapht.graph.DefaultEdge.class);
    Map<String, Map<String, String>> attrs = new HashMap<>();
    org.jgrapht.nio.graphml.GraphMLImporter<String, org.jgrapht.graph.DefaultEdge> importer =
        new org.jgrapht.nio.graphml.GraphMLImporter<>();
    importer.setSchemaValidation(false);
    importer.setVertexFactory(id -> id);
    importer.addVertexAttributeConsumer(
        (pair, a) ->
            attrs
                .computeIfAbsent(pair.getFirst(), k -> new HashMap<>())
                .put(pair.getSecond(), a.getValue()));
    try {
      importer.importGraph(j, new java.io.StringReader(text));
    } catch (org.jgrapht.nio.ImportException e) {
      throw new GraphParseException(source, null, "malformed GraphML: " + e.getMessage(), e);
    }
    return fromJGraphT(j, v -> attributesOf(source, v, attrs.getOrDefault(v, Map.of())));
  }

  private static ResourceAttributes attributesOf(
      String source, String vertex, Map<String, String> a) {
    String where = "node " + vertex;
    String type = a.get("type");
    if (type == null) {
      throw new GraphParseException(source, where, "the node has no \"type\" attribute");
    }
    return new ResourceAttributes(
        type,
        a.get("basename"),
        a.get("name"),
        number(source, where, a, "id", -1),
        number(source, where, a, "uniq_id", -1),
        (int) number(source, where, a, "rank", -1),
        number(source, where, a, "size", 1),
        a.get("unit"),
        Map.of(),
        Status.UP);
  }

  private static long number(
      String source, String where, Map<String, String> a, String key, long dflt) {
    String v = a.get(key);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new GraphParseException(
          source, where, "attribute " + key + "=\"" + v + "\" is not an integer");
    }
  }
}
