package org.flux4j.graph;

/**
 * Builds a {@link ResourceGraph} vertex by vertex and edge by edge; the low-level API that every
 * reader and preset uses.
 *
 * <p>A vertex is added with its attributes; its uniq_id defaults to its creation index. Edges are
 * added per subsystem; {@link #contain(int, int)} adds a containment edge and sets the child's
 * containment path parent, which is what almost every caller wants. {@link #build()} validates the
 * graph (containment is a forest; sizes are not negative) and hands it over; the builder cannot be
 * used afterwards. Not thread-safe.
 */
public final class GraphBuilder {
  private ResourceGraph g;
  private final String source;
  private boolean uniqIdsAreIndices = true;

  GraphBuilder(int capacity) {
    this(capacity, "graph");
  }

  GraphBuilder(int capacity, String source) {
    this.g = new ResourceGraph(capacity);
    this.source = source;
  }

  /** A builder whose validation errors name {@code source} (e.g. the file being read). */
  public static GraphBuilder forSource(String source, int capacity) {
    return new GraphBuilder(capacity, source);
  }

  private ResourceGraph graph() {
    if (g == null) {
      throw new IllegalStateException("this GraphBuilder has already built its graph");
    }
    return g;
  }

  /** How many vertices have been added so far. */
  public int vertexCount() {
    return graph().vertexLimit();
  }

  /**
   * Adds a vertex named {@code basename + id}, with uniq_id equal to its index.
   *
   * @param type the resource type, e.g. "core"
   * @param basename the basename, e.g. "core"
   * @param id the logical id (-1 if none)
   * @param rank the execution target rank (-1 if none)
   * @param size the number of units it holds (1 for ordinary resources)
   * @param unit the unit of the size, or "" if none
   * @return the new vertex
   */
  public int addVertex(String type, String basename, long id, int rank, long size, String unit) {
    ResourceGraph gr = graph();
    return gr.addVertexRaw(type, basename, null, id, gr.vertexLimit(), rank, size, unit);
  }

  /**
   * Adds a vertex with every attribute explicit.
   *
   * @param name the explicit name, or null for {@code basename + id}
   * @param uniqId the unique id (must be unique; checked by {@link #build()})
   */
  public int addVertex(
      String type,
      String basename,
      String name,
      long id,
      long uniqId,
      int rank,
      long size,
      String unit) {
    ResourceGraph gr = graph();
    String n = name != null && name.equals(basename + id) ? null : name;
    if (uniqId != gr.vertexLimit()) {
      uniqIdsAreIndices = false;
    }
    return gr.addVertexRaw(type, basename, n, id, uniqId, rank, size, unit);
  }

  /**
   * Interns a string (a type, basename, unit or relation) for the int-level methods {@link
   * #addVertexInterned} and {@link #edge(int, int, int, int)}. O(1) expected.
   */
  public int intern(String s) {
    return graph().intern(s);
  }

  /**
   * As {@link #intern}, for a vertex type that a reader learns before it builds vertices of it: the
   * type is declared now ({@link ResourceGraph#typeRank}), as Fluxion's reader interns it. O(1)
   * expected.
   */
  public int internType(String s) {
    return graph().internType(s);
  }

  /**
   * Adds a copy of vertex {@code v} of {@code from}: its type, basename, name, ids, rank, size and
   * unit, not its edges, paths, properties or status. For building a subgraph of another graph.
   */
  public int addVertexCopy(ResourceGraph from, int v) {
    return addVertexCopy(from, v, from.size(v));
  }

  /** Adds a copy of vertex {@code v} of {@code from} (see above) holding {@code size} units. */
  public int addVertexCopy(ResourceGraph from, int v, long size) {
    return addVertex(
        from.type(v),
        from.basename(v),
        from.hasExplicitName(v) ? from.name(v) : null,
        from.id(v),
        from.uniqId(v),
        from.rank(v),
        size,
        from.unit(v));
  }

  /**
   * Adds a vertex from interned strings (see {@link #intern}), named {@code basename + id}, with
   * uniq_id equal to its index: the allocation-free path for generators of large graphs.
   *
   * @param unit the interned unit; {@code intern("")} for none
   */
  public int addVertexInterned(int type, int basename, long id, int rank, long size, int unit) {
    ResourceGraph gr = graph();
    return gr.addVertexInterned(type, basename, -1, id, gr.vertexLimit(), rank, size, unit);
  }

  /**
   * Sets {@code v}'s path parent in the subsystem with index {@code subsystem} (see {@link
   * #subsystem(String)}); {@link ResourceGraph#NONE} makes {@code v} a root of that subsystem.
   */
  public GraphBuilder pathParent(int v, int subsystem, int parent) {
    graph().setPathParentRaw(v, subsystem, parent);
    return this;
  }

  /** Adds an edge in the subsystem with index {@code subsystem}, with an interned relation. */
  public GraphBuilder edge(int source, int target, int subsystem, int relation) {
    graph().addEdgeInterned(source, target, subsystem, relation);
    return this;
  }

  /** Adds a containment edge parent→child ("contains") and makes parent the child's path parent. */
  public GraphBuilder contain(int parent, int child) {
    ResourceGraph gr = graph();
    gr.addEdgeRaw(parent, child, 0, Subsystems.CONTAINS);
    gr.setPathParentRaw(child, 0, parent);
    return this;
  }

  /** Adds an edge in a subsystem (created on first use) with a relation name. */
  public GraphBuilder edge(int source, int target, String subsystem, String relation) {
    ResourceGraph gr = graph();
    gr.addEdgeRaw(source, target, gr.subsystem(subsystem), relation);
    return this;
  }

  /** Makes {@code v} a root of its path tree in {@code subsystem}. */
  public GraphBuilder root(int v, String subsystem) {
    return pathParent(v, subsystem, ResourceGraph.NONE);
  }

  /** Sets {@code v}'s path parent in {@code subsystem} (its path is parent's path + "/" + name). */
  public GraphBuilder pathParent(int v, String subsystem, int parent) {
    ResourceGraph gr = graph();
    gr.setPathParentRaw(v, gr.subsystem(subsystem), parent);
    return this;
  }

  /**
   * Sets {@code v}'s path in {@code subsystem} explicitly (as JGF gives it). The path parent is
   * still used for structure; the explicit path is stored only where it differs from the derived
   * one, which {@link #build()} checks.
   */
  public GraphBuilder path(int v, String subsystem, String path) {
    ResourceGraph gr = graph();
    int s = gr.subsystem(subsystem);
    if (!gr.isMember(v, s)) {
      gr.setPathParentRaw(v, s, ResourceGraph.NONE);
    }
    gr.setPathOverrideRaw(v, s, path);
    return this;
  }

  /**
   * Records a path {@code v} had in {@code subsystem} before it was re-pathed (see {@link
   * ResourceGraph#formerPaths}).
   */
  public GraphBuilder formerPath(int v, String subsystem, String path) {
    ResourceGraph gr = graph();
    gr.addFormerPathRaw(v, gr.subsystem(subsystem), path);
    return this;
  }

  /** Sets a property of {@code v}. */
  public GraphBuilder property(int v, String key, String value) {
    graph().setProperty(v, key, value);
    return this;
  }

  /** Sets the status of {@code v}. */
  public GraphBuilder status(int v, Status status) {
    graph().setStatus(v, status);
    return this;
  }

  /** Declares a subsystem even if no edge uses it yet; returns its index. */
  public int subsystem(String subsystem) {
    return graph().subsystem(subsystem);
  }

  /** Read access to the graph under construction (for readers that look up what they built). */
  public ResourceGraph peek() {
    return graph();
  }

  /**
   * Validates and returns the graph: sizes are not negative, uniq_ids are unique, and containment
   * is a forest (no vertex is its own ancestor). Explicit paths equal to the derived ones are
   * dropped.
   *
   * @throws GraphParseException naming the source and the offending vertex
   */
  public ResourceGraph build() {
    ResourceGraph gr = graph();
    int n = gr.vertexLimit();
    for (int v = 0; v < n; v++) {
      if (gr.size(v) < 0) {
        throw new GraphParseException(source, where(gr, v), "negative size " + gr.size(v));
      }
    }
    if (!uniqIdsAreIndices) {
      org.eclipse.collections.impl.set.mutable.primitive.LongHashSet uids =
          new org.eclipse.collections.impl.set.mutable.primitive.LongHashSet(n);
      for (int v = 0; v < n; v++) {
        if (!uids.add(gr.uniqId(v))) {
          throw new GraphParseException(source, where(gr, v), "duplicate uniq_id " + gr.uniqId(v));
        }
      }
    }
    checkForest(gr);
    for (int s = 0; s < gr.pathOverrides.size(); s++) {
      var overrides = gr.pathOverrides.get(s);
      if (overrides.isEmpty()) {
        continue;
      }
      var copy =
          new org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap<>(overrides);
      int fs = s;
      copy.forEachKeyValue(
          (v, p) -> {
            overrides.remove(v);
            if (!gr.path(v, fs).equals(p)) {
              overrides.put(v, p);
            }
          });
    }
    gr.trim();
    gr.invalidate();
    g = null;
    return gr;
  }

  private static String where(ResourceGraph gr, int v) {
    return "vertex " + gr.type(v) + " uniq_id " + gr.uniqId(v);
  }

  private void checkForest(ResourceGraph gr) {
    int n = gr.vertexLimit();
    int[] parents = gr.pathParents.get(0).array();
    boolean parentsFirst = true;
    for (int v = 0; v < n && parentsFirst; v++) {
      parentsFirst = parents[v] < v;
    }
    if (parentsFirst) {
      return; // every parent precedes its child: no chain can loop
    }
    // colour: 0 unvisited, 1 on the current chain, 2 done
    byte[] colour = new byte[n];
    int[] chain = new int[16];
    int depth = 0;
    for (int v = 0; v < n; v++) {
      int u = v;
      while (u >= 0 && colour[u] == 0) {
        colour[u] = 1;
        if (depth == chain.length) {
          chain = java.util.Arrays.copyOf(chain, depth * 2);
        }
        chain[depth++] = u;
        u = gr.pathParent(u, 0);
      }
      if (u >= 0 && colour[u] == 1) {
        throw new GraphParseException(
            source, where(gr, u), "containment has a cycle through " + gr.type(u) + gr.id(u));
      }
      while (depth > 0) {
        colour[chain[--depth]] = 2;
      }
    }
  }
}
