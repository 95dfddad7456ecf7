package org.flux4j.core.sim;

import java.util.List;
import java.util.Map;

/**
 * Everything a replay produced: the outcome of each job in trace order, the nodes (indices
 * 0..nodes-1) each job ran on, the metrics, the timeline, and the counts of trace lines skipped as
 * malformed and of jobs dropped by cleaning.
 *
 * @param jobs one outcome per replayed job, in trace order
 * @param placement job id to the node indices it ran on (empty for jobs that never ran)
 * @param metrics the summary metrics
 * @param timeline busy processors and queue length over time
 * @param nodes the machine's nodes
 * @param coresPerNode the machine's cores per node
 * @param skippedLines malformed trace lines skipped
 * @param droppedJobs jobs dropped by cleaning (impossible or unknown)
 * @param wallSeconds wall-clock seconds the replay took
 */
public record ReplayResult(
    List<JobOutcome> jobs,
    Map<Long, int[]> placement,
    ReplayMetrics metrics,
    ReplayTimeline timeline,
    long nodes,
    long coresPerNode,
    int skippedLines,
    int droppedJobs,
    double wallSeconds) {

  /** Copies the collections (a replay's own placement, unmodifiable already, is kept). */
  public ReplayResult {
    jobs = List.copyOf(jobs);
    placement = placement instanceof Placement ? placement : Map.copyOf(placement);
  }
}
