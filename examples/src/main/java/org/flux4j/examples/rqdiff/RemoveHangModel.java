package org.flux4j.examples.rqdiff;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;

/**
 * Which {@code remove PATH true} commands hang the real Fluxion resource-query, followed through a
 * script's graph changes.
 *
 * <p>Fluxion keeps, per vertex, an ordered map of its out-edges over every subsystem (its graph
 * metadata's {@code by_outedges}, keyed by edge weight and target uniq_id). {@code
 * dfu_impl_t::remove_metadata_outedges} deletes the removed subtree root's entry from its
 * containment parent's map in a {@code for} loop that both assigns {@code kv = outedges.erase(kv)}
 * and then runs {@code ++kv}. When that entry was the map's only one, {@code erase} returns {@code
 * end()} of a now empty map and {@code ++} on it spins forever inside libstdc++'s {@code
 * _Rb_tree_increment} (an empty tree's header is its own left child). So a remove hangs exactly
 * when the vertex's parent has no other entry left: the parent's only child in every subsystem,
 * counting the children earlier removes took away and the ones an {@code attach} added. (When the
 * erased entry is the last of several, {@code ++end()} lands back on the map's last entries and the
 * loop ends; when it is not the last, one entry is skipped, which does no harm.)
 *
 * <p>The model keeps Fluxion's map sizes: every out-edge target per vertex at load, plus the ones
 * an attach adds, minus the subtree root's entry at its parent on each remove; a removed vertex's
 * own map is dropped, and entries that other subsystems' parents (a pdu in the power subsystem)
 * hold for a removed vertex stay, as they do in Fluxion. A remove of a path Fluxion does not know
 * (never there or already removed) or of the root fails with an error and changes nothing.
 *
 * <p>Not thread-safe; O(V + E) to build, O(subtree) per remove.
 */
final class RemoveHangModel {
  private final ResourceGraph g;
  private final Map<Integer, Set<Integer>> outTargets = new HashMap<>();

  /** A model of {@code graph} as loaded (the graph is copied, not changed). */
  RemoveHangModel(ResourceGraph graph) {
    this.g = graph.copy();
    for (int s = 0; s < g.subsystems().size(); s++) {
      g.forEachEdge(s, (a, b, rel) -> outTargets.computeIfAbsent(a, k -> new HashSet<>()).add(b));
    }
  }

  /**
   * Whether {@code remove path true} would hang Fluxion now: the path names a live non-root vertex
   * whose containment parent has no out-edge entry left but the one to it.
   */
  boolean hangs(String path) {
    OptionalInt v = g.vertexByPath(path);
    if (v.isEmpty()) {
      return false;
    }
    int p = g.parent(v.getAsInt());
    if (p == ResourceGraph.NONE) {
      return false;
    }
    Set<Integer> entries = outTargets.get(p);
    return entries != null && entries.size() == 1 && entries.contains(v.getAsInt());
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
    if (v.isEmpty() || g.parent(v.getAsInt()) == ResourceGraph.NONE) {
      return;
    }
    int root = v.getAsInt();
    Set<Integer> parentEntries = outTargets.get(g.parent(root));
    if (parentEntries == null) {
      return;
    }
    parentEntries.remove(root);
    Adjacency out = g.out(0);
    Deque<Integer> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      int u = todo.pop();
      outTargets.remove(u);
      for (int i = out.start(u); i < out.end(u); i++) {
        todo.push(out.target(i));
      }
    }
    g.remove(root);
  }

  /** Applies {@code attach} of the JGF subgraph {@code jgf}: its edges join the out-edge maps. */
  void attach(String jgf) {
    ResourceGraph sub = GraphReaders.read(jgf, "attach.json", GraphFormat.JGF);
    g.attach(sub);
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

  /**
   * Replays a script's graph changes ({@code attach FILE}, {@code remove PATH true}) on a model of
   * {@code graph} and returns the first remove that hangs Fluxion, or null when none does.
   *
   * @param files the scenario's files by name (the attached JGF subgraphs)
   */
  static String firstHang(ResourceGraph graph, List<String> script, Map<String, String> files) {
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
      }
    }
    return null;
  }
}
