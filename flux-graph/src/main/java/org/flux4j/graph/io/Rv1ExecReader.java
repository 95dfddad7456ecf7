package org.flux4j.graph.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/**
 * Reads an RFC 20 resource set R version 1 ({@code -f rv1exec}, {@code rv1exec_force}) into a
 * {@link ResourceGraph}, with the semantics of flux-sched's {@code resource_reader_rv1exec}.
 *
 * <p>The graph is built from the {@code execution} key: a {@code cluster0} root; for each {@code
 * R_lite} entry in order and each rank of its idset in ascending order, a {@code node} vertex named
 * after the host at that rank's position in the {@code nodelist} hostlist (positions follow the
 * ascending order of all ranks of R), with basename and id from the host name's numeric suffix (id
 * -1 without one), rank = the R rank and the {@code properties} that name the rank (empty values);
 * under the node, for each child type of the entry's {@code children} in document order and each id
 * of its idset, a vertex {@code <type><id>} of that rank. uniq_ids are creation order. Two vertices
 * with the same path, rank, id, type and size are refused; hosts without a numeric suffix may
 * repeat across ranks (so paths are not unique then, as in Fluxion).
 *
 * <p>resource-query's {@code rv1exec} and {@code rv1exec_force} both build from {@code execution}
 * and ignore a {@code scheduling} key ({@link #read(Path)}); the Fluxion module, when it grows its
 * graph from an R with a complete {@code scheduling} JGF, builds from that instead unless forced
 * ({@link #readPreferringScheduling(Path)}). {@code starttime} and {@code expiration} do not shape
 * the graph. Stateless and thread-safe.
 */
public final class Rv1ExecReader {
  private Rv1ExecReader() {}

  /**
   * Reads an R file from its {@code execution} key, as resource-query's rv1exec readers do.
   *
   * @throws GraphParseException if the file cannot be read or is not a valid R version 1
   */
  public static ResourceGraph read(Path file) {
    String source = file.toString();
    return read(source, parseFile(file));
  }

  /**
   * Reads an R document from a stream (not closed), from its {@code execution} key.
   *
   * @param source the name of the input, used in error messages
   * @throws GraphParseException if the input is not a valid R version 1
   */
  public static ResourceGraph read(String source, InputStream in) {
    return read(source, JgfReader.parse(source, in));
  }

  /**
   * Reads an R file as the Fluxion module grows its graph: from the {@code scheduling} JGF when R
   * has one written by a complete JGF writer, else from {@code execution} (a {@code
   * fluxion:jgf_shorthand} writer's JGF is incomplete, so execution is used then).
   *
   * @throws GraphParseException if the file cannot be read, is not valid, or names an unknown
   *     scheduling writer
   */
  public static ResourceGraph readPreferringScheduling(Path file) {
    String source = file.toString();
    JsonNode doc = parseFile(file);
    JsonNode sched = doc.isObject() ? doc.get("scheduling") : null;
    if (sched != null && !sched.isNull()) {
      JsonNode writer = sched.get("writer");
      if (writer == null) {
        return JgfReader.read(source, sched, "/scheduling");
      }
      if (!writer.isTextual() || !writer.textValue().equals("fluxion:jgf_shorthand")) {
        throw new GraphParseException(
            source, "/scheduling/writer", "unrecognized scheduling writer " + writer);
      }
    }
    return read(source, doc);
  }

  /**
   * The ranks of an R's {@code R_lite} entries, as Fluxion's rv1exec partial cancel collects them
   * (the node and child details are not looked at).
   *
   * @param source the name of the input, used in error messages
   * @param text the R document
   * @throws GraphParseException if R is not version 1 or a rank idset is malformed
   */
  public static IdSet ranks(String source, String text) {
    JsonNode doc =
        JgfReader.parse(
            source,
            new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    JsonNode version = doc.isObject() ? doc.get("version") : null;
    if (version == null || !version.isIntegralNumber() || version.longValue() != 1) {
      throw new GraphParseException(source, "/version", "R must have \"version\": 1");
    }
    JsonNode exec = doc.get("execution");
    JsonNode rlite = exec == null ? null : exec.get("R_lite");
    if (rlite == null || !rlite.isArray()) {
      throw new GraphParseException(source, "/execution/R_lite", "\"R_lite\" must be an array");
    }
    IdSet.Builder all = IdSet.builder();
    for (int i = 0; i < rlite.size(); i++) {
      String at = "/execution/R_lite/" + i + "/rank";
      JsonNode r = rlite.get(i).get("rank");
      if (r == null || !r.isTextual()) {
        throw new GraphParseException(source, at, "expected an idset string");
      }
      try {
        all.addAll(IdSet.decode(r.textValue()));
      } catch (IllegalArgumentException e) {
        throw new GraphParseException(source, at, "bad idset: " + e.getMessage());
      }
    }
    return all.build();
  }

  private static JsonNode parseFile(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return JgfReader.parse(source, in);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the file: " + e.getMessage(), e);
    }
  }

  static ResourceGraph read(String source, JsonNode doc) {
    return new Loader(source).load(doc);
  }

  /**
   * The decimal suffix of a host name as Fluxion reads it: -1 when the name does not end in a
   * digit, else the trailing digits without leading zeros (0 for all zeros).
   */
  static long hostSuffix(String host) {
    int end = host.length();
    int start = digitSuffixStart(host);
    if (start == end) {
      return -1;
    }
    int s = start;
    while (s < end && host.charAt(s) == '0') {
      s++;
    }
    if (s == end) {
      return 0;
    }
    if (end - s > 18) {
      throw new IllegalArgumentException("the numeric suffix of host " + host + " is too large");
    }
    return Long.parseLong(host.substring(s, end));
  }

  /** The host name without its numeric suffix (the whole name if it is all digits or has none). */
  static String hostBasename(String host) {
    int start = digitSuffixStart(host);
    return start == 0 ? host : host.substring(0, start);
  }

  /** Every rank of {@code rankSets} mapped to its position among them all, in ascending order. */
  static LongIntHashMap rankPositions(IdSet[] rankSets) {
    TreeSet<Long> all = new TreeSet<>();
    for (IdSet ranks : rankSets) {
      for (long r : ranks.toArray()) {
        all.add(r);
      }
    }
    LongIntHashMap position = new LongIntHashMap();
    int pos = 0;
    for (long r : all) {
      position.put(r, pos++);
    }
    return position;
  }

  /** Where the trailing decimal digits of {@code name} start ({@code name.length()} if none). */
  static int digitSuffixStart(String name) {
    int start = name.length();
    while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  private static final class Loader {
    private final String source;
    private GraphBuilder b;

    /** host and rank of every node vertex, for Fluxion's duplicate check. */
    private final java.util.Set<String> nodes = new java.util.HashSet<>();

    Loader(String source) {
      this.source = source;
    }

    private GraphParseException fail(String pointer, String problem) {
      return new GraphParseException(source, pointer, problem);
    }

    ResourceGraph load(JsonNode doc) {
      if (!doc.isObject()) {
        throw fail("", "expected an RFC 20 R object");
      }
      JsonNode version = doc.get("version");
      if (version == null || !version.isIntegralNumber()) {
        throw fail("/version", "R must have an integer \"version\"");
      }
      if (version.longValue() != 1) {
        throw fail("/version", "unsupported R version " + version + ", expected 1");
      }
      JsonNode exec = doc.get("execution");
      if (exec == null || !exec.isObject()) {
        throw fail("/execution", "R must have an \"execution\" object");
      }
      JsonNode rlite = exec.get("R_lite");
      if (rlite == null || !rlite.isArray()) {
        throw fail("/execution/R_lite", "\"R_lite\" must be an array");
      }
      JsonNode nodelist = exec.get("nodelist");
      if (nodelist == null || !nodelist.isArray()) {
        throw fail("/execution/nodelist", "\"nodelist\" must be an array of hostlists");
      }
      JsonNode props = exec.get("properties");
      if (props != null && !props.isNull() && !props.isObject()) {
        throw fail("/execution/properties", "\"properties\" must be an object");
      }
      // all ranks, ascending -> position in the nodelist
      IdSet[] entryRanks = new IdSet[rlite.size()];
      for (int i = 0; i < rlite.size(); i++) {
        JsonNode e = rlite.get(i);
        String at = "/execution/R_lite/" + i;
        if (!e.isObject()) {
          throw fail(at, "an R_lite entry must be an object");
        }
        entryRanks[i] = idset(e.get("rank"), at + "/rank");
        JsonNode children = e.get("children");
        if (children == null || !children.isObject()) {
          throw fail(at + "/children", "an R_lite entry must have a \"children\" object");
        }
      }
      LongIntHashMap position = rankPositions(entryRanks);
      // properties: rank -> sorted property names
      Map<Long, TreeMap<String, String>> nodeProps = new HashMap<>();
      if (props != null && props.isObject()) {
        for (Map.Entry<String, JsonNode> p : props.properties()) {
          String at = "/execution/properties/" + JgfReader.escape(p.getKey());
          for (long r : idset(p.getValue(), at).toArray()) {
            nodeProps.computeIfAbsent(r, k -> new TreeMap<>()).put(p.getKey(), "");
          }
        }
      }
      Hostlist.Builder hb = Hostlist.builder();
      for (int i = 0; i < nodelist.size(); i++) {
        JsonNode h = nodelist.get(i);
        if (!h.isTextual()) {
          throw fail("/execution/nodelist/" + i, "a nodelist element must be a string");
        }
        try {
          hb.appendAll(Hostlist.decode(h.textValue()));
        } catch (IllegalArgumentException e) {
          throw fail("/execution/nodelist/" + i, "bad hostlist: " + e.getMessage());
        }
      }
      List<String> hosts = hb.build();

      b = GraphBuilder.forSource(source, 16 + position.size() * 8);
      int cluster = add(ResourceGraph.NONE, "cluster", "cluster", "cluster0", 0, -1, "");
      b.root(cluster, Subsystems.CONTAINMENT);
      for (int i = 0; i < rlite.size(); i++) {
        String at = "/execution/R_lite/" + i;
        JsonNode children = rlite.get(i).get("children");
        for (long rank : entryRanks[i].toArray()) {
          int p = position.get(rank);
          if (p >= hosts.size()) {
            throw fail(
                "/execution/nodelist",
                "the nodelist has " + hosts.size() + " hosts, too few for rank " + rank);
          }
          if (rank > Integer.MAX_VALUE) {
            throw fail(at + "/rank", "rank " + rank + " is out of range");
          }
          String host = hosts.get(p);
          long id;
          try {
            id = hostSuffix(host);
          } catch (IllegalArgumentException e) {
            throw fail("/execution/nodelist", e.getMessage());
          }
          int node = add(cluster, "node", hostBasename(host), host, id, (int) rank, at);
          TreeMap<String, String> np = nodeProps.get(rank);
          if (np != null) {
            np.forEach((k, v) -> b.property(node, k, v));
          }
          for (Map.Entry<String, JsonNode> c : children.properties()) {
            String type = c.getKey();
            String cat = at + "/children/" + JgfReader.escape(type);
            for (long cid : idset(c.getValue(), cat).toArray()) {
              add(node, type, type, type + cid, cid, (int) rank, cat);
            }
          }
        }
      }
      return b.build();
    }

    private IdSet idset(JsonNode n, String at) {
      if (n == null || !n.isTextual()) {
        throw fail(at, "expected an idset string");
      }
      try {
        return IdSet.decode(n.textValue());
      } catch (IllegalArgumentException e) {
        throw fail(at, "bad idset: " + e.getMessage());
      }
    }

    /**
     * Adds a vertex under {@code parent}. Fluxion refuses a vertex whose path, rank, id, type and
     * size repeat an earlier one; under one cluster that can only happen to a node (same host and
     * rank), since a node's children are unique per node, so only nodes are checked.
     */
    private int add(
        int parent, String type, String basename, String name, long id, int rank, String at) {
      if ("node".equals(type)) {
        String key = name + '\u0000' + rank;
        if (!nodes.add(key)) {
          String path = b.peek().path(parent) + "/" + name;
          throw fail(at, "found duplicate vertex " + path + " of rank " + rank);
        }
      }
      int v = b.addVertex(type, basename, name, id, b.vertexCount(), rank, 1, "");
      if (parent != ResourceGraph.NONE) {
        b.contain(parent, v);
      }
      return v;
    }
  }
}
