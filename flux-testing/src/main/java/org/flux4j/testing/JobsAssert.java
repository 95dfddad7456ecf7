package org.flux4j.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.assertj.core.api.AbstractAssert;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobResult;

/** AssertJ assertions on several jobs together. */
public final class JobsAssert extends AbstractAssert<JobsAssert, List<JobInfo>> {
  JobsAssert(List<JobInfo> actual) {
    super(actual, JobsAssert.class);
  }

  /** Every job completed successfully. */
  public JobsAssert allCompleted() {
    isNotNull();
    for (JobInfo j : actual) {
      new JobAssert(j).hasResult(JobResult.COMPLETED);
    }
    return this;
  }

  /**
   * No two jobs held the same core (the same core id on the same rank) at the same time: for every
   * pair whose {@code alloc}-to-{@code free} spans overlap (half-open, so one may start at the
   * instant the other frees), their allocations share no core. O(n^2) pairs at worst; a sweep over
   * each core's holders in time order.
   */
  public JobsAssert neverSharedACore() {
    isNotNull();
    record Hold(JobInfo job, long from, long to) {}
    Map<Long, List<Hold>> byCore = new HashMap<>();
    for (JobInfo j : actual) {
      OptionalLong from = JobTimes.allocated(j);
      if (from.isEmpty() || j.allocation().isEmpty()) {
        continue;
      }
      Hold h = new Hold(j, from.getAsLong(), JobTimes.freed(j));
      for (Allocation.Slot s : j.allocation().get().slots()) {
        for (int core : s.cores()) {
          long key = ((long) s.rank() << 32) | (core & 0xffffffffL);
          byCore.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
        }
      }
    }
    for (Map.Entry<Long, List<Hold>> e : byCore.entrySet()) {
      List<Hold> hs = e.getValue();
      hs.sort((a, b) -> Long.compare(a.from(), b.from()));
      for (int i = 1; i < hs.size(); i++) {
        Hold prev = hs.get(i - 1);
        Hold cur = hs.get(i);
        if (cur.from() < prev.to() && !cur.job().id().equals(prev.job().id())) {
          failWithMessage(
              "jobs %s and %s both held core %d of rank %d: %s from %d to %d ms, %s from %d ms",
              prev.job().id(),
              cur.job().id(),
              (int) (long) e.getKey(),
              (int) (e.getKey() >>> 32),
              prev.job().id(),
              prev.from(),
              prev.to(),
              cur.job().id(),
              cur.from());
        }
      }
    }
    return this;
  }
}
