package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobRequest;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;

/**
 * The nodes of a {@link CountingPool} and what of them is in use now: first fit over the nodes in
 * graph order, lowest core and GPU ids first; drained and down nodes get nothing.
 *
 * <p>Implementation notes: the nodes are the vertices of type {@code node}; each knows the core and
 * GPU vertices of its containment subtree, a used bit per core and GPU, its free counts and whether
 * a job holds it whole. Two vertex-indexed arrays map a core or GPU vertex back to its node and
 * index, so that {@link #free} walks the allocation's vertices alone. Allocation is O(nodes + cores
 * taken); a request larger than the free total fails in O(1). Invariants: the free totals are the
 * sums of the nodes' free counts, a node's free counts are its clear used bits, and a node is open
 * exactly when it is usable (not drained, down or held whole) and has a core free. Knows nothing of
 * time. Loop-owned; not thread-safe, except {@link #hasRank}, which reads immutable data.
 */
final class PoolNodes {
  private final int n;
  private final int[] nodeVertex;
  private final int[] rank;
  private final String[] host;
  private final int[][] coreVertex;
  private final int[][] coreId;
  private final int[][] gpuVertex;
  private final int[][] gpuId;
  private final BitSet[] coreUsed;
  private final BitSet[] gpuUsed;
  private final int[] freeCores;
  private final int[] freeGpus;
  private final boolean[] wholeHeld;
  private final boolean[] drained;
  private final boolean[] down;
  private final BitSet open; // nodes usable and with a core free: where a core slot can go
  private final IntIntHashMap nodeOfRank = new IntIntHashMap();
  private final LongLongHashMap mostSlots =
      new LongLongHashMap(); // slot shape -> slots the pool holds
  private final int[] nodeOfVertex;
  private final int[] indexOfVertex;
  private final int totalCores;
  private final boolean singleCoreNodes;
  private int notUp; // how many nodes are drained or down
  private int totalFreeCores;
  private int totalFreeGpus;

  /**
   * Every node of {@code graph}, all free.
   *
   * @throws IllegalArgumentException if the graph has no vertex of type {@code node}, or two nodes
   *     share a rank
   */
  PoolNodes(ResourceGraph graph) {
    List<Integer> nodes = new ArrayList<>();
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (graph.isLive(v) && graph.type(v).equals("node")) {
        nodes.add(v);
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the resource graph has no vertex of type node");
    }
    n = nodes.size();
    nodeVertex = new int[n];
    rank = new int[n];
    host = new String[n];
    coreVertex = new int[n][];
    coreId = new int[n][];
    gpuVertex = new int[n][];
    gpuId = new int[n][];
    coreUsed = new BitSet[n];
    gpuUsed = new BitSet[n];
    freeCores = new int[n];
    freeGpus = new int[n];
    wholeHeld = new boolean[n];
    drained = new boolean[n];
    down = new boolean[n];
    nodeOfVertex = new int[graph.vertexLimit()];
    indexOfVertex = new int[graph.vertexLimit()];
    Arrays.fill(nodeOfVertex, -1);
    Adjacency out = graph.out(0);
    int cores = 0;
    for (int i = 0; i < n; i++) {
      int v = nodes.get(i);
      nodeVertex[i] = v;
      rank[i] = graph.rank(v) >= 0 ? graph.rank(v) : i;
      host[i] = graph.name(v);
      if (nodeOfRank.containsKey(rank[i])) {
        throw new IllegalArgumentException(
            "nodes "
                + host[nodeOfRank.get(rank[i])]
                + " and "
                + host[i]
                + " share rank "
                + rank[i]);
      }
      nodeOfRank.put(rank[i], i);
      nodeOfVertex[v] = i;
      List<Integer> cv = new ArrayList<>();
      List<Integer> gv = new ArrayList<>();
      collect(graph, out, v, cv, gv);
      coreVertex[i] = cv.stream().mapToInt(Integer::intValue).toArray();
      gpuVertex[i] = gv.stream().mapToInt(Integer::intValue).toArray();
      coreId[i] = ids(graph, coreVertex[i]);
      gpuId[i] = ids(graph, gpuVertex[i]);
      for (int k = 0; k < coreVertex[i].length; k++) {
        nodeOfVertex[coreVertex[i][k]] = i;
        indexOfVertex[coreVertex[i][k]] = k;
      }
      for (int k = 0; k < gpuVertex[i].length; k++) {
        nodeOfVertex[gpuVertex[i][k]] = i;
        indexOfVertex[gpuVertex[i][k]] = k;
      }
      coreUsed[i] = new BitSet(coreVertex[i].length);
      gpuUsed[i] = new BitSet(gpuVertex[i].length);
      freeCores[i] = coreVertex[i].length;
      freeGpus[i] = gpuVertex[i].length;
      cores += freeCores[i];
      totalFreeGpus += freeGpus[i];
    }
    totalCores = cores;
    totalFreeCores = cores;
    open = new BitSet(n);
    for (int i = 0; i < n; i++) {
      refresh(i);
    }
    boolean single = true;
    for (int i = 0; i < n; i++) {
      single &= coreVertex[i].length == 1 && gpuVertex[i].length == 0;
    }
    singleCoreNodes = single;
  }

  private static void collect(
      ResourceGraph g, Adjacency out, int root, List<Integer> cores, List<Integer> gpus) {
    int[] stack = new int[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      int u = stack[--sp];
      String t = g.type(u);
      if (t.equals("core")) {
        cores.add(u);
      } else if (t.equals("gpu")) {
        gpus.add(u);
      }
      for (int e = out.end(u) - 1; e >= out.start(u); e--) {
        if (sp == stack.length) {
          stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = out.target(e);
      }
    }
  }

  private static int[] ids(ResourceGraph g, int[] vertices) {
    int[] out = new int[vertices.length];
    for (int k = 0; k < vertices.length; k++) {
      out[k] = (int) g.id(vertices[k]);
    }
    return out;
  }

  private boolean usable(int i) {
    return !drained[i] && !down[i] && !wholeHeld[i];
  }

  private int slotsFitting(int cores, int gpus, int c, int g) {
    int k = cores / c;
    return g > 0 ? Math.min(k, gpus / g) : k;
  }

  /** Whether every node is a single core without GPUs. */
  boolean singleCoreNodes() {
    return singleCoreNodes;
  }

  /**
   * Takes the request's slots now, first fit over the usable nodes in order, or returns null
   * (changing nothing) if they do not fit now.
   */
  Allocation allocate(JobRequest r) {
    int c = r.coresPerSlot();
    int g = r.gpusPerSlot();
    int s = r.slots();
    if ((long) c * s > totalFreeCores || (long) g * s > totalFreeGpus) {
      return null;
    }
    int[] pick = new int[Math.min(n, Math.max(1, r.nodes() > 0 ? r.nodes() : s))];
    int[] count = new int[pick.length];
    int m = 0;
    if (r.nodes() == 0) {
      int remaining = s;
      // with a core per slot, only open nodes (usable, a core free) can serve: visit those alone
      for (int i = c > 0 ? open.nextSetBit(0) : 0;
          i >= 0 && i < n && remaining > 0;
          i = c > 0 ? open.nextSetBit(i + 1) : i + 1) {
        if (usable(i) && freeCores[i] >= c) {
          int k = Math.min(remaining, slotsFitting(freeCores[i], freeGpus[i], c, g));
          if (k > 0) {
            if (m == pick.length) {
              pick = Arrays.copyOf(pick, Math.min(n, m * 2));
              count = Arrays.copyOf(count, pick.length);
            }
            pick[m] = i;
            count[m++] = k;
            remaining -= k;
          }
        }
      }
      if (remaining > 0) {
        return null;
      }
      return commit(pick, count, m, c, g, false);
    }
    int nodesWanted = r.nodes();
    int per = s / nodesWanted;
    int extra = s % nodesWanted;
    for (int i = 0; i < n && m < nodesWanted; i++) {
      if (!usable(i)) {
        continue;
      }
      if (r.exclusive()
          && (freeCores[i] != coreVertex[i].length || freeGpus[i] != gpuVertex[i].length)) {
        continue;
      }
      int want = per + (m < extra ? 1 : 0);
      if (slotsFitting(freeCores[i], freeGpus[i], c, g) >= want) {
        pick[m] = i;
        count[m++] = want;
      }
    }
    if (m < nodesWanted) {
      return null;
    }
    return commit(pick, count, m, c, g, r.exclusive());
  }

  /** Takes {@code count[j]} slots on node {@code pick[j]} for each of the first {@code m}. */
  private Allocation commit(int[] pick, int[] count, int m, int c, int g, boolean whole) {
    List<Allocation.Slot> slots = new ArrayList<>();
    int[] vertices = new int[8];
    int nv = 0;
    for (int j = 0; j < m; j++) {
      int i = pick[j];
      if (whole) {
        wholeHeld[i] = true;
        vertices = grow(vertices, nv + 1);
        vertices[nv++] = nodeVertex[i];
      }
      for (int k = 0; k < count[j]; k++) {
        int[] cs = new int[c];
        int[] gs = new int[g];
        for (int a = 0; a < c; a++) {
          int idx = coreUsed[i].nextClearBit(0);
          coreUsed[i].set(idx);
          cs[a] = coreId[i][idx];
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = coreVertex[i][idx];
        }
        for (int a = 0; a < g; a++) {
          int idx = gpuUsed[i].nextClearBit(0);
          gpuUsed[i].set(idx);
          gs[a] = gpuId[i][idx];
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = gpuVertex[i][idx];
        }
        freeCores[i] -= c;
        freeGpus[i] -= g;
        totalFreeCores -= c;
        totalFreeGpus -= g;
        slots.add(new Allocation.Slot(rank[i], host[i], cs, gs));
      }
      if (whole) {
        // the rest of the node is held too: account for it as used
        for (int idx = coreUsed[i].nextClearBit(0);
            idx < coreVertex[i].length;
            idx = coreUsed[i].nextClearBit(idx + 1)) {
          coreUsed[i].set(idx);
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = coreVertex[i][idx];
          freeCores[i]--;
          totalFreeCores--;
        }
        for (int idx = gpuUsed[i].nextClearBit(0);
            idx < gpuVertex[i].length;
            idx = gpuUsed[i].nextClearBit(idx + 1)) {
          gpuUsed[i].set(idx);
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = gpuVertex[i][idx];
          freeGpus[i]--;
          totalFreeGpus--;
        }
      }
      refresh(i);
    }
    return new Allocation(slots, Arrays.copyOf(vertices, nv));
  }

  /** Brings node {@code i}'s open bit up to date: usable and a core free. */
  private void refresh(int i) {
    open.set(i, usable(i) && freeCores[i] > 0);
  }

  private static int[] grow(int[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
  }

  /** Gives back the cores, GPUs and whole nodes of an allocation made by {@link #allocate}. */
  void free(Allocation allocation) {
    for (int v : allocation.vertices()) {
      int i = v < nodeOfVertex.length ? nodeOfVertex[v] : -1;
      if (i < 0) {
        continue;
      }
      if (v == nodeVertex[i]) {
        wholeHeld[i] = false;
        refresh(i);
        continue;
      }
      int idx = indexOfVertex[v];
      if (idx < coreVertex[i].length && coreVertex[i][idx] == v) {
        if (coreUsed[i].get(idx)) {
          coreUsed[i].clear(idx);
          freeCores[i]++;
          totalFreeCores++;
          refresh(i);
        }
      } else if (idx < gpuVertex[i].length && gpuVertex[i][idx] == v && gpuUsed[i].get(idx)) {
        gpuUsed[i].clear(idx);
        freeGpus[i]++;
        totalFreeGpus++;
      }
    }
  }

  /** Why the request can never be satisfied even with every node free and up, or null if it can. */
  String unsatisfiable(JobRequest r) {
    int c = r.coresPerSlot();
    int g = r.gpusPerSlot();
    int s = r.slots();
    String what = s + " slot(s) of " + c + " core(s)" + (g > 0 ? " and " + g + " GPU(s)" : "");
    if (r.nodes() == 0) {
      long fit = mostSlots(c, g);
      return fit >= s ? null : what + " requested, the resources hold at most " + fit;
    }
    int nodesWanted = r.nodes();
    if (nodesWanted > n) {
      return nodesWanted + " node(s) requested, the resources have " + n;
    }
    int per = s / nodesWanted;
    int extra = s % nodesWanted;
    int bigger = 0;
    int enough = 0;
    for (int i = 0; i < n; i++) {
      int fit = slotsFitting(coreVertex[i].length, gpuVertex[i].length, c, g);
      if (fit >= per + 1) {
        bigger++;
      }
      if (fit >= per) {
        enough++;
      }
    }
    if (bigger >= extra && enough >= nodesWanted) {
      return null;
    }
    return what + " on " + nodesWanted + " node(s) requested, too few nodes are large enough";
  }

  /**
   * How many slots of {@code c} cores and {@code g} GPUs the whole pool holds (cached by shape).
   */
  private long mostSlots(int c, int g) {
    long shape = ((long) c << 32) | (g & 0xffffffffL);
    if (mostSlots.containsKey(shape)) {
      return mostSlots.get(shape);
    }
    long fit = 0;
    for (int i = 0; i < n; i++) {
      fit += slotsFitting(coreVertex[i].length, gpuVertex[i].length, c, g);
    }
    mostSlots.put(shape, fit);
    return fit;
  }

  /** Whether {@code r} is the rank of a node. */
  boolean hasRank(int r) {
    return nodeOfRank.containsKey(r);
  }

  private int node(int r) {
    if (!nodeOfRank.containsKey(r)) {
      throw new IllegalArgumentException("no execution target with rank " + r);
    }
    return nodeOfRank.get(r);
  }

  /**
   * Drains or undrains the node of rank {@code r}.
   *
   * @throws IllegalArgumentException if no node has that rank (nothing changes)
   */
  void setDrained(int r, boolean on) {
    int i = node(r);
    notUp += (on && !down[i] && !drained[i] ? 1 : 0) - (!on && drained[i] && !down[i] ? 1 : 0);
    drained[i] = on;
    refresh(i);
  }

  /**
   * Marks the node of rank {@code r} down or up.
   *
   * @throws IllegalArgumentException if no node has that rank (nothing changes)
   */
  void setDown(int r, boolean on) {
    int i = node(r);
    notUp += (on && !down[i] && !drained[i] ? 1 : 0) - (!on && down[i] && !drained[i] ? 1 : 0);
    down[i] = on;
    refresh(i);
  }

  /** How many nodes are drained or down. */
  int notUp() {
    return notUp;
  }

  /** How many cores are free now (on any node, drained and down ones included). */
  int freeCores() {
    return totalFreeCores;
  }

  /** How many cores the nodes have. */
  int totalCores() {
    return totalCores;
  }

  /** How many GPUs are free now. */
  int freeGpus() {
    return totalFreeGpus;
  }
}
