package org.flux4j.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.Allocation;
import org.flux4j.core.Instance;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobListener;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.SystemClock;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flux4j demo}: flux4j as an embedded workload manager. Builds a virtual cluster, starts an
 * {@link Instance} on it (in-process executor, system clock, EASY backfilling), runs a mixed
 * workload of Java tasks (1-core, multi-core, GPU and whole-node jobs, a YAML jobspec, an afterok
 * chain, a held job released later, and a failing, a timed-out and a canceled job on purpose),
 * spawns a child instance that runs its own batch inside its allocation, shows a live progress line
 * on a terminal and prints a summary. Exit status 0 when every job ended as intended.
 */
@Command(
    name = "demo",
    description =
        "Run a mixed workload of in-process Java jobs, with a nested child instance, on an"
            + " embedded flux4j instance over a virtual cluster, and summarize it.",
    mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      defaultValue = "medium",
      paramLabel = "NAME",
      description = "virtual cluster: tiny, small, medium (default), 10k or 16k")
  String preset;

  @Option(
      names = "--jobs",
      defaultValue = "300",
      paramLabel = "N",
      description = "random jobs in the main workload (default 300)")
  int jobs;

  @Option(
      names = "--time-scale",
      defaultValue = "1.0",
      paramLabel = "X",
      description = "multiply every job's run time by X (default 1.0)")
  double timeScale;

  @Option(names = "--seed", defaultValue = "42", description = "workload seed (default 42)")
  long seed;

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (jobs < 0 || !(timeScale > 0)) {
      err.println("flux4j demo: --jobs must be >= 0 and --time-scale > 0");
      return 2;
    }
    ResourceGraph cluster;
    try {
      cluster = VirtualClusters.byName(preset);
    } catch (IllegalArgumentException e) {
      err.println("flux4j demo: " + e.getMessage());
      return 2;
    }
    Map<String, Integer> types = cluster.countByType();
    int nodes = types.getOrDefault("node", 0);
    int cores = types.getOrDefault("core", 0);
    int gpus = types.getOrDefault("gpu", 0);
    if (nodes < 2) {
      err.println("flux4j demo: preset " + preset + " has fewer than 2 nodes");
      return 2;
    }
    int slotsPerNode =
        cores % Math.max(1, types.getOrDefault("socket", 0)) == 0
            ? Math.max(1, types.getOrDefault("socket", 0) / nodes)
            : 1;
    int childNodes = Math.max(1, Math.min(4, nodes / 8));
    DemoWorkload work =
        new DemoWorkload(nodes - childNodes, cores / nodes, gpus / nodes, slotsPerNode, timeScale);
    InProcessExecutor executor = new InProcessExecutor(512);
    Tracker tracker = new Tracker();
    Instance root =
        Instance.builder(cluster)
            .name("demo")
            .clock(SystemClock.get())
            .executor(executor)
            .matchPolicy("first")
            .queuePolicy("easy")
            .build();
    root.addListener(tracker);
    boolean progress = !quiet && Terminal.interactive();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "flux4j-demo-progress");
              t.setDaemon(true);
              return t;
            });
    try {
      Run run = new Run(root, work, tracker, cores, gpus, jobs, seed, timeScale);
      run.submitAll(childNodes);
      ScheduledFuture<?> unused =
          ticker.scheduleAtFixedRate(() -> run.tick(progress ? err : null), 0, 200, MILLIS);
      run.runChild();
      run.awaitAll();
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
      if (progress) {
        err.print("\r" + " ".repeat(100) + "\r");
        err.flush();
      }
      return run.report(out, preset, nodes) ? 0 : 1;
    } finally {
      ticker.shutdownNow();
      root.close();
      executor.close();
    }
  }

  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  /** Counts jobs by coarse state from the instance's events; runs on the instance's loop. */
  static final class Tracker implements JobListener {
    private final Map<JobId, JobState> states = new HashMap<>();
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();

    @Override
    public void onEvent(JobId id, JobEvent event, JobState state) {
      JobState prev = states.put(id, state);
      counter(prev).ifPresent(AtomicInteger::decrementAndGet);
      counter(state).ifPresent(AtomicInteger::incrementAndGet);
    }

    private java.util.Optional<AtomicInteger> counter(JobState s) {
      if (s == null) {
        return java.util.Optional.empty();
      }
      if (s == JobState.INACTIVE) {
        return java.util.Optional.of(done);
      }
      return java.util.Optional.of(s.isRunning() ? running : pending);
    }
  }

  /** One run of the demo: the jobs it submitted and what it observed. */
  private static final class Run {
    private final Instance root;
    private final DemoWorkload work;
    private final Tracker tracker;
    private final int cores;
    private final int gpus;
    private final long start;
    private final int jobsCount;
    private final long seed;
    private final double scale;
    private final Map<JobId, DemoWorkload.Shape> shapes = new LinkedHashMap<>();
    private final Map<JobId, String> special = new LinkedHashMap<>();
    private final Map<JobId, JobResult> intended = new HashMap<>();
    private final List<JobId> chain = new ArrayList<>();
    private JobId held;
    private JobId toCancel;
    private JobId yaml;
    private Instance.Child child;
    private final List<JobInfo> childJobs = new ArrayList<>();
    private long childStart;
    private String childName = "";
    private String childQueuePolicy = "";
    private String childMatchPolicy = "";
    private long childEnd;
    private boolean childInside = true;
    private volatile long releasedAt;
    private volatile long canceledAt;
    private volatile int peakCores;
    private volatile int peakGpus;

    Run(
        Instance root,
        DemoWorkload work,
        Tracker tracker,
        int cores,
        int gpus,
        int jobsCount,
        long seed,
        double scale) {
      this.root = root;
      this.jobsCount = jobsCount;
      this.seed = seed;
      this.scale = scale;
      this.work = work;
      this.tracker = tracker;
      this.cores = cores;
      this.gpus = gpus;
      this.start = root.clock().millis();
    }

    void submitAll(int k) {
      child =
          root.spawnChild(
              work.wholeNodes(k).name("batch").urgency(31).build(),
              b -> b.name("batch").queuePolicy("fcfs").matchPolicy("lonode"));
      special.put(child.jobId(), "child instance (spawnChild)");
      intended.put(child.jobId(), JobResult.COMPLETED);

      JobId prev = null;
      for (int i = 1; i <= 3; i++) {
        JobRequest.Builder b = JobRequest.builder().name("stage-" + i).tasks(4).coresPerTask(2);
        if (prev != null) {
          b.dependency("afterok:" + prev.f58());
        }
        prev = submit(work.withTask(b, 1_200), "afterok chain, stage " + i, JobResult.COMPLETED);
        chain.add(prev);
      }
      {
        try {
          yaml = root.submit(work.yamlJob(2_000));
          special.put(yaml, "from a YAML jobspec (4 slots of 4 cores)");
          intended.put(yaml, JobResult.COMPLETED);
        } catch (IllegalArgumentException e) {
          yaml = null;
        }
      }
      held =
          submit(
              work.withTask(JobRequest.builder().name("held").tasks(8).urgency(0), 1_000),
              "held (urgency 0), released later",
              JobResult.COMPLETED);
      submit(
          JobRequest.builder().name("buggy").task(work.failing()),
          "fails on purpose (task throws)",
          JobResult.FAILED);
      submit(
          JobRequest.builder()
              .name("overrun")
              .duration(Duration.ofSeconds(1))
              .task(work.holdForever()),
          "times out on purpose (1 s limit)",
          JobResult.TIMEOUT);
      toCancel =
          submit(
              JobRequest.builder()
                  .name("runaway")
                  .tasks(2)
                  .coresPerTask(4)
                  .urgency(24)
                  .task(work.holdForever()),
              "canceled on purpose while running",
              JobResult.CANCELED);
      for (DemoWorkload.Planned p : work.randomJobs(jobsCount, seed)) {
        JobId id = root.submit(p.request());
        shapes.put(id, p.shape());
        intended.put(id, JobResult.COMPLETED);
      }
    }

    private JobId submit(JobRequest.Builder b, String what, JobResult result) {
      JobId id = root.submit(b.build());
      special.put(id, what);
      intended.put(id, result);
      return id;
    }

    /** Called every 200 ms: releases the held job, cancels the runaway, draws the progress. */
    void tick(PrintWriter progress) {
      long now = root.clock().millis() - start;
      if (releasedAt == 0 && now >= 3_000) {
        root.setUrgency(held, JobRequest.DEFAULT_URGENCY);
        releasedAt = now;
      }
      if (canceledAt == 0 && now >= 2_000) {
        root.cancel(toCancel, "demo: no longer needed");
        canceledAt = now;
      }
      int[] counts;
      try {
        counts = root.resourceCounts().get(1, TimeUnit.SECONDS);
      } catch (Exception e) {
        return;
      }
      int busy = counts[1] - counts[0];
      int gpuBusy = gpus - counts[2];
      peakCores = Math.max(peakCores, busy);
      peakGpus = Math.max(peakGpus, gpuBusy);
      if (progress != null) {
        progress.printf(
            Locale.ROOT,
            "\r%6.1f s  pending %4d  running %4d  done %4d/%d  cores busy %5d/%d (%3.0f%%)"
                + "  GPUs busy %3d/%d ",
            now / 1000.0,
            tracker.pending.get(),
            tracker.running.get(),
            tracker.done.get(),
            intended.size(),
            busy,
            cores,
            100.0 * busy / Math.max(1, cores),
            gpuBusy,
            gpus);
        progress.flush();
      }
    }

    /** Runs the child's own batch, checks its jobs stayed inside its allocation, closes it. */
    void runChild() throws Exception {
      Instance in;
      try {
        in = child.instance().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "the child instance did not start: "
                + root.info(child.jobId()).error().orElse(String.valueOf(e.getCause())),
            e);
      }
      childStart = in.clock().millis();
      childName = in.name();
      childQueuePolicy = in.queuePolicy();
      childMatchPolicy = in.matchPolicy();
      Allocation held = root.info(child.jobId()).allocation().orElseThrow();
      Map<String, Integer> types = in.graph().countByType();
      int childNodes = types.getOrDefault("node", 1);
      DemoWorkload childWork =
          new DemoWorkload(
              childNodes,
              types.getOrDefault("core", 0) / childNodes,
              types.getOrDefault("gpu", 0) / childNodes,
              work.slotsPerNode(),
              scale);
      List<JobId> ids = new ArrayList<>();
      for (DemoWorkload.Planned p : childWork.randomJobs(Math.max(6, jobsCount / 8), seed + 1)) {
        ids.add(in.submit(p.request()));
      }
      for (JobId id : ids) {
        JobInfo info = in.whenInactive(id).get(60, TimeUnit.SECONDS);
        childJobs.add(info);
        for (int rank : info.allocation().map(Allocation::ranks).orElse(new int[0])) {
          childInside &= held.hasRank(rank);
        }
      }
      childEnd = in.clock().millis();
      in.close();
    }

    void awaitAll() throws Exception {
      List<CompletableFuture<JobInfo>> all = new ArrayList<>();
      for (JobId id : intended.keySet()) {
        all.add(root.whenInactive(id));
      }
      try {
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        StringBuilder stuck = new StringBuilder("jobs still active after 60 s:");
        for (JobId id : intended.keySet()) {
          JobInfo info = root.info(id);
          if (info.state() != JobState.INACTIVE) {
            stuck.append(' ').append(id.f58()).append(' ').append(info.name());
            stuck.append('=').append(info.state()).append(info.eventNames());
          }
        }
        throw new IllegalStateException(stuck.toString(), e);
      }
    }

    /** Prints the summary; true when every job ended as intended. */
    boolean report(PrintWriter out, String preset, int nodes) {
      Map<JobId, JobInfo> infos = new LinkedHashMap<>();
      for (JobId id : intended.keySet()) {
        infos.put(id, root.info(id));
      }
      long end = start;
      double coreMillis = 0;
      Map<JobResult, Integer> byResult = new EnumMap<>(JobResult.class);
      List<String> surprises = new ArrayList<>();
      for (JobInfo info : infos.values()) {
        JobResult r = info.result().orElseThrow();
        byResult.merge(r, 1, Integer::sum);
        if (r != intended.get(info.id())) {
          surprises.add(
              info.id().f58()
                  + " "
                  + info.name()
                  + ": "
                  + r
                  + info.error().map(e -> " (" + e + ")").orElse(""));
        }
        long alloc = time(info, "alloc");
        long free = time(info, "free");
        if (alloc > 0 && free >= alloc) {
          coreMillis +=
              (double) info.allocation().map(Allocation::coreCount).orElse(0) * (free - alloc);
        }
        end = Math.max(end, time(info, "clean"));
      }
      double makespan = Math.max(1, end - start) / 1000.0;
      out.printf(
          Locale.ROOT,
          "flux4j demo: an embedded instance on virtual cluster '%s' (%d nodes, %d cores, %d GPUs)%n",
          preset,
          nodes,
          cores,
          gpus);
      out.printf(
          Locale.ROOT,
          "  match policy %s, queue policy %s, in-process executor (512 threads), system clock%n%n",
          root.matchPolicy(),
          root.queuePolicy());

      Map<String, Integer> mix = new LinkedHashMap<>();
      for (DemoWorkload.Shape s : DemoWorkload.Shape.values()) {
        mix.put(s.label, 0);
      }
      shapes.values().forEach(s -> mix.merge(s.label, 1, Integer::sum));
      out.printf(Locale.ROOT, "workload: %d jobs%n", infos.size());
      StringBuilder m = new StringBuilder("  random mix:");
      mix.forEach((k, v) -> m.append(' ').append(v).append(' ').append(k).append(','));
      m.setLength(m.length() - 1);
      out.println(m);
      special.forEach(
          (id, what) ->
              out.printf(
                  Locale.ROOT,
                  "  %-12s %-46s %s%n",
                  id.f58(),
                  what,
                  infos.get(id).result().map(Enum::name).orElse("?")));
      out.println();

      out.println("jobs by result");
      for (JobResult r : JobResult.values()) {
        out.printf(Locale.ROOT, "  %-10s %5d%n", r, byResult.getOrDefault(r, 0));
      }
      out.printf(
          Locale.ROOT,
          "  makespan %.1f s, throughput %.1f jobs/s, core utilization %.0f%% (allocated"
              + " core-seconds / capacity), peak %d cores and %d GPUs busy%n",
          makespan,
          infos.size() / makespan,
          100.0 * coreMillis / 1000.0 / (cores * makespan),
          peakCores,
          peakGpus);
      out.printf(
          Locale.ROOT,
          "  in-process Java tasks: %d ran, their Monte Carlo samples (%,d) give pi ~ %.4f%n",
          work.tasksRun(),
          work.samples(),
          work.pi());
      boolean chainOk = true;
      for (int i = 1; i < chain.size(); i++) {
        chainOk &=
            time(infos.get(chain.get(i)), "alloc") >= time(infos.get(chain.get(i - 1)), "finish");
      }
      out.printf(
          Locale.ROOT,
          "  afterok chain ran in order: %s; held job released at %.1f s, started at %.1f s%n%n",
          chainOk ? "yes" : "NO",
          releasedAt / 1000.0,
          (time(infos.get(held), "alloc") - start) / 1000.0);

      Allocation childAlloc = infos.get(child.jobId()).allocation().orElseThrow();
      Map<JobResult, Integer> childResults = new EnumMap<>(JobResult.class);
      childJobs.forEach(i -> childResults.merge(i.result().orElseThrow(), 1, Integer::sum));
      double childSpan = Math.max(1, childEnd - childStart) / 1000.0;
      out.printf(
          Locale.ROOT,
          "child instance %s (job %s): %d nodes (ranks %s), %d cores; queue policy %s, match"
              + " policy %s%n",
          childName,
          child.jobId().f58(),
          childAlloc.nnodes(),
          java.util.Arrays.toString(childAlloc.ranks()),
          childAlloc.coreCount(),
          childQueuePolicy,
          childMatchPolicy);
      out.printf(
          Locale.ROOT,
          "  %d jobs %s in %.1f s (%.1f jobs/s); every job inside the child's allocation: %s%n",
          childJobs.size(),
          childResults,
          childSpan,
          childJobs.size() / childSpan,
          childInside ? "yes" : "NO");
      boolean childOk =
          childInside && childResults.getOrDefault(JobResult.COMPLETED, 0) == childJobs.size();
      out.println();

      JobId example = yaml != null ? yaml : chain.get(chain.size() - 1);
      out.printf(Locale.ROOT, "eventlog of job %s (RFC 21):%n", example.f58());
      for (JobEvent e : infos.get(example).eventlog()) {
        out.println("  " + e.toJson());
      }
      boolean ok = surprises.isEmpty() && chainOk && childOk;
      if (!surprises.isEmpty()) {
        out.println();
        out.println("unexpected results:");
        surprises.forEach(s -> out.println("  " + s));
      }
      out.println();
      out.println(ok ? "demo OK: every job ended as intended" : "demo FAILED: see above");
      out.flush();
      return ok;
    }

    private static long time(JobInfo info, String event) {
      for (JobEvent e : info.eventlog()) {
        if (e.name().equals(event)) {
          return e.timestamp();
        }
      }
      return 0;
    }
  }
}
