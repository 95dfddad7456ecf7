package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The subtree aggregate of one vertex (Fluxion's pruning filter, {@code idata.subplans}): for each
 * tracked resource type, the total below the vertex and the amounts jobs hold over time.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>{@code types} are prune-type indices of the engine; spans are parallel arrays with {@code
 * amounts} laid out row-major ({@code span * types.length + k}). Lists are short except near the
 * root, where every job has one span; queries are linear in the number of spans.
 */
final class SubtreePlan {
  final int[] types;
  final long[] totals;
  long[] job = new long[2];
  long[] start = new long[2];
  long[] end = new long[2];
  long[] amounts;
  int n;

  SubtreePlan(int[] types, long[] totals) {
    this.types = types;
    this.totals = totals;
    this.amounts = new long[2 * types.length];
  }

  SubtreePlan copy() {
    SubtreePlan c = new SubtreePlan(types, totals);
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.amounts = amounts.clone();
    c.n = n;
    return c;
  }

  int slotOf(int pruneType) {
    for (int k = 0; k < types.length; k++) {
      if (types[k] == pruneType) {
        return k;
      }
    }
    return -1;
  }

  void add(long jobId, long s, long e, long[] byPruneType) {
    if (n == job.length) {
      int m = n * 2;
      job = Arrays.copyOf(job, m);
      start = Arrays.copyOf(start, m);
      end = Arrays.copyOf(end, m);
      amounts = Arrays.copyOf(amounts, m * types.length);
    }
    job[n] = jobId;
    start[n] = s;
    end[n] = e;
    for (int k = 0; k < types.length; k++) {
      amounts[n * types.length + k] = byPruneType[types[k]];
    }
    n++;
  }

  boolean remove(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        int last = n - 1;
        System.arraycopy(job, i + 1, job, i, last - i);
        System.arraycopy(start, i + 1, start, i, last - i);
        System.arraycopy(end, i + 1, end, i, last - i);
        System.arraycopy(
            amounts, (i + 1) * types.length, amounts, i * types.length, (last - i) * types.length);
        n = last;
        return true;
      }
    }
    return false;
  }

  SubtreePlan withTotals(long[] newTotals) {
    SubtreePlan c = new SubtreePlan(types, newTotals);
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.amounts = amounts.clone();
    c.n = n;
    return c;
  }

  boolean has(long jobId) {
    for (int i = 0; i < n; i++) {
      if (job[i] == jobId) {
        return true;
      }
    }
    return false;
  }

  /** The amount of slot {@code k} held at instant {@code t}. */
  long usedAt(int k, long t) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      if (start[i] <= t && end[i] > t) {
        sum += amounts[i * types.length + k];
      }
    }
    return sum;
  }

  /** The available amount of slot {@code k} at instant {@code t}. */
  long availAt(int k, long t) {
    return totals[k] - usedAt(k, t);
  }

  /** The least available amount of slot {@code k} over {@code [at, at + d)}. */
  long minAvailDuring(int k, long at, long d) {
    long hi = at + d;
    long worst = usedAt(k, at);
    for (int i = 0; i < n; i++) {
      if (start[i] > at && start[i] < hi) {
        long u = usedAt(k, start[i]);
        if (u > worst) {
          worst = u;
        }
      }
    }
    return totals[k] - worst;
  }

  /**
   * Whether {@code request} (indexed by prune type; only the tracked types are read) fits over
   * {@code [at, at + d)}.
   */
  boolean fits(long[] request, long at, long d) {
    for (int k = 0; k < types.length; k++) {
      long r = request[types[k]];
      if (r <= 0) {
        continue;
      }
      if (r > totals[k] || minAvailDuring(k, at, d) < r) {
        return false;
      }
    }
    return true;
  }
}
