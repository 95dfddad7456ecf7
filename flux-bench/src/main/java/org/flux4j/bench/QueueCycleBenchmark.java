package org.flux4j.bench;

import java.util.concurrent.TimeUnit;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.CycleResult;
import org.flux4j.policy.queue.JobQueue;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.flux4j.policy.queue.QueuePolicy;
import org.flux4j.policy.queue.support.ResourceQueryMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One scheduling cycle of a queue policy over the real graph matcher, at a given queue depth: the
 * cost users of deep queues care about (flux-sched issues 573 and 1210).
 *
 * <p>The machine (the 100-node bench cluster, 4,400 cores) is first filled by one whole-machine job
 * that runs for an hour; then {@code depth} jobs of 1 to 64 cores wait. A cycle releases the
 * previous reservations and walks the whole queue: every job is busy now, the first
 * reservation-depth ones are reserved after the big job, the rest are tried for backfill.
 *
 * <p>{@code cycle=full} (the default): each invocation is one full cycle on the same state, every
 * reservation released and recomputed, as in Fluxion and as flux4j does after anything was
 * allocated or freed: on the graph matcher this is what one cycle after a single job ends costs (it
 * keeps no reservation across a change, since the {@code first} policy's order of children depends
 * on the weights every booking writes; see {@code PoolCycleBenchmark} for the counting pool, which
 * keeps them). At a depth of 100,000 one such cycle takes 10 to 13 s with {@code visits=inexact}
 * (100,000 graph reservations); run that depth only with {@code -p depth=100000 -wi 0 -i 1}. {@code
 * cycle=repeat}: the policy as shipped, which repeats a cycle when nothing changed since the
 * previous one (from the second invocation on, every cycle here), keeping its reservations: what a
 * cycle after a mere arrival costs, less the new job's own match.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueueCycleBenchmark extends LargeGraphBenchmark {
  /** Pending jobs considered by the cycle. */
  @Param({"10", "1000", "100000"})
  public int depth;

  /** The queue policy. */
  @Param({"fcfs", "easy", "hybrid", "conservative"})
  public String policy;

  /** "full": recompute every reservation each cycle; "repeat": repeat unchanged cycles. */
  @Param({"full"})
  public String cycle;

  /**
   * "exact": the engine counts every visit, as resource-query's (Fluxion's way); "inexact": as an
   * Instance's graph pool builds it ({@code ResourceQuery.Options.exactVisitCounts(false)}: selects
   * proven to miss are skipped, a cancel drops a job's entries by its resource set). Same answers.
   * With {@code inexact}, a rebuilding cycle also drops all the previous reservations at once
   * ({@code ResourceQuery.cancelAll}: one pass over each vertex's entries and the root's spans),
   * and up to 1,000 jobs the reservation search proves misses from the cores' busy runs kept
   * between matches: run {@code -p visits=inexact -p policy=conservative -p depth=500,1000} for
   * what a graph Instance's conservative rebuild costs.
   */
  @Param({"exact"})
  public String visits;

  private QueuePolicy queuePolicy;
  private JobQueue queue;
  private ResourceQueryMatcher matcher;

  /** Builds the filled machine and the queue. */
  @Setup(Level.Trial)
  public void setUp() {
    ResourceGraph graph = BenchWorkloads.graph("n100");
    ResourceQuery query =
        switch (visits) {
          case "exact" -> ResourceQuery.create(graph);
          case "inexact" ->
              ResourceQuery.create(
                  graph, ResourceQuery.Options.builder().exactVisitCounts(false).build());
          default ->
              throw new IllegalArgumentException("visits must be exact or inexact: " + visits);
        };
    ResourceRequest whole =
        ResourceRequest.of(3600, Item.slot(4400, "default", Item.of("core", 1)));
    ResourceRequest[] requests = new ResourceRequest[depth + 1];
    requests[0] = whole;
    for (int i = 1; i <= depth; i++) {
      requests[i] =
          ResourceRequest.of(
              600 + (i % 7) * 300, Item.slot(1 + (i * 37) % 64, "default", Item.of("core", 1)));
    }
    matcher = new ResourceQueryMatcher(query, id -> requests[(int) id], () -> 0);
    if (!(matcher.allocate(0) instanceof org.flux4j.policy.queue.MatchOutcome.Allocated)) {
      throw new IllegalStateException("the whole-machine job did not start");
    }
    QueuePolicy p = QueuePolicies.require(policy, QueueParams.DEFAULTS.withQueueDepth(depth));
    switch (cycle) {
      case "full" -> queuePolicy = ((BackfillPolicy) p).withFullRecompute();
      case "repeat" -> queuePolicy = p;
      default -> throw new IllegalArgumentException("cycle must be full or repeat: " + cycle);
    }
    queue = new JobQueue("bench");
    for (int i = 1; i <= depth; i++) {
      queue.add(i, 16);
    }
  }

  /** One full scheduling cycle. */
  @Benchmark
  public CycleResult cycle() {
    CycleResult r = queuePolicy.runCycle(queue, matcher);
    if (!r.started().isEmpty()) {
      throw new IllegalStateException("nothing may start on a full machine: " + r.started());
    }
    queue.unblockAll();
    return r;
  }
}
