package org.flux4j.graph.internal;

import java.util.Arrays;

/**
 * A growable column of ints with direct access to its backing array, for graph columns that are
 * appended while a graph is built and then read in hot loops.
 */
public final class GrowableInts {
  private int[] a;
  private int size;

  /** Creates an empty column with a capacity hint. */
  public GrowableInts(int capacity) {
    a = new int[Math.max(capacity, 8)];
  }

  /** Appends {@code v}; returns its index. */
  public int add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, grow(a.length));
    }
    a[size] = v;
    return size++;
  }

  /** Appends {@code fill} until the size is {@code n}. */
  public void fillTo(int n, int fill) {
    while (size < n) {
      add(fill);
    }
  }

  /** The value at {@code i}. */
  public int get(int i) {
    return a[i];
  }

  /** Sets the value at {@code i}. */
  public void set(int i, int v) {
    a[i] = v;
  }

  /** How many values are held. */
  public int size() {
    return size;
  }

  /** The backing array, valid up to {@link #size()} until the next append. */
  public int[] array() {
    return a;
  }

  /** Trims the backing array to the size. */
  public void trim() {
    if (a.length != size) {
      a = Arrays.copyOf(a, size);
    }
  }

  /** A copy of this column. */
  public GrowableInts copy() {
    GrowableInts c = new GrowableInts(size);
    System.arraycopy(a, 0, c.a, 0, size);
    c.size = size;
    return c;
  }

  static int grow(int n) {
    long next = (long) n + (n >> 1) + 8;
    if (next > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("graph column would exceed " + (Integer.MAX_VALUE - 16));
    }
    return (int) next;
  }
}
