package org.flux4j.policy.internal;

import java.util.Arrays;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;

/**
 * The auxiliary half of Fluxion's {@code dom_exp} and its {@code aux_upv} ({@code
 * resource/traversers/dfu_impl.cpp}): at every vertex explored for its children, after the dominant
 * children, each auxiliary subsystem's out-edges are scored into the vertex's {@link AuxEvals}.
 * Nothing is chosen or allocated from these entries; they only make a match fail at the root when
 * one of them has no qualified count ({@link Enforcer#resolveGraph}). Reads the auxiliary
 * subsystems from the {@link TraversalMarks}; not thread-safe.
 */
final class AuxScoring {
  private final TraversalMarks mk;
  private final ResourceGraph g;
  private final SelectPrune pr;

  AuxScoring(TraversalMarks mk, SelectPrune pr) {
    this.mk = mk;
    this.g = mk.g;
    this.pr = pr;
  }

  /**
   * Scores {@code u}'s auxiliary out-edges: for each auxiliary subsystem, every out-edge of {@code
   * u} there whose target passes {@link #auxUpv} adds an entry of the target's type, counted {@code
   * dfu.avail} and scored {@code dfu.overallScore} (what the last matched dominant child left
   * there). With a stop-on-match policy the edges are walked in by_outedges order (auxiliary edges
   * never change weight, so by descending uniq_id) and the walk stops once every requested type is
   * satisfied in that subsystem ({@link ShareTally#forAuxiliary}); reading those tallies creates an
   * empty entry for each requested type (see {@link AuxEvals}).
   */
  void explore(int u, Req[] resources, boolean xIn, Dfu dfu) {
    for (int s : mk.aux) {
      Adjacency a = g.out(s);
      int from = a.start(u);
      int to = a.end(u);
      if (from == to) {
        continue;
      }
      if (!mk.policy.stopOnFirstMatch()) {
        for (int i = from; i < to; i++) {
          int tgt = a.target(i);
          if (auxUpv(tgt, resources, xIn)) {
            dfu.aux().add(s, g.typeOf(tgt), dfu.avail, dfu.overallScore);
          }
        }
        continue;
      }
      Integer[] order = new Integer[to - from];
      for (int i = from; i < to; i++) {
        order[i - from] = a.target(i);
      }
      Arrays.sort(order, (x, y) -> Long.compare(g.uniqId(y), g.uniqId(x)));
      ShareTally tally = ShareTally.forAuxiliary(resources);
      for (int tgt : order) {
        int tt = g.typeOf(tgt);
        if (tally.satisfied(tt) || !auxUpv(tgt, resources, xIn)) {
          continue;
        }
        dfu.aux().add(s, tt, dfu.avail, dfu.overallScore);
        if (tally.enoughAfter(t -> dfu.aux().total(s, t))) {
          break;
        }
      }
    }
  }

  /**
   * Whether Fluxion's aux_upv accepts auxiliary vertex {@code v} for {@code resources}: its prune
   * (status, constraint, availability during the job's window, exclusivity for the requested
   * resources of its type; auxiliary subsystems have no subtree planners) and its own availability.
   * Its walk further up the auxiliary subsystem is not modelled: its results are never merged
   * (their overall score stays -1), so it cannot change the answer.
   */
  private boolean auxUpv(int v, Req[] resources, boolean xIn) {
    if (!pr.byVertex(v)) {
      return false;
    }
    int vt = g.typeOf(v);
    for (Req r : resources) {
      if (r.type == vt && !r.isSlot() && !pr.byExcl(v, xIn, r)) {
        return false;
      }
    }
    return true;
  }
}
