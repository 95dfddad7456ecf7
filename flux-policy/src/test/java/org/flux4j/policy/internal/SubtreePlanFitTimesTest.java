package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link SubtreePlan#fits} and the one-sweep {@link SubtreePlan#fitTimes} against a model in this
 * test that sums the live spans at every instant, over random adds, removes and reductions.
 */
class SubtreePlanFitTimesTest {
  private static final long END = 100_000;

  /** A span as the model keeps it. */
  private static final class Span {
    final long job;
    final long start;
    final long end;
    final long[] amounts;

    Span(long job, long start, long end, long[] amounts) {
      this.job = job;
      this.start = start;
      this.end = end;
      this.amounts = amounts;
    }
  }

  /** The most of type {@code k} the model's spans hold at any instant of {@code [at, at + d)}. */
  private static long maxUsed(List<Span> spans, int k, long at, long d) {
    // usage is piecewise constant between span boundaries: check at and every boundary inside
    TreeSet<Long> instants = new TreeSet<>();
    instants.add(at);
    for (Span s : spans) {
      for (long b : new long[] {s.start, s.end}) {
        if (b > at && b < at + d) {
          instants.add(b);
        }
      }
    }
    long worst = 0;
    for (long t : instants) {
      long sum = 0;
      for (Span s : spans) {
        if (s.start <= t && t < s.end) {
          sum += s.amounts[k];
        }
      }
      worst = Math.max(worst, sum);
    }
    return worst;
  }

  private static boolean modelFits(
      List<Span> spans, long[] totals, long[] request, long at, long d) {
    for (int k = 0; k < totals.length; k++) {
      if (request[k] > 0 && totals[k] - maxUsed(spans, k, at, d) < request[k]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void fitsAndFitTimes_agreeWithSummingTheSpans_overRandomOperations() {
    Random rnd = new Random(11);
    int checkedTimes = 0;
    for (int c = 0; c < 300; c++) {
      int types = 1 + rnd.nextInt(2);
      long[] totals = new long[types];
      int[] typeIds = new int[types];
      for (int k = 0; k < types; k++) {
        totals[k] = 1L + rnd.nextInt(6);
        typeIds[k] = k;
      }
      SubtreePlan plan = new SubtreePlan(typeIds, totals);
      List<Span> live = new ArrayList<>();
      long job = 1;
      for (int step = 0; step < 30; step++) {
        int what = rnd.nextInt(10);
        if (what < 6) {
          long s = 100L * rnd.nextInt(12);
          long e = s + 100L * rnd.nextInt(5);
          long[] a = new long[types];
          for (int k = 0; k < types; k++) {
            a[k] = rnd.nextInt((int) totals[k] + 1);
          }
          plan.add(job, s, e, a);
          live.add(new Span(job, s, e, a.clone()));
          job++;
        } else if (what < 8 && !live.isEmpty()) {
          Span gone = live.remove(rnd.nextInt(live.size()));
          assertThat(plan.remove(gone.job)).isTrue();
        } else if (!live.isEmpty()) {
          int i = rnd.nextInt(live.size());
          Span s = live.get(i);
          long[] cut = new long[types];
          boolean left = false;
          for (int k = 0; k < types; k++) {
            cut[k] = s.amounts[k] == 0 ? 0 : rnd.nextInt((int) s.amounts[k] + 1);
            left |= s.amounts[k] - cut[k] > 0;
          }
          int rc = plan.reduce(s.job, cut);
          long[] rest = new long[types];
          for (int k = 0; k < types; k++) {
            rest[k] = s.amounts[k] - cut[k];
          }
          live.remove(i);
          if (left) {
            assertThat(rc).isEqualTo(SubtreePlan.REDUCED);
            live.add(i, new Span(s.job, s.start, s.end, rest));
          } else {
            assertThat(rc).isEqualTo(SubtreePlan.REDUCED_AWAY);
          }
        }
        // usage may exceed the totals here (the model does not refuse): both sides just compare
        long[] request = new long[types];
        for (int k = 0; k < types; k++) {
          request[k] = (long) rnd.nextInt((int) totals[k] + 2) - (rnd.nextInt(4) == 0 ? 1 : 0);
        }
        long d = 1 + 100L * rnd.nextInt(6) + (rnd.nextBoolean() ? 50 : 0);
        long from = 50L * rnd.nextInt(30);
        long planEnd = rnd.nextInt(5) == 0 ? 1_000 : END;
        LongArrayList expected = new LongArrayList();
        for (int q = 0; q < plan.pointCount(); q++) {
          long t = plan.pointTime(q);
          boolean want = t >= from && d <= planEnd - t && modelFits(live, totals, request, t, d);
          if (t >= from && d <= planEnd - t) {
            assertThat(plan.fits(request, t, d))
                .as("case %d step %d at point %d", c, step, t)
                .isEqualTo(want);
          }
          if (want) {
            expected.add(t);
          }
        }
        long anyAt = 25L * rnd.nextInt(80);
        assertThat(plan.fits(request, anyAt, d))
            .as("case %d step %d at %d", c, step, anyAt)
            .isEqualTo(modelFits(live, totals, request, anyAt, d));
        assertThat(plan.fitTimes(request, from, d, planEnd))
            .as("case %d step %d", c, step)
            .containsExactly(expected.toArray());
        int cut = rnd.nextInt(4);
        assertThat(plan.fitTimes(request, from, d, planEnd, cut))
            .as("case %d step %d, the first %d", c, step, cut)
            .containsExactly(
                java.util.Arrays.copyOf(expected.toArray(), Math.min(cut, expected.size())));
        checkedTimes += expected.size();
      }
    }
    assertThat(checkedTimes).as("the cases find fitting times").isGreaterThan(1000);
  }
}
