package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * The order in which a libstdc++ (GCC 12) {@code std::unordered_map} or {@code unordered_set} of
 * integer keys iterates, given the order its distinct keys were inserted and none erased: where
 * Fluxion iterates such a map while it mutates state and may stop part way (a rank removal's
 * reductions, {@link RankRemoval}), the order decides what has changed when it stops.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>The behaviour modelled, measured on the library Fluxion is built with (a C++ program that
 * inserts keys and prints the iteration order and the bucket count): integer keys hash to
 * themselves and go to bucket {@code key mod buckets} (unsigned); all nodes form one list, each
 * bucket's nodes adjacent in it; a key whose bucket already holds nodes goes in front of them, a
 * key of an empty bucket goes to the front of the whole list. The bucket count is 13 from the first
 * insertion on and grows to the next size of {@link #SIZES} when an insertion would make the count
 * of keys exceed it; the growth re-inserts every node in the list's order under the same rule,
 * before the new key goes in. O(1) per insertion, O(n) per growth.
 */
final class StdUnorderedOrder {
  /**
   * The bucket counts libstdc++'s prime rehash policy steps through when keys are inserted one at a
   * time (max load factor 1): from the first insertion, then each time the keys would exceed the
   * count.
   */
  private static final long[] SIZES = {
    13L, 29L, 59L, 127L, 257L, 541L, 1109L, 2357L, 5087L, 10273L, 20753L, 42043L, 85229L, 172933L,
    351061L, 712697L, 1447153L, 2938679L, 5967347L, 12117689L, 24607243L
  };

  private StdUnorderedOrder() {}

  /**
   * The {@code unique_id} of the interner group of Fluxion's {@code resource_type_t}: libstdc++'s
   * string hash of GCC 12's {@code __PRETTY_FUNCTION__} text of {@code
   * intern::dense_storage<resource_type_tag, uint16_t>::unique_id}, read from a program built
   * against flux-sched's libintern with the compiler of the reference build.
   */
  private static final long RESOURCE_TYPE_GROUP = Long.parseUnsignedLong("10563534041020882115");

  /**
   * The hash libstdc++ gives a Fluxion resource type whose interned id is {@code internedId} (the
   * {@code std::hash} that flux-sched's interner defines): {@code hash_combine} of the group's
   * unique id and the type's id, so that a map keyed by resource types iterates as {@link #of} does
   * over these hashes.
   */
  static long resourceTypeHash(int internedId) {
    long g = RESOURCE_TYPE_GROUP;
    return g ^ (internedId + 0x9e3779b9L + (g << 6) + (g >>> 2));
  }

  /**
   * The iteration order of a map into which the distinct {@code keys} were inserted in the order
   * given.
   *
   * @throws IllegalArgumentException if a key repeats
   */
  static long[] of(long[] keys) {
    Table t = new Table();
    for (long k : keys) {
      t.insert(k);
    }
    return t.order();
  }

  /** The same for int keys (vertex indices, ranks). */
  static int[] of(int[] keys) {
    long[] l = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      l[i] = keys[i];
    }
    long[] o = of(l);
    int[] r = new int[o.length];
    for (int i = 0; i < o.length; i++) {
      r[i] = (int) o[i];
    }
    return r;
  }

  /**
   * The node list as a doubly linked list over arrays (front at {@code head}), with the first node
   * of each non-empty bucket.
   */
  private static final class Table {
    private long[] key = new long[8];
    private int[] next = new int[8];
    private int[] prev = new int[8];
    private int n;
    private int head = -1;
    private int sizeIndex = -1;
    private final LongHashSet seen = new LongHashSet();
    private final LongIntHashMap first = new LongIntHashMap();

    void insert(long k) {
      if (!seen.add(k)) {
        throw new IllegalArgumentException("key " + k + " inserted twice");
      }
      if (sizeIndex < 0) {
        sizeIndex = 0;
      } else if (n + 1 > SIZES[sizeIndex]) {
        if (sizeIndex + 1 == SIZES.length) {
          throw new IllegalArgumentException("too many keys: " + n);
        }
        sizeIndex++;
        long[] old = order();
        n = 0;
        head = -1;
        first.clear();
        for (long o : old) {
          place(o);
        }
      }
      place(k);
    }

    private void place(long k) {
      if (n == key.length) {
        key = Arrays.copyOf(key, n * 2);
        next = Arrays.copyOf(next, n * 2);
        prev = Arrays.copyOf(prev, n * 2);
      }
      int node = n++;
      key[node] = k;
      long b = Long.remainderUnsigned(k, SIZES[sizeIndex]);
      int at = first.getIfAbsent(b, -1);
      // in front of the bucket's first node, or of the whole list
      int before = at >= 0 ? at : head;
      next[node] = before;
      prev[node] = before >= 0 ? prev[before] : -1;
      if (before >= 0) {
        if (prev[before] >= 0) {
          next[prev[before]] = node;
        }
        prev[before] = node;
      }
      if (before == head) {
        head = node;
      }
      first.put(b, node);
    }

    long[] order() {
      long[] o = new long[n];
      int i = 0;
      for (int x = head; x >= 0; x = next[x]) {
        o[i++] = key[x];
      }
      return o;
    }
  }
}
