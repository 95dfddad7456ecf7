package org.flux4j.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;
import org.flux4j.graph.internal.GrowableInts;
import org.flux4j.graph.internal.GrowableLongs;
import org.flux4j.graph.internal.Interner;

/**
 * A resource graph after Fluxion's (flux-sched {@code resource/schema}): vertices are ints, edges
 * belong to subsystems.
 *
 * <h2>Representation</h2>
 *
 * <p>Each vertex attribute is a primitive column indexed by the vertex: type, basename, name and
 * unit are interned ints; id, uniq_id and size are longs; rank is an int. A name of -1 means the
 * default {@code basename + id}, computed when asked for, so that loading a million cores does not
 * build a million strings. Properties are sparse sorted maps (Fluxion keeps a {@code std::map}).
 * Each subsystem keeps its edges as parallel int columns (source, target, relation), in insertion
 * order, and a {@link Adjacency} (CSR) built from them on first use; every vertex has at most one
 * path parent per subsystem, and its path there is the parent's path, a slash and its name, unless
 * a reader gave an explicit path that differs.
 *
 * <h2>Mutability and threading</h2>
 *
 * <p>Topology changes only through a {@link GraphBuilder} (while a graph is first built) and
 * through {@link #attach} and {@link #remove} (Fluxion's grow and shrink). Status and properties
 * are mutable, as in Fluxion. The graph is not thread-safe: one scheduling loop owns it; readers on
 * other threads need external synchronisation. Removed vertices keep their int index (indices are
 * never reused) and are skipped by iteration and counts.
 *
 * <p>{@link #copy()} is copy-on-write: a copy shares the columns (topology, status bits,
 * properties) with its original, both are marked shared, and the first change to a part on either
 * side replaces that side's reference with a private deep copy ({@code ownTopology}, {@code
 * ownStatus}, {@code ownProperties}); every writer calls the matching one first. Derived indexes
 * (adjacency, path and uniq_id maps) are immutable once built and are shared by reference; each
 * graph keeps its own cache lists, and a topology change drops them.
 */
public final class ResourceGraph {
  /** The sentinel for "no vertex" in int-id APIs. */
  public static final int NONE = -1;

  static final int NOT_MEMBER = -2;
  static final int PATH_ROOT = -1;

  // topology: shared with copies until either side changes it (see ownTopology)
  Interner strings;
  GrowableInts type;
  GrowableInts basename;
  GrowableInts name;
  GrowableLongs id;
  GrowableLongs uniqId;
  GrowableInts rank;
  GrowableLongs size;
  GrowableInts unit;
  // the strings declared as vertex types, in the order of their first declaration (typeRank)
  GrowableInts typeOrder;
  BitSet isType;
  BitSet removed;
  Interner subsystems;
  List<EdgeColumns> edges;
  List<GrowableInts> pathParents;
  List<IntObjectHashMap<String>> pathOverrides;
  List<IntObjectHashMap<List<String>>> formerPaths;

  // status and properties: each shared with copies until either side changes it
  private BitSet down;
  private IntObjectHashMap<TreeMap<String, String>> properties;

  /** Whether the topology columns above may be shared with a copy (copy before writing). */
  private boolean topologyShared;

  private boolean statusShared;
  private boolean propertiesShared;
  private int removedCount;
  private long modifications;

  private List<String> subsystemNames;
  private List<Adjacency> outCache;
  private List<Adjacency> inCache;
  private LongIntHashMap byUniqId;
  private List<ObjectIntHashMap<String>> byPath;

  /** Edges of one subsystem, in insertion order. */
  static final class EdgeColumns {
    final GrowableInts src;
    final GrowableInts dst;
    final GrowableInts rel;
    int live;

    EdgeColumns(int capacity) {
      src = new GrowableInts(capacity);
      dst = new GrowableInts(capacity);
      rel = new GrowableInts(capacity);
    }

    EdgeColumns copy() {
      EdgeColumns c = new EdgeColumns(0);
      copyInto(c);
      return c;
    }

    private void copyInto(EdgeColumns c) {
      for (int i = 0; i < src.size(); i++) {
        c.src.add(src.get(i));
        c.dst.add(dst.get(i));
        c.rel.add(rel.get(i));
      }
      c.live = live;
    }
  }

  ResourceGraph(int capacity) {
    strings = new Interner();
    type = new GrowableInts(capacity);
    basename = new GrowableInts(capacity);
    name = new GrowableInts(capacity);
    id = new GrowableLongs(capacity);
    uniqId = new GrowableLongs(capacity);
    rank = new GrowableInts(capacity);
    size = new GrowableLongs(capacity);
    unit = new GrowableInts(capacity);
    typeOrder = new GrowableInts(8);
    isType = new BitSet();
    down = new BitSet();
    removed = new BitSet();
    properties = new IntObjectHashMap<>();
    subsystems = new Interner();
    edges = new ArrayList<>();
    pathParents = new ArrayList<>();
    pathOverrides = new ArrayList<>();
    formerPaths = new ArrayList<>();
    strings.intern(""); // id 0 is the empty string (no unit)
    subsystem(Subsystems.CONTAINMENT);
  }

  /**
   * A copy of {@code g} that shares every column with it; both are marked so that the first change
   * to a part on either side copies that part first (copy-on-write).
   */
  private ResourceGraph(ResourceGraph g) {
    strings = g.strings;
    type = g.type;
    basename = g.basename;
    name = g.name;
    id = g.id;
    uniqId = g.uniqId;
    rank = g.rank;
    size = g.size;
    unit = g.unit;
    typeOrder = g.typeOrder;
    isType = g.isType;
    removed = g.removed;
    subsystems = g.subsystems;
    edges = g.edges;
    pathParents = g.pathParents;
    pathOverrides = g.pathOverrides;
    formerPaths = g.formerPaths;
    down = g.down;
    properties = g.properties;
    removedCount = g.removedCount;
    // derived indexes are immutable once built: share them, each side keeps its own lists
    outCache = g.outCache == null ? null : new ArrayList<>(g.outCache);
    inCache = g.inCache == null ? null : new ArrayList<>(g.inCache);
    byUniqId = g.byUniqId;
    byPath = g.byPath == null ? null : new ArrayList<>(g.byPath);
    topologyShared = true;
    statusShared = true;
    propertiesShared = true;
    g.topologyShared = true;
    g.statusShared = true;
    g.propertiesShared = true;
  }

  /**
   * Makes the topology columns this graph's own before a change: a deep copy if shared. O(V + E).
   */
  private void ownTopology() {
    if (!topologyShared) {
      return;
    }
    strings = strings.copy();
    type = type.copy();
    basename = basename.copy();
    name = name.copy();
    id = id.copy();
    uniqId = uniqId.copy();
    rank = rank.copy();
    size = size.copy();
    unit = unit.copy();
    typeOrder = typeOrder.copy();
    isType = (BitSet) isType.clone();
    removed = (BitSet) removed.clone();
    subsystems = subsystems.copy();
    List<EdgeColumns> e = new ArrayList<>();
    for (EdgeColumns c : edges) {
      e.add(c.copy());
    }
    edges = e;
    List<GrowableInts> pp = new ArrayList<>();
    for (GrowableInts p : pathParents) {
      pp.add(p.copy());
    }
    pathParents = pp;
    List<IntObjectHashMap<String>> po = new ArrayList<>();
    for (IntObjectHashMap<String> o : pathOverrides) {
      po.add(new IntObjectHashMap<>(o));
    }
    pathOverrides = po;
    List<IntObjectHashMap<List<String>>> fp = new ArrayList<>();
    for (IntObjectHashMap<List<String>> o : formerPaths) {
      IntObjectHashMap<List<String>> c = new IntObjectHashMap<>();
      o.forEachKeyValue((v, l) -> c.put(v, new ArrayList<>(l)));
      fp.add(c);
    }
    formerPaths = fp;
    // the shared indexes may be updated in place by the change: this side rebuilds its own
    invalidate();
    topologyShared = false;
  }

  /** Makes the status bits this graph's own before a change. O(V / 64) if shared. */
  private void ownStatus() {
    if (statusShared) {
      down = (BitSet) down.clone();
      statusShared = false;
    }
  }

  /** Makes the properties this graph's own before a change: a deep copy if shared. */
  private void ownProperties() {
    if (propertiesShared) {
      IntObjectHashMap<TreeMap<String, String>> c = new IntObjectHashMap<>();
      properties.forEachKeyValue((k, v) -> c.put(k, new TreeMap<>(v)));
      properties = c;
      propertiesShared = false;
    }
  }

  /** Interns a string of this graph (topology: types, names, units, relations). */
  int intern(String s) {
    ownTopology();
    return strings.intern(s);
  }

  /**
   * Interns {@code s} and declares it a vertex type now, if it is not one yet ({@link #typeRank}).
   */
  int internType(String s) {
    int t = intern(s);
    declareType(t);
    return t;
  }

  private void declareType(int t) {
    if (!isType.get(t)) {
      isType.set(t);
      typeOrder.add(t);
    }
  }

  /** Starts building a new graph. */
  public static GraphBuilder builder() {
    return new GraphBuilder(1024);
  }

  /** Starts building a new graph, reserving room for about {@code vertices} vertices. */
  public static GraphBuilder builder(int vertices) {
    return new GraphBuilder(vertices);
  }

  /**
   * An independent copy of this graph: topology, properties and status. O(number of subsystems):
   * the copy shares its columns with this graph, and whichever of the two first changes a part
   * (status, properties, or topology by {@link #attach} or {@link #remove}) copies that part for
   * itself first, in O(V) for status, O(properties) for properties and O(V + E) for topology.
   * Changes to either are never visible in the other. Indexes already built ({@link #out}, {@link
   * #in}, {@link #vertexByPath}, {@link #vertexByUniqId}) are shared while the topology is; each
   * side builds missing ones for itself. A shared part is never written, so a graph and its copies
   * may be used from different threads at once (each graph by one thread at a time).
   */
  public ResourceGraph copy() {
    return new ResourceGraph(this);
  }

  // ---------------------------------------------------------------- vertices

  /** How many live vertices the graph has. O(1). */
  public int vertexCount() {
    return type.size() - removedCount;
  }

  /**
   * One past the largest vertex index ever used; iterate {@code 0 <= v < vertexLimit()} and skip
   * vertices for which {@link #isLive} is false.
   */
  public int vertexLimit() {
    return type.size();
  }

  /** Whether {@code v} is a vertex of this graph that has not been removed. */
  public boolean isLive(int v) {
    return v >= 0 && v < type.size() && !removed.get(v);
  }

  /** The resource type of {@code v}, e.g. "core". */
  public String type(int v) {
    return strings.get(type.get(v));
  }

  /** The interned type of {@code v}; compare with {@link #typeId(String)}. */
  public int typeOf(int v) {
    return type.get(v);
  }

  /** The interned id of a type name, or -1 if no vertex ever had that type or string. */
  public int typeId(String typeName) {
    return strings.find(typeName);
  }

  /**
   * The place of {@code typeName} among this graph's vertex types in the order they were first
   * declared (0 for the first), or -1 if it is not one. A type is declared by the first vertex of
   * it, or earlier by a reader that learns its types before it builds vertices (a GRUG recipe, in
   * the order of its nodes): the order in which Fluxion's readers intern them, whereas {@link
   * #typeId} numbers every string of the graph (basenames and relations too) in one sequence.
   * O(types).
   */
  public int typeRank(String typeName) {
    int t = strings.find(typeName);
    if (t < 0 || !isType.get(t)) {
      return -1;
    }
    for (int i = 0; i < typeOrder.size(); i++) {
      if (typeOrder.get(i) == t) {
        return i;
      }
    }
    throw new IllegalStateException("type " + typeName + " declared but not ordered");
  }

  /** How many vertex types this graph has declared ({@link #typeRank}). */
  public int typeCount() {
    return typeOrder.size();
  }

  /** The type declared at place {@code rank} ({@link #typeRank}). */
  public String typeAt(int rank) {
    return strings.get(typeOrder.get(rank));
  }

  /** The string behind an interned id (type, basename, name, unit or relation). */
  public String string(int internedId) {
    return strings.get(internedId);
  }

  /** The basename of {@code v}, e.g. "core". */
  public String basename(int v) {
    return strings.get(basename.get(v));
  }

  /** The name of {@code v}: the reader's explicit name, or basename followed by id. */
  public String name(int v) {
    int n = name.get(v);
    return n >= 0 ? strings.get(n) : defaultName(v);
  }

  /** Whether {@code v}'s name differs from the default basename followed by id. */
  public boolean hasExplicitName(int v) {
    int n = name.get(v);
    return n >= 0 && !strings.get(n).equals(defaultName(v));
  }

  private String defaultName(int v) {
    return basename(v) + id.get(v);
  }

  /** The logical id of {@code v} among its type (Fluxion's {@code id}), -1 if none. */
  public long id(int v) {
    return id.get(v);
  }

  /** The unique id of {@code v} (Fluxion's {@code uniq_id}); also its id in JGF output. */
  public long uniqId(int v) {
    return uniqId.get(v);
  }

  /** The execution target rank of {@code v}, -1 if none. */
  public int rank(int v) {
    return rank.get(v);
  }

  /** How many units {@code v} holds (1 for ordinary resources, e.g. 16 for a 16 GB pool). */
  public long size(int v) {
    return size.get(v);
  }

  /** The unit of {@code v}'s size, e.g. "GB"; empty if none. */
  public String unit(int v) {
    return strings.get(unit.get(v));
  }

  /** The status of {@code v}. */
  public Status status(int v) {
    return down.get(v) ? Status.DOWN : Status.UP;
  }

  /** Sets the status of {@code v} (the vertex alone, not its subtree). */
  public void setStatus(int v, Status status) {
    checkLive(v);
    ownStatus();
    down.set(v, status == Status.DOWN);
    modifications++;
  }

  /** The properties of {@code v}, sorted by key; an empty map if none. Unmodifiable. */
  public SortedMap<String, String> properties(int v) {
    TreeMap<String, String> p = properties.get(v);
    return p == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(p);
  }

  /** Sets (replaces) one property of {@code v}. */
  public void setProperty(int v, String key, String value) {
    checkLive(v);
    ownProperties();
    properties.getIfAbsentPut(v, TreeMap::new).put(key, value);
    modifications++;
  }

  /** Removes one property of {@code v}; returns whether it was there. */
  public boolean removeProperty(int v, String key) {
    TreeMap<String, String> p = properties.get(v);
    if (p == null || !p.containsKey(key)) {
      return false;
    }
    ownProperties();
    p = properties.get(v);
    p.remove(key);
    if (p.isEmpty()) {
      properties.remove(v);
    }
    modifications++;
    return true;
  }

  /**
   * A count of the changes made to this graph since it was built or copied: status, properties,
   * removed and attached vertices. A reader that caches what it derived from the graph compares it
   * to know whether the graph changed in between.
   */
  public long modificationCount() {
    return modifications;
  }

  /** The live vertex with this uniq_id, or {@link #NONE}. O(1) after a first O(V) index. */
  public int vertexByUniqId(long uid) {
    if (byUniqId == null) {
      LongIntHashMap m = new LongIntHashMap(vertexLimit());
      for (int v = 0; v < vertexLimit(); v++) {
        if (!removed.get(v)) {
          m.put(uniqId.get(v), v);
        }
      }
      byUniqId = m;
    }
    return byUniqId.getIfAbsent(uid, NONE);
  }

  // ---------------------------------------------------------------- subsystems and paths

  /**
   * The names of the subsystems, containment first, in order of first use. Unmodifiable; O(1)
   * (cached until a subsystem is added).
   */
  public List<String> subsystems() {
    List<String> cached = subsystemNames;
    if (cached == null || cached.size() != subsystems.size()) {
      List<String> out = new ArrayList<>(subsystems.size());
      for (int i = 0; i < subsystems.size(); i++) {
        out.add(subsystems.get(i));
      }
      cached = Collections.unmodifiableList(out);
      subsystemNames = cached;
    }
    return cached;
  }

  /** The index of a subsystem, or -1 if the graph has none of that name. Containment is 0. */
  public int subsystemId(String subsystemName) {
    return subsystems.find(subsystemName);
  }

  final int subsystem(String subsystemName) {
    int s = subsystems.find(subsystemName);
    if (s < 0) {
      ownTopology();
      s = subsystems.intern(subsystemName);
      edges.add(new EdgeColumns(type.size()));
      GrowableInts pp = new GrowableInts(type.size());
      pp.fillTo(type.size(), NOT_MEMBER);
      pathParents.add(pp);
      pathOverrides.add(new IntObjectHashMap<>());
      formerPaths.add(new IntObjectHashMap<>());
    }
    return s;
  }

  /** Whether {@code v} is a member of subsystem {@code s} (has a path there). */
  public boolean isMember(int v, int s) {
    return pathParents.get(s).get(v) != NOT_MEMBER;
  }

  /**
   * The parent of {@code v} on its path in subsystem {@code s}: {@link #NONE} for a root or a
   * vertex that is not a member (see {@link #isMember}).
   */
  public int pathParent(int v, int s) {
    int p = pathParents.get(s).get(v);
    return p < 0 ? NONE : p;
  }

  /** The containment parent of {@code v}, or {@link #NONE} for the root. */
  public int parent(int v) {
    return pathParent(v, 0);
  }

  /**
   * The path of {@code v} in subsystem {@code s} (e.g. "/tiny0/rack0/node1"), or empty if {@code v}
   * is not a member. O(depth).
   */
  public String path(int v, int s) {
    if (!isMember(v, s)) {
      return "";
    }
    StringBuilder sb = new StringBuilder(64);
    appendPath(sb, v, s);
    return sb.toString();
  }

  /** The containment path of {@code v}. */
  public String path(int v) {
    return path(v, 0);
  }

  private void appendPath(StringBuilder sb, int v, int s) {
    String override = pathOverrides.get(s).get(v);
    if (override != null) {
      sb.append(override);
      return;
    }
    int p = pathParents.get(s).get(v);
    if (p >= 0) {
      appendPath(sb, p, s);
    }
    sb.append('/').append(name(v));
  }

  /**
   * The paths {@code v} had in subsystem {@code s} before a GRUG associate edge re-pathed it,
   * oldest first; Fluxion keeps them in its path index, so {@link #vertexByPath} still finds {@code
   * v} by them. Usually empty.
   */
  public List<String> formerPaths(int v, int s) {
    List<String> l = formerPaths.get(s).get(v);
    return l == null ? List.of() : Collections.unmodifiableList(l);
  }

  /**
   * The live vertex at {@code path} in subsystem {@code s} (a current path, or else a former one),
   * if any. O(1) after an O(V) index.
   */
  public OptionalInt vertexByPath(int s, String path) {
    if (byPath == null) {
      byPath = new ArrayList<>();
    }
    while (byPath.size() <= s) {
      byPath.add(null);
    }
    ObjectIntHashMap<String> m = byPath.get(s);
    if (m == null) {
      m = new ObjectIntHashMap<>();
      for (int v = 0; v < vertexLimit(); v++) {
        if (!removed.get(v) && isMember(v, s)) {
          m.put(path(v, s), v);
        }
      }
      ObjectIntHashMap<String> current = m;
      formerPaths
          .get(s)
          .forEachKeyValue(
              (v, l) -> {
                if (!removed.get(v)) {
                  for (String p : l) {
                    if (!current.containsKey(p)) {
                      current.put(p, v);
                    }
                  }
                }
              });
      byPath.set(s, m);
    }
    int v = m.getIfAbsent(path, NONE);
    return v == NONE ? OptionalInt.empty() : OptionalInt.of(v);
  }

  /** The live vertex at a containment path, if any. */
  public OptionalInt vertexByPath(String path) {
    return vertexByPath(0, path);
  }

  // ---------------------------------------------------------------- edges

  /** The number of live edges over all subsystems. */
  public int edgeCount() {
    int n = 0;
    for (EdgeColumns e : edges) {
      n += e.live;
    }
    return n;
  }

  /** The number of live edges of subsystem {@code s}. */
  public int edgeCount(int s) {
    return edges.get(s).live;
  }

  /** The name behind an interned edge relation. */
  public String relationName(int relation) {
    return strings.get(relation);
  }

  /** The out-edges of subsystem {@code s} in CSR form; built on first use after a change. */
  public Adjacency out(int s) {
    if (outCache == null) {
      outCache = new ArrayList<>();
    }
    while (outCache.size() <= s) {
      outCache.add(null);
    }
    Adjacency a = outCache.get(s);
    if (a == null) {
      a = buildAdjacency(edges.get(s), false);
      outCache.set(s, a);
    }
    return a;
  }

  /** The in-edges of subsystem {@code s} in CSR form (targets are the tails). */
  public Adjacency in(int s) {
    if (inCache == null) {
      inCache = new ArrayList<>();
    }
    while (inCache.size() <= s) {
      inCache.add(null);
    }
    Adjacency a = inCache.get(s);
    if (a == null) {
      a = buildAdjacency(edges.get(s), true);
      inCache.set(s, a);
    }
    return a;
  }

  private Adjacency buildAdjacency(EdgeColumns e, boolean reverse) {
    int n = vertexLimit();
    int[] offsets = new int[n + 1];
    GrowableInts from = reverse ? e.dst : e.src;
    GrowableInts to = reverse ? e.src : e.dst;
    int m = from.size();
    for (int i = 0; i < m; i++) {
      if (live(from.get(i)) && live(to.get(i))) {
        offsets[from.get(i) + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
    }
    int[] fill = offsets.clone();
    int[] targets = new int[offsets[n]];
    int[] relations = new int[offsets[n]];
    for (int i = 0; i < m; i++) {
      int f = from.get(i);
      int t = to.get(i);
      if (live(f) && live(t)) {
        int slot = fill[f]++;
        targets[slot] = t;
        relations[slot] = e.rel.get(i);
      }
    }
    return new Adjacency(offsets, targets, relations);
  }

  private boolean live(int v) {
    return !removed.get(v);
  }

  /** Visits every live edge of subsystem {@code s} in insertion order. */
  public void forEachEdge(int s, EdgeVisitor visitor) {
    EdgeColumns e = edges.get(s);
    for (int i = 0; i < e.src.size(); i++) {
      int a = e.src.get(i);
      int b = e.dst.get(i);
      if (live(a) && live(b)) {
        visitor.edge(a, b, e.rel.get(i));
      }
    }
  }

  /** Receives edges from {@link #forEachEdge}. */
  @FunctionalInterface
  public interface EdgeVisitor {
    /** One edge from {@code source} to {@code target} with an interned relation. */
    void edge(int source, int target, int relation);
  }

  // ---------------------------------------------------------------- roots and counts

  /** The containment roots (live vertices that are members without a containment parent). */
  public int[] roots() {
    GrowableInts r = new GrowableInts(1);
    for (int v = 0; v < vertexLimit(); v++) {
      if (!removed.get(v) && pathParents.get(0).get(v) == PATH_ROOT) {
        r.add(v);
      }
    }
    r.trim();
    return r.array();
  }

  /** The number of live vertices per type, in order of first appearance of each type. */
  public Map<String, Integer> countByType() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (int v = 0; v < vertexLimit(); v++) {
      if (!removed.get(v)) {
        counts.merge(type(v), 1, Integer::sum);
      }
    }
    return counts;
  }

  // ---------------------------------------------------------------- mutation

  /**
   * Removes {@code v} and its whole containment subtree (Fluxion's shrink), with every edge that
   * touches a removed vertex. Indices of removed vertices are not reused. Returns the number of
   * vertices removed. O(V + E) for the index rebuild.
   */
  public int remove(int v) {
    checkLive(v);
    Adjacency out = out(0);
    int[] stack = new int[16];
    int sp = 0;
    stack[sp++] = v;
    int count = 0;
    BitSet doomed = new BitSet();
    while (sp > 0) {
      int u = stack[--sp];
      if (doomed.get(u) || removed.get(u)) {
        continue;
      }
      doomed.set(u);
      count++;
      for (int i = out.start(u); i < out.end(u); i++) {
        if (sp == stack.length) {
          stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = out.target(i);
      }
    }
    drop(doomed, count);
    return count;
  }

  /**
   * Removes exactly {@code vertices}, with every edge that touches one of them, as Fluxion's
   * removal by ranks clears only the vertices of the ranks: their containment descendants that are
   * not listed stay in the graph, found by path ({@link #vertexByPath}) and reaching their own
   * subtrees, but unreachable from the root; {@link #parent} of such a vertex is then a removed
   * vertex. Vertices listed twice or already removed are skipped. Returns the number of vertices
   * removed. O(V + E) for the index rebuild.
   *
   * @throws IllegalArgumentException if a vertex index is out of range; nothing is changed
   */
  public int removeExactly(int[] vertices) {
    BitSet doomed = new BitSet();
    for (int v : vertices) {
      if (v < 0 || v >= vertexLimit()) {
        throw new IllegalArgumentException("no vertex " + v + " in this graph");
      }
      if (!removed.get(v)) {
        doomed.set(v);
      }
    }
    int count = doomed.cardinality();
    if (count > 0) {
      drop(doomed, count);
    }
    return count;
  }

  /** Marks {@code doomed} (count vertices, none removed yet) removed and recounts live edges. */
  private void drop(BitSet doomed, int count) {
    ownTopology();
    removed.or(doomed);
    removedCount += count;
    modifications++;
    for (EdgeColumns e : edges) {
      int live = 0;
      for (int i = 0; i < e.src.size(); i++) {
        if (live(e.src.get(i)) && live(e.dst.get(i))) {
          live++;
        }
      }
      e.live = live;
    }
    invalidate();
  }

  /**
   * Grows this graph by a copy of {@code sub} (Fluxion's attach of a JGF subgraph): every vertex of
   * {@code sub} whose containment path already exists here is matched to the existing vertex; the
   * others are added with their attributes, and the edges of {@code sub} between them are added.
   * Returns the indices (in this graph) of the vertices added, in {@code sub}'s order.
   *
   * @throws IllegalArgumentException if a new vertex's containment parent is neither in {@code sub}
   *     nor in this graph, or a new vertex's uniq_id is already used here; nothing is changed
   */
  public int[] attach(ResourceGraph sub) {
    int n = sub.vertexLimit();
    int[] map = new int[n];
    java.util.Arrays.fill(map, NONE);
    for (int v = 0; v < n; v++) {
      if (sub.isLive(v)) {
        map[v] = vertexByPath(sub.path(v)).orElse(NONE);
      }
    }
    for (int v = 0; v < n; v++) {
      if (sub.isLive(v) && map[v] == NONE) {
        if (vertexByUniqId(sub.uniqId(v)) != NONE) {
          throw new IllegalArgumentException(
              "attach: uniq_id " + sub.uniqId(v) + " of " + sub.path(v) + " is already used");
        }
        int p = sub.parent(v);
        if (p == NONE && sub.path(v).lastIndexOf('/') > 0) {
          String parentPath = sub.path(v).substring(0, sub.path(v).lastIndexOf('/'));
          if (vertexByPath(parentPath).isEmpty()) {
            throw new IllegalArgumentException(
                "attach: the parent " + parentPath + " of " + sub.path(v) + " is not in the graph");
          }
        }
      }
    }
    ownTopology();
    GrowableInts added = new GrowableInts(n);
    for (int v = 0; v < n; v++) {
      if (sub.isLive(v) && map[v] == NONE) {
        int nv =
            addVertexRaw(
                sub.type(v),
                sub.basename(v),
                sub.name.get(v) >= 0 ? sub.name(v) : null,
                sub.id(v),
                sub.uniqId(v),
                sub.rank(v),
                sub.size(v),
                sub.unit(v));
        map[v] = nv;
        added.add(nv);
        sub.properties(v).forEach((k, val) -> setProperty(nv, k, val));
        if (sub.status(v) == Status.DOWN) {
          ownStatus();
          down.set(nv);
        }
      }
    }
    for (int s = 0; s < sub.subsystems.size(); s++) {
      int ts = subsystem(sub.subsystems.get(s));
      for (int v = 0; v < n; v++) {
        if (sub.isLive(v) && sub.isMember(v, s) && !isMember(map[v], ts)) {
          int p = sub.pathParent(v, s);
          int mp = p == NONE ? NONE : map[p];
          if (mp == NONE && s == 0) {
            String path = sub.path(v);
            int cut = path.lastIndexOf('/');
            mp = cut > 0 ? vertexByPath(path.substring(0, cut)).orElse(NONE) : NONE;
          }
          setPathParentRaw(map[v], ts, mp);
        }
      }
      sub.forEachEdge(
          s,
          (a, b, rel) -> {
            if (!hasEdge(ts, map[a], map[b])) {
              addEdgeRaw(map[a], map[b], ts, sub.relationName(rel));
            }
          });
    }
    invalidate();
    modifications++;
    added.trim();
    return added.size() == 0 ? new int[0] : java.util.Arrays.copyOf(added.array(), added.size());
  }

  private boolean hasEdge(int s, int a, int b) {
    Adjacency out = out(s);
    for (int i = out.start(a); i < out.end(a); i++) {
      if (out.target(i) == b) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- raw construction (builder)

  int addVertexRaw(
      String t, String base, String explicitName, long vid, long uid, int r, long sz, String u) {
    ownTopology();
    return addVertexInterned(
        strings.intern(t),
        strings.intern(base),
        explicitName == null ? -1 : strings.intern(explicitName),
        vid,
        uid,
        r,
        sz,
        u == null || u.isEmpty() ? 0 : strings.intern(u));
  }

  int addVertexInterned(
      int t, int base, int explicitName, long vid, long uid, int r, long sz, int u) {
    ownTopology();
    declareType(t);
    int v = type.add(t);
    basename.add(base);
    name.add(explicitName);
    id.add(vid);
    uniqId.add(uid);
    rank.add(r);
    size.add(sz);
    unit.add(u);
    for (int s = 0, ns = pathParents.size(); s < ns; s++) {
      pathParents.get(s).add(NOT_MEMBER);
    }
    if (byUniqId != null) {
      byUniqId.put(uid, v);
    }
    outCache = null;
    inCache = null;
    byPath = null;
    return v;
  }

  void addEdgeRaw(int a, int b, int s, String relation) {
    ownTopology();
    addEdgeInterned(a, b, s, strings.intern(relation));
  }

  void addEdgeInterned(int a, int b, int s, int relation) {
    ownTopology();
    EdgeColumns e = edges.get(s);
    e.src.add(a);
    e.dst.add(b);
    e.rel.add(relation);
    e.live++;
    if (outCache != null && outCache.size() > s) {
      outCache.set(s, null);
    }
    if (inCache != null && inCache.size() > s) {
      inCache.set(s, null);
    }
  }

  void setPathParentRaw(int v, int s, int parent) {
    ownTopology();
    pathParents.get(s).set(v, parent < 0 ? PATH_ROOT : parent);
    byPath = null;
  }

  void addFormerPathRaw(int v, int s, String path) {
    ownTopology();
    formerPaths.get(s).getIfAbsentPut(v, ArrayList::new).add(path);
    byPath = null;
  }

  void setPathOverrideRaw(int v, int s, String path) {
    ownTopology();
    pathOverrides.get(s).put(v, path);
    byPath = null;
  }

  void invalidate() {
    outCache = null;
    inCache = null;
    byUniqId = null;
    byPath = null;
  }

  void trim() {
    ownTopology();
    for (EdgeColumns e : edges) {
      e.src.trim();
      e.dst.trim();
      e.rel.trim();
    }
    for (GrowableInts p : pathParents) {
      p.trim();
    }
    type.trim();
    basename.trim();
    name.trim();
    id.trim();
    uniqId.trim();
    rank.trim();
    size.trim();
    unit.trim();
  }

  private void checkLive(int v) {
    if (!isLive(v)) {
      throw new IllegalArgumentException("no live vertex " + v + " in this graph");
    }
  }
}
