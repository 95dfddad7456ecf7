package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The errno a refused by_subplan leaves ({@link SelectPrune#refusal}) against a model of Fluxion's
 * planner_multi_avail_during written from its definition: each type's planner in turn, ERANGE where
 * the request exceeds the planner's total, EBUSY where some instant of the window has less free
 * than the request, and the first planner that refuses decides.
 */
class SelectPruneRefusalTest {
  private static final int EBUSY = 16;
  private static final int ERANGE = 34;

  /** The model: spans are {start, end, amount of each type}. */
  private static int modelRefusal(long[] totals, List<long[]> spans, long[] req, long at, long d) {
    for (int k = 0; k < totals.length; k++) {
      long r = req[k];
      if (r > totals[k]) {
        return ERANGE;
      }
      for (long t = at; t < at + d; t++) {
        long used = 0;
        for (long[] s : spans) {
          if (s[0] <= t && t < s[1]) {
            used += s[2 + k];
          }
        }
        if (totals[k] - used < r) {
          return EBUSY;
        }
      }
    }
    return 0;
  }

  @Test
  void refusal_isTheFirstRefusingPlannersCode() {
    Random rnd = new Random(41);
    int erange = 0;
    int ebusy = 0;
    for (int c = 0; c < 3000; c++) {
      int types = 1 + rnd.nextInt(3);
      long[] totals = new long[types];
      int[] typeIds = new int[types];
      for (int k = 0; k < types; k++) {
        totals[k] = 1L + rnd.nextInt(4);
        typeIds[k] = k;
      }
      SubtreePlan p = new SubtreePlan(typeIds, totals);
      List<long[]> spans = new ArrayList<>();
      int n = rnd.nextInt(4);
      for (int j = 0; j < n; j++) {
        long s = rnd.nextInt(20);
        long[] span = new long[2 + types];
        span[0] = s;
        span[1] = s + 1 + rnd.nextInt(10);
        long[] amounts = new long[types];
        for (int k = 0; k < types; k++) {
          // a span holds at most what is still free over its window, as Fluxion's planner allows
          long free = totals[k];
          for (long[] o : spans) {
            if (o[0] < span[1] && span[0] < o[1]) {
              free -= o[2 + k];
            }
          }
          amounts[k] = free <= 0 ? 0 : rnd.nextInt((int) free + 1);
          span[2 + k] = amounts[k];
        }
        p.add(j + 1, span[0], span[1], amounts);
        spans.add(span);
      }
      long[] req = new long[types];
      for (int k = 0; k < types; k++) {
        req[k] = rnd.nextInt((int) totals[k] + 2);
      }
      long at = rnd.nextInt(25);
      long d = 1L + rnd.nextInt(8);
      int expected = modelRefusal(totals, spans, req, at, d);
      assertThat(p.fits(req, at, d)).as("case %d fits", c).isEqualTo(expected == 0);
      if (expected != 0) {
        assertThat(SelectPrune.refusal(p, req, at, d)).as("case %d", c).isEqualTo(expected);
        if (expected == ERANGE) {
          erange++;
        } else {
          ebusy++;
        }
      }
    }
    // both codes, and both orders of a busy type and a type beyond its total, were met
    assertThat(erange).isGreaterThan(200);
    assertThat(ebusy).isGreaterThan(200);
  }

  @Test
  void aBusyTypeBeforeOneBeyondItsTotal_refusesWithEbusy() {
    // types in planner order: node (2 of them), then core (4); one node held over [0, 100)
    SubtreePlan p = new SubtreePlan(new int[] {0, 1}, new long[] {2, 4});
    p.add(1, 0, 100, new long[] {1, 0});
    assertThat(SelectPrune.refusal(p, new long[] {2, 6}, 10, 10)).isEqualTo(EBUSY);
    // after the hold, the node planner passes and the core planner's total refuses
    assertThat(SelectPrune.refusal(p, new long[] {2, 6}, 100, 10)).isEqualTo(ERANGE);
    // one node is free even during the hold
    assertThat(SelectPrune.refusal(p, new long[] {1, 6}, 10, 10)).isEqualTo(ERANGE);
  }
}
