package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * A map from job id to a non-negative slot number, for the lookup index of a long {@link
 * VertexSchedule} (the cluster vertex's, with an entry per job).
 *
 * <h2>Implementation notes</h2>
 *
 * <p>Open addressing with linear probing over parallel arrays, at most half full; a free cell has
 * the value -1, so every {@code long} is a valid key. A removal shifts the entries of its probe run
 * back (no tombstones), so a table through which many jobs pass keeps its runs as short as fresh
 * ones: a hash map with removal markers probes ever longer between its rehashes under the
 * add-and-remove traffic of a rebuilt reservation queue. Keys are spread by a Fibonacci hash. Not
 * thread-safe.
 */
final class JobSlotIndex {
  private long[] keys;
  private int[] values;
  private int mask;
  private int shift;
  private int size;

  /** An index sized for about {@code expected} jobs. */
  JobSlotIndex(int expected) {
    int cap = 16;
    while (cap < 2 * expected) {
      cap <<= 1;
    }
    allocate(cap);
  }

  private void allocate(int cap) {
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, -1);
    mask = cap - 1;
    shift = 64 - Integer.numberOfTrailingZeros(cap);
  }

  private int home(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /** The cell holding {@code key}, or the free cell that ends its probe run. */
  private int find(long key) {
    int i = home(key);
    while (values[i] >= 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The slot of {@code key}, or -1. */
  int get(long key) {
    return values[find(key)];
  }

  /** The slot of {@code key} if it has one; else maps it to {@code slot} and returns that. */
  int getOrPut(long key, int slot) {
    int i = find(key);
    if (values[i] >= 0) {
      return values[i];
    }
    keys[i] = key;
    values[i] = slot;
    if (++size * 2 > keys.length) {
      grow();
    }
    return slot;
  }

  /** Maps {@code key} to {@code slot} (replacing any slot it had). */
  void put(long key, int slot) {
    int i = find(key);
    if (values[i] < 0) {
      keys[i] = key;
      if (++size * 2 > keys.length) {
        values[i] = slot;
        grow();
        return;
      }
    }
    values[i] = slot;
  }

  /** Removes {@code key}; returns the slot it had, or -1. */
  int remove(long key) {
    int i = find(key);
    int had = values[i];
    if (had < 0) {
      return -1;
    }
    size--;
    // shift the rest of the run back over the hole, keeping every key reachable from its home
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (values[j] < 0) {
        break;
      }
      int h = home(keys[j]);
      boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        keys[i] = keys[j];
        values[i] = values[j];
        i = j;
      }
    }
    values[i] = -1;
    return had;
  }

  private void grow() {
    long[] k = keys;
    int[] v = values;
    allocate(k.length * 2);
    for (int i = 0; i < k.length; i++) {
      if (v[i] >= 0) {
        int c = find(k[i]);
        keys[c] = k[i];
        values[c] = v[i];
      }
    }
  }
}
