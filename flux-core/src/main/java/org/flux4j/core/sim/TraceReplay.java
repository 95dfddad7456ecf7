package org.flux4j.core.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.Instance;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobListener;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobState;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;

/**
 * Replays cleaned trace jobs through a real {@link Instance} (job manager, queue policy and graph
 * matcher) on a {@link VirtualClock}: each job is submitted at its submit time, asks for its cores
 * (or whole nodes), has its requested time as duration limit, and its simulated task takes its run
 * time. The same code that schedules real work schedules the trace.
 *
 * <p>Submissions are timers of the virtual clock that fire after the job ends of their instant
 * ({@link VirtualClock#scheduleAfterTies}), so every event of one second (ends, submissions and the
 * dependency releases they cause) is applied before one scheduling cycle; jobs submitted at the
 * same second are submitted in trace order, so their ids and queue order follow it.
 *
 * <p>One replay at a time per instance of this class; not thread-safe.
 */
public final class TraceReplay {
  private final ReplayOptions options;

  /** A replay with these options. */
  public TraceReplay(ReplayOptions options) {
    this.options = options;
  }

  /**
   * The machine: cluster0 with {@code nodes} nodes (rank = index) of {@code coresPerNode} cores.
   */
  public static ResourceGraph machine(long nodes, long coresPerNode) {
    return VirtualCluster.builder("cluster")
        .child("node", (int) nodes, node -> node.child("core", (int) coresPerNode))
        .build();
  }

  /**
   * Runs the replay to its end.
   *
   * @param jobs the jobs in trace order (submit times non-decreasing is not required)
   * @param progress called with the number of jobs finished so far, now and then (may be null)
   * @param skippedLines malformed lines skipped by the reader, carried into the result
   * @param droppedJobs jobs dropped by cleaning, carried into the result
   */
  public ReplayResult run(
      List<ReplayJob> jobs, IntConsumer progress, int skippedLines, int droppedJobs) {
    long wallStart = System.nanoTime();
    ResourceGraph graph = machine(options.nodes(), options.coresPerNode());
    VirtualClock clock = new VirtualClock(0);
    try (Instance instance =
        Instance.builder(graph)
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queuePolicy(options.queuePolicy())
            .queueParams(
                org.flux4j.policy.queue.QueueParams.DEFAULTS
                    .withQueueDepth(options.queueDepth())
                    .withReservationDepth(options.reservationDepth())
                    .withCompress(options.compress()))
            .matchPolicy(options.matchPolicy())
            .inactiveNumLimit(0) // the listener records every outcome: no job need stay in memory
            .build()) {
      Recorder recorder = new Recorder(instance, jobs, progress);
      instance.addListener(recorder);
      // submissions are timers after the job ends of their instant: one cycle sees both
      Runnable[] next = new Runnable[1];
      int[] cursor = {0};
      next[0] =
          () -> {
            int i = cursor[0];
            long at = jobs.get(i).submit();
            while (i < jobs.size() && jobs.get(i).submit() == at) {
              instance.submit(request(jobs.get(i)));
              i++;
            }
            cursor[0] = i;
            if (i < jobs.size()) {
              clock.scheduleAfterTies(jobs.get(i).submit() * 1000, next[0]);
            }
          };
      if (!jobs.isEmpty()) {
        clock.scheduleAfterTies(jobs.get(0).submit() * 1000, next[0]);
      }
      // the instance's loop thread advances time itself when it goes idle: no hand-off per instant
      clock.setAutoAdvance(true);
      clock.awaitIdle();
      clock.setAutoAdvance(false);
      recorder.stillActive(); // jobs that never became INACTIVE keep their state's name
      String[] state = recorder.state;
      int[][] nodesUsed = recorder.nodesUsed;
      List<JobOutcome> outcomes = new ArrayList<>(jobs.size());
      long[] ids = new long[jobs.size()];
      for (int i = 0; i < jobs.size(); i++) {
        ReplayJob j = jobs.get(i);
        ids[i] = j.id();
        outcomes.add(
            new JobOutcome(
                j.id(),
                j.submit(),
                recorder.start[i],
                recorder.end[i],
                j.procs(),
                nodesUsed[i] == null ? 0 : nodesUsed[i].length,
                state[i] == null ? "UNKNOWN" : state[i]));
      }
      if (progress != null) {
        progress.accept(recorder.finished);
      }
      ReplayMetrics metrics = ReplayMetrics.of(outcomes, options.nodes() * options.coresPerNode());
      return new ReplayResult(
          outcomes,
          new Placement(ids, nodesUsed),
          metrics,
          recorder.timeline,
          options.nodes(),
          options.coresPerNode(),
          skippedLines,
          droppedJobs,
          (System.nanoTime() - wallStart) / 1e9);
    }
  }

  /**
   * Records each job's outcome from its events, on the instance's loop thread: its start (alloc),
   * end (finish), nodes (from its allocation, read at alloc), final state (at clean) and the
   * timeline. Jobs are known by submission order: the k-th submit event is the k-th job submitted,
   * since one submitter submits them in trace order and the loop logs submits in posting order.
   * Only the jobs not yet INACTIVE are indexed, by id value.
   */
  private static final class Recorder implements JobListener {
    private final Instance instance;
    private final List<ReplayJob> jobs;
    final long[] start; // by trace index; -1 until known
    final long[] end;
    final String[] state; // the result's name, or the state's if never INACTIVE
    final int[][] nodesUsed; // null if it never ran
    final ReplayTimeline timeline = new ReplayTimeline();
    private final IntConsumer progress;
    private final LongIntHashMap index;
    private int submitted;
    private long busy;
    private int queued;
    int finished;

    Recorder(Instance instance, List<ReplayJob> jobs, IntConsumer progress) {
      this.instance = instance;
      this.jobs = jobs;
      this.start = new long[jobs.size()];
      this.end = new long[jobs.size()];
      java.util.Arrays.fill(start, -1);
      java.util.Arrays.fill(end, -1);
      this.state = new String[jobs.size()];
      this.nodesUsed = new int[jobs.size()][];
      // room for a deep queue, so that the churn of ids rarely rehashes
      this.index = new LongIntHashMap(Math.min(jobs.size() + 1, 1 << 14));
      this.progress = progress;
    }

    @Override
    public void onEvent(JobId id, JobEvent event, JobState s) {
      String name = event.name();
      if (name.equals("submit")) {
        index.put(id.value(), submitted++);
        queued++;
        return;
      }
      int i = index.getIfAbsent(id.value(), -1);
      if (i < 0) {
        return;
      }
      long t = event.timestamp() / 1000;
      switch (name) {
        case "alloc" -> {
          queued--;
          start[i] = t;
          busy += jobs.get(i).procs();
          timeline.record(t, busy, queued);
          nodesUsed[i] = instance.allocation(id).map(Allocation::ranks).orElse(null);
        }
        case "finish" -> end[i] = t;
        case "release" -> {
          busy -= jobs.get(i).procs();
          timeline.record(t, busy, queued);
        }
        case "clean" -> {
          state[i] = instance.result(id).map(Enum::name).orElse(s.name());
          index.remove(id.value());
          finished++;
          if (progress != null && (finished & 1023) == 0) {
            progress.accept(finished);
          }
        }
        default -> {}
      }
    }

    /** Names the state of every job not yet INACTIVE (call once the replay is idle). */
    void stillActive() {
      index.forEachKeyValue((id, i) -> state[i] = instance.state(new JobId(id)).name());
    }
  }

  private JobRequest request(ReplayJob j) {
    JobRequest.Builder b =
        JobRequest.builder()
            .name("job" + j.id())
            .duration(
                Duration.ofSeconds(
                    options.truncate()
                        ? j.requestedTime()
                        : Math.max(j.requestedTime(), j.runTime())))
            .runtime(Duration.ofSeconds(j.runTime()));
    if (options.byNode()) {
      b.nodes((int) j.nodes()).tasks((int) j.nodes());
    } else {
      b.tasks((int) j.procs());
    }
    return b.build();
  }
}
