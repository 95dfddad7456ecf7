package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JobSlotIndex} against {@link HashMap} over random puts, lookups and removals. */
class JobSlotIndexTest {
  @Test
  void agreesWithAHashMap_overRandomOperations() {
    Random rnd = new Random(5);
    for (int c = 0; c < 50; c++) {
      JobSlotIndex index = new JobSlotIndex(rnd.nextInt(40));
      Map<Long, Integer> model = new HashMap<>();
      List<Long> keys = new ArrayList<>();
      // few distinct keys in some cases (long probe runs and many removals), extremes included
      int range = c % 3 == 0 ? 30 : 5000;
      for (int step = 0; step < 4000; step++) {
        long key =
            rnd.nextInt(50) == 0
                ? (rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE)
                : (keys.isEmpty() || rnd.nextBoolean()
                    ? rnd.nextInt(range) * 1024L
                    : keys.get(rnd.nextInt(keys.size())));
        int slot = rnd.nextInt(1000);
        switch (rnd.nextInt(4)) {
          case 0 -> {
            Integer had = model.putIfAbsent(key, slot);
            assertThat(index.getOrPut(key, slot)).isEqualTo(had == null ? slot : had);
            keys.add(key);
          }
          case 1 -> {
            model.put(key, slot);
            index.put(key, slot);
            keys.add(key);
          }
          case 2 -> {
            Integer had = model.remove(key);
            assertThat(index.remove(key)).isEqualTo(had == null ? -1 : had);
          }
          default -> assertThat(index.get(key)).isEqualTo(model.getOrDefault(key, -1));
        }
      }
      for (long k : keys) {
        assertThat(index.get(k)).as("case %d key %d", c, k).isEqualTo(model.getOrDefault(k, -1));
      }
    }
  }
}
