package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.VirtualClock;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.junit.jupiter.api.Test;

/**
 * The graph pool tells a job that can never be allocated from one that is only busy, so that the
 * queue refuses the first instead of keeping it pending forever.
 */
class GraphPoolTest {
  /** Past the planner's horizon (100 years after the pool's start) nothing can be allocated. */
  private static final long PAST_THE_HORIZON = Duration.ofDays(365L * 101).toMillis();

  private final VirtualClock clock = new VirtualClock(0);
  private long nextId = 1;

  private Job job(JobRequest r) {
    return new Job(new JobId(nextId++), r, clock.millis(), List.of());
  }

  private static JobRequest oneCore() {
    return JobRequest.builder().duration(Duration.ofSeconds(60)).build();
  }

  @Test
  void busyOnAnIdlePool_isRecordedAsNeverAllocatable() {
    GraphPool pool = new GraphPool(VirtualClusters.tiny(), "first", clock);
    clock.advanceBy(PAST_THE_HORIZON);
    Job j = job(oneCore());
    assertThat(pool.unsatisfiable(j)).isNull();
    assertThat(pool.allocate(j)).isNull();
    assertThat(j.unallocatable).contains("can never be allocated", "idle instance");
    j.unallocatable = null;
    ResourcePool.Outcome o = pool.allocateOrReserve(j);
    assertThat(o.allocation()).isNull();
    assertThat(o.reservedAt()).isNegative();
    assertThat(j.unallocatable).contains("can never be allocated");
  }

  @Test
  void satisfiabilityVerdicts_matchAFreshPoolWhateverTheOrderDurationsAndStatus() {
    GraphPool pool = new GraphPool(VirtualClusters.tiny(), "first", clock);
    Random random = new Random(42);
    int[] tasks = {1, 8, 36, 72, 73, 500};
    int nodes = 0;
    for (int rank = 0; pool.hasRank(rank); rank++) {
      nodes++;
    }
    for (int step = 0; step < 200; step++) {
      if (random.nextInt(10) == 0) {
        pool.setDown(random.nextInt(nodes), random.nextBoolean());
      }
      JobRequest r =
          JobRequest.builder()
              .tasks(tasks[random.nextInt(tasks.length)])
              .duration(Duration.ofSeconds(1 + random.nextInt(3600)))
              .build();
      GraphPool fresh = new GraphPool(VirtualClusters.tiny(), "first", clock);
      assertThat(pool.unsatisfiable(job(r)))
          .as("step %d", step)
          .isEqualTo(fresh.unsatisfiable(job(r)));
    }
  }

  @Test
  void busyWhileAJobHoldsResources_isOnlyBusy() {
    GraphPool pool = new GraphPool(VirtualClusters.tiny(), "first", clock);
    Job all = job(JobRequest.builder().tasks(72).duration(Duration.ofSeconds(60)).build());
    assertThat(pool.allocate(all)).isNotNull();
    Job j = job(oneCore());
    assertThat(pool.allocate(j)).isNull();
    assertThat(j.unallocatable).isNull();
    pool.free(all);
    assertThat(pool.allocate(j)).isNotNull();
  }

  @Test
  void busyWhileANodeIsDown_isOnlyBusy() {
    GraphPool pool = new GraphPool(VirtualClusters.tiny(), "first", clock);
    clock.advanceBy(PAST_THE_HORIZON);
    pool.setDown(0, true);
    Job j = job(oneCore());
    assertThat(pool.allocate(j)).isNull();
    assertThat(j.unallocatable).isNull();
  }

  @Test
  void aNeverAllocatableJob_isRejectedByTheQueue_andTheCycleGoesOn() {
    BackfillQueue q = new BackfillQueue(QueuePolicies.require("fcfs", QueueParams.DEFAULTS));
    Job never = job(oneCore());
    Job fine = job(oneCore());
    never.priority = 16;
    fine.priority = 16;
    q.add(never);
    q.add(fine);
    Map<Job, String> rejected = new LinkedHashMap<>();
    List<Job> ran = new ArrayList<>();
    q.schedule(
        new QueueDiscipline.Scheduler() {
          @Override
          public ResourcePool pool() {
            return new StubPool() {
              @Override
              public Allocation allocate(Job job) {
                if (job == never) {
                  job.unallocatable = "never";
                  return null;
                }
                return new Allocation(List.of(), new int[0]);
              }
            };
          }

          @Override
          public void run(Job job, Allocation allocation) {
            ran.add(job);
          }

          @Override
          public void reject(Job job, String reason) {
            rejected.put(job, reason);
            q.remove(job);
          }
        });
    assertThat(rejected).containsExactly(Map.entry(never, "never"));
    assertThat(ran).containsExactly(fine);
    assertThat(q.size()).isZero();
  }

  /** A pool that only allocates (as a test overrides it); everything else is unused here. */
  private abstract static class StubPool implements ResourcePool {
    @Override
    public String unsatisfiable(Job job) {
      return null;
    }

    @Override
    public void free(Job job) {}

    @Override
    public boolean hasRank(int rank) {
      return false;
    }

    @Override
    public void setDrained(int rank, boolean drained) {}

    @Override
    public void setDown(int rank, boolean down) {}

    @Override
    public int freeCores() {
      return 0;
    }

    @Override
    public int totalCores() {
      return 0;
    }

    @Override
    public int freeGpus() {
      return 0;
    }
  }
}
