package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreIndexTest {
  /**
   * The stops on either side of a bound are exactly the scores there, highest position first, with
   * their keys, whether worked out or kept from the last ask; the different scores are those that
   * occur.
   */
  @Test
  void stops_areTheScoresOnOneSideOfTheBound_highestPositionFirst() {
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
      long[] bits = new long[(len + 63) / 64];
      long[] scratch = new long[len];
      // two asks with one bound (the second answered from what was kept), then another bound
      for (int ask = 0; ask < 3; ask++) {
        long bound = scores[rnd.nextInt(len)] + rnd.nextInt(3) - 1;
        boolean fromTop = rnd.nextBoolean();
        long sign = fromTop ? -1 : 1;
        int count = index.stops(bound, sign, bits, scratch);
        if (ask == 0) {
          assertThat(index.stops(bound, sign, bits, scratch)).isEqualTo(count);
        }
        int[] at = index.stopsAt();
        long[] key = index.stopsKey();
        int k = 0;
        for (int i = len - 1; i >= 0; i--) {
          if (fromTop ? scores[i] >= bound : scores[i] <= bound) {
            assertThat(at[k]).as("case %d stop %d", c, k).isEqualTo(i);
            assertThat(key[k]).isEqualTo(sign * scores[i]);
            k++;
          }
        }
        assertThat(count).as("case %d", c).isEqualTo(k);
      }
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
      // a second build changes nothing: the index still answers for the first scores
      index.build(new long[len], len);
      long max = Long.MIN_VALUE;
      for (int i = 0; i < len; i++) {
        max = Math.max(max, scores[i]);
      }
      assertThat(index.stops(max, -1, bits, scratch)).isPositive();
      assertThat(index.stopsKey()[0]).isEqualTo(-max);
    }
  }

  @Test
  void build_ofScoresTooWideToPack_leavesThePartUnordered() {
    ScoreIndex index = new ScoreIndex();
    index.build(new long[] {Long.MIN_VALUE / 2, 0, Long.MAX_VALUE / 2}, 3);
    assertThat(index.ordered()).isFalse();
  }
}
