package org.flux4j.policy.match;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.flux4j.graph.ResourceGraph;

/**
 * The resources of one match (or of a find), in Fluxion's emission order: what a match writer
 * prints.
 *
 * <p>Each entry is a vertex of {@link #graph()} with the number of units taken from it and whether
 * it is held exclusively; entries are in the order Fluxion's traverser emits them (post-order:
 * children before their parent, siblings in the order the policy selected them). Edges are the
 * (source, target, subsystem) triples the traverser emitted, in order. Immutable once built; safe
 * to share between threads.
 */
public final class ResourceSet {
  private final ResourceGraph graph;
  private final int[] vertices;
  private final long[] counts;
  private final boolean[] exclusive;
  private final int[] shifts; // null when every entry's level shift is 0
  private final int[] edges; // triples: source, target, subsystem
  private final int[] unemitted; // held exclusively by the walk, yet not emitted
  private final Map<Integer, Map<String, String>> ephemeral;
  private final Map<Integer, Map<String, String>> agfilter;
  private final boolean fromFind;
  private final Map<String, String> attributes;
  private final long startTime;
  private final long duration;
  private final int dominant;

  private ResourceSet(Builder b) {
    this.graph = b.graph;
    this.vertices = Arrays.copyOf(b.vertices, b.n);
    this.counts = Arrays.copyOf(b.counts, b.n);
    this.exclusive = Arrays.copyOf(b.exclusive, b.n);
    this.shifts = b.shifts == null ? null : Arrays.copyOf(b.shifts, b.n);
    this.edges = Arrays.copyOf(b.edges, b.e * 3);
    this.unemitted = Arrays.copyOf(b.unemitted, b.u);
    this.ephemeral = Collections.unmodifiableMap(new java.util.HashMap<>(b.ephemeral));
    this.agfilter = Collections.unmodifiableMap(new java.util.HashMap<>(b.agfilter));
    this.fromFind = b.fromFind;
    this.attributes = Collections.unmodifiableMap(new java.util.TreeMap<>(b.attributes));
    this.startTime = b.startTime;
    this.duration = b.duration;
    this.dominant = b.dominant;
  }

  /**
   * The index of the subsystem the set was matched in (0, containment, unless the matcher's
   * dominant subsystem is another): the writers' levels are the vertices' depths there.
   */
  public int dominantSubsystem() {
    return dominant;
  }

  /** Starts a set over {@code graph}. */
  public static Builder builder(ResourceGraph graph) {
    return new Builder(graph);
  }

  /** The graph whose vertices the entries are. */
  public ResourceGraph graph() {
    return graph;
  }

  /** How many vertices are in the set. */
  public int size() {
    return vertices.length;
  }

  /** Whether nothing was selected. */
  public boolean isEmpty() {
    return vertices.length == 0;
  }

  /** The vertex of entry {@code i}. */
  public int vertex(int i) {
    return vertices[i];
  }

  /** The units taken from the vertex of entry {@code i} (1 for ordinary resources). */
  public long count(int i) {
    return counts[i];
  }

  /** Whether the vertex of entry {@code i} is held exclusively. */
  public boolean exclusive(int i) {
    return exclusive[i];
  }

  /**
   * The levels the traverser's indent stood above the depth of entry {@code i} when it emitted the
   * entry (0 but after a quirk): Fluxion's traverser keeps its level counter for its whole life,
   * and an update pass that fails to add a vertex's spans returns from that vertex without
   * decrementing it, so everything emitted later is indented one level deeper per such failure. The
   * simple writers add it to the vertex's depth.
   */
  public int levelShift(int i) {
    return shifts == null ? 0 : shifts[i];
  }

  /** How many edges were emitted. */
  public int edgeCount() {
    return edges.length / 3;
  }

  /** The source vertex of edge {@code k}. */
  public int edgeSource(int k) {
    return edges[3 * k];
  }

  /** The target vertex of edge {@code k}. */
  public int edgeTarget(int k) {
    return edges[3 * k + 1];
  }

  /** The subsystem index of edge {@code k}. */
  public int edgeSubsystem(int k) {
    return edges[3 * k + 2];
  }

  /** How many vertices the match held exclusively without emitting them (see below). */
  public int unemittedExclusiveCount() {
    return unemitted.length;
  }

  /**
   * The {@code k}-th vertex the match's walk held exclusively but did not emit: Fluxion's update
   * skips the emit of a vertex whose span or aggregate span it could not add, yet its children,
   * emitted, still lie under an exclusive parent for the shorthand writers.
   */
  public int unemittedExclusive(int k) {
    return unemitted[k];
  }

  /**
   * Ephemeral key-value data of entry {@code i} (e.g. the jobspec label as "label", or "agfilter"
   * output of find); empty if none.
   */
  public Map<String, String> ephemeral(int i) {
    Map<String, String> m = ephemeral.get(i);
    return m == null ? Map.of() : m;
  }

  /**
   * The aggregate-filter data of entry {@code i} that {@code find ... agfilter=t} reports (resource
   * type to "used:U, total:T"), written by the JGF writers as "agfilter"; empty if none.
   */
  public Map<String, String> agfilter(int i) {
    Map<String, String> m = agfilter.get(i);
    return m == null ? Map.of() : m;
  }

  /**
   * Whether the set is the output of a find rather than of a match. Fluxion's find emits no vertex
   * as lying under an exclusively held parent, so the shorthand writers omit nothing from it.
   */
  public boolean fromFind() {
    return fromFind;
  }

  /**
   * Scheduler attributes of the allocation, sorted by key (Fluxion emits the job's queue as
   * "queue"); the rv1 writers print them under {@code attributes.system.scheduler}. Empty if none.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The time at which the resources are scheduled (0 = now). */
  public long startTime() {
    return startTime;
  }

  /** The duration of the allocation in seconds (expiration = start + duration). */
  public long duration() {
    return duration;
  }

  /** Builds a {@link ResourceSet} entry by entry. Not thread-safe. */
  public static final class Builder {
    private final ResourceGraph graph;
    private int[] vertices = new int[16];
    private long[] counts = new long[16];
    private boolean[] exclusive = new boolean[16];
    private int[] shifts;
    private int shift;
    private int n;
    private int[] edges = new int[48];
    private int e;
    private int[] unemitted = new int[0];
    private int u;
    private final Map<Integer, Map<String, String>> ephemeral = new java.util.HashMap<>();
    private final Map<Integer, Map<String, String>> agfilter = new java.util.HashMap<>();
    private boolean fromFind;
    private final Map<String, String> attributes = new java.util.TreeMap<>();
    private long startTime;
    private long duration;
    private int dominant;

    private Builder(ResourceGraph graph) {
      this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** Appends a vertex with the units taken from it and its exclusivity; returns its entry. */
    public int add(int vertex, long count, boolean isExclusive) {
      if (n == vertices.length) {
        vertices = Arrays.copyOf(vertices, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
        exclusive = Arrays.copyOf(exclusive, n * 2);
      }
      vertices[n] = vertex;
      counts[n] = count;
      exclusive[n] = isExclusive;
      if (shift != 0 || shifts != null) {
        if (shifts == null || shifts.length < vertices.length) {
          shifts =
              shifts == null ? new int[vertices.length] : Arrays.copyOf(shifts, vertices.length);
        }
        shifts[n] = shift;
      }
      return n++;
    }

    /**
     * Sets the level shift of the entries added from now on (see {@link
     * ResourceSet#levelShift(int)}); 0 at first.
     */
    public Builder levelShift(int levels) {
      if (levels < 0) {
        throw new IllegalArgumentException("level shift must not be negative: " + levels);
      }
      this.shift = levels;
      return this;
    }

    /** Appends an emitted edge. */
    public Builder edge(int source, int target, int subsystem) {
      if (3 * e + 3 > edges.length) {
        edges = Arrays.copyOf(edges, edges.length * 2);
      }
      edges[3 * e] = source;
      edges[3 * e + 1] = target;
      edges[3 * e + 2] = subsystem;
      e++;
      return this;
    }

    /**
     * Records a vertex the walk held exclusively but did not emit (see {@link
     * ResourceSet#unemittedExclusive}).
     */
    public Builder unemittedExclusive(int vertex) {
      if (u == unemitted.length) {
        unemitted = Arrays.copyOf(unemitted, Math.max(4, u * 2));
      }
      unemitted[u++] = vertex;
      return this;
    }

    /** Attaches ephemeral data to entry {@code i}. */
    public Builder ephemeral(int i, String key, String value) {
      ephemeral.computeIfAbsent(i, k -> new java.util.LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** Attaches find's aggregate-filter data (type to "used:U, total:T") to entry {@code i}. */
    public Builder agfilter(int i, String type, String usage) {
      agfilter.computeIfAbsent(i, k -> new java.util.LinkedHashMap<>()).put(type, usage);
      return this;
    }

    /** Marks the set as the output of a find (see {@link ResourceSet#fromFind()}). */
    public Builder fromFind() {
      this.fromFind = true;
      return this;
    }

    /** Sets a scheduler attribute (e.g. "queue" to the job's queue name). */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the scheduled start time and duration. */
    public Builder schedule(long start, long durationSeconds) {
      this.startTime = start;
      this.duration = durationSeconds;
      return this;
    }

    /** Sets the subsystem the set was matched in (see {@link ResourceSet#dominantSubsystem()}). */
    public Builder dominantSubsystem(int subsystem) {
      this.dominant = subsystem;
      return this;
    }

    /** The immutable set. */
    public ResourceSet build() {
      return new ResourceSet(this);
    }
  }
}
