package org.flux4j.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SWF records into {@link ReplayJob}s with the stated cleaning conventions (SWF.md beside the
 * shipped traces), and reports every job it drops.
 *
 * <p>Rules, in order: the size is chosen by {@link ProcsMode}; a job with unknown (-1) or zero
 * size, or unknown run time, is dropped; with {@code dropZeroRuntime} a job with run time 0 is
 * dropped; an unknown requested time becomes the run time (perfect estimate), and a requested time
 * of 0 becomes 1 s; a job wider than the machine (more processors, or more nodes when replayed by
 * node) is impossible and dropped; with {@code truncate} a run time longer than the requested time
 * is cut to it (the job would have been killed). Immutable and thread-safe.
 *
 * @param procsMode how the job's size is read from the record
 * @param dropZeroRuntime whether jobs that ran 0 s are dropped
 * @param byNode whether jobs ask for whole nodes (ceil(procs / coresPerNode)) instead of cores
 * @param nodes the machine's nodes
 * @param coresPerNode the machine's cores per node
 */
public record TraceCleaning(
    ProcsMode procsMode, boolean dropZeroRuntime, boolean byNode, long nodes, long coresPerNode) {

  /** How a job's size is read from its record. */
  public enum ProcsMode {
    /** Allocated processors (field 5), else requested (field 8). The default. */
    ALLOCATED,
    /** Requested processors (field 8), else allocated (field 5). */
    REQUESTED,
    /** The larger of fields 5 and 8. */
    MAX
  }

  /** Checks the machine shape. */
  public TraceCleaning {
    if (nodes <= 0 || coresPerNode <= 0) {
      throw new IllegalArgumentException(
          "the machine needs at least one node and one core per node, got "
              + nodes
              + " nodes x "
              + coresPerNode
              + " cores");
    }
  }

  /** The result of cleaning: the jobs kept, in trace order, and one message per dropped job. */
  public record Result(List<ReplayJob> jobs, List<String> dropped) {
    /** Copies the lists. */
    public Result {
      jobs = List.copyOf(jobs);
      dropped = List.copyOf(dropped);
    }
  }

  /** Cleans all records of a trace. Submit times are kept as in the trace. */
  public Result clean(List<SwfJob> records) {
    List<ReplayJob> kept = new ArrayList<>(records.size());
    List<String> dropped = new ArrayList<>();
    long machineProcs = nodes * coresPerNode;
    for (SwfJob r : records) {
      long procs = size(r);
      String why = null;
      if (procs <= 0) {
        why = "unknown or zero size";
      } else if (r.runTime() < 0) {
        why = "unknown run time";
      } else if (dropZeroRuntime && r.runTime() == 0) {
        why = "run time 0";
      }
      long nodesAsked = byNode ? ceilDiv(procs, coresPerNode) : 0;
      if (why == null && (procs > machineProcs || nodesAsked > nodes)) {
        why =
            "asks for "
                + (byNode ? nodesAsked + " nodes" : procs + " processors")
                + ", more than the machine's "
                + (byNode ? nodes + " nodes" : machineProcs + " processors");
      }
      if (why != null) {
        dropped.add("line " + r.line() + " (job " + r.number() + "): " + why);
        continue;
      }
      long requested = r.requestedTime() < 0 ? r.runTime() : r.requestedTime();
      requested = Math.max(requested, 1);
      kept.add(
          new ReplayJob(
              r.number(), r.submit(), r.runTime(), requested, procs, nodesAsked, r.line()));
    }
    return new Result(kept, dropped);
  }

  private long size(SwfJob r) {
    long a = r.allocatedProcs();
    long q = r.requestedProcs();
    switch (procsMode) {
      case ALLOCATED:
        return a > 0 ? a : q;
      case REQUESTED:
        return q > 0 ? q : a;
      default:
        return Math.max(a, q);
    }
  }

  /**
   * The window of {@code count} jobs starting at the job numbered {@code firstJob} (in the order of
   * {@code jobs}), shifted so that the first job's submit time is 0.
   *
   * @throws IllegalArgumentException if no job has that number or count is not positive
   */
  public static List<ReplayJob> window(List<ReplayJob> jobs, long firstJob, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("--count must be positive, got " + count);
    }
    int from = -1;
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).id() == firstJob) {
        from = i;
        break;
      }
    }
    if (from < 0) {
      throw new IllegalArgumentException(
          "no job numbered "
              + firstJob
              + " among the "
              + jobs.size()
              + " jobs kept after cleaning");
    }
    int to = Math.min(jobs.size(), from + count);
    long zero = jobs.get(from).submit();
    List<ReplayJob> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      ReplayJob j = jobs.get(i);
      out.add(
          new ReplayJob(
              j.id(),
              Math.max(0, j.submit() - zero),
              j.runTime(),
              j.requestedTime(),
              j.procs(),
              j.nodes(),
              j.line()));
    }
    return out;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
