package org.flux4j.core.sim;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * The nodes each job of a replay ran on, as an unmodifiable map from trace job number to node
 * indices, kept over the replay's own arrays so that a replay of 200,000 jobs hands its result over
 * without building a map of boxed keys; the index behind {@link #get} is built on first use. As a
 * map built by {@code put} in trace order, a job number that occurs twice maps to its later job's
 * nodes. The int arrays are shared, not copied (as {@link java.util.Map#copyOf} shares values).
 * Thread-safe.
 */
final class Placement extends AbstractMap<Long, int[]> {
  private final long[] ids;
  private final int[][] nodes; // null: the job never ran
  private LongIntHashMap index; // job number -> last position in trace order; under the monitor
  private int size = -1;

  /**
   * Takes the arrays over (the caller writes them no more).
   *
   * @param ids the job numbers in trace order
   * @param nodes for each job, the node indices it ran on, or null
   */
  Placement(long[] ids, int[][] nodes) {
    if (ids.length != nodes.length) {
      throw new IllegalArgumentException(
          ids.length + " job numbers but " + nodes.length + " placements");
    }
    this.ids = ids;
    this.nodes = nodes;
  }

  private synchronized LongIntHashMap index() {
    if (index == null) {
      LongIntHashMap m = new LongIntHashMap(ids.length);
      for (int i = 0; i < ids.length; i++) {
        if (nodes[i] != null) {
          m.put(ids[i], i);
        }
      }
      index = m;
    }
    return index;
  }

  @Override
  public int[] get(Object key) {
    if (!(key instanceof Long id)) {
      return null;
    }
    int i = index().getIfAbsent(id, -1);
    return i < 0 ? null : nodes[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public synchronized int size() {
    if (size < 0) {
      size = index().size();
    }
    return size;
  }

  @Override
  public Set<Entry<Long, int[]>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return Placement.this.size();
      }

      @Override
      public Iterator<Entry<Long, int[]>> iterator() {
        LongIntHashMap m = index();
        return new Iterator<>() {
          private int i = next(0);

          private int next(int from) {
            int k = from;
            while (k < ids.length && (nodes[k] == null || m.get(ids[k]) != k)) {
              k++; // never ran, or a later job has the same number
            }
            return k;
          }

          @Override
          public boolean hasNext() {
            return i < ids.length;
          }

          @Override
          public Entry<Long, int[]> next() {
            if (i >= ids.length) {
              throw new NoSuchElementException();
            }
            Entry<Long, int[]> e = new SimpleImmutableEntry<>(ids[i], nodes[i]);
            i = next(i + 1);
            return e;
          }
        };
      }
    };
  }
}
