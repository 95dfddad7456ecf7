package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The scheduling entries of one vertex: which jobs touch it, over which time window, and how many
 * of its units each holds exclusively.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>One entry per (job, vertex): start, end (exclusive), units held in the vertex's plan (0 for a
 * vertex that the job only shares) and a kind (shared touch, exclusive allocation, exclusive
 * reservation). This single list plays the roles of Fluxion's {@code schedule.plans} with its
 * allocations/reservations maps, the {@code x_checker} planner and the job tags. Lists are short (a
 * handful of jobs per vertex), so queries scan them linearly. Copy-on-write is not needed: {@link
 * #copy()} is cheap because entries are primitive arrays.
 */
final class VertexSchedule {
  static final byte SHARED = 0;
  static final byte ALLOCATED = 1;
  static final byte RESERVED = 2;

  long[] job = new long[2];
  long[] start = new long[2];
  long[] end = new long[2];
  long[] units = new long[2];
  byte[] kind = new byte[2];
  int n;

  /** Entries holding units (units > 0): the only ones {@link #maxUnitsDuring} reads. */
  private int holding;

  /** Entries per kind ({@link #SHARED}, {@link #ALLOCATED}, {@link #RESERVED}). */
  private final int[] perKind = new int[3];

  VertexSchedule copy() {
    VertexSchedule c = new VertexSchedule();
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.units = units.clone();
    c.kind = kind.clone();
    c.n = n;
    c.holding = holding;
    System.arraycopy(perKind, 0, c.perKind, 0, perKind.length);
    return c;
  }

  void add(long jobId, long s, long e, long u, byte k) {
    if (n == job.length) {
      int m = n * 2;
      job = Arrays.copyOf(job, m);
      start = Arrays.copyOf(start, m);
      end = Arrays.copyOf(end, m);
      units = Arrays.copyOf(units, m);
      kind = Arrays.copyOf(kind, m);
    }
    job[n] = jobId;
    start[n] = s;
    end[n] = e;
    units[n] = u;
    kind[n] = k;
    n++;
    count(u, k, 1);
  }

  private void count(long u, byte k, int sign) {
    if (u > 0) {
      holding += sign;
    }
    if (k >= 0 && k < perKind.length) {
      perKind[k] += sign;
    }
  }

  /** Removes the entry of {@code jobId}; returns its index before removal or -1. */
  int remove(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        count(units[i], kind[i], -1);
        int last = n - 1;
        System.arraycopy(job, i + 1, job, i, last - i);
        System.arraycopy(start, i + 1, start, i, last - i);
        System.arraycopy(end, i + 1, end, i, last - i);
        System.arraycopy(units, i + 1, units, i, last - i);
        System.arraycopy(kind, i + 1, kind, i, last - i);
        n = last;
        return i;
      }
    }
    return -1;
  }

  int indexOf(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        return i;
      }
    }
    return -1;
  }

  /** The largest number of units held at any instant of {@code [at, at + d)}. */
  long maxUnitsDuring(long at, long d) {
    if (holding == 0) {
      return 0;
    }
    long hi = at + d;
    long best = 0;
    // usage is piecewise constant and changes only at starts; check at and every start inside
    best = unitsAt(at, hi);
    for (int i = 0; i < n; i++) {
      if (units[i] > 0 && start[i] > at && start[i] < hi) {
        long u = unitsAt(start[i], hi);
        if (u > best) {
          best = u;
        }
      }
    }
    return best;
  }

  private long unitsAt(long t, long hi) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      if (units[i] > 0 && start[i] <= t && end[i] > t) {
        sum += units[i];
      }
    }
    return sum;
  }

  /** Whether any job (shared or exclusive) overlaps {@code [at, at + d)}. */
  boolean anyDuring(long at, long d) {
    long hi = at + d;
    for (int i = 0; i < n; i++) {
      if (start[i] < hi && end[i] > at) {
        return true;
      }
    }
    return false;
  }

  boolean has(byte k) {
    if (k >= 0 && k < perKind.length) {
      return perKind[k] > 0;
    }
    for (int i = 0; i < n; i++) {
      if (kind[i] == k) {
        return true;
      }
    }
    return false;
  }

  boolean hasKindFor(long jobId, byte k) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId && kind[i] == k) {
        return true;
      }
    }
    return false;
  }
}
