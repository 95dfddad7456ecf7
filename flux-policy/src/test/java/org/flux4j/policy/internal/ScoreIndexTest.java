package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreIndexTest {
  /**
   * Marking from either end finds exactly the scores on that side of the bound, with their keys.
   */
  @Test
  void mark_findsTheScoresOnOneSideOfTheBound() {
    Random rnd = new Random(17);
    for (int c = 0; c < 2000; c++) {
      int len = 1 + rnd.nextInt(300);
      long spread = c % 3 == 0 ? 3 : c % 3 == 1 ? 2L * len : 1L << 40;
      long base = rnd.nextInt(2000) - 1000L;
      long[] scores = new long[len + 2];
      for (int i = 0; i < len; i++) {
        scores[i] = base + (long) (rnd.nextDouble() * spread);
      }
      ScoreIndex index = new ScoreIndex();
      index.build(scores, len);
      assertThat(index.ordered()).isTrue();
      assertThat(index.length()).isEqualTo(len);
      long bound = scores[rnd.nextInt(len)] + rnd.nextInt(3) - 1;
      boolean fromTop = rnd.nextBoolean();
      long sign = rnd.nextBoolean() ? 1 : -1;
      long[] bits = new long[(len + 63) / 64];
      long[] keys = new long[len];
      int count = index.mark(bound, fromTop, bits, keys, sign);
      int expected = 0;
      for (int i = 0; i < len; i++) {
        boolean in = fromTop ? scores[i] >= bound : scores[i] <= bound;
        boolean marked = (bits[i >>> 6] & (1L << i)) != 0;
        assertThat(marked).as("case %d position %d", c, i).isEqualTo(in);
        if (in) {
          expected++;
          assertThat(keys[i]).isEqualTo(sign * scores[i]);
        }
      }
      assertThat(count).isEqualTo(expected);
      if (spread < 1 << 20) {
        // the scores that occur, and no other
        boolean[] present = new boolean[(int) spread + 1];
        index.markDistinct(present, base);
        boolean[] occurs = new boolean[present.length];
        for (int i = 0; i < len; i++) {
          occurs[(int) (scores[i] - base)] = true;
        }
        assertThat(present).as("case %d", c).isEqualTo(occurs);
      }
      // a second build changes nothing
      index.build(new long[len], len);
      long[] again = new long[bits.length];
      assertThat(index.mark(bound, fromTop, again, new long[len], sign)).isEqualTo(count);
      assertThat(again).isEqualTo(bits);
    }
  }

  @Test
  void build_ofScoresTooWideToPack_leavesThePartUnordered() {
    ScoreIndex index = new ScoreIndex();
    index.build(new long[] {Long.MIN_VALUE / 2, 0, Long.MAX_VALUE / 2}, 3);
    assertThat(index.ordered()).isFalse();
  }
}
