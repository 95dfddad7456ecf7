package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;

/**
 * {@link RemoveHangModel} for scripts whose rank removes may fail: each {@code remove RANKS false}
 * forks every model in two, one where the ranks went and one where Fluxion failed the removal.
 *
 * <p>Fluxion's {@code remove RANKS false} first cancels the ranks' jobs in part ({@code
 * dfu_impl_t::remove(root, ranks)}); when a reduction there fails ("can't partial cancel subgraph",
 * rq-diff seeds 334603 and 340458), resource-query stops before {@code remove_subgraph}: no vertex
 * leaves and no out-edge entry is erased. Whether it fails depends on the jobs then allocated,
 * which the generator does not follow, so a later remove is drawn only when it ends in every world:
 * rq-diff seed 358128 removed {@code /tiny0/node2/socket0} after a failed {@code remove 0,2 false};
 * the model had node2 gone (so the socket had no parent, an error), while in Fluxion node2 stayed
 * and the socket was its last child, which hangs.
 *
 * <p>A rank remove is drawn only when it does the same in every world ({@link #rankRemove}), and
 * only while fewer than {@link #MAX_WORLDS} worlds exist. Not thread-safe.
 */
final class RemoveWorlds {
  /** The most worlds kept; a rank remove that would fork past it is not drawn. */
  static final int MAX_WORLDS = 32;

  private final List<RemoveHangModel> worlds = new ArrayList<>();

  /** One world: {@code graph} as loaded. */
  RemoveWorlds(ResourceGraph graph) {
    worlds.add(new RemoveHangModel(graph));
  }

  /** The number of worlds now. */
  int size() {
    return worlds.size();
  }

  /** Whether {@code remove path true} hangs Fluxion in some world. */
  boolean hangs(String path) {
    for (RemoveHangModel w : worlds) {
      if (w.hangs(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path to remove in place of {@code path} so that Fluxion hangs in no world: the nearest
   * enclosing path each world's {@link RemoveHangModel#removable} accepts, taken again until all
   * agree.
   */
  String removable(String path) {
    String p = path;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (RemoveHangModel w : worlds) {
        String q = w.removable(p);
        if (!q.equals(p)) {
          p = q;
          moved = true;
        }
      }
    }
    return p;
  }

  /**
   * Whether {@code remove path true} leaves a dangling out-edge entry in some world ({@link
   * RemoveHangModel#leavesDanglingEntry(String)}).
   */
  boolean leavesDanglingEntry(String path) {
    return worlds.stream().anyMatch(w -> w.leavesDanglingEntry(path));
  }

  /**
   * Whether {@code remove ranks false} leaves a dangling out-edge entry in some world ({@link
   * RemoveHangModel#leavesDanglingEntry(SortedSet)}).
   */
  boolean leavesDanglingEntry(SortedSet<Integer> ranks) {
    return worlds.stream().anyMatch(w -> w.leavesDanglingEntry(ranks));
  }

  /** Applies {@code remove path true} in every world. */
  void remove(String path) {
    worlds.forEach(w -> w.remove(path));
  }

  /** Applies {@code attach} of the JGF subgraph {@code jgf} in every world. */
  void attach(String jgf) {
    worlds.forEach(w -> w.attach(jgf));
  }

  /** The ranks that still have a vertex where every rank remove so far succeeded. */
  List<Integer> liveRanks() {
    return worlds.get(0).liveRanks();
  }

  /** Every rank Fluxion's by_rank has a key for (the same in every world). */
  Set<Integer> knownRanks() {
    return worlds.get(0).knownRanks();
  }

  /**
   * What {@code remove ranks false} does to Fluxion: the same answer in every world, else {@link
   * RemoveHangModel.RankRemove#UNDEFINED}; also undefined when removing would fork past {@link
   * #MAX_WORLDS}.
   */
  RemoveHangModel.RankRemove rankRemove(SortedSet<Integer> ranks) {
    RemoveHangModel.RankRemove first = worlds.get(0).rankRemove(ranks);
    for (RemoveHangModel w : worlds) {
      if (w.rankRemove(ranks) != first) {
        return RemoveHangModel.RankRemove.UNDEFINED;
      }
    }
    if (first == RemoveHangModel.RankRemove.REMOVES && worlds.size() * 2 > MAX_WORLDS) {
      return RemoveHangModel.RankRemove.UNDEFINED;
    }
    return first;
  }

  /**
   * Applies {@code remove ranks false}: an error changes no world; a removal forks each world into
   * one where the ranks went (first, so that world 0 stays the one where every removal succeeded)
   * and one where Fluxion failed it.
   *
   * @throws IllegalStateException if it hangs Fluxion or is undefined in some world
   */
  void removeRanks(SortedSet<Integer> ranks) {
    RemoveHangModel.RankRemove what = rankRemove(ranks);
    if (what == RemoveHangModel.RankRemove.ERROR) {
      return;
    }
    if (what != RemoveHangModel.RankRemove.REMOVES) {
      throw new IllegalStateException("remove " + ranks + " false: " + what);
    }
    List<RemoveHangModel> failed = new ArrayList<>();
    for (RemoveHangModel w : worlds) {
      failed.add(w.copy());
      w.removeRanks(new TreeSet<>(ranks));
    }
    worlds.addAll(failed);
  }
}
