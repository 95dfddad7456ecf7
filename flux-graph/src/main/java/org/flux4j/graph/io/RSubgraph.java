package org.flux4j.graph.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/**
 * The part of a resource graph that an emitted resource set R names, as a graph of its own: what
 * Fluxion's {@code update} (a job's allocation given back to a scheduler, after a restart or from a
 * parent) and partial cancel take. Start here to update a job from R text:
 *
 * <pre>{@code
 * RSubgraph r = RSubgraph.read(rq.graph(), "update", rText, GraphFormat.RV1EXEC);
 * rq.update(jobId, r, at, duration, false);
 * }</pre>
 *
 * <p>The vertices are found in the target with Fluxion's reader rules ({@link GraphSelection});
 * each keeps the target's type, name, ids, rank and path, takes the size R gives it (a JGF node's
 * {@code size}; else the target's), and is exclusive and {@linkplain #held held} as the reader of
 * its {@linkplain #format format} says. Immutable and thread-safe; reading is O(n log n) in the
 * vertices R names.
 */
public final class RSubgraph {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceGraph graph;
  private final GraphFormat format;
  private final boolean[] exclusive;
  private final boolean[] held;
  private final boolean[] named;

  private RSubgraph(
      ResourceGraph graph,
      GraphFormat format,
      boolean[] exclusive,
      boolean[] held,
      boolean[] named) {
    this.graph = graph;
    this.format = format;
    this.exclusive = exclusive;
    this.held = held;
    this.named = named;
  }

  /** The format R was read in: its reader's update rules apply. */
  public GraphFormat format() {
    return format;
  }

  /**
   * Whether Fluxion's reader holds all units of vertex {@code v} of {@link #graph()} in its plan
   * (see {@link GraphSelection#held}); false out of range.
   */
  public boolean held(int v) {
    return v >= 0 && v < held.length && held[v];
  }

  /**
   * Whether R names vertex {@code v} of {@link #graph()}, rather than it being an ancestor added by
   * {@link #read}; false out of range.
   */
  public boolean named(int v) {
    return v >= 0 && v < named.length && named[v];
  }

  /** The graph of the vertices R names (and, from {@link #read}, their ancestors). */
  public ResourceGraph graph() {
    return graph;
  }

  /** Whether vertex {@code v} of {@link #graph()} is held exclusively; false out of range. */
  public boolean exclusive(int v) {
    return v >= 0 && v < exclusive.length && exclusive[v];
  }

  /** {@link #exclusive(int)} as a predicate, the form {@code ResourceQuery.update} takes. */
  public IntPredicate exclusive() {
    return this::exclusive;
  }

  /**
   * Reads R for an update: the vertices R names in {@code target}, preceded by the containment
   * ancestors that R leaves out (an rv1exec R names nodes and their children only), which are held
   * shared, as Fluxion emits them.
   *
   * @param source the name of R in error messages
   * @param format {@code jgf}, {@code jgf_shorthand} or {@code rv1exec} (also {@code
   *     rv1exec_force})
   * @throws GraphParseException if R is malformed or names a vertex the target does not have
   * @throws IllegalArgumentException for a format that cannot name an allocation
   */
  public static RSubgraph read(
      ResourceGraph target, String source, String text, GraphFormat format) {
    return build(target, source, text, format, true);
  }

  /**
   * Reads only the vertices R names in {@code target}, without their ancestors, and without
   * checking the edges of a JGF R: what Fluxion's partial cancel reads.
   *
   * @throws GraphParseException if R is malformed or names a vertex the target does not have
   * @throws IllegalArgumentException for a format that cannot name an allocation
   */
  public static RSubgraph readVertices(
      ResourceGraph target, String source, String text, GraphFormat format) {
    return build(target, source, withoutEdges(text, -1), format, false);
  }

  /**
   * The vertices of {@code target} that a JGF R's nodes name, in R order, read node by node as
   * Fluxion's partial cancel reads them: the first node its reader refuses (malformed, a duplicate
   * id, a path the target does not have, or fields that differ from the vertex's) ends the array as
   * -1, the nodes before it taken. Edges are not read. For {@code
   * ResourceQuery.partialCancelVertices}.
   *
   * @throws GraphParseException if the document has no {@code graph} object with a {@code nodes}
   *     array
   */
  public static int[] jgfVerticesUntilRefused(ResourceGraph target, String source, String text) {
    return GraphSelection.jgfVerticesUntilRefused(target, source, text);
  }

  /**
   * As {@link #readVertices} for a JGF R, the nodes before the first one its reader refuses (all of
   * them when it refuses none, see {@link #jgfVerticesUntilRefused}): the vertices whose plans
   * Fluxion's update checks, in R order, before it stops at the refused node or reads any edge.
   *
   * @throws GraphParseException if the document has no {@code graph} object with a {@code nodes}
   *     array
   */
  public static RSubgraph readVerticesUntilRefused(
      ResourceGraph target, String source, String text) {
    int[] read = jgfVerticesUntilRefused(target, source, text);
    int taken = read.length > 0 && read[read.length - 1] < 0 ? read.length - 1 : read.length;
    return build(target, source, withoutEdges(text, taken), GraphFormat.JGF, false);
  }

  /**
   * Where Fluxion's rv1exec reader stops an update from a well-formed R whatever the scheduling
   * state: {@code ahead} holds the vertices it read before (named, without ancestors; their plans
   * are checked first, see {@code ResourceQuery.updateRefusal}), {@code name} the vertex it stops
   * at (a host, or a child's {@code <type><id>}) and {@code node} whether that is the rank's node.
   */
  public record Rv1ExecStop(RSubgraph ahead, String name, boolean node, Reason reason) {
    /** Why the reader stops. */
    public enum Reason {
      /** The target has no such vertex (Fluxion's {@code add_or_update}). */
      NOT_FOUND,
      /**
       * R named the vertex before and the update holds it already: a child named twice, or a node
       * whose whole rank an earlier entry took (Fluxion's {@code update_vertex}).
       */
      NAMED_AGAIN,
      /**
       * None of the rank's children was named by then, so its node cannot be taken (Fluxion's
       * {@code update_exclusivity}).
       */
      NO_CHILD
    }

    /**
     * Fluxion's rv1exec reader's words for this stop, each line with its newline: what the function
     * that gave up on the vertex logged, then its caller's line.
     */
    public String message() {
      return switch (reason) {
        case NOT_FOUND ->
            "add_or_update: couldn't find vertex in graph for " + name + ".\n" + caller(name, node);
        case NAMED_AGAIN -> rv1ExecUnavailable(name, node);
        case NO_CHILD ->
            "update_exclusivity: rank not found in agfilters map.\n"
                + "unpack_rank: exclusive filter update failed for "
                + name
                + ".\n";
      };
    }
  }

  /**
   * Fluxion's rv1exec reader's words when it finds vertex {@code name} (the rank's node if {@code
   * node}, else a child) unavailable to an update: its plan is busy during the window, or the
   * update holds it already. Each line with its newline.
   */
  public static String rv1ExecUnavailable(String name, boolean node) {
    return "update_vertex: " + name + " is unavailable.\n" + caller(name, node);
  }

  /** The line of the rv1exec reader's function that unpacked the vertex a callee gave up on. */
  private static String caller(String name, boolean node) {
    return node
        ? "unpack_rank: failed unpacking rank for " + name + ".\n"
        : "unpack_child: failed unpacking child for " + name + ".\n";
  }

  /**
   * Reads an rv1exec R as Fluxion's reader reads it for an update, in R's order (entries, their
   * ranks, the children in document order, their ids), and gives the first vertex it stops at
   * whatever the scheduling state ({@link Rv1ExecStop}); empty when it reads them all (then {@link
   * #read} succeeds).
   *
   * @throws GraphParseException if R is malformed: the reader fails before any vertex
   */
  public static Optional<Rv1ExecStop> rv1ExecStop(
      ResourceGraph target, String source, String text) {
    GraphSelection.Rv1Read read = GraphSelection.readRv1Exec(target, source, text);
    if (read.stop() == null) {
      return Optional.empty();
    }
    RSubgraph ahead = build(target, read.selection(), null, GraphFormat.RV1EXEC, false);
    return Optional.of(
        new Rv1ExecStop(ahead, read.stop().name(), read.stop().node(), read.stop().reason()));
  }

  private static RSubgraph build(
      ResourceGraph target, String source, String text, GraphFormat format, boolean ancestors) {
    GraphSelection sel = GraphSelection.read(target, source, text, format);
    LongLongHashMap sizes = format == GraphFormat.RV1EXEC ? null : jgfSizes(text);
    return build(target, sel, sizes, format, ancestors);
  }

  /** {@code sel} as a graph of its own; {@code sizes} by uniq_id where R gives them, else null. */
  private static RSubgraph build(
      ResourceGraph target,
      GraphSelection sel,
      LongLongHashMap sizes,
      GraphFormat format,
      boolean ancestors) {
    // per selected vertex: bit 0 exclusive, bit 1 held
    IntIntHashMap selectedExclusive = new IntIntHashMap(sel.size() * 2);
    for (int i = 0; i < sel.size(); i++) {
      selectedExclusive.put(sel.vertex(i), (sel.exclusive(i) ? 1 : 0) | (sel.held(i) ? 2 : 0));
    }
    IntArrayList order = withAncestors(target, sel, selectedExclusive, ancestors);
    GraphBuilder b = ResourceGraph.builder(Math.max(16, order.size()));
    IntIntHashMap map = new IntIntHashMap(order.size() * 2);
    boolean[] exclusive = new boolean[order.size()];
    boolean[] held = new boolean[order.size()];
    boolean[] named = new boolean[order.size()];
    for (int i = 0; i < order.size(); i++) {
      int v = order.get(i);
      long size = target.size(v);
      if (sizes != null && sizes.containsKey(target.uniqId(v))) {
        size = sizes.get(target.uniqId(v));
      }
      int n = b.addVertexCopy(target, v, size);
      map.put(v, n);
      int flags = selectedExclusive.getIfAbsent(v, -1);
      named[n] = flags >= 0;
      exclusive[n] = flags >= 0 && (flags & 1) != 0;
      held[n] = flags >= 0 && (flags & 2) != 0;
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
        b.path(map.get(v), Subsystems.CONTAINMENT, target.path(v));
      }
    }
    return new RSubgraph(b.build(), format, exclusive, held, named);
  }

  /**
   * The selected vertices in order, each preceded (if {@code ancestors}) by those of its
   * containment ancestors that are neither selected nor placed yet, outermost first.
   */
  private static IntArrayList withAncestors(
      ResourceGraph target, GraphSelection sel, IntIntHashMap selected, boolean ancestors) {
    IntArrayList order = new IntArrayList(sel.size() + 8);
    IntHashSet placed = new IntHashSet(sel.size() * 2);
    IntArrayList chain = new IntArrayList();
    for (int i = 0; i < sel.size(); i++) {
      chain.clear();
      for (int p = ancestors ? target.parent(sel.vertex(i)) : ResourceGraph.NONE;
          p != ResourceGraph.NONE && !selected.containsKey(p) && !placed.contains(p);
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
    return order;
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
    } catch (IOException | RuntimeException e) {
      // GraphSelection has already reported malformed input; sizes default to whole vertices
    }
    return sizes;
  }

  /**
   * The JGF document {@code text} with an empty edge list and, unless {@code nodes} is negative,
   * only its first {@code nodes} nodes (the text unchanged if it is not a JGF object with a {@code
   * graph} key), for reading its vertices only.
   */
  private static String withoutEdges(String text, int nodes) {
    try {
      JsonNode doc = JSON.readTree(text);
      if (doc != null && doc.path("graph").isObject()) {
        ObjectNode graph = (ObjectNode) doc.get("graph");
        graph.putArray("edges");
        if (nodes >= 0 && graph.get("nodes") instanceof ArrayNode all) {
          while (all.size() > nodes) {
            all.remove(all.size() - 1);
          }
        }
        return JSON.writeValueAsString(doc);
      }
    } catch (IOException | RuntimeException e) {
      // malformed: let the reader report it
    }
    return text;
  }
}
