package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchPolicy;

/**
 * What the select pass ({@link Traverser}) leaves for the update pass ({@link TraversalUpdate}):
 * the edge marks, labels, colors, exclusive types, visit counters and error text, over the dominant
 * subsystem's edge index. These are the data members of Fluxion's {@code dfu_impl_t} ({@code
 * resource/traversers/dfu_impl.hpp}), which its select ({@code dfu_impl.cpp}) and update ({@code
 * dfu_impl_update.cpp}) share.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>An out-edge is an index into {@link #adj} (its "slot"); {@link #slotSource} and {@link
 * #firstIn} give each slot's source and each vertex's first in-slot, so that an enforce can walk
 * up. Marks and colors are epoch-stamped: a slot is marked for the current select when {@code
 * markSeq[slot] == seq}, a vertex is visited in the current pass when {@code color[v] == tick}, so
 * nothing is cleared between matches. The per-vertex and per-slot scratch arrays are allocated on
 * first use ({@link #ensureScratch}), so that a copy of an engine costs O(1) until it matches. Also
 * owns the {@link VisitMemo} (remembered subtree visits, a flux4j addition) and the {@link
 * OutEdgeOrder} cache, both derived from the topology. Not thread-safe.
 */
final class TraversalMarks {
  final ResourceGraph g;
  final int dom;
  final MatchPolicy policy;
  final PruneConfig prune;
  final SchedState st;

  /** The by_outedges order of each vertex's out-slots, kept between matches. */
  final OutEdgeOrder orders;

  /** What failed fits proved about aggregates, for the selects after them. */
  final FitWitnesses witnesses;

  // the dominant subsystem's edge index (shared with copies: replaced, never written in place)
  Adjacency adj;
  int[] slotSource;
  int[] firstIn;

  // scratch, epoch-stamped; allocated on first use (see ensureScratch)
  int[] color;
  int tick;
  int[] markSeq;
  long[] markNeeds;
  boolean[] markExcl;
  int rootMarkSeq;
  long rootNeeds;
  boolean rootExcl;
  int seq;
  String[] label;
  int[] labelSeq;
  private boolean[] exclType;
  private boolean[] baseExclType;

  /** Types a failed match left exclusive for good (see {@link #keepExclusiveTypes()}). */
  private final IntArrayList keptExclType;

  /**
   * Fluxion's errno as the matches have left it (0: none set since {@link Scheduler} last cleared
   * it). errno belongs to Fluxion's process and a call that succeeds leaves it alone, so a select
   * that matched still leaves the code of the last thing that failed on its way: a pruned or unmet
   * vertex (EBUSY; EINVAL for an exclusivity conflict), a flexible or-slot whose subtree plan
   * refused it while a sibling passed (ERANGE or EBUSY, see {@link SelectPrune#bySubplan}), an
   * earlier xor variant. The scheduler reads it after a failed schedule and a failed update.
   */
  int errno;

  /** Fluxion's preorder/postorder visit counts of the last select or remove. */
  long preorder;

  long postorder;

  /**
   * The visit counts of the last match, cancel or partial cancel as resource-query reports them
   * (the selects of one match add up; Fluxion's quirks included).
   */
  long totalPre;

  long totalPost;

  /**
   * What Fluxion's traverser level counter ({@code m_trav_level}) stands at between passes: 0, but
   * one more for every vertex whose spans an update pass failed to add (its {@code upd_sched} skips
   * the decrement). Never reset, as in Fluxion; emitted entries are shifted by it.
   */
  int levelLeak;

  final StringBuilder err = new StringBuilder();

  // remembered subtree visits (null when the dominant subsystem is not a tree)
  VisitMemo memo;

  /** A copy's memo before its first select: the original's, for its topology (see ensureMemo). */
  private VisitMemo memoTemplate;

  private long graphModifications;

  private int memoMinSubtree = Integer.getInteger("flux4j.memo.minSubtree", VisitMemo.MIN_SUBTREE);

  /**
   * The matcher's auxiliary subsystems in its order (the -S option's subsystems after the dominant
   * one): the select scores every explored vertex's out-edges there ({@link AuxScoring}).
   */
  int[] aux = new int[0];

  TraversalMarks(ResourceGraph g, int dom, MatchPolicy policy, PruneConfig prune, SchedState st) {
    this.g = g;
    this.dom = dom;
    this.policy = policy;
    this.prune = prune;
    this.st = st;
    this.orders = new OutEdgeOrder(this, true);
    this.witnesses = new FitWitnesses(st);
    this.keptExclType = new IntArrayList();
    indexEdges();
    resetExclusiveTypes();
  }

  /**
   * The marks of a copy of {@code o}'s engine: {@code g} is a copy of {@code o}'s graph (same
   * topology) and {@code st} a copy of its state. O(1): it shares {@code o}'s topology-derived
   * arrays (never written in place: a resize replaces them), allocates its scratch arrays on first
   * use and starts with an empty memo.
   */
  TraversalMarks(TraversalMarks o, ResourceGraph g, PruneConfig prune, SchedState st) {
    this.g = g;
    this.dom = o.dom;
    this.policy = o.policy;
    this.prune = prune;
    this.st = st;
    this.orders = new OutEdgeOrder(this, o.orders.keeps());
    this.witnesses = new FitWitnesses(st);
    this.seq = o.seq;
    this.totalPre = o.totalPre;
    this.totalPost = o.totalPost;
    this.levelLeak = o.levelLeak;
    this.adj = o.adj;
    this.slotSource = o.slotSource;
    this.firstIn = o.firstIn;
    this.baseExclType = o.baseExclType;
    this.keptExclType = new IntArrayList(o.keptExclType.toArray());
    this.exclType = o.baseExclType.clone();
    this.memoMinSubtree = o.memoMinSubtree;
    this.aux = o.aux;
    this.memoTemplate = o.memo != null ? o.memo : o.memoTemplate;
  }

  /** Allocates the per-vertex and per-edge scratch arrays, if not yet (or too small). */
  void ensureScratch() {
    int n = g.vertexLimit();
    if (color == null || n > color.length) {
      color = color == null ? new int[n] : Arrays.copyOf(color, n);
      if (label != null) {
        label = Arrays.copyOf(label, n);
        labelSeq = Arrays.copyOf(labelSeq, n);
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
    witnesses.clear();
    indexEdges();
    resetExclusiveTypes();
  }

  private void indexEdges() {
    adj = g.out(dom);
    orders.forget();
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
    Arrays.fill(firstIn, -1);
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

  // ------------------------------------------------------------------ remembered visits

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
    if (!tree || memoMinSubtree <= 0 || aux.length > 0) {
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
            stack = Arrays.copyOf(stack, sp * 2);
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
   * Sets the matcher's auxiliary subsystems (in the matcher's order); visits are then never
   * remembered, as a remembered visit does not keep auxiliary entries.
   */
  void auxSubsystems(int[] subsystems) {
    aux = subsystems.clone();
    if (aux.length > 0) {
      memo = null;
      memoTemplate = null;
    }
  }

  /**
   * Sets the smallest subtree whose visits are remembered (0 turns remembering off, and keeping
   * children's orders too) and starts afresh; for tests that compare the engine with and without
   * the memo.
   */
  void rememberVisits(int minSubtree) {
    memoMinSubtree = minSubtree;
    orders.keep(minSubtree > 0);
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

  /**
   * Readies the memo for a select of {@code resources}: a copy gets its own empty memo over the
   * topology it shares with its original, and a graph changed since the last select forgets all.
   */
  void beginSelect(Req[] resources, JobMeta m) {
    if (memoTemplate != null) {
      memo = memoTemplate.emptySibling();
      memoTemplate = null;
      graphModifications = g.modificationCount();
    }
    if (memo != null) {
      if (g.modificationCount() != graphModifications) {
        graphModifications = g.modificationCount();
        memo.clear();
      }
      memo.beginSelect(resources, m);
    }
  }

  /** Whether a remembered visit is being recorded (its marks and labels are logged). */
  boolean recording() {
    return memo != null && memo.recording();
  }

  /** Invalidates the remembered visits through {@code v}, whose state changed. */
  void touch(int v) {
    if (memo != null) {
      memo.touch(v);
    }
  }

  // ------------------------------------------------------------------ marks and labels

  /** The out-slots marked under sequence number {@link #markedSeq}, each once, in marking order. */
  private int[] marked = new int[16];

  private int markedN;
  private int markedSeq;

  /** Out-degree from which {@link #markedAmong} lists a vertex's marked slots. */
  private static final int MARKED_LIST_FROM = 32;

  /** Marks out-slot {@code slot} for the current select with what its target needs. */
  void mark(int slot, long needs, boolean x) {
    if (markSeq[slot] != seq) {
      if (markedSeq != seq) {
        markedSeq = seq;
        markedN = 0;
      }
      if (markedN == marked.length) {
        marked = Arrays.copyOf(marked, 2 * markedN);
      }
      marked[markedN++] = slot;
    }
    markSeq[slot] = seq;
    markNeeds[slot] = needs;
    markExcl[slot] = x;
    if (recording()) {
      memo.logMark(slot, needs, x);
    }
  }

  /**
   * The out-slots in {@code [from, to)} (one vertex's) marked under the current sequence number, in
   * ascending order, or null when that vertex has few out-slots or many are marked (then a pass
   * over all of them, testing {@link #markSeq}, is as cheap). O(slots marked in this select).
   */
  int[] markedAmong(int from, int to) {
    if (to - from < MARKED_LIST_FROM) {
      return null;
    }
    if (markedSeq != seq) {
      return new int[0];
    }
    if (markedN > (to - from) / 4) {
      return null;
    }
    int[] out = new int[markedN];
    int n = 0;
    for (int i = 0; i < markedN; i++) {
      int slot = marked[i];
      if (slot >= from && slot < to) {
        out[n++] = slot;
      }
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  /** Marks the root of the current select (it has no in-edge to carry the mark). */
  void markRoot(long needs, boolean x) {
    rootMarkSeq = seq;
    rootNeeds = needs;
    rootExcl = x;
  }

  /** Whether the last select left a marked root (a match to commit). */
  boolean rootMarked() {
    return rootMarkSeq == seq;
  }

  /** Labels vertex {@code v} for the current select (emitted as its ephemeral "label"). */
  void setLabel(int v, String text) {
    if (label == null) {
      // most requests carry no labels: allocated on the first one
      label = new String[color.length];
      labelSeq = new int[color.length];
    }
    label[v] = text;
    labelSeq[v] = seq;
    if (recording()) {
      memo.logLabel(v, text);
    }
  }

  /** The label of vertex {@code v} set by the current select, or null. */
  String labelOf(int v) {
    return label != null && labelSeq[v] == seq ? label[v] : null;
  }

  // ------------------------------------------------------------------ errors

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
    for (int i = 0; i < keptExclType.size(); i++) {
      int t = keptExclType.get(i);
      if (t < baseExclType.length) {
        baseExclType[t] = true;
      }
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

  /**
   * Makes the exclusive types of the current match those of every later match: Fluxion's match that
   * fails to build its job's metadata returns without resetting the types its jobspec added. They
   * survive a {@link #resize()} too.
   */
  void keepExclusiveTypes() {
    for (int t = 0; t < exclType.length; t++) {
      if (exclType[t] && !baseExclType[t] && !keptExclType.contains(t)) {
        keptExclType.add(t);
      }
    }
    baseExclType = exclType.clone(); // replaced, never written in place: copies share it
  }

  boolean isExclusiveType(int t) {
    return t >= 0 && t < exclType.length && exclType[t];
  }

  /** Makes type {@code t} exclusive for the current match (a request asked so explicitly). */
  void addExclusiveType(int t) {
    if (t >= 0 && t < exclType.length) {
      exclType[t] = true;
    }
  }
}
