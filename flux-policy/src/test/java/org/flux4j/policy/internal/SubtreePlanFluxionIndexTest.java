package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.flux4j.graph.planner.PlannerMulti;
import org.junit.jupiter.api.Test;

/**
 * After its totals change under spans, a {@link SubtreePlan} answers the earliest times of a
 * reservation as Fluxion's planner does (its earliest-time index keeps the amounts from before the
 * change): here against a Fluxion planner driven by the same operations.
 */
class SubtreePlanFluxionIndexTest {
  private static long[] times(PlannerMulti p, long from, long d, long[] counts) {
    LongArrayList out = new LongArrayList();
    for (long t = p.availTimeFirst(from, d, counts);
        t != PlannerMulti.NONE;
        t = p.availTimeNext()) {
      out.add(t);
    }
    return out.toArray();
  }

  /**
   * Adds a random span to both planners when the plan has room for it; returns {job, Fluxion span
   * id, amount 0, amount 1}, or null when it did not fit.
   */
  private static long[] addRandomSpan(
      Random rnd, SubtreePlan plan, PlannerMulti fluxion, long job) {
    long s = 3600L * rnd.nextInt(6);
    long d = 3600L * (1 + rnd.nextInt(3));
    long[] a = {rnd.nextInt(3), rnd.nextInt(2)};
    if (a[0] > plan.minAvailDuring(0, s, d) || a[1] > plan.minAvailDuring(1, s, d)) {
      return null;
    }
    plan.add(job, s, s + d, a);
    return new long[] {job, fluxion.addSpan(s, d, a), a[0], a[1]};
  }

  /**
   * Asks both planners for a random reservation's earliest times: the plan has no index of its own
   * until {@code indexed}, and from then on answers as Fluxion's planner does.
   */
  private static void checkAvailTimes(
      Random rnd,
      SubtreePlan plan,
      PlannerMulti fluxion,
      boolean indexed,
      String beforeIndex,
      int c,
      int step) {
    long[] request = {1 + rnd.nextInt(4), rnd.nextInt(2)};
    long from = 1 + 3600L * rnd.nextInt(3);
    long[] got = plan.fluxionAvailTimes(from, 3600, request);
    if (!indexed) {
      assertThat(got).as(beforeIndex).isNull();
    } else {
      assertThat(got)
          .as("case %d step %d", c, step)
          .containsExactly(times(fluxion, from, 3600, request));
    }
  }

  @Test
  void afterTheTotalsChange_availTimesFollowFluxionsPlanner() {
    Random rnd = new Random(5);
    for (int c = 0; c < 200; c++) {
      long[] totals = {4 + rnd.nextInt(8), 1 + rnd.nextInt(3)};
      SubtreePlan plan = new SubtreePlan(new int[] {0, 1}, totals);
      PlannerMulti fluxion =
          PlannerMulti.create(0, JobMeta.HORIZON, totals, new String[] {"0", "1"});
      List<long[]> live = new ArrayList<>(); // job, span id, amount 0, amount 1
      long job = 1;
      boolean grown = false;
      for (int step = 0; step < 40; step++) {
        int what = rnd.nextInt(10);
        if (what < 5) {
          long[] added = addRandomSpan(rnd, plan, fluxion, job);
          if (added == null) {
            continue;
          }
          live.add(added);
          job++;
        } else if (what < 7 && !live.isEmpty()) {
          long[] j = live.remove(rnd.nextInt(live.size()));
          plan.remove(j[0]);
          fluxion.removeSpan(j[1]);
        } else if (what == 7 && !live.isEmpty()) {
          // grow or shrink, as the engine's reprime hands over the new totals
          long[] next = {
            Math.max(4, plan.totals[0] + rnd.nextInt(9) - 2), Math.max(2, plan.totals[1])
          };
          grown |= !java.util.Arrays.equals(next, plan.totals);
          plan = plan.withTotals(next, true);
          fluxion.update(next, new String[] {"0", "1"});
        }
        checkAvailTimes(rnd, plan, fluxion, grown, "no index before the totals change", c, step);
      }
    }
  }

  /**
   * A partial cancel reduces spans type by type, and a type that reaches zero leaves its planner
   * (its points go) while a zero never reduced stays; the reservation search walks the first type's
   * points, so from the first reduction on the plan answers with Fluxion's planner.
   */
  @Test
  void afterAReduction_availTimesFollowFluxionsPlanner() {
    Random rnd = new Random(11);
    String[] names = {"0", "1"};
    for (int c = 0; c < 200; c++) {
      long[] totals = {4 + rnd.nextInt(8), 1 + rnd.nextInt(3)};
      SubtreePlan plan = new SubtreePlan(new int[] {0, 1}, totals);
      PlannerMulti fluxion = PlannerMulti.create(0, JobMeta.HORIZON, totals, names);
      List<long[]> live = new ArrayList<>(); // job, span id, amount 0, amount 1
      long job = 1;
      boolean reduced = false;
      for (int step = 0; step < 40; step++) {
        int what = rnd.nextInt(10);
        if (what < 5) {
          long[] added = addRandomSpan(rnd, plan, fluxion, job);
          if (added == null) {
            continue;
          }
          live.add(added);
          job++;
        } else if (what < 7 && !live.isEmpty()) {
          long[] j = live.remove(rnd.nextInt(live.size()));
          plan.remove(j[0]);
          fluxion.removeSpan(j[1]);
        } else if (!live.isEmpty()) {
          int i = rnd.nextInt(live.size());
          long[] j = live.get(i);
          long[] r = {rnd.nextInt((int) j[2] + 1), rnd.nextInt((int) j[3] + 1)};
          int rc = plan.reduce(j[0], r);
          boolean gone = fluxion.reduceSpan(j[1], r, names);
          assertThat(rc == SubtreePlan.REDUCED_AWAY).as("case %d step %d", c, step).isEqualTo(gone);
          j[2] -= r[0];
          j[3] -= r[1];
          if (gone) {
            live.remove(i);
          }
          reduced = true;
        }
        checkAvailTimes(
            rnd, plan, fluxion, reduced, "no index before the first reduction", c, step);
      }
    }
  }

  /**
   * A reduction that exceeds what a type holds fails as Fluxion's planner_multi_reduce_span does:
   * the types it named before that one (those reduced by more than nothing, in slot order, without
   * an order given) stay reduced (rq-diff seed 505472); a zero amount is a live span until a
   * reduction removes it, so reducing it by more than nothing fails only then (rq-diff seed 323425:
   * memory-only jobs under ALL:core).
   */
  @Test
  void reductionsBeyondAnAmount_failAsFluxionsPlannerDoes() {
    Random rnd = new Random(23);
    String[] names = {"0", "1"};
    int failures = 0;
    int zeroFailures = 0;
    int partialFailures = 0;
    for (int c = 0; c < 300; c++) {
      long[] totals = {4 + rnd.nextInt(8), 1 + rnd.nextInt(3)};
      SubtreePlan plan = new SubtreePlan(new int[] {0, 1}, totals);
      PlannerMulti fluxion = PlannerMulti.create(0, JobMeta.HORIZON, totals, names);
      List<long[]> live = new ArrayList<>(); // job, span id, amount 0, amount 1
      long job = 1;
      for (int step = 0; step < 30; step++) {
        if (rnd.nextInt(3) == 0 || live.isEmpty()) {
          long[] added = addRandomSpan(rnd, plan, fluxion, job++);
          if (added != null) {
            live.add(added);
          }
          continue;
        }
        int i = rnd.nextInt(live.size());
        long[] j = live.get(i);
        long[] r = {rnd.nextInt((int) j[2] + 2), rnd.nextInt((int) j[3] + 2)};
        int rc = plan.reduce(j[0], r);
        // Fluxion is named the types reduced by more than nothing, in slot order
        List<String> named = new ArrayList<>();
        LongArrayList amounts = new LongArrayList();
        for (int k = 0; k < 2; k++) {
          if (r[k] > 0) {
            named.add(names[k]);
            amounts.add(r[k]);
          }
        }
        Boolean gone;
        try {
          gone = fluxion.reduceSpanAsFluxion(j[1], amounts.toArray(), named.toArray(new String[0]));
        } catch (IllegalArgumentException refused) {
          gone = null;
        }
        String at = "case " + c + " step " + step;
        if (gone == null) {
          assertThat(rc).as(at).isEqualTo(SubtreePlan.REDUCE_ERROR);
          failures++;
          zeroFailures += (j[2] == 0 && r[0] > 0) || (j[3] == 0 && r[1] > 0) ? 1 : 0;
          partialFailures += r[0] > 0 && r[0] <= j[2] && r[1] > j[3] ? 1 : 0;
        } else {
          assertThat(rc == SubtreePlan.REDUCED_AWAY).as(at).isEqualTo(gone);
        }
        if (Boolean.TRUE.equals(gone)) {
          live.remove(i);
        } else {
          j[2] = fluxion.spanAmount(j[1], 0);
          j[3] = fluxion.spanAmount(j[1], 1);
        }
        long t = 1800L * rnd.nextInt(16);
        for (int k = 0; k < 2; k++) {
          assertThat(plan.availAt(k, t)).as(at).isEqualTo(fluxion.availableAt(t, k));
        }
      }
    }
    assertThat(failures).isGreaterThan(50);
    assertThat(zeroFailures).isGreaterThan(5);
    assertThat(partialFailures).isGreaterThan(5);
  }
}
