package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Evals} holding candidates appended as parts (remembered visits) must choose, and then read
 * by position, exactly as one whose candidates were all copied in.
 */
class EvalsTest {
  private static EGroup group(Random rnd, int scores, boolean unitCounts) {
    EGroup g = new EGroup();
    g.score = rnd.nextInt(scores);
    g.count = unitCounts ? 1 : 1 + rnd.nextInt(3);
    return g;
  }

  /** One way of filling: a run of adds, then parts and merges in a random mix. */
  private record Fill(List<EGroup> added, List<List<EGroup>> steps, List<Boolean> isPart) {}

  private static Fill fill(Random rnd, int scores, boolean unitCounts) {
    List<EGroup> added = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      added.add(group(rnd, scores, unitCounts));
    }
    List<List<EGroup>> steps = new ArrayList<>();
    List<Boolean> isPart = new ArrayList<>();
    for (int s = 1 + rnd.nextInt(12); s > 0; s--) {
      List<EGroup> gs = new ArrayList<>();
      for (int i = rnd.nextInt(40); i > 0; i--) {
        gs.add(group(rnd, scores, unitCounts));
      }
      steps.add(gs);
      isPart.add(rnd.nextInt(4) != 0);
    }
    return new Fill(added, steps, isPart);
  }

  /** Builds the Evals: with parts as parts, or (flat) every step copied in by a merge. */
  private static Evals build(Fill f, boolean withParts) {
    Evals e = new Evals(0);
    for (EGroup g : f.added) {
      e.add(g);
    }
    for (int s = 0; s < f.steps.size(); s++) {
      List<EGroup> gs = f.steps.get(s);
      if (withParts && f.isPart.get(s)) {
        long[] scores = new long[gs.size()];
        long[] bounds = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        long qual = 0;
        long total = 0;
        for (int i = 0; i < gs.size(); i++) {
          EGroup g = gs.get(i);
          scores[i] = g.score;
          bounds[0] = Math.min(bounds[0], g.count);
          bounds[1] = Math.min(bounds[1], g.score);
          bounds[2] = Math.max(bounds[2], g.score);
          total += g.count;
          qual += g.score > 0 ? g.count : 0;
        }
        e.mergeGroups(
            gs.toArray(new EGroup[0]), scores, bounds, new ScoreIndex(), gs.size(), qual, total);
      } else {
        Evals o = new Evals(0);
        for (EGroup g : gs) {
          o.add(g);
        }
        e.merge(o);
      }
    }
    return e;
  }

  @Test
  void chooseBestK_overParts_choosesAndThenReadsAsTheCopiedCandidates() {
    Random rnd = new Random(3);
    Order[] orders = {Order.LOWER_FIRST, Order.HIGHER_FIRST};
    for (int c = 0; c < 3000; c++) {
      int scores = 1 + rnd.nextInt(c % 2 == 0 ? 4 : 500);
      Fill f = fill(rnd, scores, c % 3 != 0);
      Evals flat = build(f, false);
      Evals parted = build(f, true);
      assertThat(parted.n).isEqualTo(flat.n);
      assertThat(parted.qual).isEqualTo(flat.qual);
      if (flat.qual == 0) {
        continue;
      }
      long k = 1L + rnd.nextInt((int) Math.min(flat.qual, 50));
      boolean onlyTop = rnd.nextBoolean();
      Order order = c % 5 == 0 ? Order.intervalGreater(flat, false) : orders[rnd.nextInt(2)];
      Order partedOrder = c % 5 == 0 ? Order.intervalGreater(parted, false) : order;
      assertThat(parted.chooseBestK(k, partedOrder, onlyTop))
          .isEqualTo(flat.chooseBestK(k, order, onlyTop));
      assertThat(parted.bestI).as("case %d", c).isEqualTo(flat.bestI);
      for (int i = 0; i < flat.bestI; i++) {
        assertThat(parted.chosen(i)).as("case %d chosen %d", c, i).isSameAs(flat.chosen(i));
      }
      if (rnd.nextBoolean()) {
        // a second choice sorts fully, from the order the first left
        long k2 = 1L + rnd.nextInt((int) Math.min(flat.qual, 50));
        parted.chooseBestK(k2, partedOrder, true);
        flat.chooseBestK(k2, order, true);
      }
      for (int i = 0; i < flat.n; i++) {
        assertThat(parted.group(i)).as("case %d position %d", c, i).isSameAs(flat.group(i));
      }
    }
  }

  /**
   * A choice of only the top, which may skip the sort where the keys tell the top apart (all keys
   * equal, or the best few all different), must choose what the first groups of a full {@code
   * std::sort} are.
   */
  @Test
  void chooseBestK_onlyTop_choosesTheFullSortsFirstGroups() {
    Random rnd = new Random(5);
    for (int c = 0; c < 4000; c++) {
      int shape = c % 5;
      int n = 2 + rnd.nextInt(c % 7 == 0 ? 3000 : 120);
      // the sequence in 1 to 12 steps (parts or merges), each step a band of its own scores
      int steps = 1 + rnd.nextInt(c % 2 == 0 ? 1 : 12);
      int[] stepOf = new int[n];
      for (int i = 0, step = 0; i < n; i++) {
        if (step < steps - 1 && rnd.nextInt(Math.max(1, n / steps)) == 0) {
          step++;
        }
        stepOf[i] = step;
      }
      int[] band = new int[steps];
      for (int b = 0; b < steps; b++) {
        band[b] = b;
      }
      for (int b = steps - 1; b > 0; b--) {
        int j = rnd.nextInt(b + 1);
        int t = band[b];
        band[b] = band[j];
        band[j] = t;
      }
      List<List<EGroup>> parts = new ArrayList<>();
      List<Boolean> isPart = new ArrayList<>();
      List<EGroup> gs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        EGroup g = new EGroup();
        g.count = 1;
        g.score =
            switch (shape) {
              case 0 -> 7; // all equal
              case 1 -> 1 + (i * 7919L) % (4L * n); // all different
              case 2 -> 1 + rnd.nextInt(3 * n); // mostly different
              case 3 -> 1 + rnd.nextInt(1 + rnd.nextInt(6)); // many ties
              default -> 1 + band[stepOf[i]] * 100_000L + (i * 7919L) % 50_000; // a band a step
            };
        gs.add(g);
        while (parts.size() <= stepOf[i]) {
          parts.add(new ArrayList<>());
          isPart.add(rnd.nextInt(4) != 0);
        }
        parts.get(stepOf[i]).add(g);
      }
      Fill f = new Fill(List.of(), parts, isPart);
      Evals e = build(f, true);
      Order order =
          c % 3 == 0
              ? Order.intervalGreater(e, false)
              : rnd.nextBoolean() ? Order.LOWER_FIRST : Order.HIGHER_FIRST;
      long[] keys = new long[n];
      EGroup[] sorted = gs.toArray(new EGroup[0]);
      for (int i = 0; i < n; i++) {
        keys[i] = order.key(sorted[i].score);
      }
      StdSort.sort(sorted, keys, n);
      long k = 1L + rnd.nextInt(Math.min(n - 1, 40));
      assertThat(e.chooseBestK(k, order, true)).isTrue();
      assertThat(e.bestI).isEqualTo((int) k);
      for (int i = 0; i < k; i++) {
        assertThat(e.chosen(i)).as("case %d shape %d chosen %d", c, shape, i).isSameAs(sorted[i]);
      }
      // read by position, the chosen lead and every group is still there once
      java.util.Set<EGroup> seen =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (int i = 0; i < n; i++) {
        if (i < k) {
          assertThat(e.group(i)).isSameAs(sorted[i]);
        }
        seen.add(e.group(i));
      }
      assertThat(seen).hasSize(n);
    }
  }

  /**
   * With a stable order (the {@code stable_ties} extension) a choice of the top, or a full sort,
   * puts the groups in order of key and then of position, over parts and ties of every shape.
   */
  @Test
  void chooseBestK_stable_ordersByKeyThenPosition() {
    Random rnd = new Random(11);
    for (int c = 0; c < 3000; c++) {
      int n = 2 + rnd.nextInt(c % 7 == 0 ? 3000 : 150);
      int scores =
          switch (c % 4) {
            case 0 -> 1; // all equal
            case 1 -> 1 + rnd.nextInt(6); // many ties
            case 2 -> 3 * n; // mostly different
            default -> 1 << 20; // a wide range
          };
      List<List<EGroup>> parts = new ArrayList<>();
      List<Boolean> isPart = new ArrayList<>();
      List<EGroup> gs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (parts.isEmpty() || rnd.nextInt(1 + n / (1 + rnd.nextInt(12))) == 0) {
          parts.add(new ArrayList<>());
          isPart.add(rnd.nextInt(4) != 0);
        }
        EGroup g = new EGroup();
        g.count = 1;
        g.score =
            1 + (c % 4 == 3 ? (long) rnd.nextInt(scores) * 4_000_000_000L : rnd.nextInt(scores));
        gs.add(g);
        parts.get(parts.size() - 1).add(g);
      }
      Evals e = build(new Fill(List.of(), parts, isPart), true);
      boolean higher = rnd.nextBoolean();
      Order order = c % 5 == 0 ? Order.intervalGreater(e, true) : Order.of(higher, true);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add(i);
      }
      expected.sort(java.util.Comparator.comparingLong(i -> order.key(gs.get(i).score)));
      boolean onlyTop = rnd.nextBoolean();
      long k = 1L + rnd.nextInt(Math.min(n - 1, c % 3 == 0 ? 40 : n - 1));
      assertThat(e.chooseBestK(k, order, onlyTop)).isTrue();
      assertThat(e.bestI).isEqualTo((int) k);
      for (int i = 0; i < k; i++) {
        assertThat(e.chosen(i)).as("case %d chosen %d", c, i).isSameAs(gs.get(expected.get(i)));
      }
      int ordered = onlyTop ? (int) k : n;
      for (int i = 0; i < ordered; i++) {
        assertThat(e.group(i)).as("case %d position %d", c, i).isSameAs(gs.get(expected.get(i)));
      }
    }
  }
}
