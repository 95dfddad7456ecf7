package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link FirstFits} against the search it shortens: over random aggregates written by bookings (and
 * now and then a removal), every search started where it says gives the same candidate times as one
 * from the asked instant ({@link SubtreePlan#fitTimes}), with the asked instants often between
 * points and bookings made inside the ranges it has claimed, as a conservative queue's rebuild
 * makes them.
 */
class FirstFitsTest {
  @Test
  void aSearchStartedWhereItSaysFindsTheSameCandidateTimes() {
    Random rnd = new Random(41);
    long skips = 0;
    long skippedPoints = 0;
    for (int c = 0; c < 300; c++) {
      int types = 1 + rnd.nextInt(2);
      long[] totals = rnd.longs(types, 2, 12).toArray();
      int[] typeIds = IntStream.range(0, types).toArray(); // request index k is prune type k
      SchedState st = new SchedState(2);
      st.setSub(0, new SubtreePlan(typeIds, totals));
      FirstFits ff = new FirstFits();
      List<Long> live = new ArrayList<>();
      long job = 1;
      // a few shapes, asked again and again, as a queue's jobs of one size and time limit are
      long[][] shapes = new long[3][];
      long[] durations = new long[shapes.length];
      for (int s = 0; s < shapes.length; s++) {
        shapes[s] = new long[types];
        for (int k = 0; k < types; k++) {
          shapes[s][k] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt((int) totals[k]);
        }
        durations[s] = 1L + rnd.nextInt(40);
      }
      long now = rnd.nextInt(20);
      // running jobs: spans from before now (the candidate times are the aggregate's points)
      for (int r = 1 + rnd.nextInt(6); r > 0; r--) {
        long[] amounts = new long[types];
        for (int k = 0; k < types; k++) {
          amounts[k] = rnd.nextInt((int) totals[k] + 1) / 2;
        }
        long end = now + 1 + rnd.nextInt(60);
        st.subForWrite(0).add(job, 0, end, amounts);
        live.add(job++);
      }
      for (int step = 0; step < 120; step++) {
        SubtreePlan p = st.sub[0];
        int what = rnd.nextInt(20);
        if (what == 0 && !live.isEmpty()) {
          st.subForWrite(0).remove(live.remove(rnd.nextInt(live.size())));
          continue;
        }
        if (what == 1) {
          now += rnd.nextInt(3);
          continue;
        }
        int s = rnd.nextInt(shapes.length);
        long[] request = shapes[s];
        long d = durations[s];
        long from = rnd.nextInt(4) == 0 ? now + rnd.nextInt(30) : now;
        long[] fromStart = ff.fitTimes(p, request, from, d, JobMeta.PLAN_END, Integer.MAX_VALUE);
        long start = ff.lastStart();
        long[] want = p.fitTimes(request, from, d, JobMeta.PLAN_END);
        assertThat(fromStart)
            .as("case %d step %d: from %d, started at %d", c, step, from, start)
            .containsExactly(want);
        if (start > from) {
          skips++;
          skippedPoints += Arrays.stream(p.fitTimes(new long[types], from, 1, start)).count();
        }
        if (fromStart.length > 0) {
          // book the job at a time the search found, or somewhere else before it (a job ahead
          // of it in another cycle), so that new points fall inside the claimed ranges
          long at = rnd.nextBoolean() ? fromStart[0] : from + rnd.nextInt(30);
          long[] amounts = new long[types];
          for (int k = 0; k < types; k++) {
            amounts[k] = rnd.nextInt((int) totals[k] + 1) / 2;
          }
          if (p.fits(amounts, at, d)) {
            st.subForWrite(0).add(job, at, at + d, amounts);
            live.add(job++);
          }
        }
      }
    }
    assertThat(skips).as("searches started later").isGreaterThan(2000);
    assertThat(skippedPoints).as("points skipped").isGreaterThan(2000);
  }
}
