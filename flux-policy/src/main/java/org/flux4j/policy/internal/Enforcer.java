package org.flux4j.policy.internal;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchPolicy;

/**
 * Turns the candidates a select chose into edge marks for the update pass: after Fluxion's {@code
 * enforce}, {@code enforce_constrained} and {@code resolve_graph} ({@code
 * resource/traversers/dfu_impl.cpp}). Writes the {@link TraversalMarks}; not thread-safe.
 */
final class Enforcer {
  private final TraversalMarks mk;
  private final ResourceGraph g;
  private final MatchPolicy policy;

  Enforcer(TraversalMarks mk) {
    this.mk = mk;
    this.g = mk.g;
    this.policy = mk.policy;
  }

  /**
   * Marks the chosen edges of {@code dfu}, enforced at vertex {@code top}; with {@code walk}, also
   * the edges of the unconstrained vertices between each chosen edge and {@code top} (Fluxion's
   * enforce_constrained, for the graph's final resolution). Fluxion enforces a choice made below
   * the root without that walk, so when a slot matched one level below its node (node->slot->core
   * on node->socket->core) the node->socket edge stays unmarked and the update commits nothing;
   * {@code commitSlotPaths} walks there too.
   */
  void enforce(Dfu dfu, int top, boolean walk) {
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
          mk.mark(slot, eg.edgeNeeds(k), eg.edgeExcl(k));
          if (!walk) {
            continue;
          }
          int pv = mk.slotSource[slot];
          int pe;
          while (pv != top && (pe = mk.firstIn[pv]) >= 0) {
            if (mk.markSeq[pe] == mk.seq) {
              break;
            }
            int tgt = pv;
            pv = mk.slotSource[pe];
            Evals te = dfu.find(g.typeOf(tgt));
            if (te != null && te.bestK == 0) {
              mk.mark(pe, g.size(tgt), false);
            }
          }
        }
      }
    }
  }

  /** Fluxion's resolve_graph; returns the root's needs or -1. */
  long resolveGraph(int root, Req[] resources, Dfu dfu) {
    // dom_finish_graph
    boolean met = true;
    // locality: one interval set for the whole request, each type's scores added before its choice
    LongArrayList inserted =
        policy.localityRanking() && resources.length > 1 ? new LongArrayList() : null;
    for (int i = 0; i < resources.length; i++) {
      Req r = resources[i];
      long qc = dfu.qualifiedCount(r.type);
      long count = r.calcCount(qc);
      if (count == 0) {
        met = false;
        break;
      }
      Order order;
      if (inserted != null) {
        Evals e = dfu.get(r.type);
        for (int j = 0; j < e.n; j++) {
          inserted.add(e.score(j));
        }
        order = Order.intervalGreater(inserted.toArray(), policy.stableTies());
      } else if (policy.localityRanking()) {
        order = Order.intervalGreater(dfu.get(r.type), policy.stableTies());
      } else {
        order = Order.of(policy.higherFirstAtTop(), policy.stableTies());
      }
      dfu.chooseAccumBestK(r.type, count, order, Req.typeRecurs(resources, i));
    }
    dfu.overallScore = met ? 1 : 0;
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
    if (dfu.aux != null && dfu.aux.anyUnqualified()) {
      return -1;
    }
    enforce(dfu, root, true);
    return needs;
  }
}
