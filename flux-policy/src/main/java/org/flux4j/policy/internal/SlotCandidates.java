package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * Slot candidates made from what a slot's explore qualified: after Fluxion's {@code cnt_slot} and
 * the inner loop of {@code dom_slot} ({@code resource/traversers/dfu_impl.cpp}). Each slot takes,
 * per type of the slot's shape, as many qualified candidates as the shape's count asks for, in the
 * order the slot's explore ranked them; its score is 1 plus theirs. Not thread-safe.
 */
final class SlotCandidates {
  private final TraversalMarks mk;
  private final CandidateArena arena;
  private EGroup[] made = new EGroup[16];

  SlotCandidates(TraversalMarks mk, CandidateArena arena) {
    this.mk = mk;
    this.arena = arena;
  }

  /**
   * Fluxion's cnt_slot: how many whole slots of {@code shape} the candidates of {@code dfuSlot}
   * fill.
   */
  static long count(Req[] shape, Dfu dfuSlot) {
    long qualNumSlots = Long.MAX_VALUE;
    for (Req elem : shape) {
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
    return qualNumSlots == Long.MAX_VALUE ? 0 : qualNumSlots;
  }

  /**
   * Adds {@code n} slot candidates of {@code shape} to {@code dfu}, or none if they cannot all be
   * filled (the error text then says so).
   */
  void addTo(Dfu dfu, Req[] shape, long n, Dfu dfuSlot) {
    int k = 0;
    for (long s = 0; s < n; s++) {
      EGroup slotGroup = fill(shape, dfuSlot);
      if (slotGroup == null) {
        return;
      }
      if (k == made.length) {
        made = Arrays.copyOf(made, k * 2);
      }
      made[k++] = slotGroup;
    }
    for (int i = 0; i < k; i++) {
      dfu.add(Req.SLOT, made[i]);
      made[i] = null;
    }
  }

  /**
   * One slot candidate: takes, for each type of {@code shape}, as many of {@code dfuSlot}'s
   * qualified candidates as the shape's count asks for, scoring them. Returns null, with Fluxion's
   * message in the error text, if too few remain.
   */
  EGroup fill(Req[] shape, Dfu dfuSlot) {
    EGroup slotGroup = arena.group(mk.recording());
    long score = 1;
    for (Req elem : shape) {
      long count = elem.calcCount(dfuSlot.qualifiedCount(elem.type));
      Evals e = dfuSlot.find(elem.type);
      long j = 0;
      while (j < count) {
        EGroup eg = e == null ? null : e.iterNext();
        if (eg == null) {
          mk.err.append("dom_slot: not enough slots.\n");
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
}
