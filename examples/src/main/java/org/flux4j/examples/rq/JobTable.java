package org.flux4j.examples.rq;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What resource-query itself remembers about jobs, beside the engine: the job id counter, the job
 * table shown by {@code list} and {@code info}, which ids are allocations and which reservations,
 * and the match-time statistics of {@code stat}. Ids are unsigned 64-bit values, ordered as such.
 * One per session; not thread-safe.
 */
final class JobTable {

  /** The life-cycle states shown in the job table. */
  enum JobState {
    ALLOCATED,
    RESERVED,
    CANCELED
  }

  /** A row of the job table. */
  static final class Entry {
    final long jobId;
    JobState state;
    final long at;
    final String jobspecFile;
    final double overhead;

    Entry(long jobId, JobState state, long at, String jobspecFile, double overhead) {
      this.jobId = jobId;
      this.state = state;
      this.at = at;
      this.jobspecFile = jobspecFile;
      this.overhead = overhead;
    }

    /** The row as {@code list} and {@code info} print it. */
    String line() {
      return "INFO: "
          + CFormat.unsigned(jobId)
          + ", "
          + state.name()
          + ", "
          + at
          + ", "
          + jobspecFile
          + ", "
          + CFormat.general(overhead);
    }
  }

  /** The id the next match uses. */
  long counter = 1;

  /** Every job that was allocated or reserved, by id. */
  final Map<Long, Entry> jobs = new TreeMap<>(Long::compareUnsigned);

  /** The ids of current allocations. */
  final SortedSet<Long> allocations = new TreeSet<>(Long::compareUnsigned);

  /** The ids of current reservations. */
  final SortedSet<Long> reservations = new TreeSet<>(Long::compareUnsigned);

  private double perfMin = Double.MAX_VALUE;
  private double perfMax;
  private double perfAccum;

  /** Records the time of a match for {@code stat} (as Fluxion, only updates count). */
  void recordMatchTime(double seconds) {
    perfMin = Math.min(perfMin, seconds);
    perfMax = Math.max(perfMax, seconds);
    perfAccum += seconds;
  }

  /** The fastest recorded match, 0 while no job is known. */
  double minTime() {
    return jobs.isEmpty() ? 0 : perfMin;
  }

  /** The slowest recorded match. */
  double maxTime() {
    return perfMax;
  }

  /** The recorded match time per known job, 0 while no job is known. */
  double avgTime() {
    return jobs.isEmpty() ? 0 : perfAccum / jobs.size();
  }
}
