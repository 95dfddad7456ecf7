package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdSetTest {

  @Test
  void decode_rangesAndSingles_expandsInOrder() {
    IdSet s = IdSet.decode("0-3,7");
    assertThat(s.toArray()).containsExactly(0, 1, 2, 3, 7);
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.rangeCount()).isEqualTo(2);
    assertThat(s.first()).isZero();
    assertThat(s.last()).isEqualTo(7);
  }

  @Test
  void decode_brackets_areStripped() {
    assertThat(IdSet.decode("[1,3-5]").toArray()).containsExactly(1, 3, 4, 5);
    assertThat(IdSet.decode("[]").isEmpty()).isTrue();
    assertThat(IdSet.decode("").isEmpty()).isTrue();
  }

  @Test
  void decode_adjacentElements_mergeIntoOneRun() {
    IdSet s = IdSet.decode("1,2,3-4,5");
    assertThat(s.rangeCount()).isEqualTo(1);
    assertThat(s.encode()).isEqualTo("1-5");
  }

  @Test
  void decode_emptyElements_areSkippedAsInFluxCore() {
    assertThat(IdSet.decode("1,,3").encode()).isEqualTo("1,3");
  }

  @Test
  void decode_outOfOrder_namesTextAndPosition() {
    assertThatThrownBy(() -> IdSet.decode("3,1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"3,1\"")
        .hasMessageContaining("position 2")
        .hasMessageContaining("out of order");
    assertThatThrownBy(() -> IdSet.decode("0-3,2"))
        .hasMessageContaining("position 4")
        .hasMessageContaining("out of order");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "1-x                  | \"1-x\" at position 2",
        "3-3                  | not above its start",
        "5-2                  | position 2",
        "01                   | leading zero",
        "-1                   | position 0",
        "[1,[2]]              | brackets",
        "[1                   | position 0",
        "1 2                  | position 1",
        "1-                   | text ended",
        "1-2-3                | position 3: expected ',' but found '-'",
        "99999999999999999999 | large",
      })
  void decode_badInput_isRejectedWithPosition(String text, String message) {
    assertThatThrownBy(() -> IdSet.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void encode_matchesIdsetEncodeWithRangeFlag() {
    assertThat(IdSet.of(0, 1, 2, 3, 4, 5).encode()).isEqualTo("0-5");
    assertThat(IdSet.of(1, 3, 4, 5).encode()).isEqualTo("1,3-5");
    assertThat(IdSet.of(1, 2).encode()).isEqualTo("1-2");
    assertThat(IdSet.of(7).encode()).isEqualTo("7");
    assertThat(IdSet.empty().encode()).isEmpty();
  }

  @Test
  void encodeBracketed_bracketsOnlyForMoreThanOneId() {
    assertThat(IdSet.of(1, 3, 4, 5).encodeBracketed()).isEqualTo("[1,3-5]");
    assertThat(IdSet.of(1, 2).encodeBracketed()).isEqualTo("[1-2]");
    assertThat(IdSet.of(5).encodeBracketed()).isEqualTo("5");
    assertThat(IdSet.empty().encodeBracketed()).isEmpty();
  }

  @Test
  void builder_unsortedWithRepeats_sortsAndDeduplicates() {
    IdSet s = IdSet.builder().add(9).add(2).add(3).add(2).add(0).build();
    assertThat(s.encode()).isEqualTo("0,2-3,9");
    assertThat(s.size()).isEqualTo(4);
    assertThatThrownBy(() -> IdSet.builder().add(-1)).hasMessageContaining("-1");
  }

  @Test
  void contains_binarySearchesTheRuns() {
    IdSet s = IdSet.decode("0-3,7,10-20");
    assertThat(s.contains(0)).isTrue();
    assertThat(s.contains(3)).isTrue();
    assertThat(s.contains(4)).isFalse();
    assertThat(s.contains(7)).isTrue();
    assertThat(s.contains(15)).isTrue();
    assertThat(s.contains(21)).isFalse();
    assertThat(IdSet.empty().contains(0)).isFalse();
  }

  @Test
  void iteration_yieldsAscendingIds() {
    List<Long> out = new ArrayList<>();
    for (long v : IdSet.decode("2-4,8")) {
      out.add(v);
    }
    assertThat(out).containsExactly(2L, 3L, 4L, 8L);
  }

  @Test
  void roundTrip_randomSets_matchTreeSetReference() {
    long seed = 42;
    Random rnd = new Random(seed);
    for (int t = 0; t < 200; t++) {
      TreeSet<Long> ref = new TreeSet<>();
      IdSet.Builder b = IdSet.builder();
      int n = rnd.nextInt(30);
      for (int k = 0; k < n; k++) {
        long v = rnd.nextInt(40);
        ref.add(v);
        b.add(v);
      }
      IdSet s = b.build();
      assertThat(s.toArray()).as("seed %d trial %d", seed, t).containsExactly(toArray(ref));
      assertThat(IdSet.decode(s.encode())).isEqualTo(s);
      assertThat(IdSet.decode(s.encodeBracketed())).isEqualTo(s);
    }
  }

  @Test
  void range_andEquality() {
    assertThat(IdSet.range(3, 6)).isEqualTo(IdSet.decode("3-6"));
    assertThat(IdSet.range(3, 6).hashCode()).isEqualTo(IdSet.decode("3-6").hashCode());
    assertThat(IdSet.range(3, 6)).isNotEqualTo(IdSet.decode("3-7"));
    assertThatThrownBy(() -> IdSet.range(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  private static long[] toArray(java.util.SortedSet<Long> s) {
    long[] a = new long[s.size()];
    int i = 0;
    for (long v : s) {
      a[i++] = v;
    }
    return a;
  }
}
