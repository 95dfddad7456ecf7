package org.flux4j.policy.internal;

import java.util.Optional;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.MatchPolicy;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;

/**
 * The depth-first-and-up traverser (after Fluxion's {@code dfu_impl_t}): select, enforce, and the
 * update pass that writes spans and emits the resource set.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>A select walks the dominant subsystem from the root. Each visit tests the vertex against the
 * current request level (resource match, slot match, or pristine pass-through when the jobspec
 * omits the prefix), prunes by status, constraint, plan availability, exclusivity and subtree
 * aggregates, explores the children (statically in adjacency order, or for stop-on-first-match
 * policies in descending (weight, uniq_id) order until enough is found), then lets the policy
 * choose the best k candidates of each requested child type and marks the chosen edges with the
 * current sequence number. Unconstrained candidate lists merge into the parent. The update pass
 * walks only marked edges (or whole subtrees of exclusive types), adds spans and emits vertices in
 * post-order. Marks are epoch-stamped arrays, so nothing is cleared between matches. Not
 * thread-safe.
 */
final class Traverser {
  static final int OK = 0;
  static final int EBUSY = 16;
  static final int ENODEV = 19;
  static final int EINVAL = 22;

  /**
   * The end of the graph's time window (Fluxion's {@code graph_duration.graph_end},
   * SYSTEM_MAX_DURATION from time 0): a job of duration 0 lasts until here, a match found at this
   * time is busy, and a job running past it is cut short.
   */
  static final long HORIZON = 3153600000L;

  /**
   * The end of every planner's horizon: Fluxion's readers create each vertex's planners over {@code
   * [0, INT64_MAX)}, far past {@link #HORIZON}, and the subtree planners inherit it. So the
   * satisfiability probe at {@code PLAN_END - duration - 1} sees no job at all, and the reservation
   * search may end on {@link #HORIZON} itself.
   */
  static final long PLAN_END = Long.MAX_VALUE;

  enum AllocType {
    ALLOC,
    ALLOC_ORELSE_RESERVE,
    SATISFIABILITY,
    NO_ALLOC
  }

  /** The per-match metadata (Fluxion's jobmeta_t). */
  static final class Meta {
    long jobId;
    long at;
    long now;
    long duration;
    AllocType allocType = AllocType.ALLOC;
    Optional<ResourceRequest.Constraint> constraint = Optional.empty();
  }

  private static final int NONE_MATCH = 0;
  private static final int PRISTINE_NONE_MATCH = 1;
  private static final int RESOURCE_MATCH = 2;
  private static final int SLOT_MATCH = 3;

  final ResourceGraph g;
  final int dom;
  final MatchPolicy policy;
  final PruneConfig prune;
  SchedState st;

  /** Fluxion's flexible traverser ({@code -T flexible}): or-slots and xor-slot alternatives. */
  boolean flexible;

  /** See {@link org.flux4j.policy.match.ResourceQuery.Options#commitSlotPaths()}. */
  boolean commitSlotPaths;

  /** Fluxion's SYSTEM_MAX_XOR_EXPANSION: the most jobspec variants xor slots may expand to. */
  static final int MAX_XOR_EXPANSION = 1000;

  private final Order vertexOrder;
  private final Order slotOrder;

  // scratch, epoch-stamped; allocated on first use (see ensureScratch)
  private int[] color;
  private int tick;
  private Adjacency adj;
  private int[] slotSource;
  private int[] firstIn;
  private int[] markSeq;
  private long[] markNeeds;
  private boolean[] markExcl;
  private int rootMarkSeq;
  private long rootNeeds;
  private boolean rootExcl;
  int seq;
  private String[] label;
  private int[] labelSeq;
  private boolean[] exclType;
  private boolean[] baseExclType;
  long preorder;
  long postorder;
  private long factorSum;
  private boolean childExcl;
  private final StringBuilder err = new StringBuilder();
  private final int nodeType;
  private final int storageNodeType;

  // per-select arenas: scoring scratch by recursion depth, candidate groups
  private Dfu[] dfuPool = new Dfu[16];
  private Dfu[] slotPool = new Dfu[16];
  private EGroup[] groupArena = new EGroup[256];
  private EGroup[] slotsMade = new EGroup[16];
  private int groupsUsed;

  /** The vertex whose visit is being remembered innermost (its Dfu is read after the visit). */
  private int recordedVertex = -1;

  private int depth;

  // update pass
  private ResourceSet.Builder out;
  private Meta meta;

  // remembered subtree visits (null when the dominant subsystem is not a tree)
  private VisitMemo memo;

  /** A copy's memo before its first select: the original's, for its topology (see ensureMemo). */
  private VisitMemo memoTemplate;

  private long graphModifications;

  /**
   * Each vertex's out-slots in by_outedges order as last worked out ({@link #dynamicOrder}), for
   * the current {@link #adj}; an array here is never written in place, as a caller may still be
   * iterating it.
   */
  private int[][] outOrder;

  /** Whether {@link #outOrder} is kept (tests turn it off with {@link #rememberVisits}). */
  private boolean keepOrders = true;

  private int memoMinSubtree = Integer.getInteger("flux4j.memo.minSubtree", VisitMemo.MIN_SUBTREE);

  Traverser(ResourceGraph g, int dom, MatchPolicy policy, PruneConfig prune, SchedState st) {
    this.g = g;
    this.dom = dom;
    this.policy = policy;
    this.prune = prune;
    this.st = st;
    this.vertexOrder = Order.of(policy.higherFirst(), policy.stableTies());
    this.slotOrder = Order.of(policy.higherFirstInSlots(), policy.stableTies());
    indexEdges();
    nodeType = g.typeId("node");
    storageNodeType = g.typeId("storage_node");
    resetExclusiveTypes();
  }

  /**
   * A traverser for a copy of {@code o}'s engine: {@code g} is a copy of {@code o}'s graph (same
   * topology) and {@code st} a copy of its state. O(1): it shares {@code o}'s topology-derived
   * arrays (never written in place: a resize replaces them), allocates its scratch arrays on first
   * use and starts with an empty memo.
   */
  Traverser(Traverser o, ResourceGraph g, PruneConfig prune, SchedState st) {
    this.g = g;
    this.dom = o.dom;
    this.policy = o.policy;
    this.prune = prune;
    this.st = st;
    this.vertexOrder = o.vertexOrder;
    this.slotOrder = o.slotOrder;
    this.flexible = o.flexible;
    this.commitSlotPaths = o.commitSlotPaths;
    this.seq = o.seq;
    this.adj = o.adj;
    this.slotSource = o.slotSource;
    this.firstIn = o.firstIn;
    this.nodeType = o.nodeType;
    this.storageNodeType = o.storageNodeType;
    this.baseExclType = o.baseExclType;
    this.exclType = o.baseExclType.clone();
    this.memoMinSubtree = o.memoMinSubtree;
    this.keepOrders = o.keepOrders;
    this.memoTemplate = o.memo != null ? o.memo : o.memoTemplate;
  }

  /** Allocates the per-vertex and per-edge scratch arrays, if not yet (or too small). */
  private void ensureScratch() {
    int n = g.vertexLimit();
    if (color == null || n > color.length) {
      color = color == null ? new int[n] : java.util.Arrays.copyOf(color, n);
      if (label != null) {
        label = java.util.Arrays.copyOf(label, n);
        labelSeq = java.util.Arrays.copyOf(labelSeq, n);
      }
    }
    int m = adj.edgeCount();
    if (markSeq == null || markSeq.length != m) {
      // fresh marks: no edge carries a sequence number of the current or a later select
      markSeq = new int[m];
      markNeeds = new long[m];
      markExcl = new boolean[m];
    }
  }

  /** Re-reads the topology after the graph grew or shrank. */
  void resize() {
    indexEdges();
    resetExclusiveTypes();
  }

  private void indexEdges() {
    adj = g.out(dom);
    outOrder = null;
    int m = adj.edgeCount();
    markSeq = null;
    markNeeds = null;
    markExcl = null;
    slotSource = new int[m];
    int n = g.vertexLimit();
    for (int v = 0; v < n; v++) {
      for (int i = adj.start(v); i < adj.end(v); i++) {
        slotSource[i] = v;
      }
    }
    firstIn = new int[n];
    java.util.Arrays.fill(firstIn, -1);
    Adjacency in = g.in(dom);
    for (int v = 0; v < n; v++) {
      if (in.degree(v) > 0) {
        int p = in.target(in.start(v));
        for (int i = adj.start(p); i < adj.end(p); i++) {
          if (adj.target(i) == v) {
            firstIn[v] = i;
            break;
          }
        }
      }
    }
    st.ensureEdges(m);
    buildMemo(in);
  }

  /** A fresh {@link VisitMemo} for the current topology, if the dominant subsystem is a tree. */
  private void buildMemo(Adjacency in) {
    int n = g.vertexLimit();
    int[] parent = new int[n];
    int[] size = new int[n];
    boolean tree = true;
    for (int v = 0; v < n; v++) {
      int d = in.degree(v);
      tree &= d <= 1;
      parent[v] = firstIn[v] >= 0 ? slotSource[firstIn[v]] : -1;
    }
    memoTemplate = null;
    if (!tree || memoMinSubtree <= 0) {
      memo = null;
      return;
    }
    // subtree sizes: children before parents in a post-order walk from every root
    int[] stack = new int[64];
    int[] cursor = new int[n];
    for (int r = 0; r < n; r++) {
      if (parent[r] >= 0 || !g.isLive(r)) {
        continue;
      }
      int sp = 0;
      stack[sp++] = r;
      cursor[r] = adj.start(r);
      while (sp > 0) {
        int u = stack[sp - 1];
        if (cursor[u] < adj.end(u)) {
          int c = adj.target(cursor[u]++);
          if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
          }
          cursor[c] = adj.start(c);
          stack[sp++] = c;
        } else {
          sp--;
          size[u] += 1;
          if (parent[u] >= 0) {
            size[parent[u]] += size[u];
          }
        }
      }
    }
    memo = VisitMemo.create(parent, size, memoMinSubtree);
    graphModifications = g.modificationCount();
  }

  /**
   * Sets the smallest subtree whose visits are remembered (0 turns remembering off, and keeping
   * children's orders too) and starts afresh; for tests that compare the engine with and without
   * the memo.
   */
  void rememberVisits(int minSubtree) {
    memoMinSubtree = minSubtree;
    keepOrders = minSubtree > 0;
    outOrder = null;
    buildMemo(g.in(dom));
  }

  /**
   * Forgets every remembered visit: called after changes the update pass and cancel do not stamp
   * (partial cancel, status, properties).
   */
  void forgetVisits() {
    if (memo != null) {
      memo.clear();
    }
  }

  /** Gives a copy its own empty memo, over the topology it shares with its original. */
  private void ensureMemo() {
    if (memoTemplate != null) {
      memo = memoTemplate.emptySibling();
      memoTemplate = null;
      graphModifications = g.modificationCount();
    }
  }

  private void touch(int v) {
    if (memo != null) {
      memo.touch(v);
    }
  }

  String errorMessage() {
    return err.toString();
  }

  void clearError() {
    err.setLength(0);
  }

  // ------------------------------------------------------------------ exclusive types

  void resetExclusiveTypes() {
    int types = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      types = Math.max(types, g.typeOf(v) + 1);
    }
    types = Math.max(types, 64);
    baseExclType = new boolean[types + 64];
    for (int t = 0; t < baseExclType.length; t++) {
      String name = t < 1 ? null : safeString(t);
      baseExclType[t] = name != null && policy.isExclusiveType(name);
    }
    exclType = baseExclType.clone();
  }

  private String safeString(int id) {
    try {
      return g.string(id);
    } catch (RuntimeException e) {
      return null;
    }
  }

  void restoreExclusiveTypes() {
    System.arraycopy(baseExclType, 0, exclType, 0, exclType.length);
  }

  private boolean isExclusiveType(int t) {
    return t >= 0 && t < exclType.length && exclType[t];
  }

  // ------------------------------------------------------------------ jobspec priming

  /** Fluxion's prime_jobspec: per-request user data and the top-level totals (by prune type). */
  void primeJobspec(Req[] resources, long[] toParent) {
    if (flexible) {
      primeFlexible(resources, toParent, new boolean[toParent.length]);
      return;
    }
    for (Req r : resources) {
      if (r.exclusive == 1 && r.type >= 0 && r.type < exclType.length) {
        exclType[r.type] = true;
      }
      int pt = pruneIndex(r);
      if (pt >= 0) {
        toParent[pt] += r.min;
      }
      r.userData = new long[prune.count()];
      primeJobspec(r.with, r.userData);
      r.hasUserData = false;
      for (int k = 0; k < r.userData.length; k++) {
        if (r.userData[k] != 0) {
          r.hasUserData = true;
          toParent[k] += r.min * r.userData[k];
        }
      }
      if (!r.hasUserData) {
        // Fluxion's user_data map has an entry for every pruning type met below, even with 0
        r.hasUserData = hasPruningTypeBelow(r);
      }
    }
  }

  /**
   * The flexible traverser's priming: like {@link #primeJobspec} but the siblings that are slots
   * (or xor slots) are alternatives, so they contribute the minimum of their totals, and a pruning
   * type that one of them lacks contributes nothing. {@code present} tracks which entries of {@code
   * toParent} exist (Fluxion's map keys).
   */
  private void primeFlexible(Req[] resources, long[] toParent, boolean[] present) {
    int k = toParent.length;
    for (Req r : resources) {
      if (r.exclusive == 1 && r.type >= 0 && r.type < exclType.length) {
        exclType[r.type] = true;
      }
      int pt = pruneIndex(r);
      if (pt >= 0) {
        toParent[pt] += r.min;
        present[pt] = true;
      }
      r.userData = new long[k];
      boolean[] mine = new boolean[k];
      primeFlexible(r.with, r.userData, mine);
      r.hasUserData = false;
      for (int i = 0; i < k; i++) {
        r.hasUserData |= mine[i];
      }
      if (r.isSlot() || r.isXorSlot()) {
        for (int i = 0; i < k; i++) {
          if (mine[i]) {
            minIf(toParent, present, i, r.min * r.userData[i]);
          }
        }
        for (int i = 0; i < k; i++) {
          if (present[i] && !mine[i]) {
            minIf(toParent, present, i, 0);
          }
        }
      } else {
        for (int i = 0; i < k; i++) {
          if (mine[i]) {
            toParent[i] += r.min * r.userData[i];
            present[i] = true;
          }
        }
      }
    }
  }

  private static void minIf(long[] toParent, boolean[] present, int i, long v) {
    if (!present[i] || toParent[i] > v) {
      toParent[i] = v;
      present[i] = true;
    }
  }

  private boolean hasPruningTypeBelow(Req r) {
    for (Req c : r.with) {
      if (pruneIndex(c) >= 0 || hasPruningTypeBelow(c)) {
        return true;
      }
    }
    return false;
  }

  /** The prune index of a request's type, by name when the graph has no vertex of that type. */
  private int pruneIndex(Req r) {
    if (r.type >= 0) {
      return prune.pruneIndexOfType(r.type);
    }
    return r.isSlot() ? -1 : prune.pruneIndexOfName(r.typeName);
  }

  boolean exclusivity(Req[] resources, int u) {
    boolean x = false;
    for (Req r : resources) {
      if (r.type == g.typeOf(u) && r.exclusive == 1) {
        x = true;
      }
    }
    return x;
  }

  // ------------------------------------------------------------------ select

  /** Fluxion's select: returns OK or an errno-like code; on OK the root edge is marked. */
  int select(Req[] resources, int root, Meta m, boolean excl) {
    if (!flexible) {
      return selectOne(resources, root, m, excl);
    }
    java.util.List<Req[]> variants = splitXorSlots(resources);
    if (variants == null) {
      err.append("select: split_xor_slots failed.\n")
          .append("Value too large for defined data type\n");
      return EINVAL;
    }
    int rc = EBUSY;
    for (Req[] variant : variants) {
      rc = selectOne(variant, root, m, excl);
      if (rc == OK) {
        return OK;
      }
    }
    return rc;
  }

  /**
   * Fluxion's split_xor_slots: every combination of the required siblings' expansions with exactly
   * one xor-slot alternative (turned into a plain slot) per level; null past {@link
   * #MAX_XOR_EXPANSION}.
   */
  static java.util.List<Req[]> splitXorSlots(Req[] resources) {
    java.util.List<Req[]> base = new java.util.ArrayList<>();
    base.add(new Req[0]);
    java.util.List<Req> xorOptions = new java.util.ArrayList<>();
    for (Req r : resources) {
      java.util.List<Req[]> childVariants = splitXorSlots(r.with);
      if (childVariants == null) {
        return null;
      }
      if (r.isXorSlot()) {
        for (Req[] cv : childVariants) {
          xorOptions.add(r.asSlot(cv));
          if (xorOptions.size() > MAX_XOR_EXPANSION) {
            return null;
          }
        }
        continue;
      }
      java.util.List<Req[]> next = new java.util.ArrayList<>();
      for (Req[] v : base) {
        for (Req[] cv : childVariants) {
          next.add(append(v, r.withChildren(cv)));
          if (next.size() > MAX_XOR_EXPANSION) {
            return null;
          }
        }
      }
      base = next;
    }
    if (xorOptions.isEmpty()) {
      return base;
    }
    java.util.List<Req[]> results = new java.util.ArrayList<>();
    for (Req[] v : base) {
      for (Req o : xorOptions) {
        results.add(append(v, o));
        if (results.size() > MAX_XOR_EXPANSION) {
          return null;
        }
      }
    }
    return results;
  }

  private static Req[] append(Req[] v, Req r) {
    Req[] out = java.util.Arrays.copyOf(v, v.length + 1);
    out[v.length] = r;
    return out;
  }

  private int selectOne(Req[] resources, int root, Meta m, boolean excl) {
    this.meta = m;
    ensureScratch();
    ensureMemo();
    if (memo != null) {
      if (g.modificationCount() != graphModifications) {
        graphModifications = g.modificationCount();
        memo.clear();
      }
      memo.beginSelect(resources, m);
    }
    tick++;
    seq++;
    preorder = 0;
    postorder = 0;
    groupsUsed = 0;
    depth = 0;
    Dfu dfu = pooled(dfuPool, 0);
    depth = 1;
    boolean xIn = excl;
    int rc = domDfv(root, resources, true, xIn, dfu);
    if (rc == OK) {
      xIn = childExcl;
      EGroup eg = newGroup();
      eg.score = dfu.overallScore;
      eg.count = dfu.avail;
      eg.exclusive = excl;
      eg.root = true;
      eg.addEdge(-1, dfu.avail, dfu.avail, excl);
      dfu.add(g.typeOf(root), eg);
      long needs = resolveGraph(root, resources, dfu);
      if (needs < 0) {
        rc = ENODEV;
      }
      rootMarkSeq = seq;
      rootNeeds = needs < 0 ? 0 : needs;
      rootExcl = xIn;
    }
    return rc;
  }

  /**
   * Visits {@code u} for {@code resources}: replays a remembered visit when one is valid, else
   * visits it (remembering the visit when {@code u} is eligible).
   */
  private int domDfv(int u, Req[] resources, boolean pristine, boolean excl, Dfu toParent) {
    if (memo == null || !memo.eligible(u)) {
      return visit(u, resources, pristine, excl, toParent);
    }
    int request = memo.requestId(resources);
    long factorIn = factorSum;
    VisitMemo.Entry e = memo.lookup(u, request, pristine, excl, factorIn);
    if (e != null) {
      return replay(u, e, toParent);
    }
    int markFrom = memo.logN;
    int labelFrom = memo.labelN;
    int errFrom = err.length();
    long pre = preorder;
    long post = postorder;
    int myDepth = depth;
    memo.beginRecording();
    int rc;
    int outerRecorded = recordedVertex;
    recordedVertex = u;
    try {
      rc = visit(u, resources, pristine, excl, toParent);
    } catch (RuntimeException | Error t) {
      memo.abandonRecording();
      throw t;
    } finally {
      recordedVertex = outerRecorded;
    }
    e = memo.endRecording(u, request, pristine, excl, factorIn, markFrom, labelFrom);
    e.rc = rc;
    e.factorDelta = factorSum - factorIn;
    e.preorder = preorder - pre;
    e.postorder = postorder - post;
    e.error = err.length() > errFrom ? err.substring(errFrom) : null;
    Dfu dfu = dfuPool[myDepth];
    if (rc == OK) {
      e.avail = toParent.avail;
      e.overallScore = toParent.overallScore;
      e.childExcl = childExcl;
      if (dfu.overallScore > 0 && !dfu.hierConstrainNow) {
        VisitMemo.keepCandidates(e, dfu);
      } else {
        VisitMemo.noCandidates(e);
      }
    } else {
      VisitMemo.noCandidates(e);
    }
    return rc;
  }

  /** The effects of a remembered visit of {@code u}, exactly as the visit had them. */
  private int replay(int u, VisitMemo.Entry e, Dfu toParent) {
    preorder += e.preorder;
    postorder += e.postorder;
    factorSum += e.factorDelta;
    if (e.error != null) {
      err.append(e.error);
    }
    for (int i = 0; i < e.markSlot.length; i++) {
      mark(e.markSlot[i], e.markNeeds[i], e.markExcl[i]);
    }
    for (int i = 0; i < e.labelVertex.length; i++) {
      setLabel(e.labelVertex[i], e.labelText[i]);
    }
    color[u] = tick;
    if (e.rc != OK) {
      return e.rc;
    }
    VisitMemo.mergeCandidates(e, toParent);
    toParent.avail = e.avail;
    toParent.overallScore = e.overallScore;
    childExcl = e.childExcl;
    return OK;
  }

  private void setLabel(int v, String text) {
    if (label == null) {
      // most requests carry no labels: allocated on the first one
      label = new String[color.length];
      labelSeq = new int[color.length];
    }
    label[v] = text;
    labelSeq[v] = seq;
    if (memo != null && memo.recording()) {
      memo.logLabel(v, text);
    }
  }

  private int visit(int u, Req[] resources, boolean pristine, boolean excl, Dfu toParent) {
    boolean xIn = excl || exclusivity(resources, u);
    // test (): what this vertex is for the request
    int kind;
    Req[] next = resources;
    long nslots = 0;
    Req matchRes = null;
    Req slotRes = null;
    boolean matched = false;
    boolean conflict = false;
    int ut = g.typeOf(u);
    // the simple test (the flexible one below scans the level its own way)
    for (int i = 0; !flexible && i < resources.length; i++) {
      Req r = resources[i];
      if (r.type == ut) {
        if (matched) {
          conflict = true;
          break;
        }
        matchRes = r;
        for (Req c : r.with) {
          if (c.isSlot()) {
            slotRes = c;
            nslots = c.effectiveMax();
          }
        }
        matched = true;
      } else if (r.isSlot()) {
        if (matched) {
          conflict = true;
          break;
        }
        slotRes = r;
        nslots = r.effectiveMax();
        matched = true;
      }
    }
    boolean pris = pristine;
    Req[] orSlots = null;
    if (flexible) {
      // the flexible test: a level's slot siblings (or the slot children of the matched resource)
      // are or-slots; the vertex is a slot if any of them fits its children
      boolean orMatched = false;
      for (Req r : resources) {
        if (r.type == ut) {
          if (matched || orMatched) {
            conflict = true;
            break;
          }
          matchRes = r;
          for (Req c : r.with) {
            if (c.isSlot()) {
              orSlots = r.with;
              nslots = c.effectiveMax();
            }
          }
          matched = true;
        } else if (r.isSlot()) {
          if (matched) {
            conflict = true;
            break;
          }
          orSlots = resources;
          nslots = r.effectiveMax();
          orMatched = true;
        }
      }
      if (conflict) {
        err.append("test: siblings in jobspec request same resource type : ")
            .append(g.type(u))
            .append(".\n");
        kind = NONE_MATCH;
      } else if (orSlots != null) {
        kind = pristine ? PRISTINE_NONE_MATCH : NONE_MATCH;
        for (Req r : orSlots) {
          if (slotMatch(u, r)) {
            kind = SLOT_MATCH;
            pris = false;
            next = orSlots;
          }
        }
      } else if (matchRes != null) {
        kind = RESOURCE_MATCH;
        pris = false;
        next = matchRes.with;
      } else {
        kind = pristine ? PRISTINE_NONE_MATCH : NONE_MATCH;
      }
    } else if (conflict) {
      err.append("test: siblings in jobspec request same resource type : ")
          .append(g.type(u))
          .append(".\n");
      kind = NONE_MATCH;
    } else if (slotRes != null && slotMatch(u, slotRes)) {
      kind = SLOT_MATCH;
      pris = false;
      next = slotRes.with;
    } else if (matchRes != null) {
      kind = RESOURCE_MATCH;
      pris = false;
      next = matchRes.with;
    } else {
      kind = pristine ? PRISTINE_NONE_MATCH : NONE_MATCH;
    }
    preorder++;
    if (kind == NONE_MATCH) {
      return EBUSY;
    }
    if (!prune(xIn, u, resources)) {
      return EBUSY;
    }
    long ownFactor = policy.factor(g, u);
    factorSum += ownFactor;
    color[u] = tick;
    int myDepth = depth;
    Dfu dfu = pooled(dfuPool, myDepth);
    depth = myDepth + 1;
    if (kind == SLOT_MATCH && flexible) {
      domOrSlots(u, next, nslots, pris, dfu, myDepth);
    } else if (kind == SLOT_MATCH) {
      domSlot(u, next, nslots, pris, dfu, myDepth);
    } else {
      explore(u, next, pris, xIn, dfu, 1);
    }
    depth = myDepth;
    long avail = planAvail(u);
    if (avail == 0) {
      return EBUSY;
    }
    // dom_finish_vtx
    boolean met = true;
    for (Req r : resources) {
      if (r.type != ut) {
        continue;
      }
      for (Req c : r.with) {
        long qc = dfu.qualifiedCount(c.type);
        long count = c.calcCount(qc);
        if (count == 0) {
          met = false;
          break;
        }
        dfu.chooseAccumBestK(c.type, count, vertexOrder);
      }
    }
    factorSum -= ownFactor;
    dfu.overallScore = met ? policy.score(g, u, factorSum) : 0;
    if (!met) {
      return EBUSY;
    }
    resolve(u, dfu, toParent, u != recordedVertex);
    toParent.avail = avail;
    toParent.overallScore = dfu.overallScore;
    for (Req r : resources) {
      if (r.type == ut && !r.label.isEmpty()) {
        setLabel(u, r.label);
      }
    }
    postorder++;
    childExcl = xIn;
    return OK;
  }

  private boolean slotMatch(int u, Req slot) {
    int subsystems = g.subsystems().size();
    for (Req c : slot.with) {
      boolean found = false;
      for (int s = 0; s < subsystems && !found; s++) {
        Adjacency a = g.out(s);
        for (int i = a.start(u); i < a.end(u); i++) {
          if (g.typeOf(a.target(i)) == c.type) {
            found = true;
            break;
          }
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private boolean prune(boolean xIn, int u, Req[] resources) {
    if (meta.allocType != AllocType.SATISFIABILITY && g.status(u) == Status.DOWN) {
      return false;
    }
    int ut = g.typeOf(u);
    if (meta.constraint.isPresent()
        && (ut == nodeType || (storageNodeType >= 0 && ut == storageNodeType))
        && !Constraints.matches(g, u, meta.constraint.get())) {
      return false;
    }
    if (planAvail(u) == 0) {
      return false;
    }
    if (flexible) {
      // or-slots: a slot failing the subtree check does not stop the scan; the last one decides
      boolean ok = true;
      for (Req r : resources) {
        if (ut != r.type && !r.isSlot()) {
          continue;
        }
        if (r.isSlot()) {
          ok = bySubplan(u, r);
        } else {
          if (!byExcl(u, xIn, r) || !bySubplan(u, r)) {
            return false;
          }
          ok = true;
        }
      }
      return ok;
    }
    for (Req r : resources) {
      if (ut != r.type && !r.isSlot()) {
        continue;
      }
      if (!r.isSlot() && !byExcl(u, xIn, r)) {
        return false;
      }
      if (!bySubplan(u, r)) {
        return false;
      }
    }
    return true;
  }

  private boolean byExcl(int u, boolean xIn, Req r) {
    if (xIn && r.exclusive == 0) {
      err.append("by_excl: exclusivity conflicts at jobspec=")
          .append(r.label)
          .append(" : vertex=")
          .append(g.name(u));
      return false;
    }
    if (xIn || r.exclusive == 1) {
      VertexSchedule s = st.sched[u];
      if (s == null) {
        return true;
      }
      if (meta.at == meta.now
          && (meta.allocType == AllocType.ALLOC || meta.allocType == AllocType.NO_ALLOC)
          && s.has(VertexSchedule.ALLOCATED)) {
        return false;
      }
      return !s.anyDuring(meta.at, meta.duration);
    }
    return true;
  }

  private boolean bySubplan(int u, Req r) {
    SubtreePlan p = st.sub[u];
    if (p == null || !r.hasUserData) {
      return true;
    }
    return p.fits(r.userData, meta.at, meta.duration);
  }

  long planAvail(int u) {
    VertexSchedule s = st.sched[u];
    long size = g.size(u);
    if (s == null) {
      return size;
    }
    long a = size - s.maxUnitsDuring(meta.at, meta.duration);
    return a < 0 ? 0 : a;
  }

  private void explore(int u, Req[] resources, boolean pristine, boolean excl, Dfu dfu, long mult) {
    if (!policy.stopOnFirstMatch()) {
      Adjacency a = adj;
      for (int i = a.start(u); i < a.end(u); i++) {
        int tgt = a.target(i);
        if (color[tgt] == tick) {
          continue;
        }
        if (domDfv(tgt, resources, pristine, excl, dfu) == OK) {
          addCandidate(dfu, i);
        }
      }
      return;
    }
    exploreDynamically(u, resources, pristine, excl, dfu, mult);
  }

  private void addCandidate(Dfu dfu, int slot) {
    long count = dfu.avail;
    EGroup eg = newGroup();
    eg.score = dfu.overallScore;
    eg.count = count;
    eg.exclusive = childExcl;
    eg.addEdge(slot, count, count, childExcl);
    dfu.add(g.typeOf(adj.target(slot)), eg);
  }

  private void exploreDynamically(
      int u, Req[] resources, boolean pristine, boolean excl, Dfu dfu, long multiplier) {
    int[] order = dynamicOrder(u);
    if (order.length == 0) {
      return;
    }
    int nr = resources.length;
    long[] perShare = new long[nr];
    long[] prevTotal = new long[nr];
    long[] accum = new long[nr];
    long[] shares = new long[nr];
    boolean[] satType = new boolean[nr];
    for (int k = 0; k < nr; k++) {
      perShare[k] = resources[k].effectiveMax();
    }
    for (int slot : order) {
      int tgt = adj.target(slot);
      if (color[tgt] == tick) {
        continue;
      }
      int tt = g.typeOf(tgt);
      boolean skip = false;
      for (int k = 0; k < nr; k++) {
        if (satType[k] && resources[k].type == tt) {
          skip = true;
          break;
        }
      }
      if (skip) {
        continue;
      }
      if (domDfv(tgt, resources, pristine, excl, dfu) != OK) {
        continue;
      }
      addCandidate(dfu, slot);
      // tally shares (first entry per type wins, as in a map keyed by type)
      for (int k = 0; k < nr; k++) {
        if (firstIndexOfType(resources, k) != k) {
          continue;
        }
        long total = dfu.totalCount(resources[k].type);
        if (total <= prevTotal[k]) {
          continue;
        }
        long delta = total - prevTotal[k];
        prevTotal[k] = total;
        accum[k] += delta;
        if (perShare[k] > 0 && accum[k] >= perShare[k]) {
          shares[k]++;
          accum[k] = 0;
        }
      }
      boolean enough = true;
      for (int k = 0; k < nr; k++) {
        int f = firstIndexOfType(resources, k);
        boolean sat = perShare[f] == 0 || shares[f] >= multiplier;
        if (sat) {
          satType[k] = true;
        } else {
          enough = false;
        }
      }
      if (enough) {
        break;
      }
    }
  }

  private static int firstIndexOfType(Req[] rs, int k) {
    for (int i = 0; i < k; i++) {
      if (rs[i].type == rs[k].type) {
        return i;
      }
    }
    return k;
  }

  /**
   * Out-slots of {@code u} by descending (weight, uniq_id), Fluxion's by_outedges order (slots that
   * tie in both in ascending order, as a stable sort leaves them). The order worked out last time
   * is kept: weights change only on the edges an update passes, so it is mostly still in order,
   * which one pass checks; else it is mended by insertion when a few slots are out of place, or
   * sorted afresh.
   */
  private int[] dynamicOrder(int u) {
    Adjacency a = adj;
    int n = a.degree(u);
    if (n == 0) {
      return NO_SLOTS;
    }
    if (outOrder == null) {
      outOrder = new int[g.vertexLimit()][];
    }
    int[] kept = keepOrders ? outOrder[u] : null;
    if (kept != null && kept.length == n) {
      int descents = 0;
      for (int i = 1; i < n && descents <= MEND_AT_MOST; i++) {
        if (precedes(kept[i], kept[i - 1])) {
          descents++;
        }
      }
      if (descents == 0) {
        return kept;
      }
      if (descents <= MEND_AT_MOST) {
        int[] out = kept.clone();
        for (int i = 1; i < n; i++) {
          int x = out[i];
          int j = i;
          while (j > 0 && precedes(x, out[j - 1])) {
            out[j] = out[j - 1];
            j--;
          }
          out[j] = x;
        }
        outOrder[u] = out;
        return out;
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = a.start(u) + i;
    }
    int[] tmp = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int x = lo;
        int y = mid;
        int k = lo;
        while (x < mid && y < hi) {
          tmp[k++] = before(out[y], out[x]) ? out[y++] : out[x++];
        }
        while (x < mid) {
          tmp[k++] = out[x++];
        }
        while (y < hi) {
          tmp[k++] = out[y++];
        }
        System.arraycopy(tmp, lo, out, lo, hi - lo);
      }
    }
    outOrder[u] = out;
    return out;
  }

  private static final int[] NO_SLOTS = new int[0];

  /** The most out-of-order slots a kept order is mended by insertion rather than sorted afresh. */
  private static final int MEND_AT_MOST = 8;

  /** The total order {@link #dynamicOrder} sorts by: {@link #before}, then the lower slot. */
  private boolean precedes(int x, int y) {
    return before(x, y) || (x < y && !before(y, x));
  }

  /** Whether out-slot {@code x} comes strictly before {@code y} in by_outedges order. */
  private boolean before(int x, int y) {
    int c = Long.compareUnsigned(st.weight[x], st.weight[y]);
    if (c != 0) {
      return c > 0;
    }
    return g.uniqId(adj.target(x)) > g.uniqId(adj.target(y));
  }

  private void domSlot(
      int u, Req[] slotShape, long nslots, boolean pristine, Dfu dfu, int myDepth) {
    Dfu dfuSlot = pooled(slotPool, myDepth);
    explore(u, slotShape, pristine, true, dfuSlot, nslots);
    // dom_finish_slot: order every type's candidates
    for (int i = 0; i < dfuSlot.n; i++) {
      Evals e = dfuSlot.byType[i];
      if (e.chooseBestK(e.qual, slotOrder, false)) {
        dfuSlot.hierConstrainNow = true;
      }
    }
    // cnt_slot
    long qualNumSlots = Long.MAX_VALUE;
    for (Req elem : slotShape) {
      long qc = dfuSlot.qualifiedCount(elem.type);
      long count = elem.calcCount(qc);
      long fit = 0;
      Evals e = dfuSlot.find(elem.type);
      if (count != 0 && e != null) {
        long acc = 0;
        for (int i = 0; i < e.n; i++) {
          acc += e.group(i).edgeCount(0);
          if (acc >= count) {
            fit++;
            acc = 0;
          }
        }
      }
      qualNumSlots = Math.min(qualNumSlots, fit);
      if (e != null) {
        e.iterReset();
      }
    }
    if (qualNumSlots == Long.MAX_VALUE) {
      qualNumSlots = 0;
    }
    int made = 0;
    for (long s = 0; s < qualNumSlots; s++) {
      EGroup slotGroup = fillSlot(slotShape, dfuSlot);
      if (slotGroup == null) {
        return;
      }
      if (made == slotsMade.length) {
        slotsMade = java.util.Arrays.copyOf(slotsMade, made * 2);
      }
      slotsMade[made++] = slotGroup;
    }
    for (int i = 0; i < made; i++) {
      dfu.add(Req.SLOT, slotsMade[i]);
      slotsMade[i] = null;
    }
  }

  /**
   * The flexible traverser's dom_slot: explores {@code u} for the union of the or-slots' shapes
   * (per type the shape with the largest minimum count), then packs the qualified counts into the
   * combination of or-slots that yields the most slots (first listed wins ties), and emits one slot
   * candidate per packed slot.
   */
  private void domOrSlots(int u, Req[] slots, long nslots, boolean pristine, Dfu dfu, int myDepth) {
    java.util.TreeMap<Integer, Req> union = new java.util.TreeMap<>();
    for (Req slot : slots) {
      for (Req r : slot.with) {
        Req prev = union.get(r.type);
        if (prev == null || prev.min < r.min) {
          union.put(r.type, r);
        }
      }
    }
    Req[] shape = union.values().toArray(new Req[0]);
    int[] types = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      types[i] = shape[i].type;
    }
    Dfu dfuSlot = pooled(slotPool, myDepth);
    explore(u, shape, pristine, true, dfuSlot, nslots);
    for (int i = 0; i < dfuSlot.n; i++) {
      Evals e = dfuSlot.byType[i];
      if (e.chooseBestK(e.qual, slotOrder, false)) {
        dfuSlot.hierConstrainNow = true;
      }
    }
    long[] counts = new long[types.length];
    for (int i = 0; i < types.length; i++) {
      counts[i] = dfuSlot.qualifiedCount(types[i]);
    }
    java.util.Map<CountsKey, OrConfig> memo = new java.util.HashMap<>();
    OrConfig cur = selectOrConfig(slots, types, counts, nslots, memo);
    long qualNumSlots = cur.score;
    java.util.List<EGroup> made = new java.util.ArrayList<>();
    for (long s = 0; s < qualNumSlots; s++) {
      EGroup slotGroup = fillSlot(slots[cur.index].with, dfuSlot);
      if (slotGroup == null) {
        return;
      }
      made.add(slotGroup);
      OrConfig nxt = memo.get(new CountsKey(cur.next));
      cur = nxt != null ? nxt : new OrConfig(new long[0], 0, 0);
    }
    for (EGroup eg : made) {
      dfu.add(Req.SLOT, eg);
    }
  }

  /** Remaining qualified counts per union type, as a memo key. */
  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record CountsKey(long[] counts) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CountsKey k && java.util.Arrays.equals(counts, k.counts);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return java.util.Arrays.toString(counts);
    }
  }

  /** A packing step: the counts left after taking or-slot {@code index}, and the slots packed. */
  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record OrConfig(long[] next, long score, int index) {}

  /**
   * Fluxion's select_or_config: the most or-slots that fit in {@code counts}, memoized by counts; a
   * single shape is packed greedily up to {@code nslots}.
   */
  private static OrConfig selectOrConfig(
      Req[] slots,
      int[] types,
      long[] counts,
      long nslots,
      java.util.Map<CountsKey, OrConfig> memo) {
    CountsKey key = new CountsKey(counts);
    OrConfig known = memo.get(key);
    if (known != null) {
      return known;
    }
    if (slots.length == 1) {
      long maxMatches = nslots;
      for (Req elem : slots[0].with) {
        long have = counts[indexOf(types, elem.type)];
        long count = elem.calcCount(have);
        if (count <= 0 || have < count) {
          maxMatches = 0;
          break;
        }
        maxMatches = Math.min(maxMatches, have / count);
      }
      OrConfig c = new OrConfig(counts, maxMatches, 0);
      memo.put(key, c);
      return c;
    }
    long best = -1;
    for (int i = 0; i < slots.length; i++) {
      long[] updated = counts.clone();
      boolean fits = true;
      for (Req elem : slots[i].with) {
        int at = indexOf(types, elem.type);
        long count = elem.calcCount(counts[at]);
        if (count <= 0) {
          fits = false;
          break;
        }
        updated[at] -= count;
      }
      if (!fits) {
        continue;
      }
      long test = selectOrConfig(slots, types, updated, nslots, memo).score;
      if (best < test) {
        best = test;
        memo.put(key, new OrConfig(updated, best + 1, i));
      }
    }
    if (best < 0) {
      memo.put(key, new OrConfig(new long[0], 0, -1));
    }
    return memo.get(key);
  }

  private static int indexOf(int[] types, int t) {
    for (int i = 0; i < types.length; i++) {
      if (types[i] == t) {
        return i;
      }
    }
    throw new IllegalStateException("type " + t + " not in the or-slot union");
  }

  private Dfu pooled(Dfu[] unused, int d) {
    Dfu[] pool = unused == slotPool ? slotPool : dfuPool;
    if (d >= pool.length) {
      pool = java.util.Arrays.copyOf(pool, d * 2);
      if (unused == slotPool) {
        slotPool = pool;
      } else {
        dfuPool = pool;
      }
    }
    Dfu x = pool[d];
    if (x == null) {
      x = new Dfu();
      pool[d] = x;
    }
    x.reset();
    return x;
  }

  /**
   * One slot candidate (Fluxion's dom_slot inner loop): takes, for each type of {@code shape}, as
   * many of {@code dfuSlot}'s qualified candidates as the shape's count asks for, scoring them.
   * Returns null, with Fluxion's message in {@code err}, if too few remain.
   */
  private EGroup fillSlot(Req[] shape, Dfu dfuSlot) {
    EGroup slotGroup = newGroup();
    long score = 1;
    for (Req elem : shape) {
      long count = elem.calcCount(dfuSlot.qualifiedCount(elem.type));
      Evals e = dfuSlot.find(elem.type);
      long j = 0;
      while (j < count) {
        EGroup eg = e == null ? null : e.iterNext();
        if (eg == null) {
          err.append("dom_slot: not enough slots.\n");
          return null;
        }
        slotGroup.addEdge(eg.edgeSlot(0), eg.edgeCount(0), eg.edgeCount(0), true);
        score += eg.score;
        j += eg.edgeCount(0);
      }
    }
    slotGroup.score = score;
    slotGroup.count = 1;
    slotGroup.exclusive = true;
    return slotGroup;
  }

  private EGroup newGroup() {
    if (memo != null && memo.recording()) {
      // made during a remembered visit: kept by the entry as it is, so not from the arena
      EGroup g = new EGroup();
      g.outsideArena = true;
      return g;
    }
    if (groupsUsed == groupArena.length) {
      groupArena = java.util.Arrays.copyOf(groupArena, groupsUsed * 2);
    }
    EGroup g = groupArena[groupsUsed];
    if (g == null) {
      g = new EGroup();
      groupArena[groupsUsed] = g;
    } else {
      g.reset();
    }
    groupsUsed++;
    return g;
  }

  /**
   * Fluxion's resolve: enforces the choice made at {@code u}, or hands its candidates up; they are
   * taken over rather than copied when {@code dfu} is not read again ({@code u}'s visit is not
   * being remembered).
   */
  private void resolve(int u, Dfu dfu, Dfu toParent, boolean mayTake) {
    if (dfu.overallScore > 0) {
      if (dfu.hierConstrainNow) {
        enforce(dfu, u, commitSlotPaths);
      } else if (mayTake) {
        toParent.mergeTaking(dfu);
      } else {
        toParent.merge(dfu);
      }
    }
  }

  /**
   * Marks the chosen edges of {@code dfu}, enforced at vertex {@code top}; with {@code walk}, also
   * the edges of the unconstrained vertices between each chosen edge and {@code top} (Fluxion's
   * enforce_constrained, for the graph's final resolution). Fluxion enforces a choice made below
   * the root without that walk, so when a slot matched one level below its node (node->slot->core
   * on node->socket->core) the node->socket edge stays unmarked and the update commits nothing;
   * {@link #commitSlotPaths} walks there too.
   */
  private void enforce(Dfu dfu, int top, boolean walk) {
    for (int t = 0; t < dfu.n; t++) {
      Evals e = dfu.byType[t];
      if (e.bestK == 0) {
        continue;
      }
      for (int i = 0; i < e.bestI; i++) {
        EGroup eg = e.chosen(i);
        if (eg.root) {
          continue;
        }
        for (int k = 0; k < eg.nEdges; k++) {
          int slot = eg.edgeSlot(k);
          mark(slot, eg.edgeNeeds(k), eg.edgeExcl(k));
          if (!walk) {
            continue;
          }
          int pv = slotSource[slot];
          int pe;
          while (pv != top && (pe = firstIn[pv]) >= 0) {
            if (markSeq[pe] == seq) {
              break;
            }
            int tgt = pv;
            pv = slotSource[pe];
            Evals te = dfu.find(g.typeOf(tgt));
            if (te != null && te.bestK == 0) {
              mark(pe, g.size(tgt), false);
            }
          }
        }
      }
    }
  }

  private void mark(int slot, long needs, boolean x) {
    markSeq[slot] = seq;
    markNeeds[slot] = needs;
    markExcl[slot] = x;
    if (memo != null && memo.recording()) {
      memo.logMark(slot, needs, x);
    }
  }

  /** Fluxion's resolve_graph; returns the root's needs or -1. */
  private long resolveGraph(int root, Req[] resources, Dfu dfu) {
    // dom_finish_graph
    boolean met = true;
    for (Req r : resources) {
      long qc = dfu.qualifiedCount(r.type);
      long count = r.calcCount(qc);
      if (count == 0) {
        met = false;
        break;
      }
      Order order =
          policy.localityRanking()
              ? Order.intervalGreater(dfu.get(r.type), policy.stableTies())
              : Order.of(policy.higherFirstAtTop(), policy.stableTies());
      dfu.chooseAccumBestK(r.type, count, order);
    }
    dfu.overallScore = met ? 1 : 0;
    factorSum = 0;
    if (!met) {
      return -1;
    }
    long needs = 1;
    for (Req r : resources) {
      if (r.type == g.typeOf(root)) {
        long count = r.calcCount(dfu.avail);
        if (count == 0) {
          return -1;
        }
        needs = count;
      }
    }
    for (int i = 0; i < dfu.n; i++) {
      if (dfu.byType[i].qual == 0) {
        return -1;
      }
    }
    enforce(dfu, root, true);
    return needs;
  }

  // ------------------------------------------------------------------ marks from an R

  /**
   * Marks the edges between vertices of {@code in} (a selection by vertex) as Fluxion's readers do
   * for an update from R, so that {@link #update} emits and commits exactly that selection.
   */
  void markSelection(int root, boolean[] in, long[] needs, boolean[] excl) {
    ensureScratch();
    tick++;
    seq++;
    for (int v = 0; v < in.length; v++) {
      if (!in[v]) {
        continue;
      }
      int pe = firstIn[v];
      if (pe >= 0 && in[slotSource[pe]]) {
        mark(pe, needs[v], excl[v]);
      }
    }
    rootMarkSeq = seq;
    rootNeeds = needs[root];
    rootExcl = excl[root];
  }

  // ------------------------------------------------------------------ update pass

  /** Whether the last select left a marked root edge (a match to commit). */
  boolean rootMarked() {
    return rootMarkSeq == seq;
  }

  /**
   * Fluxion's update after a select: walks marked edges, adds spans (unless {@code NO_ALLOC}) and
   * emits the resource set. Returns null when nothing was emitted.
   */
  ResourceSet.Builder update(int root, Meta m) {
    this.meta = m;
    ensureScratch();
    tick++;
    out = ResourceSet.builder(g).dominantSubsystem(dom);
    long[] agg = new long[prune.count()];
    boolean emitShadow = isExclusiveType(g.typeOf(root));
    int n = updDfv(root, rootNeeds, rootExcl, agg, emitShadow);
    if (n <= 0) {
      return null;
    }
    out.schedule(m.at, m.duration);
    return out;
  }

  /**
   * Set by {@link #updDfv} on return: whether the vertex passed a tracked resource type up to its
   * parent (Fluxion's {@code accum_if} inserted a key, even a zero), so the parent's aggregate map
   * is not empty.
   */
  private boolean keyedUp;

  private int updDfv(int u, long needs, boolean excl, long[] toParent, boolean emitShadow) {
    boolean mod = emitShadow || isExclusiveType(g.typeOf(u));
    excl = excl || mod;
    color[u] = tick;
    int nPlans = 0;
    long[] agg = new long[prune.count()];
    boolean any = false;
    Adjacency a = adj;
    for (int i = a.start(u); i < a.end(u); i++) {
      int tgt = a.target(i);
      if (color[tgt] == tick) {
        continue;
      }
      if (markSeq[i] != seq && !mod) {
        continue;
      }
      boolean x = markExcl[i] || mod;
      long nd = mod ? g.size(tgt) : markNeeds[i];
      int sub = updDfv(tgt, nd, x, agg, mod);
      if (sub > 0) {
        // Fluxion adds an aggregate span only when a tracked type reached this vertex's map
        any |= keyedUp;
        if (policy.stopOnFirstMatch()) {
          updByOutedges(i, tgt);
        }
        out.edge(u, tgt, dom);
        nPlans += sub;
      }
    }
    // upd_sched
    if (meta.allocType == AllocType.NO_ALLOC) {
      if (excl) {
        nPlans++;
      }
    } else {
      if (excl) {
        nPlans++;
        byte kind =
            meta.allocType == AllocType.ALLOC_ORELSE_RESERVE
                ? VertexSchedule.RESERVED
                : VertexSchedule.ALLOCATED;
        if (meta.allocType == AllocType.SATISFIABILITY) {
          kind = VertexSchedule.SHARED;
        }
        st.schedOf(u).add(meta.jobId, meta.at, meta.at + meta.duration, needs, kind);
        touch(u);
      }
      if (nPlans > 0) {
        touch(u);
        if (!excl) {
          st.schedOf(u).add(meta.jobId, meta.at, meta.at + meta.duration, 0, VertexSchedule.SHARED);
        }
        SubtreePlan p = any ? st.subForWrite(u) : null;
        if (p != null) {
          p.add(meta.jobId, meta.at, meta.at + meta.duration, agg);
        }
        int pt = prune.pruneIndexOfType(g.typeOf(u));
        if (pt >= 0) {
          toParent[pt] += excl ? g.size(u) : g.size(u) - needs;
        }
        for (int k = 0; k < agg.length; k++) {
          toParent[k] += agg[k];
        }
      }
    }
    keyedUp =
        nPlans > 0
            && meta.allocType != AllocType.NO_ALLOC
            && (any || prune.pruneIndexOfType(g.typeOf(u)) >= 0);
    if (nPlans > 0) {
      int e = out.add(u, needs, excl);
      if (label != null && labelSeq[u] == seq && label[u] != null) {
        out.ephemeral(e, "label", label[u]);
      }
    }
    return nPlans;
  }

  private void updByOutedges(int slot, int tgt) {
    SubtreePlan p = st.sub[tgt];
    if (p == null || p.types.length == 0) {
      return;
    }
    long avail = p.availAt(p.types.length - 1, meta.now);
    if (avail == 0 && p.n == 0) {
      return;
    }
    st.setWeight(slot, avail < 0 ? 0 : avail);
    touch(slotSource[slot]);
  }

  // ------------------------------------------------------------------ cancel

  /**
   * Fluxion's remove (full cancel): from the root through vertices tagged with the job. Returns
   * whether anything was removed.
   */
  boolean remove(int root, long jobId) {
    ensureScratch();
    preorder = 0;
    postorder = 0;
    tick++;
    VertexSchedule rs = st.sched[root];
    if (rs != null && rs.indexOf(jobId) >= 0) {
      modDfv(root, jobId);
      return true;
    }
    boolean any = false;
    for (int v = 0; v < g.vertexLimit(); v++) {
      VertexSchedule s = st.sched[v];
      if (s != null && s.indexOf(jobId) >= 0) {
        st.schedForWrite(v).remove(jobId);
        any = true;
        touch(v);
      }
      SubtreePlan p = st.sub[v];
      if (p != null && p.has(jobId)) {
        st.subForWrite(v).remove(jobId);
        touch(v);
      }
    }
    return any;
  }

  private void modDfv(int u, long jobId) {
    preorder++;
    color[u] = tick;
    VertexSchedule s = st.sched[u];
    if (s == null || s.indexOf(jobId) < 0) {
      return;
    }
    st.schedForWrite(u).remove(jobId);
    touch(u);
    SubtreePlan p = st.sub[u];
    if (p != null && p.has(jobId)) {
      st.subForWrite(u).remove(jobId);
    }
    Adjacency a = adj;
    for (int i = a.start(u); i < a.end(u); i++) {
      int tgt = a.target(i);
      if (color[tgt] != tick) {
        modDfv(tgt, jobId);
      }
    }
    postorder++;
  }
}
