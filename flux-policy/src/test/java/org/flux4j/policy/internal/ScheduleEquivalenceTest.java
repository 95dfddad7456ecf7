package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random operation sequences on {@link SubtreePlan} and {@link VertexSchedule} compared with a
 * naive model that sums the live entries for every query.
 */
class ScheduleEquivalenceTest {

  /** A span or entry of the model. */
  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record Span(long job, long start, long end, long[] amounts, byte kind) {}

  /** The index of the first span of {@code job} in {@code model}; -1 if none. */
  private static int firstOf(List<Span> model, long job) {
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i).job == job) {
        return i;
      }
    }
    return -1;
  }

  /** Compacts {@code vs}: it then holds the model's spans in the model's order. */
  private static void assertCompactsToModel(VertexSchedule vs, List<Span> model) {
    vs.compact();
    assertThat(vs.n).isEqualTo(model.size());
    for (int i = 0; i < model.size(); i++) {
      assertThat(vs.job[i]).isEqualTo(model.get(i).job);
      assertThat(vs.kind[i]).isEqualTo(model.get(i).kind);
      assertThat(vs.start[i]).isEqualTo(model.get(i).start);
    }
  }

  private static long naiveUsed(List<Span> spans, int k, long t) {
    long sum = 0;
    for (Span s : spans) {
      if (s.start <= t && s.end > t) {
        sum += s.amounts[k];
      }
    }
    return sum;
  }

  private static long naiveMaxUsed(List<Span> spans, int k, long at, long d) {
    long hi = at + d;
    long worst = naiveUsed(spans, k, at);
    for (Span s : spans) {
      if (s.start > at && s.start < hi) {
        worst = Math.max(worst, naiveUsed(spans, k, s.start));
      }
    }
    return worst;
  }

  @Test
  void subtreePlan_randomOperations_matchNaiveSums() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int round = 0; round < 50; round++) {
      int[] types = round % 5 == 0 ? new int[] {1} : new int[] {0, 2};
      long[] totals = types.length == 1 ? new long[] {8} : new long[] {16, 4};
      SubtreePlan plan = new SubtreePlan(types, totals);
      List<Span> model = new ArrayList<>();
      long nextJob = 1;
      for (int step = 0; step < 120; step++) {
        if (model.isEmpty() || rnd.nextInt(3) > 0) {
          long s = rnd.nextInt(50);
          long e = s + rnd.nextInt(-3, 30);
          long[] byType = {rnd.nextInt(-1, 5), rnd.nextInt(0, 5), rnd.nextInt(0, 3)};
          long[] amounts = new long[types.length];
          for (int k = 0; k < types.length; k++) {
            amounts[k] = byType[types[k]];
          }
          long job = rnd.nextInt(4) == 0 && !model.isEmpty() ? model.get(0).job : nextJob++;
          plan.add(job, s, e, byType);
          model.add(new Span(job, s, e, amounts, (byte) 0));
        } else {
          Span victim = model.get(rnd.nextInt(model.size()));
          boolean removed = plan.remove(victim.job);
          assertThat(removed).isTrue();
          model.remove(firstOf(model, victim.job));
        }
        if (rnd.nextInt(10) == 0) {
          plan = rnd.nextBoolean() ? plan.copy() : plan.withTotals(totals.clone());
        }
        assertThat(plan.n).isEqualTo(model.size());
        TreeSet<Long> points = new TreeSet<>();
        for (int i = 0; i < model.size(); i++) {
          Span sp = model.get(i);
          assertThat(plan.job[i]).isEqualTo(sp.job);
          assertThat(plan.start[i]).isEqualTo(sp.start);
          assertThat(plan.end[i]).isEqualTo(sp.end);
          points.add(sp.start);
          points.add(sp.end);
        }
        List<Long> got = new ArrayList<>();
        for (int q = 0; q < plan.pointCount(); q++) {
          got.add(plan.pointTime(q));
        }
        assertThat(got).containsExactlyElementsOf(points);
        for (int k = 0; k < types.length; k++) {
          for (long t = -2; t < 85; t += 1 + rnd.nextInt(3)) {
            assertThat(plan.usedAt(k, t)).isEqualTo(naiveUsed(model, k, t));
            long d = rnd.nextInt(-2, 40);
            assertThat(plan.minAvailDuring(k, t, d))
                .isEqualTo(totals[k] - naiveMaxUsed(model, k, t, d));
          }
        }
        for (int probe = 0; probe < 20; probe++) {
          long at = rnd.nextInt(-2, 85);
          long d = rnd.nextInt(-2, 40);
          long[] request = {rnd.nextInt(-1, 18), rnd.nextInt(-1, 10), rnd.nextInt(-1, 6)};
          boolean expected = true;
          for (int k = 0; k < types.length; k++) {
            long r = request[types[k]];
            if (r > 0 && (r > totals[k] || totals[k] - naiveMaxUsed(model, k, at, d) < r)) {
              expected = false;
            }
          }
          assertThat(plan.fits(request, at, d)).isEqualTo(expected);
        }
        assertThat(plan.has(nextJob)).isFalse();
      }
    }
  }

  @Test
  void vertexSchedule_randomOperations_matchNaiveScans() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 50; round++) {
      VertexSchedule vs = new VertexSchedule();
      List<Span> model = new ArrayList<>();
      long nextJob = 1;
      for (int step = 0; step < 80; step++) {
        if (model.isEmpty() || rnd.nextInt(3) > 0) {
          long s = rnd.nextInt(50);
          long e = s + rnd.nextInt(-2, 30);
          long u = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1, 4);
          byte kind = (byte) rnd.nextInt(3);
          long job = rnd.nextInt(5) == 0 && !model.isEmpty() ? model.get(0).job : nextJob++;
          vs.add(job, s, e, u, kind);
          model.add(new Span(job, s, e, new long[] {u}, kind));
        } else {
          Span victim = model.get(rnd.nextBoolean() ? 0 : rnd.nextInt(model.size()));
          int first = firstOf(model, victim.job);
          int slot = vs.indexOf(victim.job);
          assertThat(slot).isNotNegative();
          assertThat(vs.job[slot]).isEqualTo(victim.job);
          assertThat(vs.kind[slot]).isEqualTo(model.get(first).kind);
          assertThat(vs.remove(victim.job)).isEqualTo(slot);
          assertThat(vs.remove(-5)).isEqualTo(-1);
          model.remove(first);
        }
        if (rnd.nextInt(10) == 0) {
          vs = vs.copy();
        }
        if (rnd.nextInt(4) == 0) {
          assertCompactsToModel(vs, model);
        }
        for (byte k = 0; k < 3; k++) {
          final byte kk = k;
          assertThat(vs.has(k)).isEqualTo(model.stream().anyMatch(x -> x.kind == kk));
          assertThat(vs.hasKindFor(1, k))
              .isEqualTo(model.stream().anyMatch(x -> x.kind == kk && x.job == 1));
        }
        for (long t = -2; t < 85; t += 1 + rnd.nextInt(3)) {
          long d = rnd.nextInt(-2, 40);
          List<Span> holding = model.stream().filter(x -> x.amounts[0] > 0).toList();
          long want = naiveMaxUsed(holding, 0, t, d);
          assertThat(vs.maxUnitsDuring(t, d)).isEqualTo(want);
          // with a bound: exact below it, at least the bound otherwise
          long enough = 1L + rnd.nextInt(6);
          long capped = vs.maxUnitsDuring(t, d, enough);
          if (want < enough) {
            assertThat(capped).isEqualTo(want);
          } else {
            assertThat(capped).isGreaterThanOrEqualTo(enough);
          }
          long hi = t + d;
          long at = t;
          assertThat(vs.anyDuring(t, d))
              .isEqualTo(model.stream().anyMatch(x -> x.start < hi && x.end > at));
        }
      }
    }
  }

  @Test
  void vertexSchedule_longLists_lookupsAndOrderMatchTheModel() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 20; round++) {
      VertexSchedule vs = new VertexSchedule();
      List<Span> model = new ArrayList<>();
      long nextJob = 1;
      for (int step = 0; step < 600; step++) {
        boolean grow = step < 200 ? rnd.nextInt(5) > 0 : rnd.nextInt(2) == 0;
        if (model.isEmpty() || grow) {
          // from step 400 on of odd rounds, repeat a live job: the index must give way to scans
          long job =
              round % 2 == 1 && step >= 400 && rnd.nextInt(8) == 0
                  ? model.get(rnd.nextInt(model.size())).job
                  : nextJob++;
          byte kind = (byte) rnd.nextInt(3);
          long u = rnd.nextInt(2);
          vs.add(job, step, step + 10, u, kind);
          model.add(new Span(job, step, step + 10, new long[] {u}, kind));
        } else {
          int pick = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(model.size());
          long victim = model.get(pick).job;
          int first = firstOf(model, victim);
          int slot = vs.remove(victim);
          assertThat(slot).isNotNegative();
          model.remove(first);
        }
        if (rnd.nextInt(50) == 0) {
          vs = vs.copy();
        }
        long probe = rnd.nextInt(1, (int) nextJob + 2);
        int slot = vs.indexOf(probe);
        Span expected = model.stream().filter(x -> x.job == probe).findFirst().orElse(null);
        if (expected == null) {
          assertThat(slot).isEqualTo(-1);
        } else {
          assertThat(vs.job[slot]).isEqualTo(probe);
          assertThat(vs.kind[slot]).isEqualTo(expected.kind);
          assertThat(vs.start[slot]).isEqualTo(expected.start);
        }
        if (rnd.nextInt(20) == 0) {
          assertCompactsToModel(vs, model);
        }
        for (byte k = 0; k < 3; k++) {
          final byte kk = k;
          assertThat(vs.has(k)).isEqualTo(model.stream().anyMatch(x -> x.kind == kk));
        }
        long at = rnd.nextInt(0, 620);
        List<Span> holding = model.stream().filter(x -> x.amounts[0] > 0).toList();
        assertThat(vs.maxUnitsDuring(at, 5)).isEqualTo(naiveMaxUsed(holding, 0, at, 5));
      }
    }
  }
}
