package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Placement} against a HashMap filled by {@code put} in trace order (the oracle). */
class PlacementTest {
  @Property(tries = 200)
  void behavesAsAMapFilledInTraceOrder(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 15) Integer> numbers,
      @ForAll @Size(max = 40) List<@IntRange(min = -1, max = 3) Integer> widths) {
    int n = Math.min(numbers.size(), widths.size());
    long[] ids = new long[n];
    int[][] nodes = new int[n][];
    Map<Long, int[]> oracle = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ids[i] = numbers.get(i);
      if (widths.get(i) >= 0) {
        nodes[i] = new int[widths.get(i)];
        for (int k = 0; k < nodes[i].length; k++) {
          nodes[i][k] = i + k;
        }
        oracle.put(ids[i], nodes[i]);
      }
    }
    Placement p = new Placement(ids, nodes);
    assertThat(p).isEqualTo(oracle);
    assertThat(oracle).isEqualTo(p);
    assertThat(p.hashCode()).isEqualTo(oracle.hashCode());
    assertThat(p.size()).isEqualTo(oracle.size());
    for (long id = -1; id <= 16; id++) {
      assertThat(p.get(id)).isSameAs(oracle.get(id));
      assertThat(p.containsKey(id)).isEqualTo(oracle.containsKey(id));
    }
    Object notALong = "3";
    assertThat(p.get(notALong)).isNull();
    assertThat(Map.copyOf(p)).isEqualTo(oracle);
  }

  @Test
  void isUnmodifiable_andKeptByTheResult() {
    Placement p = new Placement(new long[] {7}, new int[][] {{0, 1}});
    assertThatThrownBy(() -> p.put(8L, new int[0]))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    ReplayResult r =
        new ReplayResult(
            List.of(), p, ReplayMetrics.of(List.of(), 1), new ReplayTimeline(), 1, 1, 0, 0, 0);
    assertThat(r.placement()).isSameAs(p);
    assertThatThrownBy(() -> new Placement(new long[1], new int[2][]))
        .hasMessageContaining("1 job numbers but 2 placements");
  }
}
