package org.flux4j.graph.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.Subsystems;

/**
 * A GRUG generation recipe: resource kinds (recipe vertices) and the links that generate their
 * instances (recipe edges), as Fluxion's {@code resource_gen_spec_t} holds them.
 *
 * <p>Implementation notes: kinds and links are kept in file order, because Fluxion's expansion is a
 * Boost depth-first search over the recipe whose visiting order is the order of the {@code node}
 * elements (start vertices) and of the {@code edge} elements (out-edges). {@link #plan} validates
 * the recipe and precomputes that search as a list of events, and counts how many vertices the
 * expansion would create, before anything is allocated. Not thread-safe; built once, then read.
 */
public final class GrugRecipe {
  /** The largest graph an expansion may create, whatever the heap. */
  public static final long MAX_VERTICES = 500_000_000L;

  /** Rough peak heap bytes per generated vertex while a graph is built (columns and indexes). */
  static final long BYTES_PER_VERTEX = 100L;

  /** How instances of a link's target are generated. */
  public enum GenMethod {
    /** Each source instance gets multi_scale new target instances. */
    MULTIPLY,
    /** Every existing vertex of the target's type is associated with each source instance. */
    ASSOCIATE_IN,
    /** Like ASSOCIATE_IN, restricted to targets whose path prefix matches the source's. */
    ASSOCIATE_BY_PATH_IN
  }

  /** A resource kind: one recipe vertex. */
  public static final class Kind {
    /** The recipe's id of this vertex (the GraphML node id). */
    public final String name;

    /** The resource type, e.g. "core". */
    public String type = "";

    /** The basename of generated vertices. */
    public String basename = "";

    /** The unit of the size, "" for none. */
    public String unit = "";

    /** The subsystem in which generated vertices get their path. */
    public String subsystem = Subsystems.CONTAINMENT;

    /** The size of generated vertices. */
    public long size = 1;

    /** Non-zero for the root kind of its subsystem. */
    public int root;

    /** The source line of the definition, 0 if unknown. */
    public int line;

    Kind(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }

  /** A generation link: one recipe edge. */
  public static final class Link {
    /** Index of the source kind. */
    public final int source;

    /** Index of the target kind. */
    public final int target;

    /** The GraphML edge id, or "" if none. */
    public final String name;

    /** The gen_method string as written. */
    public String genMethod = "MULTIPLY";

    /** How many target instances each source instance gets (MULTIPLY). */
    public int multiScale = 1;

    /** The id scope (0: per parent; s > 0: unique over s levels; negative: no id). */
    public int idScope;

    /** The first id. */
    public int idStart;

    /** The id stride (ignored at scope 0). */
    public int idStride = 1;

    /** The subsystem of generated edges. */
    public String eSubsystem = Subsystems.CONTAINMENT;

    /** The relation of generated edges. */
    public String relation = Subsystems.CONTAINS;

    /** The reverse relation (recorded, unused by Fluxion's current reader). */
    public String rrelation = "in";

    /** The subsystem whose paths ASSOCIATE_BY_PATH_IN compares. */
    public String asTgtSubsystem = Subsystems.CONTAINMENT;

    /** Levels to strip from a target path before comparing. */
    public int asTgtUplvl = 1;

    /** Levels to strip from a source path before comparing. */
    public int asSrcUplvl = 1;

    /** The source line of the definition, 0 if unknown. */
    public int line;

    Link(int source, int target, String name, int line) {
      this.source = source;
      this.target = target;
      this.name = name;
      this.line = line;
    }

    /** The generation method, or null if the string is not one Fluxion knows. */
    public GenMethod method() {
      switch (genMethod) {
        case "MULTIPLY":
          return GenMethod.MULTIPLY;
        case "ASSOCIATE_IN":
          return GenMethod.ASSOCIATE_IN;
        case "ASSOCIATE_BY_PATH_IN":
          return GenMethod.ASSOCIATE_BY_PATH_IN;
        default:
          return null;
      }
    }
  }

  /** The validated search order and the size of the expansion. */
  public static final class Plan {
    /** Events: a link index {@code l >= 0} is a tree edge; {@code -(k + 1)} finishes kind k. */
    public final int[] events;

    /** Exactly how many vertices the expansion creates. */
    public final long vertices;

    /** An upper bound of the edges the expansion creates. */
    public final long edges;

    Plan(int[] events, long vertices, long edges) {
      this.events = events;
      this.vertices = vertices;
      this.edges = edges;
    }
  }

  /** The source line of the {@code graph} element, 0 if unknown; named by recipe-wide errors. */
  public int graphLine;

  private final List<Kind> kinds = new ArrayList<>();
  private final List<Link> links = new ArrayList<>();
  private final List<List<Integer>> out = new ArrayList<>();

  /** Adds a kind; returns its index. */
  public int addKind(String name, int line) {
    kinds.add(new Kind(name, line));
    out.add(new ArrayList<>());
    return kinds.size() - 1;
  }

  /** Adds a link from kind {@code source} to kind {@code target}; returns its index. */
  public int addLink(int source, int target, String name, int line) {
    links.add(new Link(source, target, name, line));
    out.get(source).add(links.size() - 1);
    return links.size() - 1;
  }

  /** The kind at {@code k}. */
  public Kind kind(int k) {
    return kinds.get(k);
  }

  /** The link at {@code l}. */
  public Link link(int l) {
    return links.get(l);
  }

  /** How many kinds. */
  public int kindCount() {
    return kinds.size();
  }

  /** How many links leave kind {@code k}. */
  public int outDegree(int k) {
    return out.get(k).size();
  }

  /** How many links. */
  public int linkCount() {
    return links.size();
  }

  private static String at(int line) {
    return line > 0 ? "line " + line : null;
  }

  /**
   * Validates the recipe and plans its expansion.
   *
   * @param source the file name or label for error messages
   * @param maxVertices refuse expansions that would create more vertices than this
   * @param maxEdges refuse expansions that could create more edges than this
   * @throws GraphParseException naming the source, the line and the problem
   */
  public Plan plan(String source, long maxVertices, long maxEdges) {
    Map<String, Integer> rootLines = new HashMap<>();
    for (Kind k : kinds) {
      if (k.type.isEmpty()) {
        throw new GraphParseException(
            source, at(k.line), "recipe vertex '" + k.name + "' has no type");
      }
      if (k.basename.isEmpty()) {
        throw new GraphParseException(
            source, at(k.line), "recipe vertex '" + k.name + "' has no basename");
      }
      if (k.subsystem.isEmpty()) {
        throw new GraphParseException(
            source, at(k.line), "recipe vertex '" + k.name + "' has an empty subsystem");
      }
      if (k.size < 0) {
        throw new GraphParseException(
            source, at(k.line), "recipe vertex '" + k.name + "' has a negative size " + k.size);
      }
      if (k.root != 0) {
        Integer previous = rootLines.putIfAbsent(k.subsystem, k.line);
        if (previous != null) {
          throw new GraphParseException(
              source,
              at(k.line),
              "a second root '"
                  + k.name
                  + "' for subsystem "
                  + k.subsystem
                  + (previous > 0 ? " (the first is at line " + previous + ")" : ""));
        }
      }
    }
    if (rootLines.isEmpty()) {
      throw new GraphParseException(
          source, at(graphLine), "the recipe has no root vertex (no node with root = 1)");
    }
    for (Link l : links) {
      String what = "recipe edge " + kinds.get(l.source).name + "->" + kinds.get(l.target).name;
      if (l.method() == null) {
        throw new GraphParseException(
            source,
            at(l.line),
            what
                + " has an unknown gen_method '"
                + l.genMethod
                + "' (expected MULTIPLY, ASSOCIATE_IN or ASSOCIATE_BY_PATH_IN)");
      }
      if (l.multiScale < 0) {
        throw new GraphParseException(
            source, at(l.line), what + " has a negative multi_scale " + l.multiScale);
      }
      if (l.eSubsystem.isEmpty() || l.asTgtSubsystem.isEmpty()) {
        throw new GraphParseException(source, at(l.line), what + " has an empty subsystem");
      }
    }
    int[] events = searchOrder(source);
    return count(source, events, maxVertices, maxEdges);
  }

  /** Boost's depth_first_search order: start vertices in file order, out-edges in file order. */
  private int[] searchOrder(String source) {
    int n = kinds.size();
    byte[] colour = new byte[n]; // 0 white, 1 grey, 2 black
    GrowableInts events = new GrowableInts(2 * n + links.size());
    int[] stackKind = new int[n + 1];
    int[] stackNext = new int[n + 1];
    for (int start = 0; start < n; start++) {
      if (colour[start] != 0) {
        continue;
      }
      int sp = 0;
      stackKind[sp] = start;
      stackNext[sp] = 0;
      sp++;
      colour[start] = 1;
      while (sp > 0) {
        int u = stackKind[sp - 1];
        List<Integer> edges = out.get(u);
        if (stackNext[sp - 1] < edges.size()) {
          int l = edges.get(stackNext[sp - 1]++);
          int v = links.get(l).target;
          if (colour[v] == 0) {
            events.add(l);
            colour[v] = 1;
            stackKind[sp] = v;
            stackNext[sp] = 0;
            sp++;
          } else if (colour[v] == 1) {
            Link bad = links.get(l);
            throw new GraphParseException(
                source,
                at(bad.line),
                "the recipe has a cycle: edge "
                    + kinds.get(bad.source).name
                    + "->"
                    + kinds.get(bad.target).name
                    + " leads back to an ancestor");
          }
        } else {
          colour[u] = 2;
          events.add(-(u + 1));
          sp--;
        }
      }
    }
    events.trim();
    int[] a = events.array();
    return a.length == events.size() ? a : java.util.Arrays.copyOf(a, events.size());
  }

  /** Counts the expansion exactly (vertices) and from above (edges), refusing oversize ones. */
  private Plan count(String source, int[] events, long maxVertices, long edgeLimit) {
    long[] instances = new long[kinds.size()];
    Map<String, Long> perType = new HashMap<>();
    Set<String> rooted = new HashSet<>();
    long vertices = 0;
    long edges = 0;
    for (int ev : events) {
      if (ev < 0) {
        continue;
      }
      Link l = links.get(ev);
      Kind src = kinds.get(l.source);
      Kind tgt = kinds.get(l.target);
      if (src.root != 0 && instances[l.source] == 0) {
        if (rooted.add(src.subsystem)) {
          vertices++;
          perType.merge(src.type, 1L, Long::sum);
        }
        instances[l.source] = 1;
      }
      long n;
      if (l.method() == GenMethod.MULTIPLY) {
        n = saturatingMultiply(instances[l.source], l.multiScale);
        vertices = saturatingAdd(vertices, n);
        perType.merge(tgt.type, n, GrugRecipe::saturatingAdd);
      } else {
        n = saturatingMultiply(instances[l.source], perType.getOrDefault(tgt.type, 0L));
      }
      instances[l.target] = n;
      edges = saturatingAdd(edges, n);
      if (vertices > maxVertices) {
        throw new GraphParseException(
            source,
            at(l.line),
            "the recipe expands to more than "
                + maxVertices
                + " vertices (at edge "
                + src.name
                + "->"
                + tgt.name
                + "), more than this JVM can hold; refusing to expand it");
      }
      if (edges > edgeLimit) {
        throw new GraphParseException(
            source,
            at(l.line),
            "the recipe expands to more than "
                + edgeLimit
                + " edges (at edge "
                + src.name
                + "->"
                + tgt.name
                + "); refusing to expand it");
      }
    }
    return new Plan(events, vertices, edges);
  }

  /** The most edges a graph can hold (int-indexed edge columns). */
  public static final long MAX_EDGES = Integer.MAX_VALUE - 16L;

  /** The vertex limit for this JVM: {@link #MAX_VERTICES} or what the maximum heap can hold. */
  public static long vertexLimit() {
    long heap = Runtime.getRuntime().maxMemory();
    long byHeap = heap == Long.MAX_VALUE ? MAX_VERTICES : heap / BYTES_PER_VERTEX;
    return Math.min(MAX_VERTICES, byHeap);
  }

  static long saturatingMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return Long.MAX_VALUE;
  }

  static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
