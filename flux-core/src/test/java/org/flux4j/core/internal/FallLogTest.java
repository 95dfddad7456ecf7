package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link FallLog} against the whole list of falls: the earliest instant since any mark is the
 * minimum over the falls logged at or after it, or {@link Long#MIN_VALUE} once the log forgot them
 * (never wrongly larger).
 */
class FallLogTest {

  @Property(tries = 50)
  void earliestSince_isTheMinimumOfTheFallsSinceTheMark(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
      @ForAll @IntRange(min = 1, max = 6000) int n) {
    SplittableRandom r = new SplittableRandom(seed);
    FallLog log = new FallLog();
    List<Long> all = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(5);
      long at = r.nextInt(2000) == 0 ? Long.MIN_VALUE : t + r.nextInt(100) - 30;
      assertThat(log.size()).isEqualTo(all.size());
      log.add(at, at + 1);
      all.add(at);
      for (int q = 0; q < (i % 10 == 0 ? 3 : 0); q++) {
        int mark = r.nextInt(all.size() + 1);
        long want = Long.MAX_VALUE;
        for (int k = mark; k < all.size(); k++) {
          want = Math.min(want, all.get(k));
        }
        long got = log.earliestSince(mark);
        if (got != Long.MIN_VALUE) { // MIN_VALUE: forgotten, which claims nothing
          assertThat(got).as("since %d of %d", mark, all.size()).isEqualTo(want);
        }
      }
    }
  }

  @Example
  void aFullLogForgetsItsPast_marksFromBeforeAnswerAnywhere() {
    FallLog log = new FallLog();
    for (int i = 0; i < FallLog.LIMIT; i++) {
      log.add(i, i + 1); // increasing: every one is a suffix minimum
    }
    assertThat(log.earliestSince(0)).isZero();
    long mark = log.size();
    log.add(1_000_000, 1_000_001);
    assertThat(log.earliestSince(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(log.earliestSince(mark)).isEqualTo(1_000_000);
    assertThat(log.earliestSince(log.size())).isEqualTo(Long.MAX_VALUE);
  }
}
