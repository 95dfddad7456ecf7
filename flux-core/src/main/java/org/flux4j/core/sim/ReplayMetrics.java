package org.flux4j.core.sim;

import java.util.List;

/**
 * Summary metrics of a replay, as the published tables define them (SWF.md): wait = start - submit,
 * turnaround = wait + run, bounded slowdown with tau = 10 s, utilization = sum(run x procs) /
 * (machine procs x (last end - first submit)), makespan = last end - first submit.
 *
 * @param jobs jobs that ran
 * @param avgWait mean wait in seconds
 * @param maxWait largest wait in seconds
 * @param avgTurnaround mean turnaround in seconds
 * @param avgBsld mean bounded slowdown
 * @param utilization fraction of the machine's processor-seconds used
 * @param makespan seconds from first submit to last end
 */
public record ReplayMetrics(
    int jobs,
    double avgWait,
    long maxWait,
    double avgTurnaround,
    double avgBsld,
    double utilization,
    long makespan) {

  /** The tau of bounded slowdown, in seconds. */
  public static final double TAU = 10.0;

  /** Computes the metrics over the jobs that started and ended. O(n). */
  public static ReplayMetrics of(List<JobOutcome> outcomes, long machineProcs) {
    int n = 0;
    double wait = 0;
    long maxWait = 0;
    double turnaround = 0;
    double bsld = 0;
    double work = 0;
    long firstSubmit = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;
    for (JobOutcome o : outcomes) {
      if (o.start() < 0 || o.end() < 0) {
        continue;
      }
      n++;
      wait += o.waitTime();
      maxWait = Math.max(maxWait, o.waitTime());
      turnaround += o.waitTime() + o.runTime();
      bsld += o.boundedSlowdown(TAU);
      work += (double) o.runTime() * o.procs();
      firstSubmit = Math.min(firstSubmit, o.submit());
      lastEnd = Math.max(lastEnd, o.end());
    }
    if (n == 0) {
      return new ReplayMetrics(0, 0, 0, 0, 0, 0, 0);
    }
    long span = lastEnd - firstSubmit;
    double util = span > 0 ? work / ((double) machineProcs * span) : 0;
    return new ReplayMetrics(n, wait / n, maxWait, turnaround / n, bsld / n, util, span);
  }

  /** The CSV header of {@link #csvRow(JobOutcome)}. */
  public static String csvHeader() {
    return "id,submit,start,end,procs,nodes,state";
  }

  /** One job as a CSV row. */
  public static String csvRow(JobOutcome o) {
    return o.id()
        + ","
        + o.submit()
        + ","
        + o.start()
        + ","
        + o.end()
        + ","
        + o.procs()
        + ","
        + o.nodes()
        + ","
        + o.state();
  }
}
