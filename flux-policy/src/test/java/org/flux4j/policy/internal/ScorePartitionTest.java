package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The first partition made from scores in segments must leave, once the sort goes on from it,
 * exactly what {@link StdSort#sortPackedKeys} puts first from all the scores packed.
 */
class ScorePartitionTest {
  @Test
  void firstLeft_thenTheSort_givesThePackedSortsTop() {
    Random rnd = new Random(11);
    ScorePartition sp = new ScorePartition();
    int checked = 0;
    for (int c = 0; c < 3000; c++) {
      int n = 17 + rnd.nextInt(c % 10 == 0 ? 20_000 : 400);
      int distinct = 1 + rnd.nextInt(c % 3 == 0 ? 3 : c % 3 == 1 ? 50 : 5 * n);
      long offset = rnd.nextInt(1000) - 500L;
      long[] all = new long[n];
      for (int i = 0; i < n; i++) {
        // runs of rising scores (a node's cores) or noise
        all[i] = offset + (c % 2 == 0 ? i % distinct : rnd.nextInt(distinct));
      }
      boolean higherFirst = rnd.nextBoolean();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long x : all) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      int shift = StdSort.indexBits(n);
      // the scores in segments of random lengths (some empty), each its own array
      sp.start(higherFirst, min, max, shift);
      for (int at = 0; at < n; ) {
        int len = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(c % 4 == 0 ? 3 : 200);
        len = Math.min(len, n - at);
        long[] seg = new long[len + rnd.nextInt(3)];
        System.arraycopy(all, at, seg, 0, len);
        sp.append(seg, len, rnd.nextBoolean() ? new ScoreIndex() : null);
        at += len;
      }
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        long key = higherFirst ? max - all[i] : all[i] - min;
        packed[i] = (key << shift) | i;
      }
      long[] v = new long[n];
      int cut = sp.firstLeft(v);
      int top = 1 + rnd.nextInt(Math.min(n, 40));
      if (cut < top) {
        continue;
      }
      checked++;
      StdSort.sortAfterFirstCut(v, n, cut, top, shift);
      StdSort.sortPackedKeys(packed, n, top, shift);
      for (int i = 0; i < top; i++) {
        assertThat(v[i]).as("case %d position %d", c, i).isEqualTo(packed[i]);
      }
    }
    assertThat(checked).isGreaterThan(2500);
  }
}
