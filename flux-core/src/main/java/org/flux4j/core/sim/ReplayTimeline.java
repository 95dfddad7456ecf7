package org.flux4j.core.sim;

import java.util.Arrays;

/**
 * The machine over time during a replay: at each event time, the busy processors and the number of
 * queued jobs. Appended by the replay driver in time order; a later sample at the same time
 * replaces the earlier one. Not thread-safe.
 */
public final class ReplayTimeline {
  private long[] times = new long[256];
  private long[] busy = new long[256];
  private int[] queued = new int[256];
  private int n;

  /** Records the state at {@code time} (not before the last recorded time). */
  public void record(long time, long busyProcs, int queuedJobs) {
    if (n > 0 && times[n - 1] > time) {
      throw new IllegalArgumentException("timeline goes back from " + times[n - 1] + " to " + time);
    }
    if (n > 0 && times[n - 1] == time) {
      n--;
    }
    if (n == times.length) {
      times = Arrays.copyOf(times, n * 2);
      busy = Arrays.copyOf(busy, n * 2);
      queued = Arrays.copyOf(queued, n * 2);
    }
    times[n] = time;
    busy[n] = busyProcs;
    queued[n] = queuedJobs;
    n++;
  }

  /** How many samples are recorded. */
  public int size() {
    return n;
  }

  /** The time of sample {@code i}. */
  public long time(int i) {
    return times[i];
  }

  /** The busy processors from sample {@code i} until the next one. */
  public long busy(int i) {
    return busy[i];
  }

  /** The queued jobs from sample {@code i} until the next one. */
  public int queued(int i) {
    return queued[i];
  }
}
