package org.flux4j.graph.jgrapht;

import java.util.AbstractSet;
import java.util.BitSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * An unmodifiable JGraphT graph over one subsystem of a {@link ResourceGraph}.
 *
 * <p>Implementation notes. Vertices are the int vertices of the resource graph (boxed as {@code
 * Integer} only at the API); edges are the slots of the subsystem's out-adjacency ({@link
 * Adjacency}), numbered {@code 0 <= e < edgeCount}, so parallel edges stay distinct. At creation
 * the view shares the graph's CSR arrays and adds three int arrays: the source of each slot and an
 * in-adjacency of slots (O(V + E) ints), plus a membership bit set. Nothing is copied per vertex or
 * edge. The view is a snapshot of the topology when it was created: after {@link
 * ResourceGraph#attach} or {@link ResourceGraph#remove}, create a new view. Reads are safe from
 * several threads as long as nobody changes the graph.
 */
final class ResourceGraphView extends AbstractGraph<Integer, Integer> {
  private static final GraphType TYPE =
      new DefaultGraphType.Builder()
          .directed()
          .allowMultipleEdges(true)
          .allowSelfLoops(true)
          .weighted(false)
          .modifiable(false)
          .build();

  final ResourceGraph graph;
  final int subsystem;
  private final Adjacency out;
  private final int[] source;
  private final int[] inOffsets;
  private final int[] inSlots;
  private final BitSet members;
  private final int memberCount;

  ResourceGraphView(ResourceGraph graph, int subsystem) {
    this.graph = graph;
    this.subsystem = subsystem;
    this.out = graph.out(subsystem);
    int n = graph.vertexLimit();
    int m = out.edgeCount();
    source = new int[m];
    inOffsets = new int[n + 1];
    members = new BitSet(n);
    for (int v = 0; v < n; v++) {
      if (graph.isLive(v) && graph.isMember(v, subsystem)) {
        members.set(v);
      }
      for (int e = out.start(v); e < out.end(v); e++) {
        source[e] = v;
        inOffsets[out.target(e) + 1]++;
        members.set(v);
        members.set(out.target(e));
      }
    }
    for (int v = 0; v < n; v++) {
      inOffsets[v + 1] += inOffsets[v];
    }
    int[] fill = inOffsets.clone();
    inSlots = new int[m];
    for (int e = 0; e < m; e++) {
      inSlots[fill[out.target(e)]++] = e;
    }
    memberCount = members.cardinality();
  }

  // ---------------------------------------------------------------- queries

  private boolean isVertex(Object v) {
    if (!(v instanceof Integer)) {
      return false;
    }
    int i = (Integer) v;
    return i >= 0 && i < graph.vertexLimit() && members.get(i);
  }

  private int vertex(Integer v) {
    if (v == null || !isVertex(v)) {
      throw new IllegalArgumentException("no such vertex: " + v);
    }
    return v;
  }

  private int edge(Integer e) {
    if (e == null || e < 0 || e >= source.length) {
      throw new IllegalArgumentException("no such edge: " + e);
    }
    return e;
  }

  @Override
  public Set<Integer> getAllEdges(Integer u, Integer v) {
    if (!isVertex(u) || !isVertex(v)) {
      return null; // the JGraphT contract for unknown vertices
    }
    Set<Integer> edges = new LinkedHashSet<>();
    for (int e = out.start(u); e < out.end(u); e++) {
      if (out.target(e) == v) {
        edges.add(e);
      }
    }
    return edges;
  }

  @Override
  public Integer getEdge(Integer u, Integer v) {
    if (!isVertex(u) || !isVertex(v)) {
      return null;
    }
    for (int e = out.start(u); e < out.end(u); e++) {
      if (out.target(e) == v) {
        return e;
      }
    }
    return null;
  }

  @Override
  public boolean containsEdge(Integer e) {
    return e != null && e >= 0 && e < source.length;
  }

  @Override
  public boolean containsVertex(Integer v) {
    return isVertex(v);
  }

  @Override
  public Set<Integer> edgeSet() {
    return new IntRange(0, source.length, null);
  }

  @Override
  public Set<Integer> vertexSet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Integer> iterator() {
        return new Iterator<>() {
          private int next = members.nextSetBit(0);

          @Override
          public boolean hasNext() {
            return next >= 0;
          }

          @Override
          public Integer next() {
            if (next < 0) {
              throw new NoSuchElementException();
            }
            int v = next;
            next = members.nextSetBit(v + 1);
            return v;
          }
        };
      }

      @Override
      public int size() {
        return memberCount;
      }

      @Override
      public boolean contains(Object o) {
        return isVertex(o);
      }
    };
  }

  @Override
  public int degreeOf(Integer v) {
    return inDegreeOf(v) + outDegreeOf(v);
  }

  @Override
  public Set<Integer> edgesOf(Integer v) {
    Set<Integer> edges = new LinkedHashSet<>(outgoingEdgesOf(v));
    edges.addAll(incomingEdgesOf(v));
    return java.util.Collections.unmodifiableSet(edges);
  }

  @Override
  public int inDegreeOf(Integer v) {
    int i = vertex(v);
    return inOffsets[i + 1] - inOffsets[i];
  }

  @Override
  public Set<Integer> incomingEdgesOf(Integer v) {
    int i = vertex(v);
    return new IntRange(inOffsets[i], inOffsets[i + 1], inSlots);
  }

  @Override
  public int outDegreeOf(Integer v) {
    return out.degree(vertex(v));
  }

  @Override
  public Set<Integer> outgoingEdgesOf(Integer v) {
    int i = vertex(v);
    return new IntRange(out.start(i), out.end(i), null);
  }

  @Override
  public Integer getEdgeSource(Integer e) {
    return source[edge(e)];
  }

  @Override
  public Integer getEdgeTarget(Integer e) {
    return out.target(edge(e));
  }

  /** The relation name of edge {@code e} (e.g. "contains"). */
  String relation(int e) {
    return graph.relationName(out.relation(e));
  }

  @Override
  public GraphType getType() {
    return TYPE;
  }

  @Override
  public double getEdgeWeight(Integer e) {
    edge(e);
    return 1.0;
  }

  // ---------------------------------------------------------------- unsupported mutation

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "this JGraphT view of a ResourceGraph is read-only; build a new graph with"
            + " ResourceGraphs.fromJGraphT or GraphBuilder");
  }

  @Override
  public Supplier<Integer> getVertexSupplier() {
    return null;
  }

  @Override
  public Supplier<Integer> getEdgeSupplier() {
    return null;
  }

  @Override
  public Integer addEdge(Integer u, Integer v) {
    throw readOnly();
  }

  @Override
  public boolean addEdge(Integer u, Integer v, Integer e) {
    throw readOnly();
  }

  @Override
  public Integer addVertex() {
    throw readOnly();
  }

  @Override
  public boolean addVertex(Integer v) {
    throw readOnly();
  }

  @Override
  public Integer removeEdge(Integer u, Integer v) {
    throw readOnly();
  }

  @Override
  public boolean removeEdge(Integer e) {
    throw readOnly();
  }

  @Override
  public boolean removeVertex(Integer v) {
    throw readOnly();
  }

  @Override
  public boolean removeAllEdges(Collection<? extends Integer> edges) {
    throw readOnly();
  }

  @Override
  public Set<Integer> removeAllEdges(Integer u, Integer v) {
    throw readOnly();
  }

  @Override
  public boolean removeAllVertices(Collection<? extends Integer> vertices) {
    throw readOnly();
  }

  @Override
  public void setEdgeWeight(Integer e, double weight) {
    throw readOnly();
  }

  /** The ints {@code lo <= i < hi}, or {@code map[i]} for them, as an unmodifiable set. */
  private static final class IntRange extends AbstractSet<Integer> {
    private final int lo;
    private final int hi;
    private final int[] map;

    IntRange(int lo, int hi, int[] map) {
      this.lo = lo;
      this.hi = hi;
      this.map = map;
    }

    @Override
    public Iterator<Integer> iterator() {
      return new Iterator<>() {
        private int i = lo;

        @Override
        public boolean hasNext() {
          return i < hi;
        }

        @Override
        public Integer next() {
          if (i >= hi) {
            throw new NoSuchElementException();
          }
          int k = i++;
          return map == null ? k : map[k];
        }
      };
    }

    @Override
    public int size() {
      return hi - lo;
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Integer)) {
        return false;
      }
      int x = (Integer) o;
      if (map == null) {
        return x >= lo && x < hi;
      }
      for (int k = lo; k < hi; k++) {
        if (map[k] == x) {
          return true;
        }
      }
      return false;
    }
  }
}
