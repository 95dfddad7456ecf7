package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobRequest;

/**
 * One job's scheduler annotations (RFC 27's {@code sched} namespace, with flux-sched's and
 * flux-core's keys): why it is pending ({@code reason_pending}), when it is expected to start
 * ({@code t_estimate}, seconds since the epoch, from its reservation), how many jobs are ahead of
 * it in its queue ({@code jobs_ahead}), and, once it has resources, what they are ({@code
 * resource_summary}, e.g. {@code rank[0-1]/core[0-3]}).
 *
 * <p>Implementation notes: the scheduling loop writes plain fields after every cycle, for every
 * pending job, without allocating; the map users see is built only when asked for (a snapshot or a
 * listener that wants annotations; the resource summary when first read). {@link #setPending} says
 * whether anything changed, so that listeners hear only of changes. Writers are the loop thread;
 * readers any thread: both go through this object's monitor.
 */
final class SchedNote {
  /** Why a job waits; NONE once it has resources or before the scheduler saw it. */
  enum Reason {
    NONE,
    DEPENDENCY,
    HELD,
    QUEUE_DEPTH,
    RESOURCES,
    UNSATISFIABLE
  }

  private Reason reason = Reason.NONE;
  private String detail = ""; // dependency descriptions, or why unsatisfiable
  private int jobsAhead = -1;
  private long estimateMillis = -1;
  private int freeCores;
  private int freeGpus;
  private int queueDepth;
  private boolean windowIsDepth;
  private Allocation resources; // once it has resources; their summary is built when first read
  private String resourceSummary;

  /**
   * The job waits beyond the first {@code window} jobs of its queue, which are the ones annotated
   * one by one ({@code depth}: whether the window is the scheduler's queue depth).
   *
   * @return whether any annotation changed
   */
  synchronized boolean setBeyond(int window, boolean depth) {
    boolean changed = reason != Reason.QUEUE_DEPTH || jobsAhead != -1 || estimateMillis != -1;
    reason = Reason.QUEUE_DEPTH;
    jobsAhead = -1;
    estimateMillis = -1;
    queueDepth = window;
    windowIsDepth = depth;
    return changed;
  }

  /**
   * The job waits in its queue: {@code ahead} jobs before it (-1 if not counted), reserved to start
   * at {@code estimateMillis} (-1 if not reserved).
   *
   * @return whether any annotation changed
   */
  synchronized boolean setPending(
      Reason r, int ahead, long estimateMillis, int freeCores, int freeGpus, int queueDepth) {
    boolean changed =
        r != reason
            || ahead != jobsAhead
            || estimateMillis != this.estimateMillis
            || (r == Reason.RESOURCES
                && (freeCores != this.freeCores || freeGpus != this.freeGpus));
    reason = r;
    jobsAhead = ahead;
    this.estimateMillis = estimateMillis;
    this.freeCores = freeCores;
    this.freeGpus = freeGpus;
    this.queueDepth = queueDepth;
    return changed;
  }

  /** The job waits for dependencies (their RFC 26 descriptions) or is held at urgency 0. */
  synchronized boolean setWaiting(Reason r, String detail) {
    boolean changed = r != reason || !detail.equals(this.detail);
    reason = r;
    this.detail = detail;
    jobsAhead = -1;
    estimateMillis = -1;
    return changed;
  }

  /** The job got resources: pending annotations go, the resource summary comes. */
  synchronized void setRunning(Allocation a) {
    reason = Reason.NONE;
    jobsAhead = -1;
    estimateMillis = -1;
    resources = a;
    resourceSummary = null;
  }

  /** The job left without resources; an unsatisfiable one keeps the reason. */
  synchronized void setEnded(Reason r, String detail) {
    reason = r;
    this.detail = detail;
    jobsAhead = -1;
    estimateMillis = -1;
  }

  synchronized Reason reason() {
    return reason;
  }

  /** The annotations as RFC 27 writes them: {@code {"sched": {...}}}, or empty. */
  synchronized Map<String, Object> toMap(JobRequest request) {
    Map<String, Object> sched = new LinkedHashMap<>();
    if (reason != Reason.NONE) {
      sched.put("reason_pending", reasonText(request));
    }
    if (estimateMillis >= 0) {
      sched.put("t_estimate", estimateMillis / 1000.0);
    }
    if (jobsAhead >= 0) {
      sched.put("jobs_ahead", jobsAhead);
    }
    if (resources != null) {
      if (resourceSummary == null) {
        resourceSummary = summary(resources);
      }
      sched.put("resource_summary", resourceSummary);
    }
    return sched.isEmpty()
        ? Map.of()
        : Collections.singletonMap("sched", Collections.unmodifiableMap(sched));
  }

  private String reasonText(JobRequest request) {
    switch (reason) {
      case DEPENDENCY:
        return "dependency: " + detail;
      case HELD:
        return "held: urgency 0";
      case QUEUE_DEPTH:
        return "queue-depth: more than "
            + queueDepth
            + " jobs ahead"
            + (windowIsDepth ? ", and the scheduler considers the first " + queueDepth : "")
            + "; insufficient resources: asks "
            + asks(request);
      case RESOURCES:
        return "insufficient resources: asks "
            + asks(request)
            + "; "
            + freeCores
            + " cores and "
            + freeGpus
            + " GPUs free";
      case UNSATISFIABLE:
        return detail;
      default:
        return "";
    }
  }

  /** What a request asks for, e.g. {@code 8 cores} or {@code 2 nodes, 4 cores, 1 GPUs}. */
  static String asks(JobRequest r) {
    long cores = coresOf(r);
    long gpus = gpusOf(r);
    StringBuilder sb = new StringBuilder();
    if (r.nodes() > 0) {
      sb.append(r.nodes()).append(r.nodes() == 1 ? " node, " : " nodes, ");
    }
    sb.append(cores).append(cores == 1 ? " core" : " cores");
    if (gpus > 0) {
      sb.append(", ").append(gpus).append(gpus == 1 ? " GPU" : " GPUs");
    }
    return sb.toString();
  }

  /** The cores a request asks for in all. */
  static long coresOf(JobRequest r) {
    return r.jobspec().isPresent()
        ? r.jobspec().get().totalCount("core")
        : (long) r.slots() * r.coresPerSlot();
  }

  /** The GPUs a request asks for in all. */
  static long gpusOf(JobRequest r) {
    return r.jobspec().isPresent()
        ? r.jobspec().get().totalCount("gpu")
        : (long) r.slots() * r.gpusPerSlot();
  }

  /**
   * An allocation as flux-core's resource lists print it: ranks with the same cores and GPUs
   * grouped, e.g. {@code rank[0-1]/core[0-3]} or {@code rank0/core[0-1],gpu0 rank1/core2}.
   */
  static String summary(Allocation a) {
    TreeMap<Integer, List<int[]>> byRank = new TreeMap<>();
    for (Allocation.Slot s : a.slots()) {
      List<int[]> l = byRank.computeIfAbsent(s.rank(), k -> new ArrayList<>());
      l.add(s.cores());
      l.add(negate(s.gpus()));
    }
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<int[]>> e : byRank.entrySet()) {
      List<Integer> cores = new ArrayList<>();
      List<Integer> gpus = new ArrayList<>();
      for (int[] ids : e.getValue()) {
        for (int id : ids) {
          if (id >= 0) {
            cores.add(id);
          } else {
            gpus.add(-id - 1);
          }
        }
      }
      String what = "core" + idset(cores) + (gpus.isEmpty() ? "" : ",gpu" + idset(gpus));
      groups.computeIfAbsent(what, k -> new ArrayList<>()).add(e.getKey());
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("rank").append(idset(g.getValue())).append('/').append(g.getKey());
    }
    return sb.toString();
  }

  private static int[] negate(int[] gpus) {
    int[] out = new int[gpus.length];
    for (int i = 0; i < gpus.length; i++) {
      out[i] = -gpus[i] - 1;
    }
    return out;
  }

  /** An RFC 22 idset: {@code 3}, or {@code [0-3,7]} for several. */
  static String idset(List<Integer> ids) {
    List<Integer> s = new ArrayList<>(new java.util.TreeSet<>(ids));
    if (s.size() == 1) {
      return Integer.toString(s.get(0));
    }
    StringBuilder sb = new StringBuilder("[");
    int i = 0;
    while (i < s.size()) {
      int j = i;
      while (j + 1 < s.size() && s.get(j + 1) == s.get(j) + 1) {
        j++;
      }
      if (i > 0) {
        sb.append(',');
      }
      sb.append(s.get(i));
      if (j > i) {
        sb.append('-').append(s.get(j));
      }
      i = j + 1;
    }
    return sb.append(']').toString();
  }

  @Override
  public synchronized String toString() {
    return String.format(
        Locale.ROOT, "SchedNote[%s ahead=%d est=%d]", reason, jobsAhead, estimateMillis);
  }
}
