package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.flux4j.policy.match.JobInfo;
import org.flux4j.policy.match.ResourceSet;

/**
 * The mutable scheduling state of one engine, apart from the immutable topology: per-vertex job
 * entries, per-vertex subtree aggregates, the out-edge weights of the stop-on-first-match traversal
 * order, and the job table. {@link #copy()} is a deep copy of primitive arrays (O(V + entries)).
 */
final class SchedState {
  VertexSchedule[] sched;
  SubtreePlan[] sub;

  /** Weight of each dominant out-edge slot (Fluxion's by_outedges key); -1 = unsigned max. */
  long[] weight;

  final LongObjectHashMap<JobRecord> jobs;

  /** One job known to the engine. */
  static final class JobRecord {
    final long jobId;
    final JobInfo.State state;
    final long at;
    final long duration;
    ResourceSet resources;

    JobRecord(long jobId, JobInfo.State state, long at, long duration, ResourceSet resources) {
      this.jobId = jobId;
      this.state = state;
      this.at = at;
      this.duration = duration;
      this.resources = resources;
    }
  }

  SchedState(int vertices) {
    sched = new VertexSchedule[vertices];
    sub = new SubtreePlan[vertices];
    weight = new long[0];
    jobs = new LongObjectHashMap<>();
  }

  private SchedState(SchedState o) {
    sched = new VertexSchedule[o.sched.length];
    for (int v = 0; v < sched.length; v++) {
      if (o.sched[v] != null) {
        sched[v] = o.sched[v].copy();
      }
    }
    sub = new SubtreePlan[o.sub.length];
    for (int v = 0; v < sub.length; v++) {
      if (o.sub[v] != null) {
        sub[v] = o.sub[v].copy();
      }
    }
    weight = o.weight.clone();
    jobs = new LongObjectHashMap<>();
    o.jobs.forEachKeyValue(
        (k, r) -> jobs.put(k, new JobRecord(r.jobId, r.state, r.at, r.duration, r.resources)));
  }

  SchedState copy() {
    return new SchedState(this);
  }

  void ensureCapacity(int vertices) {
    if (vertices > sched.length) {
      sched = Arrays.copyOf(sched, vertices);
      sub = Arrays.copyOf(sub, vertices);
    }
  }

  void ensureEdges(int edges) {
    if (edges != weight.length) {
      int old = weight.length;
      weight = Arrays.copyOf(weight, edges);
      if (edges > old) {
        Arrays.fill(weight, old, edges, -1L);
      }
    }
  }

  VertexSchedule schedOf(int v) {
    VertexSchedule s = sched[v];
    if (s == null) {
      s = new VertexSchedule();
      sched[v] = s;
    }
    return s;
  }
}
