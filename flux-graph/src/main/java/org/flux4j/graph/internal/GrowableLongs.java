package org.flux4j.graph.internal;

import java.util.Arrays;

/** A growable column of longs with direct access to its backing array. */
public final class GrowableLongs {
  private long[] a;
  private int size;

  /** Creates an empty column with a capacity hint. */
  public GrowableLongs(int capacity) {
    a = new long[Math.max(capacity, 8)];
  }

  /** Appends {@code v}; returns its index. */
  public int add(long v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, GrowableInts.grow(a.length));
    }
    a[size] = v;
    return size++;
  }

  /** The value at {@code i}. */
  public long get(int i) {
    return a[i];
  }

  /** Sets the value at {@code i}. */
  public void set(int i, long v) {
    a[i] = v;
  }

  /** How many values are held. */
  public int size() {
    return size;
  }

  /** Trims the backing array to the size. */
  public void trim() {
    if (a.length != size) {
      a = Arrays.copyOf(a, size);
    }
  }

  /** A copy of this column. */
  public GrowableLongs copy() {
    GrowableLongs c = new GrowableLongs(size);
    System.arraycopy(a, 0, c.a, 0, size);
    c.size = size;
    return c;
  }
}
