package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SubtreePlan#mayHaveFreed} against a model that keeps every write that may free room (a
 * removal, a reduction) with its time range: over random adds, removes and reductions, it answers
 * true whenever one since the count asked about overlaps the run (never misses one, also after more
 * than {@link SubtreePlan#FREES_KEPT} of them), and exactly the model's answer while at most that
 * many happened.
 */
class SubtreePlanFreesTest {
  @Test
  void mayHaveFreed_neverMissesAFreeingWrite_andIsExactWhileTheyAreKept() {
    Random rnd = new Random(71);
    int overlapsSeen = 0;
    int exactFalse = 0;
    for (int c = 0; c < 300; c++) {
      SubtreePlan plan = new SubtreePlan(new int[] {0}, new long[] {4});
      List<long[]> live = new ArrayList<>(); // {job, start, end, amount}
      List<long[]> freedRanges = new ArrayList<>(); // the model: every freeing write's range
      long job = 1;
      for (int step = 0; step < 60; step++) {
        int what = rnd.nextInt(10);
        if (what < 5 || live.isEmpty()) {
          long s = 10L * rnd.nextInt(20);
          long e = s + 10L * rnd.nextInt(4);
          long a = rnd.nextInt(5);
          plan.add(job, s, e, new long[] {a});
          live.add(new long[] {job++, s, e, a});
        } else if (what < 8) {
          long[] span = live.remove(rnd.nextInt(live.size()));
          plan.remove(span[0]);
          if (span[1] < span[2]) {
            freedRanges.add(new long[] {span[1], span[2]});
          }
        } else {
          long[] span = live.get(rnd.nextInt(live.size()));
          long cut = span[3] == 0 ? 0 : 1 + rnd.nextInt((int) span[3]);
          int r = plan.reduce(span[0], new long[] {cut});
          if (r == SubtreePlan.REDUCED_AWAY) {
            live.remove(span);
          } else {
            span[3] -= cut;
          }
          if (span[1] < span[2]) {
            freedRanges.add(new long[] {span[1], span[2]});
          }
        }
        assertThat(plan.frees())
            .as("case %d step %d: counts", c, step)
            .isEqualTo(freedRanges.size());
        for (int probe = 0; probe < 10; probe++) {
          long since = rnd.nextInt((int) plan.frees() + 1);
          long lo = 5L * rnd.nextInt(45);
          long hi = lo + 1 + 5L * rnd.nextInt(8);
          boolean model = false;
          for (int f = (int) since; f < freedRanges.size(); f++) {
            long[] x = freedRanges.get(f);
            model |= x[0] < hi && lo < x[1];
          }
          boolean answer = plan.mayHaveFreed(since, lo, hi);
          if (model) {
            overlapsSeen++;
            assertThat(answer)
                .as("case %d step %d: a write since %d freed [%d, %d)", c, step, since, lo, hi)
                .isTrue();
          } else if (plan.frees() - since <= SubtreePlan.FREES_KEPT) {
            exactFalse++;
            assertThat(answer)
                .as("case %d step %d: nothing since %d freed [%d, %d)", c, step, since, lo, hi)
                .isFalse();
          }
        }
      }
    }
    assertThat(overlapsSeen).isGreaterThan(5000);
    assertThat(exactFalse).isGreaterThan(5000);
  }
}
