package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The runs of time during which a vertex's entries hold units, by vertex, kept from one query to
 * the next while the vertex's entries stay as they were: the windows {@code [start, end)} of its
 * entries holding units, sorted and merged where they overlap or touch, as {@code {S0, E0, S1, E1,
 * ...}} with {@code S0 < E0 < S1 < E1 ...}. A busy-time sweep over many vertices ({@code
 * Scheduler#provenMisses}) then reads each vertex's few runs instead of sorting all its entries
 * every time; the vertices a booking wrote are merged again on their next read.
 *
 * <p>Implementation notes: a vertex's runs are valid while its {@link SchedState#sched} object is
 * the one they were read from and shows the same {@link VertexSchedule#writes()} count (a copy on
 * write is another object). Scratch of one engine's scheduler. Not thread-safe.
 */
final class BusyRuns {
  private static final long[] NONE = new long[0];

  private VertexSchedule[] from = new VertexSchedule[0];
  private long[] writes = new long[0];
  private long[][] runs = new long[0][];
  private long[] starts = new long[8];
  private long[] ends = new long[8];

  /** The runs of vertex {@code v}, whose entries are {@code s} (not null). O(1) when kept. */
  long[] of(int v, VertexSchedule s) {
    if (v >= from.length) {
      int n = Math.max(v + 1, 2 * from.length);
      from = Arrays.copyOf(from, n);
      writes = Arrays.copyOf(writes, n);
      runs = Arrays.copyOf(runs, n);
    }
    if (from[v] != s || writes[v] != s.writes()) {
      runs[v] = merge(s);
      from[v] = s;
      writes[v] = s.writes();
    }
    return runs[v];
  }

  /** The merged runs of the entries of {@code s} holding units over a non-empty window. */
  private long[] merge(VertexSchedule s) {
    int b = 0;
    for (int i = 0; i < s.n; i++) {
      if (s.units[i] > 0 && s.start[i] < s.end[i]) {
        if (b == starts.length) {
          starts = Arrays.copyOf(starts, 2 * b);
          ends = Arrays.copyOf(ends, 2 * b);
        }
        starts[b] = s.start[i];
        ends[b] = s.end[i];
        b++;
      }
    }
    if (b == 0) {
      return NONE;
    }
    // the union of the windows [start, end): starts and ends sorted apart and swept together, a
    // start before an end at the same instant (windows that touch merge)
    Arrays.sort(starts, 0, b);
    Arrays.sort(ends, 0, b);
    long[] out = new long[2 * b];
    int w = 0;
    int open = 0;
    int k = 0;
    for (int e = 0; e < b; ) {
      if (k < b && starts[k] <= ends[e]) {
        if (open++ == 0) {
          out[w++] = starts[k];
        }
        k++;
      } else {
        if (--open == 0) {
          out[w++] = ends[e];
        }
        e++;
      }
    }
    return w == out.length ? out : Arrays.copyOf(out, w);
  }
}
