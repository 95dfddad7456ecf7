package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link StdUnorderedOrder} against libstdc++: {@code stdunordered/expected.txt} holds 120 key
 * sequences (1 to 1110 distinct keys, small and large, across every growth up to 1109 buckets) with
 * the iteration order GCC 12's {@code std::unordered_map} gave them, recorded by {@code
 * stdunordered/gen.cpp}.
 */
class StdUnorderedOrderTest {
  @Test
  void matchesLibstdcxxOnRecordedSequences() throws IOException {
    int cases = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                StdUnorderedOrderTest.class.getResourceAsStream("stdunordered/expected.txt"),
                StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int bar = line.indexOf('|');
        String keyText = line.substring(0, bar);
        long[] keys = parse(keyText);
        long[] expected = parse(line.substring(bar + 1));
        assertThat(StdUnorderedOrder.of(keys))
            .as("keys %s", keyText.trim())
            .containsExactly(expected);
        cases++;
      }
    }
    assertThat(cases).isEqualTo(120);
  }

  @Test
  void keysOfOneBucketIterateNewestFirstAndANewBucketGoesToTheFront() {
    // 5, 18 and 31 share bucket 5 of 13; 2 opens bucket 2
    assertThat(StdUnorderedOrder.of(new long[] {5, 18, 31, 2})).containsExactly(2, 31, 18, 5);
    assertThat(StdUnorderedOrder.of(new int[] {0, 1, 2})).containsExactly(2, 1, 0);
  }

  @Test
  void theFourteenthKeyRehashesToTwentyNineBuckets() {
    long[] keys = new long[14];
    Arrays.setAll(keys, i -> i);
    assertThat(StdUnorderedOrder.of(keys))
        .containsExactly(13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  @Test
  void aRepeatedKeyIsRefused() {
    assertThatThrownBy(() -> StdUnorderedOrder.of(new long[] {3, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
  }

  private static long[] parse(String s) {
    String t = s.trim();
    return t.isEmpty()
        ? new long[0]
        : Arrays.stream(t.split(" ")).mapToLong(Long::parseLong).toArray();
  }
}
