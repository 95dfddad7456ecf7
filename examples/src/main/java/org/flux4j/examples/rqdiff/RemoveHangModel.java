package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.graph.io.IdSet;

/**
 * Which {@code remove} commands hang the real Fluxion resource-query (or leave it in a state it
 * does not define), followed through a script's graph changes: {@code remove PATH true} and {@code
 * remove RANKS false}.
 *
 * <p>Fluxion keeps, per vertex, an ordered map of its out-edges over every subsystem (its graph
 * metadata's {@code by_outedges}, keyed by edge weight and target uniq_id). {@code
 * dfu_impl_t::remove_metadata_outedges} deletes a removed subtree root's entry from its containment
 * parent's map in a {@code for} loop that both assigns {@code kv = outedges.erase(kv)} and then
 * runs {@code ++kv}. When that entry was the map's only one, {@code erase} returns {@code end()} of
 * a now empty map and {@code ++} on it spins forever inside libstdc++'s {@code _Rb_tree_increment}
 * (an empty tree's header is its own left child). So a remove hangs exactly when the vertex's
 * parent has no other entry left: the parent's only child in every subsystem, counting the children
 * earlier removes took away and the ones an {@code attach} added. (When the erased entry is the
 * last of several, {@code ++end()} lands back on the map's last entries and the loop ends; when it
 * is not the last, one entry is skipped, which does no harm.)
 *
 * <p>A path remove erases the path's entry at its parent (the in-edge's source in the dominant
 * subsystem) and then clears the whole subtree reachable from the path. A path Fluxion does not
 * know (never there or already removed), the root, and a vertex whose parent is gone (below) fail
 * with an error and change nothing.
 *
 * <p>A rank remove ({@code dfu_impl_t::remove_subgraph} with ranks, after a partial cancel of the
 * ranks' jobs) looks each rank up in the graph's {@code by_rank} map, in ascending order: its root
 * is the first of its vertices with the shortest path, and that root's entry is erased at its
 * parent as above, one rank after the other (so {@code remove 0-1 false} on a parent whose only
 * children are ranks 0 and 1 hangs at rank 1); then exactly the vertices of those ranks are
 * cleared, not their subtrees. Where only a node carries a rank (GRUG, hwloc and most JGF graphs),
 * the node's sockets and cores stay behind: found by path, each with its own out-edges, but with no
 * parent, so that a later path remove of one fails and a path remove under one works as usual. A
 * rank that was never in the graph fails with an error before anything changes when it is the
 * lowest asked for ({@link RankRemove#ERROR}); the cases Fluxion does not define are {@link
 * RankRemove#UNDEFINED}: a rank whose vertices are all gone (by_rank keeps its key with an empty
 * list, and Fluxion asks a null vertex for its parent), a rank root without a parent, and an
 * unknown rank after a known one (an error after the known ranks' jobs were already cleared).
 *
 * <p>The model keeps Fluxion's map sizes: every out-edge target per vertex at load, plus the ones
 * an attach adds, minus the subtree root's entry at its parent on each remove; a removed vertex's
 * own map is dropped, and entries that other subsystems' parents (a pdu in the power subsystem)
 * hold for a removed vertex stay, as they do in Fluxion. Its graph is removed from as Fluxion's is
 * ({@link ResourceGraph#remove} for a path, {@link ResourceGraph#removeExactly} for ranks), so its
 * paths are the ones Fluxion still finds.
 *
 * <p>Not thread-safe; O(V + E) to build, O(V + E) per remove.
 */
final class RemoveHangModel {
  /** What a {@code remove RANKS false} does to Fluxion. */
  enum RankRemove {
    /** Removes the ranks' vertices and ends. */
    REMOVES,
    /** Fails with an error (the lowest rank is unknown) and changes nothing. */
    ERROR,
    /** Spins forever in {@code remove_metadata_outedges}. */
    HANGS,
    /** Reads a null vertex or leaves half-done changes behind: never drawn. */
    UNDEFINED
  }

  private final ResourceGraph g;
  private final Map<Integer, Set<Integer>> outTargets = new HashMap<>();

  /** Fluxion's by_rank: every rank a vertex had at load or attach, its live vertices in order. */
  private final Map<Integer, List<Integer>> byRank = new TreeMap<>();

  /** A model of {@code graph} as loaded (the graph is copied, not changed). */
  RemoveHangModel(ResourceGraph graph) {
    this.g = graph.copy();
    for (int s = 0; s < g.subsystems().size(); s++) {
      g.forEachEdge(s, (a, b, rel) -> outTargets.computeIfAbsent(a, k -> new HashSet<>()).add(b));
    }
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v)) {
        byRank.computeIfAbsent(g.rank(v), k -> new ArrayList<>()).add(v);
      }
    }
  }

  private RemoveHangModel(RemoveHangModel from) {
    this.g = from.g.copy();
    from.outTargets.forEach((v, targets) -> outTargets.put(v, new HashSet<>(targets)));
    from.byRank.forEach((r, vs) -> byRank.put(r, new ArrayList<>(vs)));
  }

  /** An independent copy of this model in its present state. */
  RemoveHangModel copy() {
    return new RemoveHangModel(this);
  }

  /** The containment parent Fluxion finds for {@code v} (its in-edge's source), or NONE. */
  private int liveParent(int v) {
    int p = g.parent(v);
    return p != ResourceGraph.NONE && g.isLive(p) ? p : ResourceGraph.NONE;
  }

  /**
   * Whether erasing {@code v}'s entry at {@code p} empties the map, given entries erased before.
   */
  private boolean lastEntry(int p, int v, Map<Integer, Integer> erasedBefore) {
    Set<Integer> entries = outTargets.get(p);
    return entries != null
        && entries.contains(v)
        && entries.size() - erasedBefore.getOrDefault(p, 0) == 1;
  }

  /**
   * Whether {@code remove path true} would hang Fluxion now: the path names a live vertex with a
   * parent whose out-edge map holds no entry but the one to it.
   */
  boolean hangs(String path) {
    OptionalInt v = g.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    int p = liveParent(v.getAsInt());
    return p != ResourceGraph.NONE && lastEntry(p, v.getAsInt(), Map.of());
  }

  /**
   * The path to remove in place of {@code path} so that Fluxion does not hang: {@code path} itself
   * when its remove does not hang, else its nearest containment ancestor whose remove does not (the
   * smallest enclosing subtree Fluxion can remove; the root, whose remove Fluxion refuses with an
   * error, when there is none).
   */
  String removable(String path) {
    OptionalInt v = g.vertexByPath(path);
    if (v.isEmpty()) {
      return path;
    }
    int u = v.getAsInt();
    while (hangs(g.path(u))) {
      u = g.parent(u);
    }
    return g.path(u);
  }

  /** Applies {@code remove path true} as Fluxion does (nothing when Fluxion fails it). */
  void remove(String path) {
    if (hangs(path)) {
      throw new IllegalStateException("remove " + path + " true hangs Fluxion");
    }
    OptionalInt v = g.vertexByPath(path);
    if (v.isEmpty() || liveParent(v.getAsInt()) == ResourceGraph.NONE) {
      return;
    }
    int root = v.getAsInt();
    eraseEntry(root);
    g.remove(root);
    forgetRemoved();
  }

  /**
   * Whether {@code remove path true} would leave an out-edge entry to a cleared vertex in the map
   * of a vertex that stays (see {@link #danglingAfter}); false when the remove fails or hangs.
   */
  boolean leavesDanglingEntry(String path) {
    OptionalInt v = g.vertexByPath(path);
    if (v.isEmpty() || liveParent(v.getAsInt()) == ResourceGraph.NONE || hangs(path)) {
      return false;
    }
    int root = v.getAsInt();
    ResourceGraph after = g.copy();
    after.remove(root);
    return danglingAfter(after, Map.of(liveParent(root), Set.of(root)));
  }

  /**
   * Whether {@code remove ranks false} would leave an out-edge entry to a cleared vertex in the map
   * of a vertex that stays (see {@link #danglingAfter}); false unless it {@link
   * RankRemove#REMOVES}.
   */
  boolean leavesDanglingEntry(SortedSet<Integer> ranks) {
    if (rankRemove(ranks) != RankRemove.REMOVES) {
      return false;
    }
    Map<Integer, Set<Integer>> erased = new HashMap<>();
    List<Integer> doomed = new ArrayList<>();
    for (int r : ranks) {
      int root = rankRoot(r);
      erased.computeIfAbsent(liveParent(root), k -> new HashSet<>()).add(root);
      doomed.addAll(byRank.get(r));
    }
    ResourceGraph after = g.copy();
    after.removeExactly(doomed.stream().mapToInt(Integer::intValue).toArray());
    return danglingAfter(after, erased);
  }

  /**
   * Whether a vertex live in {@code after} keeps an out-edge entry to a vertex the removal cleared,
   * other than the {@code erased} ones (the removed roots' entries at their containment parents).
   * Fluxion's {@code clear_vertex} frees every edge of a cleared vertex, but only that one entry is
   * taken out of {@code by_outedges}: a pdu's power-subsystem entry for a removed node stays,
   * holding a descriptor of a freed edge. {@code dfu_impl_t::explore_dynamically} (policies with
   * {@code stop_on_1_matches}, {@code first} and {@code firstnodex} among them) walks that map and
   * calls {@code in_subsystem} on the entry, which reads the freed edge's subsystem (valgrind: an
   * invalid read at dfu_impl.cpp:51 of a block freed by {@code clear_vertex} in {@code
   * remove_subgraph}). Its answer is whatever the freed memory holds: on rq-diff seed 339130 (and
   * its shrunk form: {@code remove /sim0/node6 true}, then two matches of a cluster with a pdu
   * under {@code policy=low stop_on_1_matches=true}) Fluxion's job counter differs between {@code
   * valgrind --free-fill=0x00} (matches the plain run) and {@code --free-fill=0xff} (matches
   * flux4j). Such removes are undefined there, so the generator does not draw them under those
   * policies (seed 307680 is the same read, caught by {@link Differ#heapShifted}).
   */
  private boolean danglingAfter(ResourceGraph after, Map<Integer, Set<Integer>> erased) {
    for (Map.Entry<Integer, Set<Integer>> e : outTargets.entrySet()) {
      int u = e.getKey();
      if (!after.isLive(u)) {
        continue;
      }
      Set<Integer> skip = erased.getOrDefault(u, Set.of());
      for (int t : e.getValue()) {
        if (g.isLive(t) && !after.isLive(t) && !skip.contains(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Erases {@code root}'s entry in its parent's out-edge map. */
  private void eraseEntry(int root) {
    Set<Integer> entries = outTargets.get(liveParent(root));
    if (entries != null) {
      entries.remove(root);
    }
  }

  /** Drops the removed vertices' own maps and their places in by_rank (the keys stay). */
  private void forgetRemoved() {
    outTargets.keySet().removeIf(u -> !g.isLive(u));
    for (List<Integer> l : byRank.values()) {
      l.removeIf(u -> !g.isLive(u));
    }
  }

  /** The ranks (0 and up) that still have a vertex, ascending. */
  List<Integer> liveRanks() {
    List<Integer> out = new ArrayList<>();
    byRank.forEach(
        (r, l) -> {
          if (r >= 0 && !l.isEmpty()) {
            out.add(r);
          }
        });
    return out;
  }

  /** Every rank a vertex ever had (Fluxion's by_rank keys), -1 included. */
  Set<Integer> knownRanks() {
    return new TreeSet<>(byRank.keySet());
  }

  /** What {@code remove ranks false} would do to Fluxion now. */
  RankRemove rankRemove(SortedSet<Integer> ranks) {
    if (ranks.isEmpty()) {
      return RankRemove.REMOVES;
    }
    if (!byRank.containsKey(ranks.first())) {
      return RankRemove.ERROR;
    }
    for (int r : ranks) {
      if (!byRank.containsKey(r) || byRank.get(r).isEmpty()) {
        return RankRemove.UNDEFINED;
      }
    }
    Map<Integer, Integer> erased = new HashMap<>();
    for (int r : ranks) {
      int root = rankRoot(r);
      int p = liveParent(root);
      if (p == ResourceGraph.NONE) {
        return RankRemove.UNDEFINED;
      }
      if (lastEntry(p, root, erased)) {
        return RankRemove.HANGS;
      }
      if (outTargets.get(p) != null && outTargets.get(p).contains(root)) {
        erased.merge(p, 1, Integer::sum);
      }
    }
    return RankRemove.REMOVES;
  }

  /** The first of the rank's vertices with the shortest containment path. */
  private int rankRoot(int rank) {
    int best = ResourceGraph.NONE;
    int bestLength = Integer.MAX_VALUE;
    for (int v : byRank.get(rank)) {
      int len = g.path(v).length();
      if (len < bestLength) {
        bestLength = len;
        best = v;
      }
    }
    return best;
  }

  /**
   * Applies {@code remove ranks false} as Fluxion does (nothing on an error).
   *
   * @throws IllegalStateException if it hangs Fluxion or is undefined there
   */
  void removeRanks(SortedSet<Integer> ranks) {
    RankRemove what = rankRemove(ranks);
    if (what == RankRemove.ERROR) {
      return;
    }
    if (what != RankRemove.REMOVES) {
      throw new IllegalStateException("remove " + ranks + " false: " + what);
    }
    List<Integer> doomed = new ArrayList<>();
    for (int r : ranks) {
      eraseEntry(rankRoot(r));
      doomed.addAll(byRank.get(r));
    }
    g.removeExactly(doomed.stream().mapToInt(Integer::intValue).toArray());
    forgetRemoved();
  }

  /** Applies {@code attach} of the JGF subgraph {@code jgf}: its edges join the out-edge maps. */
  void attach(String jgf) {
    ResourceGraph sub = GraphReaders.read(jgf, "attach.json", GraphFormat.JGF);
    int[] added = g.attach(sub);
    for (int v : added) {
      byRank.computeIfAbsent(g.rank(v), k -> new ArrayList<>()).add(v);
    }
    for (int s = 0; s < sub.subsystems().size(); s++) {
      int here = g.subsystemId(sub.subsystems().get(s));
      int subS = s;
      sub.forEachEdge(
          s,
          (a, b, rel) -> {
            OptionalInt x = g.vertexByPath(here, sub.path(a, subS));
            OptionalInt y = g.vertexByPath(here, sub.path(b, subS));
            if (x.isPresent() && y.isPresent()) {
              outTargets.computeIfAbsent(x.getAsInt(), k -> new HashSet<>()).add(y.getAsInt());
            }
          });
    }
  }

  /** The ranks of an RFC 22 idset as resource-query decodes them, or null if malformed. */
  static SortedSet<Integer> ranks(String idset) {
    IdSet ids;
    try {
      ids = IdSet.decode(idset);
    } catch (IllegalArgumentException e) {
      return null;
    }
    SortedSet<Integer> out = new TreeSet<>();
    for (PrimitiveIterator.OfLong it = ids.ids(); it.hasNext(); ) {
      out.add((int) it.nextLong());
    }
    return out;
  }

  /**
   * Replays a script's graph changes ({@code attach FILE}, {@code remove PATH true}, {@code remove
   * RANKS false}) on a model of {@code graph} and returns the first remove that hangs Fluxion, or
   * null when none does. With {@code orUndefined}, a rank remove that Fluxion does not define ends
   * the replay too; without, it is skipped.
   *
   * @param files the scenario's files by name (the attached JGF subgraphs)
   */
  static String firstHang(
      ResourceGraph graph, List<String> script, Map<String, String> files, boolean orUndefined) {
    RemoveHangModel m = new RemoveHangModel(graph);
    for (String c : script) {
      String[] t = c.trim().split("\\s+", -1);
      if (t.length == 2 && t[0].equals("attach") && files.containsKey(t[1])) {
        m.attach(files.get(t[1]));
      } else if (t.length == 3 && t[0].equals("remove") && t[2].equals("true")) {
        if (m.hangs(t[1])) {
          return c;
        }
        m.remove(t[1]);
      } else if (t.length == 3 && t[0].equals("remove") && t[2].equals("false")) {
        SortedSet<Integer> ranks = ranks(t[1]);
        RankRemove what = ranks == null ? RankRemove.ERROR : m.rankRemove(ranks);
        if (what == RankRemove.HANGS || (orUndefined && what == RankRemove.UNDEFINED)) {
          return c;
        }
        if (what == RankRemove.REMOVES) {
          m.removeRanks(ranks);
        }
      }
    }
    return null;
  }

  /** {@link #firstHang(ResourceGraph, List, Map, boolean)} that skips undefined rank removes. */
  static String firstHang(ResourceGraph graph, List<String> script, Map<String, String> files) {
    return firstHang(graph, script, files, false);
  }
}
