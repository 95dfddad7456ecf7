package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of {@link IdSet} over random sets, checked against a {@link TreeSet} model: {@code
 * decode(encode(s))} equals {@code s} (with and without brackets), {@link IdSet#contains} agrees
 * with the model, and the encoded form is the ascending, non-overlapping one Fluxion's {@code
 * idset_decode} accepts.
 */
class IdSetPropertiesTest {

  @Property(tries = 300)
  void encodeThenDecode_roundTrips_andContainsAgreesWithTheModel(
      @ForAll List<@IntRange(min = 0, max = 400) Integer> ids,
      @ForAll List<@IntRange(min = 0, max = 420) Integer> probes) {
    TreeSet<Long> model = new TreeSet<>();
    IdSet.Builder b = IdSet.builder();
    for (int id : ids) {
      model.add((long) id);
      b.add(id);
    }
    IdSet s = b.build();
    assertThat(s.size()).isEqualTo(model.size());
    assertThat(IdSet.decode(s.encode())).isEqualTo(s);
    assertThat(IdSet.decode(s.encodeBracketed())).isEqualTo(s);
    for (int p : probes) {
      assertThat(s.contains(p)).isEqualTo(model.contains((long) p));
    }
    long[] expected = model.stream().mapToLong(Long::longValue).toArray();
    assertThat(s.toArray()).containsExactly(expected);
  }
}
