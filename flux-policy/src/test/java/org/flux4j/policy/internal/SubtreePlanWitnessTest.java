package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The witnesses failed fits leave ({@link SubtreePlan#witness}, kept by {@link FitWitnesses})
 * against {@link SubtreePlan#fits} itself (which {@code SubtreePlanFitTimesTest} checks against a
 * model), over random adds, removes and reductions written through a {@link SchedState}: a witness
 * only ever refuses windows and requests that do not fit, also after later writes; adds keep it,
 * and a removal or reduction drops it when it frees room on its run (or too many did to tell).
 */
class SubtreePlanWitnessTest {
  /** A request of up to one more than each total, now and then -1 (a type not asked for). */
  private static long[] randomRequest(Random rnd, long[] totals) {
    long[] request = spanRow(rnd, 0, totals);
    for (int k = 0; k < totals.length; k++) {
      request[k] = request[k + 1] + (rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(2));
    }
    return Arrays.copyOf(request, totals.length);
  }

  /** A span's row as this test keeps it: the job, then an amount of each type up to its total. */
  private static long[] spanRow(Random rnd, long job, long[] totals) {
    long[] row = new long[totals.length + 1];
    row[0] = job;
    for (int k = 0; k < totals.length; k++) {
      row[k + 1] = rnd.nextInt((int) totals[k] + 1);
    }
    return row;
  }

  @Test
  void aWitnessRefusesOnlyWhatDoesNotFit_throughLaterWrites() {
    Random rnd = new Random(23);
    int refused = 0;
    int kept = 0;
    int survived = 0;
    int dropped = 0;
    int replaced = 0;
    for (int c = 0; c < 400; c++) {
      int types = 1 + rnd.nextInt(2);
      long[] totals = new long[types];
      int[] typeIds = new int[types];
      for (int k = 0; k < types; k++) {
        totals[k] = 1L + rnd.nextInt(rnd.nextBoolean() ? 1 : 6);
        typeIds[k] = k;
      }
      SchedState st = new SchedState(3);
      int v = 1 + rnd.nextInt(2);
      st.setSub(v, new SubtreePlan(typeIds, totals));
      FitWitnesses witnesses = new FitWitnesses(st);
      List<long[]> live = new ArrayList<>(); // {job, amounts...}
      long job = 1;
      long[] lastRequest = null;
      long lastAt = 0;
      long lastD = 0;
      for (int step = 0; step < 40; step++) {
        int what = rnd.nextInt(10);
        if (what < 6) {
          long[] row = spanRow(rnd, job++, totals);
          long s = 100L * rnd.nextInt(12);
          st.subForWrite(v)
              .add(row[0], s, s + 100L * rnd.nextInt(5), Arrays.copyOfRange(row, 1, row.length));
          live.add(row);
        } else if (what < 8 && !live.isEmpty()) {
          st.subForWrite(v).remove(live.remove(rnd.nextInt(live.size()))[0]);
        } else if (!live.isEmpty()) {
          long[] row = live.get(rnd.nextInt(live.size()));
          long[] cut = new long[types];
          for (int k = 0; k < types; k++) {
            cut[k] = row[k + 1] == 0 ? 0 : rnd.nextInt((int) row[k + 1] + 1);
            row[k + 1] -= cut[k];
          }
          if (st.subForWrite(v).reduce(row[0], cut) == SubtreePlan.REDUCED_AWAY) {
            live.remove(row);
          }
        }
        if (rnd.nextInt(25) == 0) {
          // the aggregate replaced (as a re-prime or a copy on write does): witnesses of the old
          // object go with it
          st.setSub(v, st.sub[v].copy());
          if (lastRequest != null) {
            assertThat(witnesses.refuses(v, lastRequest, lastAt, lastD))
                .as("case %d step %d: a replaced aggregate drops it", c, step)
                .isFalse();
            replaced++;
          }
        }
        SubtreePlan plan = st.sub[v];
        if (lastRequest != null) {
          // the witness of an earlier step, after this step's write: refuses only what does not fit
          if (witnesses.refuses(v, lastRequest, lastAt, lastD)) {
            survived++;
            assertThat(plan.fits(lastRequest, lastAt, lastD))
                .as("case %d step %d: a kept witness refuses a fit after a write", c, step)
                .isFalse();
          } else {
            dropped++;
          }
          for (int probe = 0; probe < 30; probe++) {
            long[] r2 = randomRequest(rnd, totals);
            long at2 = 25L * rnd.nextInt(70);
            long d2 = rnd.nextInt(700);
            if (witnesses.refuses(v, r2, at2, d2)) {
              assertThat(plan.fits(r2, at2, d2))
                  .as("case %d step %d probe %d: refused after a write yet fits", c, step, probe)
                  .isFalse();
            }
          }
        }
        long[] request = randomRequest(rnd, totals);
        long at = 50L * rnd.nextInt(30);
        long d = 1 + 100L * rnd.nextInt(6) + (rnd.nextBoolean() ? 50 : 0);
        if (plan.fits(request, at, d)) {
          continue;
        }
        witnesses.keep(v, plan, request, at, d);
        boolean any = witnesses.refuses(v, request, at, d);
        kept += any ? 1 : 0;
        lastRequest = any ? request : null;
        lastAt = at;
        lastD = d;
        assertThat(witnesses.refuses(v ^ 3, request, at, d)).as("another vertex").isFalse();
        for (int probe = 0; probe < 30; probe++) {
          long[] r2 = randomRequest(rnd, totals);
          long at2 = 25L * rnd.nextInt(70);
          long d2 = rnd.nextInt(700);
          if (witnesses.refuses(v, r2, at2, d2)) {
            refused++;
            assertThat(plan.fits(r2, at2, d2))
                .as(
                    "case %d step %d probe %d: refused yet fits at %d for %d",
                    c, step, probe, at2, d2)
                .isFalse();
          }
        }
      }
    }
    assertThat(kept).as("witnesses are kept").isGreaterThan(500);
    assertThat(survived).as("witnesses outlive writes").isGreaterThan(500);
    assertThat(dropped).as("writes that free room drop witnesses").isGreaterThan(100);
    assertThat(replaced).as("aggregates replaced under a witness").isGreaterThan(20);
    assertThat(refused).as("witnesses refuse windows").isGreaterThan(5000);
  }

  /**
   * On a plan crowded with spans (a deep queue's bookings, back to back), a witness reaches at most
   * {@link SubtreePlan#WITNESS_REACH} points each way from where it was found, and the shorter run
   * still refuses only what does not fit: every window meeting it, for every request above the
   * amount it admits, is refused by {@link SubtreePlan#fits} too.
   */
  @Test
  void aWitnessOnACrowdedPlanIsCutShortAndStillRefusesOnlyWhatDoesNotFit() {
    Random rnd = new Random(31);
    long total = 8;
    SubtreePlan plan = new SubtreePlan(new int[] {0}, new long[] {total});
    long t = 0;
    for (long job = 1; job <= 1500; job++) {
      long len = 1L + rnd.nextInt(20);
      plan.add(job, t, t + len, new long[] {4 + rnd.nextInt(5)});
      t += rnd.nextInt(3) == 0 ? len : len / 2; // overlapping now and then: usage 4 to 8
    }
    long[] run = new long[3];
    int found = 0;
    for (int c = 0; c < 300; c++) {
      long at = rnd.nextLong(t);
      long d = 1L + rnd.nextInt(30);
      long[] request = {5 + rnd.nextInt(4)};
      if (plan.fits(request, at, d) || plan.witness(request, at, d, run) < 0) {
        continue;
      }
      long points = 0;
      for (long x = run[0]; x < run[1]; x++) {
        if (plan.usedAt(0, x) != plan.usedAt(0, x - 1)) {
          points++;
        }
      }
      assertThat(points)
          .as("points of the run, against 2,000 on the plan's whole run")
          .isLessThanOrEqualTo(2L * SubtreePlan.WITNESS_REACH + 2)
          .isLessThan(500);
      found++;
      for (int probe = 0; probe < 40; probe++) {
        long at2 = run[0] - 30 + rnd.nextLong(run[1] - run[0] + 30);
        long d2 = 1L + rnd.nextInt(60);
        long[] r2 = {run[2] + 1 + rnd.nextInt((int) Math.max(1, total - run[2]))};
        if (at2 + d2 > run[0] && at2 < run[1] && r2[0] <= total) {
          assertThat(plan.fits(r2, at2, d2))
              .as(
                  "case %d: refused by the run [%d, %d) yet fits at %d for %d",
                  c, run[0], run[1], at2, d2)
              .isFalse();
        }
      }
    }
    assertThat(found).as("witnesses found").isGreaterThan(100);
  }
}
