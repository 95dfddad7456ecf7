package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StdSort} against libstdc++: {@code stdsort/expected.txt} holds, for 630 inputs (random,
 * ascending, descending, runs like Fluxion's slot lists, organ pipes; many ties), a hash of the
 * permutation that GCC 12's {@code std::sort} produced, made by {@code stdsort/gen.cpp} with the
 * same generator as {@link #input}.
 */
class StdSortTest {
  private record Case(int id, int pattern, int size, int range, long hash) {}

  private static long state;

  private static int nextRand() {
    state = state * 6364136223846793005L + 1442695040888963407L;
    return (int) (state >>> 33);
  }

  private static long[] input(Case c) {
    state = (long) c.id * 7919 + 17;
    long[] k = new long[c.size];
    int size = c.size;
    for (int i = 0; i < size; i++) {
      k[i] =
          switch (c.pattern) {
            case 0 -> Integer.toUnsignedLong(nextRand()) % c.range;
            case 1 -> (long) i * c.range / Math.max(size, 1);
            case 2 -> -((long) i * c.range / Math.max(size, 1));
            case 3 -> -((i % 22) % c.range);
            default -> (i < size / 2 ? i : size - i) % c.range;
          };
    }
    return k;
  }

  /** The reference cases that sort two or more groups (what a partial sort can be tried on). */
  private static List<Case> casesOfTwoOrMore() throws IOException {
    return cases().stream().filter(c -> c.size >= 2).toList();
  }

  private static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                StdSortTest.class.getResourceAsStream("stdsort/expected.txt"),
                StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ", 0);
        out.add(
            new Case(
                Integer.parseInt(f[0]),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                Integer.parseInt(f[3]),
                Long.parseUnsignedLong(f[4], 16)));
      }
    }
    return out;
  }

  private static EGroup[] groups(int n) {
    EGroup[] g = new EGroup[n];
    for (int i = 0; i < n; i++) {
      g[i] = new EGroup();
      g[i].count = i; // the original index
    }
    return g;
  }

  private static long hash(EGroup[] g, int n) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < n; i++) {
      h ^= g[i].count;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Test
  void sort_everyReferenceInput_makesLibstdcxxPermutation() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSize(630);
    for (Case c : cases) {
      long[] key = input(c);
      EGroup[] g = groups(c.size);
      StdSort.sort(g, key, c.size);
      assertThat(hash(g, c.size)).as("case %s", c).isEqualTo(c.hash);
      long[] original = input(c);
      for (int i = 0; i < c.size; i++) {
        if ((i > 0 && key[i - 1] > key[i]) || key[i] != original[(int) g[i].count]) {
          throw new AssertionError("keys out of order or not moved with their group at " + i);
        }
      }
    }
  }

  @Test
  void sortTop_anyTop_matchesTheFullSortsPrefix() throws IOException {
    Random rnd = new Random(42);
    for (Case c : casesOfTwoOrMore()) {
      EGroup[] full = groups(c.size);
      StdSort.sort(full, input(c), c.size);
      for (int t = 0; t < 4; t++) {
        int top = t == 0 ? 1 : 1 + rnd.nextInt(t == 1 ? Math.min(c.size, 20) : c.size);
        EGroup[] part = groups(c.size);
        StdSort.sortTop(part, input(c), c.size, top);
        for (int i = 0; i < top; i++) {
          assertThat(part[i].count)
              .as("case %s top %d position %d", c, top, i)
              .isEqualTo(full[i].count);
        }
      }
    }
  }

  @Test
  void sort_keysSpanningTheWholeLongRange_makesTheSamePermutationAsTheirRanks() throws IOException {
    for (Case c : cases()) {
      long[] ranks = input(c);
      long[] distinct = java.util.Arrays.stream(ranks).distinct().sorted().toArray();
      long[] wide = new long[c.size];
      double step = distinct.length < 2 ? 0 : 1.8e19 / (distinct.length - 1);
      for (int i = 0; i < c.size; i++) {
        // an order-preserving spread over the whole long range, too wide to pack as offsets
        int r = java.util.Arrays.binarySearch(distinct, ranks[i]);
        wide[i] = (long) (-9.0e18 + r * step);
      }
      EGroup[] byRank = groups(c.size);
      StdSort.sort(byRank, ranks, c.size);
      EGroup[] byWide = groups(c.size);
      StdSort.sort(byWide, wide, c.size);
      assertThat(hash(byWide, c.size)).as("case %s", c).isEqualTo(c.hash);
      assertThat(hash(byRank, c.size)).isEqualTo(hash(byWide, c.size));
    }
  }

  @Test
  void sortTop_leavesEveryGroupInTheArrayOnce() throws IOException {
    Random rnd = new Random(7);
    for (Case c : casesOfTwoOrMore()) {
      int top = 1 + rnd.nextInt(c.size);
      EGroup[] part = groups(c.size);
      StdSort.sortTop(part, input(c), c.size, top);
      boolean[] seen = new boolean[c.size];
      for (EGroup g : part) {
        assertThat(seen[(int) g.count]).as("case %s top %d", c, top).isFalse();
        seen[(int) g.count] = true;
      }
    }
  }

  @Test
  void equalKeysTop_isWhatTheSortPutsFirst() {
    Random rnd = new Random(11);
    int[] sizes = new int[400];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = i < 300 ? 2 + i : 2 + rnd.nextInt(i < 390 ? 20_000 : 600_000);
    }
    for (int n : sizes) {
      int k = Math.min(n, 1 + rnd.nextInt(40));
      int shift = StdSort.indexBits(n);
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        v[i] = i; // equal keys (0) above each index
      }
      StdSort.sortPackedKeys(v, n, k, shift);
      int[] from = StdSort.equalKeysTop(n, k);
      assertThat(from).as("n %d", n).isNotNull();
      for (int i = 0; i < k; i++) {
        assertThat(from[i]).as("n %d position %d", n, i).isEqualTo((int) v[i]);
      }
    }
  }
}
