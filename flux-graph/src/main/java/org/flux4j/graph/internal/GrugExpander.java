package org.flux4j.graph.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.GrugRecipe.GenMethod;
import org.flux4j.graph.internal.GrugRecipe.Kind;
import org.flux4j.graph.internal.GrugRecipe.Link;

/**
 * Expands a {@link GrugRecipe} into a {@link ResourceGraph} with the semantics of Fluxion's GRUG
 * reader ({@code resource_reader_grug.cpp}).
 *
 * <p>Implementation notes. The recipe's depth-first search (see {@link GrugRecipe#plan}) is
 * replayed event by event. A tree edge {@code src -> tgt} generates, for every instance of {@code
 * src} (in generation order, index j), {@code multi_scale} instances of {@code tgt} (index i), each
 * with a fresh vertex whose uniq_id is its creation index; the root kind of a subsystem gets one
 * vertex with id 0 the first time it is a source. Ids follow {@code id_scope} over a stack of the
 * multi_scales of the enclosing MULTIPLY edges; like Fluxion, every finished recipe vertex pops
 * that stack, so an ASSOCIATE edge (which pushes nothing) pops its parent's entry. Every {@code
 * node} vertex takes the next rank. A vertex's path in its kind's subsystem hangs below its source
 * instance if that instance has a path there, else it is a root path; the paths are derived lazily
 * by the graph, so no name or path string is built per vertex.
 *
 * <p>ASSOCIATE_IN and ASSOCIATE_BY_PATH_IN edges re-path existing vertices of the target's type in
 * the edge's subsystem (the old path is kept as a former path, which Fluxion's path index keeps
 * too) and add an edge, reusing (and moving to the new subsystem) an existing edge between the same
 * two vertices, as Fluxion does. Children of a re-pathed vertex keep the path they were created
 * with (Fluxion stores path strings), so they are pinned with explicit paths first. Edges are
 * buffered and added to the graph in creation order at the end. Not thread-safe.
 */
public final class GrugExpander {
  private final GrugRecipe recipe;
  private final String source;
  private final GraphBuilder b;
  private final ResourceGraph g;

  private final int[] kindSub;
  private final int[] kindType;
  private final int[] kindBasename;
  private final int[] kindUnit;
  private final int[] linkRelation;
  private final String[] kindSubName;
  private final boolean[] kindIsNode;
  private final int[] linkSub;
  private final GrowableInts[] gen;
  private final IntArrayList hier = new IntArrayList();
  private final Map<Integer, Integer> rootBySubsystem = new HashMap<>();
  private final Map<String, GrowableInts> byType = new HashMap<>();
  private int nodeRank = -1;

  private final GrowableInts esrc;
  private final GrowableInts edst;
  private final GrowableInts esub;
  private final GrowableInts elink;
  private final GrowableInts creatorEdge;
  private final LongIntHashMap assocEdges = new LongIntHashMap();

  private GrugExpander(GrugRecipe recipe, String source, GrugRecipe.Plan plan) {
    this.recipe = recipe;
    this.source = source;
    int capacity = (int) Math.min(plan.vertices, Integer.MAX_VALUE - 16L);
    this.b = GraphBuilder.forSource(source, capacity);
    this.g = b.peek();
    int nk = recipe.kindCount();
    kindSub = new int[nk];
    kindType = new int[nk];
    kindBasename = new int[nk];
    kindUnit = new int[nk];
    kindSubName = new String[nk];
    kindIsNode = new boolean[nk];
    gen = new GrowableInts[nk];
    boolean associates = false;
    int nl = recipe.linkCount();
    linkSub = new int[nl];
    linkRelation = new int[nl];
    for (int l = 0; l < nl; l++) {
      Link link = recipe.link(l);
      linkSub[l] = b.subsystem(link.eSubsystem);
      linkRelation[l] = b.intern(link.relation);
      if (link.method() != GenMethod.MULTIPLY) {
        associates = true;
        byType.putIfAbsent(recipe.kind(link.target).type, new GrowableInts(16));
      }
    }
    for (int k = 0; k < nk; k++) {
      Kind kind = recipe.kind(k);
      kindSub[k] = b.subsystem(kind.subsystem);
      kindType[k] = b.internType(kind.type);
      kindBasename[k] = b.intern(kind.basename);
      kindUnit[k] = b.intern(kind.unit);
      kindSubName[k] = kind.subsystem;
      kindIsNode[k] = "node".equals(kind.type);
    }
    int edgeCapacity = (int) Math.min(plan.edges, Integer.MAX_VALUE - 16L);
    esrc = new GrowableInts(edgeCapacity);
    edst = new GrowableInts(edgeCapacity);
    esub = new GrowableInts(edgeCapacity);
    elink = new GrowableInts(edgeCapacity);
    creatorEdge = associates ? new GrowableInts(capacity) : null;
  }

  /**
   * Validates, plans and expands a recipe.
   *
   * @param recipe the recipe
   * @param source the file name or label for error messages
   * @return the generated graph
   * @throws GraphParseException if the recipe is invalid or too large
   */
  public static ResourceGraph expand(GrugRecipe recipe, String source) {
    GrugRecipe.Plan plan = recipe.plan(source, GrugRecipe.vertexLimit(), GrugRecipe.MAX_EDGES);
    return new GrugExpander(recipe, source, plan).run(plan);
  }

  private ResourceGraph run(GrugRecipe.Plan plan) {
    for (int ev : plan.events) {
      if (ev >= 0) {
        treeEdge(ev);
      } else if (hier.size() > 0) {
        hier.removeAtIndex(hier.size() - 1);
      }
    }
    int m = esrc.size();
    int[] src = esrc.array();
    int[] dst = edst.array();
    int[] sub = esub.array();
    int[] lnk = elink.array();
    for (int e = 0; e < m; e++) {
      b.edge(src[e], dst[e], sub[e], linkRelation[lnk[e]]);
    }
    return b.build();
  }

  private void treeEdge(int l) {
    Link link = recipe.link(l);
    int s = link.source;
    int t = link.target;
    Kind srcKind = recipe.kind(s);
    if (srcKind.root != 0 && (gen[s] == null || gen[s].size() == 0)) {
      gen[s] = new GrowableInts(1);
      gen[s].add(emitRoot(s));
    }
    GrowableInts srcs = gen[s] == null ? new GrowableInts(0) : gen[s];
    GrowableInts made;
    switch (link.method()) {
      case MULTIPLY:
        made = multiply(l, link, srcs);
        hier.add(link.multiScale);
        break;
      case ASSOCIATE_IN:
        made = associate(l, link, srcs, false);
        break;
      case ASSOCIATE_BY_PATH_IN:
      default:
        made = associate(l, link, srcs, true);
        break;
    }
    gen[t] = made;
  }

  private int emitRoot(int k) {
    Kind kind = recipe.kind(k);
    Integer existing = rootBySubsystem.get(kindSub[k]);
    if (existing != null) {
      return existing;
    }
    int v = addVertex(k, 0);
    b.root(v, kindSubName[k]);
    rootBySubsystem.put(kindSub[k], v);
    noteType(kind.type, v);
    if (creatorEdge != null) {
      creatorEdge.add(-1);
    }
    return v;
  }

  private int addVertex(int k, int id) {
    Kind kind = recipe.kind(k);
    int rank = kindIsNode[k] ? ++nodeRank : -1;
    if (id == -1) {
      return b.addVertex(
          kind.type, kind.basename, kind.basename, -1, b.vertexCount(), rank, kind.size, kind.unit);
    }
    return b.addVertexInterned(kindType[k], kindBasename[k], id, rank, kind.size, kindUnit[k]);
  }

  private void noteType(String type, int v) {
    GrowableInts list = byType.get(type);
    if (list != null) {
      list.add(v);
    }
  }

  private GrowableInts multiply(int l, Link link, GrowableInts srcs) {
    int t = link.target;
    int k = link.multiScale;
    int n = srcs.size();
    // a kind that is never a source needs no instance list; without associate edges, edges go
    // straight into the graph (their order is the creation order either way)
    boolean keep = recipe.outDegree(t) > 0;
    boolean direct = creatorEdge == null;
    int relation = linkRelation[l];
    GrowableInts made =
        new GrowableInts(keep ? (int) Math.min((long) n * k, Integer.MAX_VALUE - 16L) : 0);
    int sub = kindSub[t];
    int es = linkSub[l];
    String type = recipe.kind(t).type;
    boolean tracked = byType.containsKey(type);
    int[] wrap = idWrap(link);
    for (int j = 0; j < n; j++) {
      int parent = srcs.get(j);
      boolean member = g.isMember(parent, sub);
      for (int i = 0; i < k; i++) {
        int id = genId(link, i, k, j, wrap);
        int v = addVertex(t, id);
        b.pathParent(v, sub, member ? parent : ResourceGraph.NONE);
        if (direct) {
          b.edge(parent, v, es, relation);
        } else {
          creatorEdge.add(addEdge(parent, v, es, l));
        }
        if (tracked) {
          noteType(type, v);
        }
        if (keep) {
          made.add(v);
        }
      }
    }
    return made;
  }

  /** The j-wrap of id_scope > 0 (product of the enclosing scales), or null for scope <= 0. */
  private int[] idWrap(Link link) {
    int scope = link.idScope;
    if (scope <= 0) {
      return null;
    }
    if (scope > hier.size()) {
      scope = hier.size();
    }
    int w = 1;
    for (int h = 0; h < scope; h++) {
      w *= hier.get(hier.size() - 1 - h);
    }
    if (w == 0) {
      throw new GraphParseException(
          source,
          link.line > 0 ? "line " + link.line : null,
          "id_scope " + link.idScope + " spans a level with multi_scale 0");
    }
    return new int[] {w};
  }

  private static int genId(Link link, int i, int sz, int j, int[] wrap) {
    if (link.idScope < 0) {
      return -1;
    }
    if (link.idScope == 0) {
      return link.idStart + i;
    }
    return link.idStart + (j % wrap[0] * sz * link.idStride) + i * link.idStride;
  }

  private int addEdge(int a, int v, int sub, int l) {
    int e = esrc.add(a);
    edst.add(v);
    esub.add(sub);
    elink.add(l);
    return e;
  }

  private GrowableInts associate(int l, Link link, GrowableInts srcs, boolean byPath) {
    int es = linkSub[l];
    String esName = link.eSubsystem;
    GrowableInts targets = byType.get(recipe.kind(link.target).type);
    int nt = targets == null ? 0 : targets.size();
    GrowableInts made = new GrowableInts(16);
    if (nt == 0 || srcs.size() == 0) {
      return made;
    }
    pinChildren(targets, es, esName);
    int in = byPath ? b.subsystem(link.asTgtSubsystem) : -1;
    String[] tgtPrefix = null;
    if (byPath && in != es) {
      tgtPrefix = new String[nt];
      for (int x = 0; x < nt; x++) {
        tgtPrefix[x] = pathPrefix(g.path(targets.get(x), in), link.asTgtUplvl);
      }
    }
    for (int j = 0; j < srcs.size(); j++) {
      int s = srcs.get(j);
      String srcPrefix = byPath ? pathPrefix(g.path(s, in), link.asSrcUplvl) : null;
      for (int x = 0; x < nt; x++) {
        int t = targets.get(x);
        if (byPath) {
          String p = tgtPrefix != null ? tgtPrefix[x] : pathPrefix(g.path(t, in), link.asTgtUplvl);
          if (!p.equals(srcPrefix)) {
            continue;
          }
        }
        if (g.isMember(t, es)) {
          String old = g.path(t, es);
          String now = (g.isMember(s, es) ? g.path(s, es) : "") + "/" + g.name(t);
          if (!old.equals(now)) {
            b.formerPath(t, esName, old);
          }
        }
        b.pathParent(t, es, g.isMember(s, es) ? s : ResourceGraph.NONE);
        associateEdge(s, t, es, l);
        made.add(t);
      }
    }
    return made;
  }

  private void associateEdge(int s, int t, int es, int l) {
    int existing = -1;
    int ce = creatorEdge.get(t);
    if (ce >= 0 && esrc.get(ce) == s) {
      existing = ce;
    } else {
      existing = assocEdges.getIfAbsent(((long) s << 32) | (t & 0xffffffffL), -1);
    }
    if (existing >= 0) {
      esub.set(existing, es);
      return;
    }
    int e = addEdge(s, t, es, l);
    assocEdges.put(((long) s << 32) | (t & 0xffffffffL), e);
  }

  /** Gives the path children (in subsystem es) of the targets explicit copies of their paths. */
  private void pinChildren(GrowableInts targets, int es, String esName) {
    BitSet members = new BitSet();
    for (int x = 0; x < targets.size(); x++) {
      int t = targets.get(x);
      if (g.isMember(t, es)) {
        members.set(t);
      }
    }
    if (members.isEmpty()) {
      return;
    }
    int n = g.vertexLimit();
    for (int c = 0; c < n; c++) {
      int p = g.pathParent(c, es);
      if (p >= 0 && members.get(p)) {
        b.path(c, esName, g.path(c, es));
      }
    }
  }

  /**
   * Fluxion's path_prefix: the path up to and including the slash that starts the component {@code
   * uplevel} levels above the last one; "" if the path has no more than {@code uplevel} slashes.
   */
  static String pathPrefix(String path, int uplevel) {
    int slashes = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        slashes++;
      }
    }
    if (uplevel >= slashes) {
      return "";
    }
    long want = (long) slashes - uplevel + 1;
    int pos = 0;
    long seen = 0;
    while (seen != want) {
      int f = path.indexOf('/', pos);
      if (f < 0) {
        pos = path.length();
        break;
      }
      pos = f + 1;
      seen++;
    }
    String prefix = path.substring(0, pos);
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
