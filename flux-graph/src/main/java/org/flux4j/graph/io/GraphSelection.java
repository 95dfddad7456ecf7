package org.flux4j.graph.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;

/**
 * The vertices of an existing graph that an emitted resource set R names, in the order Fluxion's
 * readers visit them when they re-create an allocation ({@code update}) or release part of one
 * ({@code partial-cancel}), each with its exclusive flag.
 *
 * <p>From JGF ({@link #fromJgf}): each node is matched to the target vertex that has its paths and
 * rank, and must agree with it on type, basename, name, id, rank, size and paths; its {@code
 * exclusive} flag is kept. With {@code shorthand} (Fluxion's {@code jgf_shorthand} reader) every
 * exclusive node also selects its whole containment subtree, depth first in child order, as
 * exclusive: the vertices the shorthand writer left out. Every JGF edge must join two selected
 * vertices that an edge of the target joins. A top-level {@code free_ranks} idset (partial cancel)
 * skips the nodes of those ranks and the edges that touch them.
 *
 * <p>From RV1 ({@link #fromRv1Exec}): for each R_lite entry and rank, the node vertex named by the
 * nodelist under the containment root and its child vertices {@code <type><id>}, all exclusive
 * (Fluxion's rv1exec reader marks the edge into each of them exclusive, the node's included). Every
 * child is {@linkplain #held held}; the node only when every other vertex of its rank was selected
 * (the reader's rank-level rule in {@code update_exclusivity}). From JGF a vertex is held when it
 * is exclusive.
 *
 * <p>Immutable. Building one is O(size of R) plus O(V) for an RV1 (rank counts) and for the rare
 * path shared by several vertices.
 */
final class GraphSelection {
  private final int[] vertices;
  private final boolean[] exclusive;
  private final boolean[] held;

  private GraphSelection(int[] vertices, boolean[] exclusive, boolean[] held) {
    this.vertices = vertices;
    this.exclusive = exclusive;
    this.held = held;
  }

  /** How many vertices are selected. */
  public int size() {
    return vertices.length;
  }

  /** The {@code i}-th selected vertex of the target graph. */
  public int vertex(int i) {
    return vertices[i];
  }

  /** Whether the {@code i}-th selected vertex is taken exclusively. */
  public boolean exclusive(int i) {
    return exclusive[i];
  }

  /**
   * Whether the reader itself holds all units of the {@code i}-th selected vertex in its plan for
   * an update (Fluxion's readers add that span, not the traverser): an exclusive vertex may still
   * not be held (an rv1exec node with part of its rank).
   */
  public boolean held(int i) {
    return held[i];
  }

  /** The selected vertices, in visiting order (a copy). */
  public int[] vertices() {
    return vertices.clone();
  }

  /**
   * Selects the vertices an R names, with the reader Fluxion's {@code update} uses for that format:
   * {@code jgf}, {@code jgf_shorthand} or {@code rv1exec} (also {@code rv1exec_force}).
   *
   * @throws GraphParseException if R is malformed or names what the target does not have
   * @throws IllegalArgumentException for a format that cannot name an allocation
   */
  public static GraphSelection read(
      ResourceGraph target, String source, String text, GraphFormat format) {
    switch (format) {
      case JGF:
        return fromJgf(target, source, text, false);
      case JGF_SHORTHAND:
        return fromJgf(target, source, text, true);
      case RV1EXEC:
      case RV1EXEC_FORCE:
        return fromRv1Exec(target, source, text);
      default:
        throw new IllegalArgumentException(
            "unsupported reader " + format.cliName() + ": use jgf, jgf_shorthand or rv1exec");
    }
  }

  private static JsonNode parse(String source, String text) {
    return JgfReader.parse(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Collects the selection. */
  private static final class Collector {
    final IntArrayList vertices = new IntArrayList();
    final IntArrayList exclusive = new IntArrayList();
    final IntArrayList held = new IntArrayList();

    /** Adds {@code v}, held when exclusive. */
    void add(int v, boolean x) {
      add(v, x, x);
    }

    void add(int v, boolean x, boolean h) {
      vertices.add(v);
      exclusive.add(x ? 1 : 0);
      held.add(h ? 1 : 0);
    }

    GraphSelection build() {
      boolean[] x = new boolean[exclusive.size()];
      boolean[] h = new boolean[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = exclusive.get(i) != 0;
        h[i] = held.get(i) != 0;
      }
      return new GraphSelection(vertices.toArray(), x, h);
    }
  }

  // ---------------------------------------------------------------- JGF

  /**
   * Selects the vertices of {@code target} that a JGF document names (see the class comment).
   *
   * @param shorthand whether exclusive vertices imply their containment subtrees
   * @throws GraphParseException naming the JSON pointer of the first node or edge that does not
   *     match the target
   */
  public static GraphSelection fromJgf(
      ResourceGraph target, String source, String text, boolean shorthand) {
    JsonNode doc = parse(source, text);
    JsonNode nodes = jgfNodes(source, doc);
    JsonNode edges = doc.get("graph").get("edges");
    if (edges == null || !edges.isArray()) {
      throw new GraphParseException(source, "/graph/edges", "\"edges\" must be an array");
    }
    IdSet freeRanks = null;
    JsonNode fr = doc.get("free_ranks");
    if (fr != null) {
      String t = fr.isTextual() ? fr.textValue() : fr.toString().replace("\"", "");
      try {
        freeRanks = IdSet.decode(t);
      } catch (IllegalArgumentException e) {
        throw new GraphParseException(
            source, "/free_ranks", "failed to decode ranks: " + e.getMessage());
      }
    }
    Collector c = new Collector();
    ObjectIntHashMap<String> vmap = new ObjectIntHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      JgfNode n = JgfNode.parse(source, "", nodes.get(i), i);
      String at = "/graph/nodes/" + i;
      if (vmap.containsKey(n.vid)) {
        throw new GraphParseException(source, at + "/id", "found duplicate JGF node id " + n.vid);
      }
      int v = find(target, source, at, n);
      if (freeRanks != null && !freeRanks.isEmpty() && freeRanks.contains(n.rank)) {
        continue; // a rank already freed: Fluxion skips its vertices
      }
      vmap.put(n.vid, v);
      c.add(v, n.exclusive);
      if (shorthand && n.exclusive) {
        addSubtree(target, source, at, v, vmap, c);
      }
    }
    for (int i = 0; i < edges.size(); i++) {
      String at = "/graph/edges/" + i;
      JsonNode e = edges.get(i);
      JsonNode s = e.isObject() ? e.get("source") : null;
      JsonNode t = e.isObject() ? e.get("target") : null;
      if (s == null || t == null || !s.isTextual() || !t.isTextual()) {
        throw new GraphParseException(source, at, "encountered a malformed edge");
      }
      int sv = vmap.getIfAbsent(s.textValue(), -1);
      int tv = vmap.getIfAbsent(t.textValue(), -1);
      if ((sv < 0 || tv < 0) && freeRanks != null) {
        continue; // an edge into a freed rank
      }
      if (sv < 0 || tv < 0) {
        throw new GraphParseException(
            source,
            at,
            "source and/or target vertex not found: " + s.textValue() + " -> " + t.textValue());
      }
      if (!joined(target, sv, tv)) {
        throw new GraphParseException(
            source,
            at,
            "JGF edge from "
                + s.textValue()
                + " to "
                + t.textValue()
                + " not found in resource graph");
      }
    }
    return c.build();
  }

  private static void addSubtree(
      ResourceGraph g,
      String source,
      String at,
      int v,
      ObjectIntHashMap<String> vmap,
      Collector c) {
    Adjacency out = g.out(0);
    for (int e = out.start(v); e < out.end(v); e++) {
      int child = out.target(e);
      String vid = Long.toString(g.uniqId(child));
      if (vmap.containsKey(vid)) {
        throw new GraphParseException(
            source, at, "found duplicate JGF node id " + vid + " (implied by the shorthand)");
      }
      vmap.put(vid, child);
      c.add(child, true);
      addSubtree(g, source, at, child, vmap, c);
    }
  }

  private static boolean joined(ResourceGraph g, int a, int b) {
    for (int s = 0; s < g.subsystems().size(); s++) {
      Adjacency out = g.out(s);
      for (int e = out.start(a); e < out.end(a); e++) {
        if (out.target(e) == b) {
          return true;
        }
      }
    }
    return false;
  }

  /** The target vertex with the node's paths and rank, checked against the node's attributes. */
  private static int find(ResourceGraph g, String source, String at, JgfNode n) {
    if (n.pathValues.isEmpty()) {
      throw new GraphParseException(source, at + "/metadata/paths", "the node has no path");
    }
    // Fluxion visits the paths in subsystem-name order
    TreeMap<String, String> paths = new TreeMap<>();
    for (int k = 0; k < n.subsystems.size(); k++) {
      paths.put(n.subsystems.get(k), n.pathValues.get(k));
    }
    int v = -1;
    for (String path : paths.values()) {
      int u = byPathAndRank(g, path, (int) n.rank);
      if (u < 0) {
        throw new GraphParseException(
            source, at, "inconsistent input vertex: nonexistent path (" + path + ") " + n.vid);
      }
      if (v < 0) {
        v = u;
      } else if (v != u) {
        throw new GraphParseException(
            source, at, "inconsistent input vertex for " + path + " (id=" + n.vid + ")");
      }
    }
    StringBuilder diff = new StringBuilder();
    if (!g.type(v).equals(n.type)) {
      diff.append(" type=(").append(g.type(v)).append(", ").append(n.type).append(')');
    }
    if (!g.basename(v).equals(n.basename)) {
      diff.append(" basename=(").append(g.basename(v)).append(", ").append(n.basename).append(')');
    }
    if (g.size(v) != n.size) {
      diff.append(" size=(").append(g.size(v)).append(", ").append(n.size).append(')');
    }
    if (g.rank(v) != n.rank) {
      diff.append(" rank=(").append(g.rank(v)).append(", ").append(n.rank).append(')');
    }
    if (g.id(v) != n.id) {
      diff.append(" id=(").append(g.id(v)).append(", ").append(n.id).append(')');
    }
    if (!g.name(v).equals(n.name)) {
      diff.append(" name=(").append(g.name(v)).append(", ").append(n.name).append(')');
    }
    TreeMap<String, String> mine = new TreeMap<>();
    List<String> subs = g.subsystems();
    for (int s = 0; s < subs.size(); s++) {
      if (g.isMember(v, s)) {
        mine.put(subs.get(s), g.path(v, s));
      }
    }
    if (!mine.equals(paths)) {
      diff.append(" paths=(").append(mine).append(", ").append(paths).append(')');
    }
    if (diff.length() > 0) {
      throw new GraphParseException(
          source, at, "inconsistent input vertex for " + n.vid + ":" + diff);
    }
    return v;
  }

  /**
   * The target's vertices that a JGF R's nodes name, in R order, as Fluxion's partial cancel reads
   * them: node by node, so that the first node its reader refuses (malformed, a duplicate id, a
   * path the target does not have, or fields that differ from the vertex's) ends the array as -1,
   * the nodes before it taken. Edges are not read.
   *
   * @throws GraphParseException if the document has no {@code graph} object with a {@code nodes}
   *     array (Fluxion refuses it before any node)
   */
  static int[] jgfVerticesUntilRefused(ResourceGraph target, String source, String text) {
    JsonNode nodes = jgfNodes(source, parse(source, text));
    org.eclipse.collections.impl.list.mutable.primitive.IntArrayList out =
        new org.eclipse.collections.impl.list.mutable.primitive.IntArrayList(nodes.size());
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        JgfNode n = JgfNode.parse(source, "", nodes.get(i), i);
        if (!ids.add(n.vid)) {
          out.add(-1); // a duplicate JGF node id
          break;
        }
        out.add(find(target, source, "/graph/nodes/" + i, n));
      } catch (GraphParseException e) {
        out.add(-1);
        break;
      }
    }
    return out.toArray();
  }

  /** The {@code nodes} array of a JGF document's {@code graph} object. */
  private static JsonNode jgfNodes(String source, JsonNode doc) {
    JsonNode graph = doc.isObject() ? doc.get("graph") : null;
    if (graph == null || !graph.isObject()) {
      throw new GraphParseException(source, "", "JGF does not contain the required key \"graph\"");
    }
    JsonNode nodes = graph.get("nodes");
    if (nodes == null || !nodes.isArray()) {
      throw new GraphParseException(source, "/graph/nodes", "\"nodes\" must be an array");
    }
    return nodes;
  }

  /** The live vertex with this path (in any subsystem) and rank, or -1. */
  private static int byPathAndRank(ResourceGraph g, String path, int rank) {
    boolean seen = false;
    for (int s = 0; s < g.subsystems().size(); s++) {
      var u = g.vertexByPath(s, path);
      if (u.isPresent()) {
        if (g.rank(u.getAsInt()) == rank) {
          return u.getAsInt();
        }
        seen = true;
      }
    }
    if (seen) {
      // several vertices share this path (e.g. hosts without a numeric suffix): scan them
      for (int s = 0; s < g.subsystems().size(); s++) {
        for (int v = 0; v < g.vertexLimit(); v++) {
          if (g.isLive(v) && g.isMember(v, s) && g.rank(v) == rank && g.path(v, s).equals(path)) {
            return v;
          }
        }
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- RV1

  /**
   * Selects the vertices of {@code target} that an RFC 20 R version 1 names through its {@code
   * execution} key (see the class comment).
   *
   * @throws GraphParseException naming the JSON pointer of the entry that does not match
   */
  public static GraphSelection fromRv1Exec(ResourceGraph target, String source, String text) {
    Rv1Read read = readRv1Exec(target, source, text);
    if (read.stop() != null) {
      throw read.stop().error();
    }
    return read.selection();
  }

  /**
   * Where the reader stops: the vertex's name (a host, or a child's {@code <type><id>}), whether it
   * is the rank's node, why, and the error {@link #fromRv1Exec} reports for it.
   */
  record Rv1Stop(
      String name, boolean node, RSubgraph.Rv1ExecStop.Reason reason, GraphParseException error) {}

  /**
   * An rv1exec R read as Fluxion's reader reads it for an update, vertex by vertex in R's order:
   * the vertices selected before the first it stops at ({@code stop}, null when it reads them all).
   */
  record Rv1Read(GraphSelection selection, Rv1Stop stop) {}

  /**
   * Reads an rv1exec R in the order of Fluxion's reader (entries, their ranks, the children in
   * document order, their ids), stopping at the first vertex the reader refuses whatever the state:
   * one the target lacks, a child R names a second time or a node it took whole before (the
   * update's own span holds it then), a rank none of whose children were named so far.
   *
   * @throws GraphParseException if R is malformed (the reader fails before any vertex)
   */
  static Rv1Read readRv1Exec(ResourceGraph target, String source, String text) {
    JsonNode doc = parse(source, text);
    JsonNode version = doc.isObject() ? doc.get("version") : null;
    if (version == null || !version.isIntegralNumber() || version.longValue() != 1) {
      throw new GraphParseException(source, "/version", "R must have \"version\": 1");
    }
    JsonNode exec = doc.get("execution");
    JsonNode rlite = exec == null ? null : exec.get("R_lite");
    JsonNode nodelist = exec == null ? null : exec.get("nodelist");
    if (rlite == null || !rlite.isArray()) {
      throw new GraphParseException(source, "/execution/R_lite", "\"R_lite\" must be an array");
    }
    if (nodelist == null || !nodelist.isArray()) {
      throw new GraphParseException(
          source, "/execution/nodelist", "\"nodelist\" must be an array of hostlists");
    }
    IdSet[] ranks = new IdSet[rlite.size()];
    for (int i = 0; i < rlite.size(); i++) {
      ranks[i] = idset(source, rlite.get(i).get("rank"), "/execution/R_lite/" + i + "/rank");
    }
    LongIntHashMap position = Rv1ExecReader.rankPositions(ranks);
    Hostlist.Builder hb = Hostlist.builder();
    for (int i = 0; i < nodelist.size(); i++) {
      JsonNode h = nodelist.get(i);
      try {
        hb.appendAll(Hostlist.decode(h.isTextual() ? h.textValue() : "\u0000"));
      } catch (IllegalArgumentException e) {
        throw new GraphParseException(
            source, "/execution/nodelist/" + i, "bad hostlist: " + e.getMessage());
      }
    }
    List<String> hosts = hb.build();
    int[] roots = target.roots();
    if (roots.length == 0) {
      throw new GraphParseException(source, null, "the graph has no containment root");
    }
    String rootPath = target.path(roots[0]);
    IntIntHashMap perRank = new IntIntHashMap();
    for (int v = 0; v < target.vertexLimit(); v++) {
      if (target.isLive(v)) {
        perRank.addToValue(target.rank(v), 1);
      }
    }
    IntIntHashMap selectedPerRank = new IntIntHashMap();
    IntHashSet taken = new IntHashSet(); // the vertices the update's own spans hold so far
    Collector c = new Collector();
    for (int i = 0; i < rlite.size(); i++) {
      String at = "/execution/R_lite/" + i;
      JsonNode children = rlite.get(i).get("children");
      if (children == null || !children.isObject()) {
        throw new GraphParseException(source, at + "/children", "\"children\" must be an object");
      }
      for (long rank : ranks[i].toArray()) {
        int p = position.get(rank);
        if (p >= hosts.size()) {
          throw new GraphParseException(
              source, "/execution/nodelist", "too few hosts for rank " + rank);
        }
        String host = hosts.get(p);
        String nodePath = rootPath + "/" + host;
        int node = rv1Vertex(target, nodePath, "node", Rv1ExecReader.hostSuffix(host), (int) rank);
        if (node < 0 || taken.contains(node)) {
          String where = host + " (rank " + rank + ")";
          return missingOrAgain(
              c,
              source,
              at,
              host,
              true,
              node < 0,
              where,
              "node " + where + " was taken whole before");
        }
        int slot = c.vertices.size();
        c.add(node, true, false);
        for (Map.Entry<String, JsonNode> ch : children.properties()) {
          String type = ch.getKey();
          String cat = at + "/children/" + JgfReader.escape(type);
          for (long id : idset(source, ch.getValue(), cat).toArray()) {
            int v = rv1Vertex(target, nodePath + "/" + type + id, type, id, (int) rank);
            if (v < 0 || !taken.add(v)) {
              String name = type + id;
              return missingOrAgain(
                  c, source, cat, name, false, v < 0, name, name + " is named a second time");
            }
            c.add(v, true);
            selectedPerRank.addToValue((int) rank, 1);
          }
        }
        if (!selectedPerRank.containsKey((int) rank)) {
          return stopped(
              c,
              host,
              true,
              RSubgraph.Rv1ExecStop.Reason.NO_CHILD,
              new GraphParseException(
                  source,
                  at + "/children",
                  "no child of "
                      + host
                      + " (rank "
                      + rank
                      + ") is named: an update takes a node only with some of its children"));
        }
        if (selectedPerRank.get((int) rank) == perRank.get((int) rank) - 1) {
          c.held.set(slot, 1);
          taken.add(node);
        }
      }
    }
    return new Rv1Read(c.build(), null);
  }

  /**
   * The stop at a vertex the target lacks ({@code missing}) or that the update holds already: the
   * problem names {@code label}, or is {@code again}.
   */
  private static Rv1Read missingOrAgain(
      Collector c,
      String source,
      String at,
      String name,
      boolean node,
      boolean missing,
      String label,
      String again) {
    return stopped(
        c,
        name,
        node,
        missing ? RSubgraph.Rv1ExecStop.Reason.NOT_FOUND : RSubgraph.Rv1ExecStop.Reason.NAMED_AGAIN,
        new GraphParseException(
            source, at, missing ? "couldn't find vertex in graph for " + label : again));
  }

  private static Rv1Read stopped(
      Collector c,
      String name,
      boolean node,
      RSubgraph.Rv1ExecStop.Reason reason,
      GraphParseException error) {
    return new Rv1Read(c.build(), new Rv1Stop(name, node, reason, error));
  }

  private static int rv1Vertex(ResourceGraph g, String path, String type, long id, int rank) {
    int v = byPathAndRank(g, path, rank);
    if (v >= 0 && g.type(v).equals(type) && g.id(v) == id && g.size(v) == 1) {
      return v;
    }
    return -1;
  }

  private static IdSet idset(String source, JsonNode n, String at) {
    if (n == null || !n.isTextual()) {
      throw new GraphParseException(source, at, "expected an idset string");
    }
    try {
      return IdSet.decode(n.textValue());
    } catch (IllegalArgumentException e) {
      throw new GraphParseException(source, at, "bad idset: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "GraphSelection" + Arrays.toString(vertices);
  }
}
