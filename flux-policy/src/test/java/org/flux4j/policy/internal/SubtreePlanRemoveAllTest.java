package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * {@link SubtreePlan#removeAll} and {@link VertexSchedule#findGroup} with {@link
 * VertexSchedule#removeSlots} (as {@link Cancellation#cancelAll} uses them) against {@code remove}
 * of each id in turn on a copy: random spans of two types (empty ones, shared boundaries, a job
 * with two spans, reductions that bring in Fluxion's planner), then a random set of ids in random
 * order (some unknown) removed at once. Same spans in the same order with the same span ids, the
 * same points, the same usage at every point, the same freeing-write log (count and answers), the
 * same fit times, and the ids left holding a span are those that still have one.
 */
class SubtreePlanRemoveAllTest {
  @Property(tries = 300)
  void removeAll_isRemoveOneByOne(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random r = new Random(seed);
    SubtreePlan a = new SubtreePlan(new int[] {0, 1}, new long[] {8, 3});
    VertexSchedule va = new VertexSchedule();
    List<Long> ids = new ArrayList<>();
    int spans = 1 + r.nextInt(r.nextBoolean() ? 12 : 80);
    for (int i = 0; i < spans; i++) {
      long id = ids.isEmpty() || r.nextInt(12) > 0 ? 100 + i : ids.get(r.nextInt(ids.size()));
      long s = 5L * r.nextInt(30);
      long e = s + 5L * r.nextInt(6);
      a.add(id, s, e, new long[] {r.nextInt(4), r.nextInt(2)});
      va.add(id, s, e, r.nextInt(3), (byte) r.nextInt(3));
      ids.add(id);
      if (r.nextInt(40) == 0) {
        a.reduce(id, new long[] {0, 0});
      }
    }
    List<Long> pick = new ArrayList<>();
    for (long id : ids) {
      if (!pick.contains(id) && r.nextInt(3) > 0) {
        pick.add(id);
      }
    }
    if (r.nextInt(5) == 0) {
      pick.add(99L); // unknown
    }
    Collections.shuffle(pick, r);
    long[] batch = pick.stream().mapToLong(Long::longValue).toArray();

    SubtreePlan b = a.copy();
    VertexSchedule vb = va.copy();
    long frees = a.frees();
    long freesB = b.frees(); // a copy starts its own log
    long[] keptA = a.removeAll(batch);
    // the vertex half as Cancellation.cancelAll does it: one pass finds the batch's entries
    LongIntHashMap placeOf = new LongIntHashMap();
    for (int i = 0; i < batch.length; i++) {
      placeOf.put(batch[i], i);
    }
    int[] group = new int[batch.length];
    java.util.Arrays.fill(group, 1);
    int[] slots = new int[va.n];
    int found = va.findGroup(placeOf, group, new int[batch.length], 1, slots, 0, va.n);
    if (found >= 0) {
      va.removeSlots(slots, 0, found);
    }
    for (long id : batch) {
      b.remove(id);
      vb.remove(id);
    }
    assertThat(dump(a)).as("seed %d", seed).isEqualTo(dump(b));
    assertThat(a.frees() - frees).as("seed %d", seed).isEqualTo(b.frees() - freesB);
    assertThat(keptA).as("seed %d", seed).containsExactlyInAnyOrder(stillIn(b, batch));
    for (int q = 0; q < 50; q++) {
      long since = r.nextInt((int) (a.frees() - frees) + 1);
      long lo = 5L * r.nextInt(40) - 10;
      long hi = lo + 1 + 5L * r.nextInt(8);
      assertThat(a.mayHaveFreed(frees + since, lo, hi))
          .isEqualTo(b.mayHaveFreed(freesB + since, lo, hi));
    }
    for (int q = 0; q < 20; q++) {
      long[] req = {r.nextInt(9), r.nextInt(4)};
      long from = 5L * r.nextInt(40) - 10;
      long d = 1L + r.nextInt(40);
      assertThat(a.fitTimes(req, from, d, 1000)).isEqualTo(b.fitTimes(req, from, d, 1000));
    }
    boolean twice = false;
    for (long id : batch) {
      twice |= vb.indexOf(id) >= 0; // its second entry is left after one removal
    }
    // findGroup declines exactly when a job of the batch holds two entries (then cancelAll
    // cancels one by one)
    assertThat(found < 0).as("seed %d", seed).isEqualTo(twice);
    if (found < 0) {
      return;
    }
    vb.compact();
    assertThat(entries(va)).as("seed %d", seed).isEqualTo(entries(vb));
    for (int q = 0; q < 20; q++) {
      long at = 5L * r.nextInt(40);
      long d = 1L + r.nextInt(60);
      assertThat(va.maxUnitsDuring(at, d)).isEqualTo(vb.maxUnitsDuring(at, d));
    }
  }

  private static long[] stillIn(SubtreePlan p, long[] ids) {
    return java.util.Arrays.stream(ids).filter(p::has).toArray();
  }

  private static String entries(VertexSchedule s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.n; i++) {
      if (s.isLive(i)) {
        sb.append(s.job[i]).append('@').append(s.start[i]).append('-').append(s.end[i]);
        sb.append('x').append(s.units[i]).append('k').append(s.kind[i]).append(' ');
      }
    }
    return sb.toString();
  }

  /** A plan's spans (job, window, span id, amounts), points with their usage, and free count. */
  static String dump(SubtreePlan p) {
    StringBuilder sb = new StringBuilder();
    int t = p.types.length;
    for (int i = 0; i < p.n; i++) {
      sb.append(' ').append(p.job[i]).append('@').append(p.start[i]).append('-').append(p.end[i]);
      sb.append('#').append(p.seq[i]);
      for (int k = 0; k < t; k++) {
        sb.append(',').append(p.amounts[i * t + k]);
      }
    }
    sb.append(" |");
    for (int q = 0; q < p.pointCount(); q++) {
      long time = p.pointTime(q);
      sb.append(' ').append(time);
      for (int k = 0; k < t; k++) {
        sb.append(',').append(p.usedAt(k, time));
      }
    }
    return sb.toString();
  }
}
