package org.flux4j.core.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flux4j.core.Instance;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;

/**
 * Runs jobs as {@code srun} steps inside one Slurm allocation: what {@code srun flux start} makes
 * of Flux, a single-user instance whose resources are the allocation's and whose tasks go through
 * the site's launcher.
 *
 * <p>Start with {@link #attach()} inside an allocation ({@code SLURM_JOB_ID}, e.g. under {@code
 * salloc} or {@code sbatch}), or {@link Builder#allocate} to have one made ({@code salloc
 * --no-shell --no-kill -N n}) and released on {@link #close()}. Build the instance over {@link
 * #graph()} (one node vertex per host, rank = position, named by host name, with the allocation's
 * cores and GPUs) with this executor, then call {@link #watch(Instance)} so that lost nodes reach
 * it. Each job then runs as one step on exactly the hosts and core counts the matcher chose (see
 * {@link SlurmStep}), with the environment, output capture and exit statuses of {@link
 * ProcessExecutor}; cancel and time limit kill the step within seconds.
 *
 * <p>Node loss: every poll interval {@code scontrol show node -o} is read for the allocation's
 * hosts; a host Slurm reports DOWN, NOT_RESPONDING or FAIL gets its running jobs a fatal {@code
 * node-failure} exception naming the host and is set down in the instance, so nothing new goes
 * there and the other jobs keep running (for good: Slurm takes a failed node out of a {@code
 * --no-kill} allocation). srun's own "Node failure" (after which it exits 0) fails the step too.
 *
 * <p>Thread-safe. Holds a polling thread once {@link #watch} is called.
 */
public final class SlurmExecutor implements Executor {
  private static final Pattern GRANTED = Pattern.compile("Granted job allocation (\\d+)");
  private static final Pattern NODE_LIST = Pattern.compile("(?:^|\\s)NodeList=(\\S+)");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final SlurmCommands commands;
  private final SlurmAllocation allocation;
  private final boolean ownsAllocation;
  private final Duration pollInterval;
  private final Set<SlurmStep> steps = ConcurrentHashMap.newKeySet();
  private final Set<String> lost = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService poller;
  private ScheduledFuture<?> polling;
  private volatile Instance instance;
  private volatile boolean closed;

  private SlurmExecutor(
      SlurmCommands commands, SlurmAllocation allocation, boolean owns, Duration pollInterval) {
    this.commands = commands;
    this.allocation = allocation;
    this.ownsAllocation = owns;
    this.pollInterval = pollInterval;
  }

  /**
   * An executor for the allocation this JVM runs in, with the default settings.
   *
   * @throws IllegalStateException if {@code SLURM_JOB_ID} is not set or Slurm cannot describe the
   *     allocation
   */
  public static SlurmExecutor attach() {
    return builder().attach();
  }

  /** Starts configuring an executor. */
  public static Builder builder() {
    return new Builder();
  }

  /** The allocation. */
  public SlurmAllocation allocation() {
    return allocation;
  }

  /** A new resource graph of the allocation, for {@link Instance#builder}. */
  public ResourceGraph graph() {
    return allocation.graph();
  }

  /** Whether this executor made the allocation (and releases it on close). */
  public boolean ownsAllocation() {
    return ownsAllocation;
  }

  /** The hosts currently taken as lost. */
  public Set<String> lostHosts() {
    return Set.copyOf(lost);
  }

  SlurmCommands commands() {
    return commands;
  }

  /**
   * Reports node loss to {@code instance} (built over {@link #graph()} with this executor) from now
   * on, polling Slurm's node states every poll interval. Call once.
   *
   * @throws IllegalStateException if already watching or closed
   */
  public synchronized void watch(Instance instance) {
    Objects.requireNonNull(instance, "instance");
    if (closed || this.instance != null) {
      throw new IllegalStateException("this SlurmExecutor is closed or already watching");
    }
    this.instance = instance;
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "flux4j-slurm-nodes-" + allocation.jobId());
              t.setDaemon(true);
              return t;
            });
    polling =
        poller.scheduleWithFixedDelay(
            this::pollQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // Slurm briefly unreachable: try again at the next poll
    }
  }

  /** Reads the node states once and reports changes to the watched instance. */
  void poll() {
    String out =
        commands.check(
            List.of("scontrol", "show", "node", "-o", Hostlist.of(allocation.hosts()).encode()),
            COMMAND_TIMEOUT);
    apply(SlurmNodeStates.parse(out));
  }

  /**
   * Sets newly lost hosts down, failing their jobs with a message naming the host. A lost host
   * stays down for the instance's life even if Slurm reports it back: with {@code --no-kill} Slurm
   * takes a failed node out of the allocation.
   */
  void apply(Map<String, String> states) {
    Instance in = instance;
    if (in == null) {
      return;
    }
    for (Map.Entry<String, String> e : states.entrySet()) {
      String host = e.getKey();
      int rank = allocation.rank(host);
      if (rank < 0) {
        continue;
      }
      boolean isLost = SlurmNodeStates.isLost(e.getValue());
      if (isLost && lost.add(host)) {
        for (SlurmStep s : steps) {
          if (s.job().allocation().hasRank(rank)) {
            s.nodeLost(host);
            in.raise(
                s.job().id(),
                "node-failure",
                0,
                "node " + host + " (rank " + rank + ") was lost: Slurm reports it " + e.getValue());
          }
        }
        in.setDown(rank);
      }
    }
  }

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    if (closed) {
      throw new IllegalStateException("the SlurmExecutor is closed");
    }
    SlurmStep step = new SlurmStep(this, job, listener);
    steps.add(step);
    step.launch();
    return step;
  }

  void stepEnded(SlurmStep step) {
    steps.remove(step);
  }

  /**
   * Stops watching, kills every running step, waits up to 10 s for them to end, and releases the
   * allocation if this executor made it. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (polling != null) {
        polling.cancel(false);
        poller.shutdownNow();
      }
    }
    List<SlurmStep> running = new ArrayList<>(steps);
    running.forEach(SlurmStep::kill);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!steps.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (ownsAllocation) {
      commands.run(List.of("scancel", allocation.jobId()), COMMAND_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "slurm(job " + allocation.jobId() + ", " + allocation.size() + " hosts)";
  }

  /** Configures and creates a {@link SlurmExecutor}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * Adds variables to the environment of every Slurm command and step (e.g. {@code SLURM_CONF}),
     * on top of this JVM's.
     */
    public Builder environment(Map<String, String> env) {
      environment.putAll(env);
      return this;
    }

    /** How often node states are polled once watching (default 1 s). */
    public Builder pollInterval(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive, got " + d);
      }
      pollInterval = d;
      return this;
    }

    /**
     * Attaches to the allocation this JVM runs in: {@code SLURM_JOB_ID}, its hosts from {@code
     * scontrol show hostnames $SLURM_JOB_NODELIST}, their cores from {@code
     * SLURM_JOB_CPUS_PER_NODE} and their GPUs from {@code scontrol show job -d}.
     *
     * @throws IllegalStateException if not inside an allocation, or Slurm cannot describe it
     */
    public SlurmExecutor attach() {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(environment);
      return attach(env);
    }

    /** As {@link #attach()}, reading the allocation's variables from {@code env}. */
    public SlurmExecutor attach(Map<String, String> env) {
      String job = first(env, "SLURM_JOB_ID", "SLURM_JOBID");
      String nodelist = first(env, "SLURM_JOB_NODELIST", "SLURM_NODELIST");
      String cpus = env.get("SLURM_JOB_CPUS_PER_NODE");
      if (job == null || nodelist == null || cpus == null) {
        throw new IllegalStateException(
            "not inside a Slurm allocation (SLURM_JOB_ID, SLURM_JOB_NODELIST and"
                + " SLURM_JOB_CPUS_PER_NODE must be set): run under salloc or sbatch, or let"
                + " SlurmExecutor.builder().allocate(n) make one");
      }
      SlurmCommands cmd = new SlurmCommands(environment);
      List<String> hosts =
          SlurmAllocation.parseHostnames(
              cmd.check(List.of("scontrol", "show", "hostnames", nodelist), COMMAND_TIMEOUT));
      int[] cores;
      try {
        cores = SlurmAllocation.parseCpusPerNode(cpus, hosts.size());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      int[] gpus = detail(cmd, job, hosts)[1];
      return new SlurmExecutor(
          cmd, new SlurmAllocation(job, hosts, cores, gpus), false, pollInterval);
    }

    /**
     * Makes a new allocation of {@code nodes} nodes with {@code salloc --no-shell --no-kill -N
     * nodes} plus {@code sallocArgs} (e.g. {@code --exclusive}, {@code -p debug}, {@code -t
     * 1:00:00}), waiting until Slurm grants it, and attaches to it; {@link #close()} releases it.
     * With {@code --no-kill} a lost node does not end the allocation.
     *
     * @throws IllegalStateException if salloc fails or Slurm cannot describe the allocation
     */
    public SlurmExecutor allocate(int nodes, String... sallocArgs) {
      if (nodes < 1) {
        throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
      }
      SlurmCommands cmd = new SlurmCommands(environment);
      List<String> salloc = new ArrayList<>(List.of("salloc", "--no-shell", "--no-kill"));
      salloc.add("--nodes=" + nodes);
      salloc.addAll(List.of(sallocArgs));
      SlurmCommands.Output o = cmd.run(salloc, Duration.ofMinutes(10));
      Matcher m = GRANTED.matcher(o.stderr() + o.stdout());
      if (o.status() != 0 || !m.find()) {
        throw new IllegalStateException(
            String.join(" ", salloc) + " failed (exit " + o.status() + "): " + o.stderr().strip());
      }
      String job = m.group(1);
      try {
        String show = cmd.check(List.of("scontrol", "show", "job", job), COMMAND_TIMEOUT);
        Matcher nl = NODE_LIST.matcher(show);
        if (!nl.find()) {
          throw new IllegalStateException("scontrol show job " + job + " gives no NodeList");
        }
        List<String> hosts =
            SlurmAllocation.parseHostnames(
                cmd.check(List.of("scontrol", "show", "hostnames", nl.group(1)), COMMAND_TIMEOUT));
        int[][] cg = detail(cmd, job, hosts);
        return new SlurmExecutor(
            cmd, new SlurmAllocation(job, hosts, cg[0], cg[1]), true, pollInterval);
      } catch (RuntimeException e) {
        cmd.run(List.of("scancel", job), COMMAND_TIMEOUT);
        throw e;
      }
    }

    private static int[][] detail(SlurmCommands cmd, String job, List<String> hosts) {
      return SlurmAllocation.parseDetail(
          cmd.check(List.of("scontrol", "show", "job", "-d", job), COMMAND_TIMEOUT), hosts);
    }

    private static String first(Map<String, String> env, String... keys) {
      for (String k : keys) {
        String v = env.get(k);
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
      return null;
    }
  }
}
