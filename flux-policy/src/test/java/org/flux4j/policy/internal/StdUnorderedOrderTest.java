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

  /**
   * Hashes of Fluxion's resource types and a map's order over them, as printed by a program built
   * against flux-sched's libintern (GCC 12): {@code cluster} has id 0, {@code memory} 10, {@code
   * bandwidth} 11 (the first types after the ten start-up ones).
   */
  @Test
  void resourceTypeHashesAndTheirMapOrderMatchFluxionsBuild() {
    assertThat(Long.toUnsignedString(StdUnorderedOrder.resourceTypeHash(0)))
        .isEqualTo("6371163197430988138");
    assertThat(Long.toUnsignedString(StdUnorderedOrder.resourceTypeHash(10)))
        .isEqualTo("6371163197430988144");
    assertThat(Long.toUnsignedString(StdUnorderedOrder.resourceTypeHash(20)))
        .isEqualTo("6371163197430988158");
    // inserted: memory bandwidth node core socket gpu zone(12) rack cluster
    int[] ids = {10, 11, 4, 1, 2, 3, 12, 5, 0};
    long[] hashes = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      hashes[i] = StdUnorderedOrder.resourceTypeHash(ids[i]);
    }
    // iterated: rack gpu socket zone core node cluster bandwidth memory
    int[] expected = {5, 3, 2, 12, 1, 4, 0, 11, 10};
    long[] order = StdUnorderedOrder.of(hashes);
    for (int i = 0; i < expected.length; i++) {
      assertThat(order[i]).isEqualTo(StdUnorderedOrder.resourceTypeHash(expected[i]));
    }
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
