package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link BusyRuns} and {@code Scheduler.markBusy} against brute force over integer instants: after
 * random adds, removes and copies of a vertex's entries, the runs are exactly the maximal stretches
 * of instants some entry holding units covers (kept runs follow every write, also of a copy), and
 * the times marked busy for a window length {@code d} are exactly those whose window {@code [t, t +
 * d)} meets an entry holding units.
 */
class BusyRunsTest {
  @Property(tries = 300)
  void runsAndBusyTimes_matchBruteForce(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random r = new Random(seed);
    BusyRuns runs = new BusyRuns();
    VertexSchedule s = new VertexSchedule();
    List<Long> live = new ArrayList<>();
    long next = 1;
    for (int step = 0; step < 60; step++) {
      int what = r.nextInt(10);
      if (what < 6 || live.isEmpty()) {
        long a = r.nextInt(60);
        long b = a + r.nextInt(12) - 2; // some empty or reversed windows
        s.add(next, a, b, r.nextInt(3) == 0 ? 0 : 1, (byte) r.nextInt(3));
        live.add(next++);
      } else if (what < 9) {
        s.remove(live.remove(r.nextInt(live.size())));
      } else {
        s = s.copy();
      }
      long[] got = runs.of(0, s);
      assertThat(got).as("seed %d step %d", seed, step).containsExactly(bruteRuns(s));
      for (int q = 0; q < 5; q++) {
        long d = 1L + r.nextInt(15);
        TreeSet<Long> ts = new TreeSet<>();
        int nt = 1 + r.nextInt(16);
        while (ts.size() < nt) {
          ts.add((long) r.nextInt(90) - 15);
        }
        long[] times = ts.stream().mapToLong(Long::longValue).toArray();
        int[] diff = new int[times.length + 1];
        Scheduler.markBusy(got, d, times, diff);
        int busy = 0;
        for (int i = 0; i < times.length; i++) {
          busy += diff[i];
          assertThat(busy > 0)
              .as("seed %d step %d: t=%d d=%d", seed, step, times[i], d)
              .isEqualTo(bruteBusy(s, times[i], d));
          assertThat(busy).isBetween(0, 1);
        }
      }
    }
  }

  private static boolean bruteBusy(VertexSchedule s, long t, long d) {
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i) && s.units[i] > 0 && s.start[i] < s.end[i]) {
        if (s.start[i] < t + d && t < s.end[i]) {
          return true;
        }
      }
    }
    return false;
  }

  private static long[] bruteRuns(VertexSchedule s) {
    boolean[] held = new boolean[100];
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i) && s.units[i] > 0) {
        for (long x = s.start[i]; x < s.end[i]; x++) {
          held[(int) x] = true;
        }
      }
    }
    List<Long> out = new ArrayList<>();
    for (int x = 0; x < held.length; x++) {
      if (held[x] && (x == 0 || !held[x - 1])) {
        out.add((long) x);
      }
      if (held[x] && (x + 1 == held.length || !held[x + 1])) {
        out.add((long) x + 1);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
