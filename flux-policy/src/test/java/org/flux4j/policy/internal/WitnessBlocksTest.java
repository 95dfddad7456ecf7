package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link WitnessBlocks} against the plain computation, each child asked on its own ({@link
 * FitWitnesses#refuses}): over random adds, removes and reductions on the children's aggregates
 * (through a {@link SchedState}), witnesses kept after failed fits, aggregates replaced, orders
 * changed and children colored, a block passes exactly when every child of it is refused by one
 * common request, and then counts exactly its children not colored.
 */
class WitnessBlocksTest {
  private static final int PARENT = 0;

  @Test
  void aBlockPassesExactlyWhenEachChildIsRefused() {
    Random rnd = new Random(41);
    int passed = 0;
    int refusedAlone = 0;
    for (int c = 0; c < 200; c++) {
      int kids = 16 + rnd.nextInt(24);
      long total = 1L + rnd.nextInt(3);
      SchedState st = new SchedState(kids + 1);
      List<long[]> live = new ArrayList<>(); // {vertex, job}
      long job = 1;
      for (int v = 1; v <= kids; v++) {
        st.setSub(v, new SubtreePlan(new int[] {0}, new long[] {total}));
        if (rnd.nextInt(10) > 0) {
          // mostly busy children (as a busy machine's), so that whole blocks refuse
          st.subForWrite(v).add(job, 0, 150 + 10L * rnd.nextInt(6), new long[] {total});
          live.add(new long[] {v, job++});
        }
      }
      FitWitnesses witnesses = new FitWitnesses(st);
      // the out-slots lead to children slot + 1; all of one type
      WitnessBlocks.Children children = slotPlusOne(v -> 7);
      int[] order = shuffled(rnd, kids);
      int[] color = new int[kids + 1];
      int tick = 1;
      for (int step = 0; step < 150; step++) {
        int what = rnd.nextInt(20);
        int v = 1 + rnd.nextInt(kids);
        if (what < 6) {
          long s = 10L * rnd.nextInt(20);
          long a = rnd.nextBoolean() ? total : rnd.nextInt((int) total + 1);
          st.subForWrite(v).add(job, s, s + 10L * rnd.nextInt(12), new long[] {a});
          live.add(new long[] {v, job++});
        } else if (what < 7 && !live.isEmpty()) {
          long[] x = live.remove(rnd.nextInt(live.size()));
          st.subForWrite((int) x[0]).remove(x[1]);
        } else if (what < 8 && !live.isEmpty()) {
          long[] x = live.get(rnd.nextInt(live.size()));
          if (st.subForWrite((int) x[0]).reduce(x[1], new long[] {1}) == SubtreePlan.REDUCED_AWAY) {
            live.remove(x);
          }
        } else if (what < 9) {
          st.setSub(v, st.sub[v].copy()); // replaced: its witness goes
        } else if (what < 10) {
          order = shuffled(rnd, kids);
        } else if (what < 11) {
          tick++;
        } else if (what < 13) {
          color[v] = tick;
        }
        // selects keep witnesses where fits fail
        for (int k = rnd.nextInt(4); k > 0; k--) {
          int u = 1 + rnd.nextInt(kids);
          long[] r = {1 + rnd.nextInt((int) total)};
          long at = 5L * rnd.nextInt(45);
          long d = 1 + 5L * rnd.nextInt(10);
          SubtreePlan p = st.sub[u];
          if (!p.fits(r, at, d)) {
            witnesses.keep(u, p, r, at, d);
          }
        }
        for (int q = 0; q < 4; q++) {
          long[][] requests = new long[1 + rnd.nextInt(2)][];
          for (int i = 0; i < requests.length; i++) {
            requests[i] = new long[] {rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt((int) total)};
          }
          long at = 5L * rnd.nextInt(45);
          long d = rnd.nextInt(8) == 0 ? 0 : 1 + 5L * rnd.nextInt(10);
          int from =
              WitnessBlocks.SIZE * rnd.nextInt((kids + WitnessBlocks.SIZE) / WitnessBlocks.SIZE);
          int got =
              witnesses.blocks.refusedBlock(
                  PARENT, order, children, from, requests, at, d, color, tick, null);
          int expected = -1;
          if (from + WitnessBlocks.SIZE <= kids) {
            for (long[] r : requests) {
              boolean all = true;
              int uncolored = 0;
              for (int p = from; p < from + WitnessBlocks.SIZE; p++) {
                int u = children.target(order[p]);
                all &= witnesses.refuses(u, r, at, d);
                uncolored += color[u] == tick ? 0 : 1;
              }
              if (all) {
                expected = uncolored;
              }
            }
            for (int p = from; p < from + WitnessBlocks.SIZE; p++) {
              refusedAlone +=
                  witnesses.refuses(children.target(order[p]), requests[0], at, d) ? 1 : 0;
            }
          }
          assertThat(got)
              .as("case %d step %d: block at %d, window [%d, +%d)", c, step, from, at, d)
              .isEqualTo(expected);
          passed += got >= 0 ? 1 : 0;
        }
      }
    }
    assertThat(passed).as("blocks pass").isGreaterThan(40);
    assertThat(refusedAlone).as("children refused one by one").isGreaterThan(20000);
  }

  @Test
  void childrenOfTwoTypesAreNeverPassedAsABlock() {
    SchedState st = new SchedState(17);
    FitWitnesses witnesses = new FitWitnesses(st);
    long[] full = {1};
    for (int v = 1; v <= 16; v++) {
      SubtreePlan p = new SubtreePlan(new int[] {0}, new long[] {1});
      st.setSub(v, p);
      st.subForWrite(v).add(v, 0, 100, full);
      witnesses.keep(v, st.sub[v], full, 10, 10);
      assertThat(witnesses.refuses(v, full, 10, 10)).isTrue();
    }
    int[] order = new int[16];
    for (int i = 0; i < 16; i++) {
      order[i] = i;
    }
    WitnessBlocks.Children twoTypes = slotPlusOne(v -> v == 9 ? 2 : 1);
    long[][] requests = {full};
    assertThat(
            witnesses.blocks.refusedBlock(
                PARENT, order, twoTypes, 0, requests, 10, 10, new int[17], 1, null))
        .isEqualTo(-1);
    int[] sameOrderCopy = order.clone();
    WitnessBlocks.Children oneType = slotPlusOne(v -> 1);
    assertThat(
            witnesses.blocks.refusedBlock(
                PARENT, sameOrderCopy, oneType, 0, requests, 10, 10, new int[17], 1, null))
        .as("a new order array is laid afresh")
        .isEqualTo(16);
  }

  /**
   * Children where out-slot {@code slot} leads to vertex {@code slot + 1}, typed by {@code type}.
   */
  private static WitnessBlocks.Children slotPlusOne(IntUnaryOperator type) {
    return new WitnessBlocks.Children() {
      @Override
      public int target(int slot) {
        return slot + 1;
      }

      @Override
      public int typeOf(int v) {
        return type.applyAsInt(v);
      }
    };
  }

  private static int[] shuffled(Random rnd, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
