package org.flux4j.graph.io;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;

/**
 * Writes JSON Graph Format (JGF) byte for byte as Fluxion's JGF match writer does.
 *
 * <h2>Format</h2>
 *
 * <p>Fluxion builds the document with jansson and dumps it with {@code JSON_INDENT(0)}: one line,
 * {@code ", "} between members, {@code ": "} after keys, keys in insertion order, {@code []} and
 * {@code {}} for empty containers. The document is {@code {"graph": {"nodes": [...], "edges":
 * [...]}}}, with a top-level {@code "writer"} key after {@code "graph"} when a writer URI is given
 * (Fluxion's shorthand writer names itself so when it left vertices out). A vertex is {@code {"id":
 * "<uniq_id>", "metadata": {...}}} whose metadata keys are, in this order, optional ones omitted:
 * {@code type}; {@code basename} (only if it differs from the type); {@code name} (only if it
 * differs from basename followed by id); {@code id}; {@code rank}; {@code properties} (only if any,
 * sorted by key); {@code unit} (only if not empty); {@code exclusive: true} (only if held
 * exclusively); {@code size} (only if the count is not 1); {@code paths} (one entry per subsystem
 * the vertex is a member of, in subsystem order); {@code ephemeral} and {@code agfilter} (only if
 * not empty, sorted by key). An edge is {@code {"source": "<uniq_id>", "target": "<uniq_id>"}},
 * plus {@code "metadata": {"subsystem": "<name>"}} for edges outside the containment subsystem.
 * Strings are escaped as jansson does: {@code \"}, {@code \\}, {@code \b \f \n \r \t}, other
 * control characters as {@code \\u00XX}; everything else, including non-ASCII, is written as is.
 *
 * <h2>Use</h2>
 *
 * <p>The static {@link #appendVertex} and {@link #appendEdge} write one element each and are what
 * match writers use; an instance accumulates the nodes and edges of one document ({@link #vertex},
 * {@link #edge}, then {@link #appendDocument}); {@link #write(ResourceGraph)} writes a whole graph.
 * An instance is not thread-safe; the static methods are safe if the graph is not being changed.
 */
public final class JgfWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final ResourceGraph graph;
  private final StringBuilder nodes = new StringBuilder(4096);
  private final StringBuilder edges = new StringBuilder(1024);
  private int vertexCount;
  private int edgeCount;
  private List<String> subsystemNames;

  /** Starts an empty document over the vertices of {@code graph}. */
  public JgfWriter(ResourceGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
  }

  /** The graph whose vertices this document describes. */
  public ResourceGraph graph() {
    return graph;
  }

  /**
   * Adds a vertex to the document (see {@link #appendVertex} for the arguments). Amortised O(size
   * of its metadata).
   */
  public JgfWriter vertex(
      int v,
      long count,
      boolean exclusive,
      Map<String, String> ephemeral,
      Map<String, String> agfilter) {
    if (vertexCount++ > 0) {
      nodes.append(", ");
    }
    appendVertex(nodes, graph, names(), v, count, exclusive, ephemeral, agfilter);
    return this;
  }

  /** Adds an edge to the document (see {@link #appendEdge}). */
  public JgfWriter edge(int source, int target, int subsystem) {
    if (edgeCount++ > 0) {
      edges.append(", ");
    }
    appendEdge(edges, graph, names(), source, target, subsystem);
    return this;
  }

  /** The subsystem names, read once per document (see {@link #clear}). */
  private List<String> names() {
    if (subsystemNames == null) {
      subsystemNames = graph.subsystems();
    }
    return subsystemNames;
  }

  /** How many vertices have been added. */
  public int vertexCount() {
    return vertexCount;
  }

  /** How many edges have been added. */
  public int edgeCount() {
    return edgeCount;
  }

  /** Forgets every vertex and edge, so the instance can write another document. */
  public void clear() {
    nodes.setLength(0);
    edges.setLength(0);
    vertexCount = 0;
    edgeCount = 0;
    subsystemNames = null;
  }

  /**
   * Appends the whole document, without a trailing newline: {@code {"graph": {"nodes": [...],
   * "edges": [...]}}}, with {@code , "writer": "<writerUri>"} before the closing brace when {@code
   * writerUri} is not null.
   */
  public void appendDocument(StringBuilder sb, String writerUri) {
    sb.append("{\"graph\": {\"nodes\": [").append(nodes).append("], \"edges\": [");
    sb.append(edges).append("]}");
    if (writerUri != null) {
      sb.append(", \"writer\": ");
      appendString(sb, writerUri);
    }
    sb.append('}');
  }

  /** The whole document as a string (see {@link #appendDocument}), without a writer URI. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(nodes.length() + edges.length() + 64);
    appendDocument(sb, null);
    return sb.toString();
  }

  // ---------------------------------------------------------------- whole graph

  /**
   * The whole graph as one JGF line (no trailing newline), as Fluxion's JGF writer emits it for a
   * {@code find} that selects every vertex: a depth-first walk of the containment subsystem from
   * each root in turn; each vertex is written after its subtree (post-order) as held exclusively,
   * with its full size as the count; the edge to a child is written right after the child's
   * subtree, children in edge insertion order; edges back to visited vertices (e.g. the reverse
   * "in" edges) are skipped. After its containment children, each vertex's out-edges in the other
   * subsystems are written in subsystem order (their targets are not walked). O(V + E).
   */
  public static String write(ResourceGraph graph) {
    StringBuilder sb = new StringBuilder(256 * Math.max(1, graph.vertexCount()));
    write(graph, sb);
    return sb.toString();
  }

  /** Appends {@link #write(ResourceGraph)}'s document to {@code sb}. */
  public static void write(ResourceGraph graph, StringBuilder sb) {
    JgfWriter w = new JgfWriter(graph);
    int subsystems = graph.subsystems().size();
    Adjacency[] out = new Adjacency[subsystems];
    for (int s = 0; s < subsystems; s++) {
      out[s] = graph.out(s);
    }
    BitSet seen = new BitSet(graph.vertexLimit());
    int[] stack = new int[64];
    int[] cursor = new int[64];
    for (int root : graph.roots()) {
      if (seen.get(root)) {
        continue;
      }
      int depth = 0;
      stack[0] = root;
      cursor[0] = out[0].start(root);
      seen.set(root);
      while (depth >= 0) {
        int u = stack[depth];
        int end = out[0].end(u);
        int c = cursor[depth];
        while (c < end && seen.get(out[0].target(c))) {
          c++;
        }
        if (c < end) {
          int child = out[0].target(c);
          cursor[depth] = c + 1;
          seen.set(child);
          if (++depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
            cursor = Arrays.copyOf(cursor, depth * 2);
          }
          stack[depth] = child;
          cursor[depth] = out[0].start(child);
          continue;
        }
        // u is finished: its other-subsystem edges, then u, then the edge from its parent
        for (int s = 1; s < subsystems; s++) {
          for (int k = out[s].start(u); k < out[s].end(u); k++) {
            w.edge(u, out[s].target(k), s);
          }
        }
        w.vertex(u, graph.size(u), true, Map.of(), Map.of());
        depth--;
        if (depth >= 0) {
          w.edge(stack[depth], u, 0);
        }
      }
    }
    w.appendDocument(sb, null);
  }

  // ---------------------------------------------------------------- elements

  /**
   * Appends one JGF vertex object for {@code v} of {@code graph}.
   *
   * @param count the units taken (written as {@code size} when not 1)
   * @param exclusive whether {@code exclusive: true} is written
   * @param ephemeral ephemeral key-value data (e.g. a jobspec label), written sorted by key when
   *     not empty
   * @param agfilter find's aggregate-filter data, written sorted by key when not empty
   */
  public static void appendVertex(
      StringBuilder sb,
      ResourceGraph graph,
      int v,
      long count,
      boolean exclusive,
      Map<String, String> ephemeral,
      Map<String, String> agfilter) {
    appendVertex(sb, graph, graph.subsystems(), v, count, exclusive, ephemeral, agfilter);
  }

  private static void appendVertex(
      StringBuilder sb,
      ResourceGraph graph,
      List<String> subsystemNames,
      int v,
      long count,
      boolean exclusive,
      Map<String, String> ephemeral,
      Map<String, String> agfilter) {
    String type = graph.type(v);
    String basename = graph.basename(v);
    sb.append("{\"id\": \"").append(graph.uniqId(v)).append("\", \"metadata\": {\"type\": ");
    appendString(sb, type);
    if (!basename.equals(type)) {
      sb.append(", \"basename\": ");
      appendString(sb, basename);
    }
    if (graph.hasExplicitName(v)) {
      sb.append(", \"name\": ");
      appendString(sb, graph.name(v));
    }
    sb.append(", \"id\": ").append(graph.id(v));
    sb.append(", \"rank\": ").append(graph.rank(v));
    Map<String, String> props = graph.properties(v);
    if (!props.isEmpty()) {
      sb.append(", \"properties\": ");
      appendObject(sb, props, false);
    }
    String unit = graph.unit(v);
    if (!unit.isEmpty()) {
      sb.append(", \"unit\": ");
      appendString(sb, unit);
    }
    if (exclusive) {
      sb.append(", \"exclusive\": true");
    }
    if (count != 1) {
      sb.append(", \"size\": ").append(count);
    }
    sb.append(", \"paths\": {");
    boolean first = true;
    int subsystems = subsystemNames.size();
    for (int s = 0; s < subsystems; s++) {
      if (graph.isMember(v, s)) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        appendString(sb, subsystemNames.get(s));
        sb.append(": ");
        appendString(sb, graph.path(v, s));
      }
    }
    sb.append('}');
    if (!ephemeral.isEmpty()) {
      sb.append(", \"ephemeral\": ");
      appendObject(sb, ephemeral, true);
    }
    if (!agfilter.isEmpty()) {
      sb.append(", \"agfilter\": ");
      appendObject(sb, agfilter, true);
    }
    sb.append("}}");
  }

  /**
   * Appends one JGF edge object: source and target uniq_ids as strings, and the subsystem in a
   * {@code metadata} object when {@code subsystem} is not containment (0).
   */
  public static void appendEdge(
      StringBuilder sb, ResourceGraph graph, int source, int target, int subsystem) {
    appendEdge(
        sb, graph, subsystem == 0 ? List.of() : graph.subsystems(), source, target, subsystem);
  }

  private static void appendEdge(
      StringBuilder sb,
      ResourceGraph graph,
      List<String> subsystemNames,
      int source,
      int target,
      int subsystem) {
    sb.append("{\"source\": \"").append(graph.uniqId(source));
    sb.append("\", \"target\": \"").append(graph.uniqId(target)).append('"');
    if (subsystem != 0) {
      sb.append(", \"metadata\": {\"subsystem\": ");
      appendString(sb, subsystemNames.get(subsystem));
      sb.append('}');
    }
    sb.append('}');
  }

  /** Appends a string-valued JSON object; with {@code sort} its keys are written sorted. */
  private static void appendObject(StringBuilder sb, Map<String, String> map, boolean sort) {
    Map<String, String> m =
        sort && !(map instanceof java.util.SortedMap) ? new java.util.TreeMap<>(map) : map;
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      appendString(sb, e.getKey());
      sb.append(": ");
      appendString(sb, e.getValue());
    }
    sb.append('}');
  }

  /** Appends {@code s} as a quoted JSON string, escaped as jansson does. O(length). */
  public static void appendString(StringBuilder sb, CharSequence s) {
    int len = s.length();
    int first = 0;
    while (first < len && !needsEscape(s.charAt(first))) {
      first++;
    }
    sb.append('"');
    if (first == len) {
      if (s instanceof String) {
        sb.append((String) s); // bulk copy: the common case
      } else {
        sb.append(s);
      }
      sb.append('"');
      return;
    }
    sb.append(s, 0, first);
    int plain = first;
    for (int i = first; i < len; i++) {
      char c = s.charAt(i);
      if (!needsEscape(c)) {
        continue;
      }
      sb.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    sb.append(s, plain, len);
    sb.append('"');
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\';
  }
}
