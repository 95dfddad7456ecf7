package org.flux4j.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.Subsystems;
import org.flux4j.graph.internal.SubsystemRelations;

/**
 * Reads Fluxion's JSON Graph Format ({@code -f jgf} and {@code -f jgf_shorthand}) into a {@link
 * ResourceGraph}, with the semantics of flux-sched's {@code resource_reader_jgf}.
 *
 * <p>The document is {@code {"graph": {"nodes": [...], "edges": [...]}}}. Each node is {@code
 * {"id": "<string>", "metadata": {...}}}; its metadata gives {@code type} and {@code paths}
 * (required), and optionally {@code basename} (default: the type), {@code name} (default: basename
 * followed by id), {@code id} (default: the uniq_id, or for a {@code node} with a name the decimal
 * suffix of that name), {@code uniq_id} (default: the node's {@code "id"} string read as an
 * integer), {@code rank} (default -1), {@code size} (default 1), {@code unit}, {@code exclusive},
 * {@code status} (0 up, 1 down) and {@code properties} (string values). As in Fluxion, {@code unit}
 * must be a string but is not kept: every vertex read from JGF has an empty unit (so a match
 * written from it has none either). Vertices are created in document order; a node whose path (in
 * any subsystem) and rank equal those of a vertex already created is not created again but stands
 * for that vertex, and an edge is added only when it touches at least one newly created vertex, as
 * Fluxion does. Each subsystem has at most one root (a vertex whose path has a single slash). Each
 * edge {@code {"source", "target", "metadata": {"subsystem"}}} belongs to the containment subsystem
 * unless its metadata names another; edges are added in document order.
 *
 * <p>Loading a {@code jgf_shorthand} document gives the same graph as loading it as {@code jgf}:
 * Fluxion's shorthand reader differs only when it updates an existing graph from an allocation
 * (then the contents of exclusively allocated vertices are implied).
 *
 * <p>Bad input raises a {@link GraphParseException} naming the source, a JSON pointer such as
 * {@code /graph/nodes/17/metadata/size} (or a line and column for malformed JSON) and the problem.
 * Reading is O(V + E) after parsing the JSON tree. Stateless and thread-safe.
 */
final class JgfReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JgfReader() {}

  /**
   * Reads a JGF file.
   *
   * @param file the JGF file
   * @return the graph
   * @throws GraphParseException if the file cannot be read or is not valid JGF
   */
  public static ResourceGraph read(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return read(source, in);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a JGF document from a stream (which is not closed).
   *
   * @param source the name of the input, used in error messages
   * @param in the JSON text
   * @return the graph
   * @throws GraphParseException if the input is not valid JGF
   */
  public static ResourceGraph read(String source, InputStream in) {
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      return new Loader(source, "").stream(p);
    } catch (JsonProcessingException e) {
      throw badJson(source, e);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the input: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a JGF document from a string.
   *
   * @param source the name of the input, used in error messages
   * @param json the JSON text
   * @return the graph
   * @throws GraphParseException if the input is not valid JGF
   */
  public static ResourceGraph readString(String source, String json) {
    try {
      return read(source, MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw badJson(source, e);
    }
  }

  /** Reads a JGF document that has already been parsed. */
  static ResourceGraph read(String source, JsonNode document) {
    return read(source, document, "");
  }

  static ResourceGraph read(String source, JsonNode document, String pointerPrefix) {
    return new Loader(source, pointerPrefix).load(document);
  }

  static JsonNode parse(String source, InputStream in) {
    try {
      JsonNode n = MAPPER.readTree(in);
      if (n == null || n.isMissingNode()) {
        throw new GraphParseException(source, "line 1", "empty input, expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw badJson(source, e);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the input: " + e.getMessage(), e);
    }
  }

  static GraphParseException badJson(String source, JsonProcessingException e) {
    var loc = e.getLocation();
    String where = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return new GraphParseException(source, where, "malformed JSON: " + e.getOriginalMessage(), e);
  }

  /** Extracts the decimal suffix of a host name, as Fluxion's JGF reader does for node ids. */
  static long nameSuffix(String name) {
    int end = name.length();
    int start = Rv1ExecReader.digitSuffixStart(name);
    if (start == end) {
      return Long.MIN_VALUE;
    }
    // skip leading zeros to avoid overflow on long zero runs
    int s = start;
    while (s < end - 1 && name.charAt(s) == '0') {
      s++;
    }
    if (end - s > 18) {
      return Long.MIN_VALUE;
    }
    return Long.parseLong(name.substring(s, end));
  }

  /** One load: state shared by the vertex and edge passes. */
  private static final class Loader {
    private final String source;
    private final String prefix;
    private GraphBuilder b;

    /** JGF node id -> vertex. */
    private final ObjectIntHashMap<String> vmap = new ObjectIntHashMap<>();

    /** subsystem -> the path of its root (a path with a single slash), as Fluxion's roots. */
    private final Map<String, String> roots = new HashMap<>();

    /** vertex -> the JGF node id that created it. */
    private final List<String> creator = new ArrayList<>();

    /** path (any subsystem) -> the first vertex having that path. */
    private final ObjectIntHashMap<String> firstByPath = new ObjectIntHashMap<>();

    /** the further vertices of a path shared by several vertices (rare). */
    private final Map<String, IntArrayList> moreByPath = new HashMap<>();

    private final LongIntHashMap byUniqId = new LongIntHashMap();

    /** vertex -> index of the edge that made its containment parent, or -1. */
    private final IntArrayList parentEdge = new IntArrayList();

    Loader(String source, String prefix) {
      this.source = source;
      this.prefix = prefix;
    }

    private GraphParseException fail(String pointer, String problem) {
      return new GraphParseException(source, prefix + pointer, problem);
    }

    /**
     * The array {@code key} of the object at {@code at}; fails naming the key if absent or not an
     * array.
     */
    private JsonNode arrayMember(JsonNode parent, String at, String key) {
      JsonNode member = parent.get(key);
      if (member == null) {
        throw fail(at, "JGF does not contain the required key \"" + key + "\"");
      }
      if (!member.isArray()) {
        throw fail(at + "/" + key, "\"" + key + "\" must be an array");
      }
      return member;
    }

    ResourceGraph load(JsonNode doc) {
      if (!doc.isObject()) {
        throw fail("", "expected a JSON object with a \"graph\" key");
      }
      JsonNode graph = doc.get("graph");
      if (graph == null) {
        throw fail("", "JGF does not contain the required key \"graph\"");
      }
      if (!graph.isObject()) {
        throw fail("/graph", "\"graph\" must be an object");
      }
      JsonNode nodes = arrayMember(graph, "/graph", "nodes");
      JsonNode edges = arrayMember(graph, "/graph", "edges");
      begin(nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        vertex(nodes.get(i), i);
      }
      for (int i = 0; i < edges.size(); i++) {
        edge(edges.get(i), i);
      }
      return finish();
    }

    void begin(int capacity) {
      b = GraphBuilder.forSource(source, Math.max(16, capacity));
    }

    ResourceGraph finish() {
      checkContainmentCycles();
      return b.build();
    }

    /**
     * Reads {@code {"graph": {"nodes": [...], "edges": [...]}}} token by token, materialising one
     * node or edge at a time, so that memory stays proportional to the graph, not to the text.
     */
    ResourceGraph stream(JsonParser p) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail("", "expected a JSON object with a \"graph\" key");
      }
      boolean sawGraph = false;
      ResourceGraph result = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (!key.equals("graph") || sawGraph) {
          p.skipChildren();
          continue;
        }
        sawGraph = true;
        if (t != JsonToken.START_OBJECT) {
          throw fail("/graph", "\"graph\" must be an object");
        }
        result = streamGraph(p);
      }
      if (!sawGraph) {
        throw fail("", "JGF does not contain the required key \"graph\"");
      }
      if (p.nextToken() != null) {
        throw fail("", "unexpected content after the JSON object");
      }
      return result;
    }

    private ResourceGraph streamGraph(JsonParser p) throws IOException {
      begin(1024);
      int nodeCount = -1;
      int edgeCount = -1;
      JsonNode earlyEdges = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (key.equals("nodes") && nodeCount < 0) {
          if (t != JsonToken.START_ARRAY) {
            throw fail("/graph/nodes", "\"nodes\" must be an array");
          }
          nodeCount = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            vertex(p.readValueAsTree(), nodeCount++);
          }
        } else if (key.equals("edges") && edgeCount < 0) {
          if (t != JsonToken.START_ARRAY) {
            throw fail("/graph/edges", "\"edges\" must be an array");
          }
          if (nodeCount < 0) {
            earlyEdges = p.readValueAsTree(); // edges before nodes: keep them for later
            edgeCount = earlyEdges.size();
          } else {
            edgeCount = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              edge(p.readValueAsTree(), edgeCount++);
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (nodeCount < 0) {
        throw fail("/graph", "JGF does not contain the required key \"nodes\"");
      }
      if (edgeCount < 0) {
        throw fail("/graph", "JGF does not contain the required key \"edges\"");
      }
      if (earlyEdges != null) {
        for (int i = 0; i < earlyEdges.size(); i++) {
          edge(earlyEdges.get(i), i);
        }
      }
      return finish();
    }

    private void vertex(JsonNode node, int i) {
      JgfNode n = JgfNode.parse(source, prefix, node, i);
      String at = "/graph/nodes/" + i;
      String m = at + "/metadata";
      String vid = n.vid;
      long uniqId = n.uniqId;
      long rank = n.rank;
      List<String> subsystems = n.subsystems;
      List<String> pathValues = n.pathValues;
      // a vertex with the same path and rank already exists: this node stands for it
      int existing = find(pathValues, (int) rank);
      if (existing >= 0) {
        if (vmap.containsKey(vid)) {
          throw fail(at + "/id", "duplicate JGF node id " + vid);
        }
        vmap.put(vid, existing);
        return;
      }
      if (vmap.containsKey(vid)) {
        throw fail(at + "/id", "duplicate JGF node id " + vid);
      }
      if (byUniqId.containsKey(uniqId)) {
        throw fail(
            n.uniqIdGiven ? m + "/uniq_id" : at + "/id",
            "duplicate uniq_id "
                + uniqId
                + " (also node "
                + byUniqId.get(uniqId)
                + " of /graph/nodes)");
      }
      // Fluxion's reader checks that "unit" is a string but never stores it: the vertex has none
      int v = b.addVertex(n.type, n.basename, n.name, n.id, uniqId, (int) rank, n.size, "");
      byUniqId.put(uniqId, i);
      vmap.put(vid, v);
      creator.add(vid);
      parentEdge.add(-1);
      for (int k = 0; k < subsystems.size(); k++) {
        String sub = subsystems.get(k);
        if (isRootPath(pathValues.get(k))) {
          String other = roots.putIfAbsent(sub, pathValues.get(k));
          if (other != null) {
            throw fail(
                m + "/paths/" + escape(sub),
                "failed to add root metadata for "
                    + sub
                    + " subsystem: possible duplicate root ("
                    + other
                    + " and "
                    + pathValues.get(k)
                    + ")");
          }
        }
        b.path(v, sub, pathValues.get(k));
        String path = pathValues.get(k);
        if (firstByPath.containsKey(path)) {
          moreByPath.computeIfAbsent(path, x -> new IntArrayList(1)).add(v);
        } else {
          firstByPath.put(path, v);
        }
      }
      n.properties.forEach((k, val) -> b.property(v, k, val));
      if (n.down) {
        b.status(v, Status.DOWN);
      }
    }

    private int find(List<String> paths, int rank) {
      ResourceGraph g = b.peek();
      for (String p : paths) {
        int first = firstByPath.getIfAbsent(p, -1);
        if (first >= 0 && g.rank(first) == rank) {
          return first;
        }
        IntArrayList vs = first >= 0 ? moreByPath.get(p) : null;
        if (vs != null) {
          for (int k = 0; k < vs.size(); k++) {
            if (g.rank(vs.get(k)) == rank) {
              return vs.get(k);
            }
          }
        }
      }
      return -1;
    }

    private void edge(JsonNode e, int i) {
      String at = "/graph/edges/" + i;
      if (!e.isObject()) {
        throw fail(at, "a JGF edge must be an object");
      }
      String src = JgfNode.requiredString(source, prefix, e, "source", at);
      String tgt = JgfNode.requiredString(source, prefix, e, "target", at);
      int s = vmap.getIfAbsent(src, -1);
      if (s < 0) {
        throw fail(at + "/source", "source vertex " + src + " is not a node of this graph");
      }
      int t = vmap.getIfAbsent(tgt, -1);
      if (t < 0) {
        throw fail(at + "/target", "target vertex " + tgt + " is not a node of this graph");
      }
      String subsystem = Subsystems.CONTAINMENT;
      JsonNode md = e.get("metadata");
      if (md != null) {
        if (!md.isObject()) {
          throw fail(at + "/metadata", "edge \"metadata\" must be an object");
        }
        subsystem =
            JgfNode.optString(
                source, prefix, md, "subsystem", at + "/metadata", Subsystems.CONTAINMENT);
      }
      if (!createdBy(src, s) && !createdBy(tgt, t)) {
        return; // both ends merged into earlier vertices: Fluxion adds no edge
      }
      if (Subsystems.CONTAINMENT.equals(subsystem)) {
        b.contain(s, t);
        parentEdge.set(t, i);
      } else {
        b.edge(s, t, subsystem, SubsystemRelations.downward(subsystem));
        ResourceGraph g = b.peek();
        int sub = g.subsystemId(subsystem);
        if (g.isMember(s, sub) && g.isMember(t, sub)) {
          b.pathParent(t, subsystem, s);
        }
      }
    }

    /** Whether the JGF node {@code vid} created vertex {@code v} (rather than merging into it). */
    private boolean createdBy(String vid, int v) {
      return vid.equals(creator.get(v));
    }

    private void checkContainmentCycles() {
      ResourceGraph g = b.peek();
      int n = g.vertexLimit();
      byte[] colour = new byte[n];
      IntArrayList chain = new IntArrayList();
      for (int v = 0; v < n; v++) {
        int u = v;
        while (u >= 0 && colour[u] == 0) {
          colour[u] = 1;
          chain.add(u);
          u = g.pathParent(u, 0);
        }
        if (u >= 0 && colour[u] == 1) {
          throw fail(
              "/graph/edges/" + parentEdge.get(u),
              "containment has a cycle through " + g.name(u) + " (uniq_id " + g.uniqId(u) + ")");
        }
        for (int k = 0; k < chain.size(); k++) {
          colour[chain.get(k)] = 2;
        }
        chain.clear();
      }
    }
  }

  /** Whether a path is a root path: Fluxion counts exactly one slash. */
  static boolean isRootPath(String path) {
    return path.indexOf('/') >= 0 && path.indexOf('/') == path.lastIndexOf('/');
  }

  /** Escapes a key for use in a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
