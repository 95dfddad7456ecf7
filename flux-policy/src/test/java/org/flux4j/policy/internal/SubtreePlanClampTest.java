package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A {@link SubtreePlan} whose totals shrink under its spans (a {@code remove PATH true} below the
 * vertex) answers as Fluxion's planner does, whose update_total moves every scheduled point's
 * remaining amount by the change and clamps it at 0, and whose later releases add the spans'
 * amounts back on top. The oracle is a plain model of those rules written here, one sorted map of
 * points per type.
 */
class SubtreePlanClampTest {

  /** Fluxion's planner for one type, as update_total, add_span and rem_span treat its points. */
  private static final class PointModel {
    long total;

    /** time -> {remaining, references}; the base point at 0 is never dropped. */
    final TreeMap<Long, long[]> points = new TreeMap<>();

    PointModel(long total) {
      this.total = total;
      points.put(0L, new long[] {total, 1});
    }

    private void ref(long t) {
      long[] p = points.get(t);
      if (p == null) {
        p = new long[] {points.floorEntry(t).getValue()[0], 0};
        points.put(t, p);
      }
      p[1]++;
    }

    private void unref(long t) {
      long[] p = points.get(t);
      if (--p[1] == 0) {
        points.remove(t);
      }
    }

    void add(long s, long e, long amount) {
      ref(s);
      ref(e);
      points.subMap(s, true, e, false).values().forEach(p -> p[0] -= amount);
    }

    void remove(long s, long e, long amount) {
      points.subMap(s, true, e, false).values().forEach(p -> p[0] += amount);
      unref(s);
      unref(e);
    }

    void updateTotal(long newTotal) {
      long delta = newTotal - total;
      total = newTotal;
      points.values().forEach(p -> p[0] = Math.max(0, p[0] + delta));
    }

    long availAt(long t) {
      return points.floorEntry(t).getValue()[0];
    }

    long minAvailDuring(long t, long d) {
      long min = availAt(t);
      for (Map.Entry<Long, long[]> p : points.subMap(t, false, t + d, false).entrySet()) {
        min = Math.min(min, p.getValue()[0]);
      }
      return min;
    }
  }

  @Test
  void shrinkingTotalsUnderSpans_clampAtZeroAndReleasesAddBackOnTop() {
    Random rnd = new Random(13);
    int clampedCases = 0;
    int aboveTotal = 0;
    for (int c = 0; c < 300; c++) {
      long[] totals = {4 + rnd.nextInt(8), 1 + rnd.nextInt(3)};
      SubtreePlan plan = new SubtreePlan(new int[] {0, 1}, totals.clone());
      PointModel[] model = {new PointModel(totals[0]), new PointModel(totals[1])};
      List<long[]> live = new ArrayList<>(); // job, start, end, amount 0, amount 1
      long job = 1;
      boolean root = rnd.nextBoolean();
      for (int step = 0; step < 40; step++) {
        int what = rnd.nextInt(10);
        if (what < 5) {
          long s = 3600L * rnd.nextInt(6);
          long e = s + 3600L * (1 + rnd.nextInt(3));
          long[] a = {rnd.nextInt(4), rnd.nextInt(2)};
          if (!plan.fits(a, s, e - s)) {
            continue;
          }
          plan.add(job, s, e, a);
          model[0].add(s, e, a[0]);
          model[1].add(s, e, a[1]);
          live.add(new long[] {job++, s, e, a[0], a[1]});
        } else if (what < 8 && !live.isEmpty()) {
          long[] j = live.remove(rnd.nextInt(live.size()));
          assertThat(plan.remove(j[0])).isTrue();
          model[0].remove(j[1], j[2], j[3]);
          model[1].remove(j[1], j[2], j[4]);
        } else if (!live.isEmpty()) {
          // a remove below the vertex (or, rarely, an attach): the re-prime's new totals
          long[] next = {
            Math.max(0, plan.totals[0] - rnd.nextInt(5) + (rnd.nextInt(6) == 0 ? 3 : 0)),
            Math.max(0, plan.totals[1] - rnd.nextInt(2))
          };
          plan = plan.withTotals(next, root);
          model[0].updateTotal(next[0]);
          model[1].updateTotal(next[1]);
        }
        for (int k = 0; k < 2; k++) {
          for (long t = 0; t <= 3600L * 9; t += 1800) {
            assertThat(plan.availAt(k, t))
                .as("case %d step %d type %d at %d", c, step, k, t)
                .isEqualTo(model[k].availAt(t));
            assertThat(plan.usedAt(k, t)).isEqualTo(plan.totals[k] - model[k].availAt(t));
            assertThat(plan.minAvailDuring(k, t, 5400))
                .as("case %d step %d type %d during %d", c, step, k, t)
                .isEqualTo(model[k].minAvailDuring(t, 5400));
            if (model[k].availAt(t) > model[k].total) {
              aboveTotal++;
            }
          }
        }
        long[] request = {rnd.nextInt(5), rnd.nextInt(3)};
        long at = 1800L * rnd.nextInt(10);
        boolean fits = true;
        for (int k = 0; k < 2; k++) {
          fits &=
              request[k] == 0
                  || (request[k] <= model[k].total
                      && model[k].minAvailDuring(at, 3600) >= request[k]);
        }
        assertThat(plan.fits(request, at, 3600))
            .as("case %d step %d fits", c, step)
            .isEqualTo(fits);
        assertThat(plan.copy().fits(request, at, 3600)).isEqualTo(fits);
      }
      if (model[0].points.values().stream().anyMatch(p -> p[0] == 0)) {
        clampedCases++;
      }
    }
    // the scenarios reach both effects of the clamp
    assertThat(clampedCases).isPositive();
    assertThat(aboveTotal).isPositive();
  }

  @Test
  void totalsThatStillCoverTheSpans_keepTheStepFunction() {
    SubtreePlan plan = new SubtreePlan(new int[] {0}, new long[] {10});
    plan.add(1, 0, 100, new long[] {6});
    SubtreePlan shrunk = plan.withTotals(new long[] {7}, false);
    assertThat(shrunk.availAt(0, 0)).isEqualTo(1);
    assertThat(shrunk.fluxionAvailTimes(0, 10, new long[] {1})).isNull();
    SubtreePlan clamped = plan.withTotals(new long[] {5}, false);
    assertThat(clamped.availAt(0, 0)).isZero();
    assertThat(clamped.usedAt(0, 0)).isEqualTo(5);
    clamped.remove(1);
    assertThat(clamped.availAt(0, 0)).isEqualTo(6);
    assertThat(clamped.usedAt(0, 0)).isEqualTo(-1);
  }
}
