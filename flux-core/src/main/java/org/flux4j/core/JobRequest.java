package org.flux4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flux4j.core.exec.InProcessTask;
import org.flux4j.policy.jobspec.Jobspec;
import org.flux4j.policy.jobspec.Resource;
import org.flux4j.policy.jobspec.Task;

/**
 * What to run and on what: the resource shape of a job (like {@code flux submit -N nodes -n tasks
 * -c cores-per-task -g gpus-per-task}), its duration, urgency, dependencies (RFC 26) and what the
 * executor runs (a command, an in-process task or a simulated run time). Immutable; build with
 * {@link #builder()}.
 *
 * <p>Shape: {@code tasks} slots of {@code coresPerTask} cores and {@code gpusPerTask} GPUs each,
 * each slot on one node, running {@code tasksPerSlot} tasks. With {@code nodes > 0} the slots are
 * spread evenly over that many whole nodes, held exclusively.
 *
 * <p>On a resource graph the request becomes the jobspec {@code node[nodes] -> slot[tasks/nodes] ->
 * {core[coresPerTask], gpu[gpusPerTask]}} (or {@code slot[tasks] -> ...} without nodes), matched as
 * Fluxion matches it: a slot is placed at one vertex whose <em>direct</em> children are cores (and
 * GPUs), and takes only those children. Where cores sit under sockets, a slot therefore holds at
 * most one socket's cores: on the {@code medium} preset (2 sockets of 18 cores per node) {@code
 * coresPerTask(36)} is refused at submit as unsatisfiable, with a message that says so, although a
 * node has 36 cores. For such tasks submit a jobspec that names the level inside the slot ({@code
 * node -> slot -> socket[2] -> core[18]}) with {@link #builder(Jobspec)}.
 */
public final class JobRequest {
  /** The default urgency (RFC 30). */
  public static final int DEFAULT_URGENCY = 16;

  private final int nodes;
  private final int slots;
  private final int coresPerSlot;
  private final int gpusPerSlot;
  private final int tasksPerSlot;
  private final boolean exclusive;
  private final Duration duration;
  private final int urgency;
  private final List<String> dependencies;
  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final InProcessTask task;
  private final Duration runtime;
  private final Jobspec jobspec;
  private final String queue;

  private JobRequest(Builder b) {
    nodes = b.nodes;
    slots = b.slots;
    coresPerSlot = b.coresPerSlot;
    gpusPerSlot = b.gpusPerSlot;
    tasksPerSlot = b.tasksPerSlot;
    exclusive = b.exclusive == null ? b.nodes > 0 : b.exclusive;
    duration = b.duration;
    urgency = b.urgency;
    dependencies = List.copyOf(b.dependencies);
    command = List.copyOf(b.command);
    name = b.name != null ? b.name : command.isEmpty() ? "job" : basename(command.get(0));
    environment =
        b.environment.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    task = b.task;
    runtime = b.runtime;
    jobspec = b.jobspec;
    queue = b.queue;
  }

  private JobRequest(JobRequest o, List<String> deps) {
    nodes = o.nodes;
    slots = o.slots;
    coresPerSlot = o.coresPerSlot;
    gpusPerSlot = o.gpusPerSlot;
    tasksPerSlot = o.tasksPerSlot;
    exclusive = o.exclusive;
    duration = o.duration;
    urgency = o.urgency;
    dependencies = List.copyOf(deps);
    command = o.command;
    name = o.name;
    environment = o.environment;
    task = o.task;
    runtime = o.runtime;
    jobspec = o.jobspec;
    queue = o.queue;
  }

  /**
   * This request with {@code deps} (RFC 26 URIs such as {@code afterok:ƒ2}) as its dependencies in
   * place of its own; everything else is the same.
   */
  public JobRequest withDependencies(List<String> deps) {
    return new JobRequest(this, deps);
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  /** A builder for a one-slot, one-core job. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder filled from an RFC 14 jobspec: its resources (scheduled as written by the graph match
   * engine), the slot shape, the first task's command and count, and the system attributes
   * duration, environment, {@code job.name} and {@code dependencies}. Builder calls made after this
   * one override what the jobspec said, except the resources.
   *
   * @throws IllegalArgumentException if the jobspec has no slot or its task count does not divide
   *     over the slots
   */
  public static Builder builder(Jobspec spec) {
    return new Builder().jobspec(spec);
  }

  /**
   * The named queue the job is submitted to (RFC 33), or "" for the default queue; from the
   * jobspec's {@code attributes.system.queue} unless set on the builder.
   */
  public String queue() {
    return queue;
  }

  /** The jobspec this request was made from, if any. */
  public Optional<Jobspec> jobspec() {
    return Optional.ofNullable(jobspec);
  }

  /** The number of whole nodes requested, 0 if the slots may go anywhere. */
  public int nodes() {
    return nodes;
  }

  /** The number of slots. */
  public int slots() {
    return slots;
  }

  /** Cores per slot. */
  public int coresPerSlot() {
    return coresPerSlot;
  }

  /** GPUs per slot. */
  public int gpusPerSlot() {
    return gpusPerSlot;
  }

  /** Tasks per slot. */
  public int tasksPerSlot() {
    return tasksPerSlot;
  }

  /** The total number of tasks. */
  public int taskCount() {
    return slots * tasksPerSlot;
  }

  /** Whether the nodes are held exclusively. */
  public boolean exclusive() {
    return exclusive;
  }

  /** The duration limit; {@link Duration#ZERO} for none. */
  public Duration duration() {
    return duration;
  }

  /** The initial urgency, 0 to 31. */
  public int urgency() {
    return urgency;
  }

  /** The dependencies in RFC 26 URI form, e.g. {@code afterok:ƒ2oLkTLb}. */
  public List<String> dependencies() {
    return dependencies;
  }

  /** The job name (the command's basename unless set). */
  public String name() {
    return name;
  }

  /** The command for the process executor; empty if none. */
  public List<String> command() {
    return command;
  }

  /** Extra environment variables for the tasks. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The Java task for the in-process executor, if any. */
  public Optional<InProcessTask> task() {
    return Optional.ofNullable(task);
  }

  /** The run time of each task under the simulated executor. */
  public Duration runtime() {
    return runtime;
  }

  /** Builds a {@link JobRequest}. Not thread-safe. */
  public static final class Builder {
    private int nodes;
    private int slots = 1;
    private int coresPerSlot = 1;
    private int gpusPerSlot;
    private int tasksPerSlot = 1;
    private Boolean exclusive;
    private Duration duration = Duration.ZERO;
    private int urgency = DEFAULT_URGENCY;
    private final List<String> dependencies = new ArrayList<>();
    private String name;
    private String queue = "";
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private InProcessTask task;
    private Duration runtime = Duration.ZERO;
    private Jobspec jobspec;

    private Builder() {}

    private Builder jobspec(Jobspec spec) {
      jobspec = Objects.requireNonNull(spec, "jobspec");
      String src = spec.source();
      Resource slot =
          spec.slot()
              .orElseThrow(() -> new IllegalArgumentException(src + ": the jobspec has no slot"));
      long nslots = spec.totalCount("slot");
      long nnodes = spec.totalCount("node");
      long cores = 0;
      long gpus = 0;
      for (Resource r : slot.with()) {
        cores += r.totalOf("core");
        gpus += r.totalOf("gpu");
      }
      slots = (int) Math.min(Integer.MAX_VALUE, nslots);
      nodes = (int) Math.min(slots, nnodes);
      coresPerSlot = (int) Math.max(1, Math.min(Integer.MAX_VALUE, cores));
      gpusPerSlot = (int) Math.min(Integer.MAX_VALUE, gpus);
      if (!spec.tasks().isEmpty()) {
        Task t = spec.tasks().get(0);
        command.clear();
        command.addAll(t.command());
        if (t.perSlot().isPresent()) {
          tasksPerSlot = (int) Math.max(1, t.perSlot().getAsLong());
        } else if (t.total().isPresent()) {
          long total = t.total().getAsLong();
          if (total % slots != 0) {
            throw new IllegalArgumentException(
                src + ": a total of " + total + " tasks does not divide over " + slots + " slots");
          }
          tasksPerSlot = (int) Math.max(1, total / slots);
        }
      }
      var sys = spec.attributes().system();
      duration = Duration.ofMillis(Math.round(sys.duration() * 1000));
      environment.putAll(sys.environment());
      queue = spec.queue() == null ? "" : spec.queue();
      Object job = sys.other().get("job");
      if (job instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        name = n;
      }
      Object deps = sys.other().get("dependencies");
      if (deps instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> d && d.get("scheme") != null) {
            Object v = d.get("value");
            dependencies.add(
                d.get("scheme") + (v == null || v.toString().isEmpty() ? "" : ":" + v));
          }
        }
      }
      return this;
    }

    private static int atLeast(int min, int v, String what) {
      if (v < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ", got " + v);
      }
      return v;
    }

    /** Requests {@code n} whole nodes (0: slots go anywhere). */
    public Builder nodes(int n) {
      nodes = atLeast(0, n, "nodes");
      return this;
    }

    /** Requests {@code n} slots (tasks, when one task runs per slot). */
    public Builder tasks(int n) {
      slots = atLeast(1, n, "tasks");
      return this;
    }

    /**
     * Cores per slot (default 1). A slot takes the cores directly under one vertex (see the class
     * comment): more than one socket holds is unsatisfiable on graphs with sockets.
     */
    public Builder coresPerTask(int n) {
      coresPerSlot = atLeast(1, n, "cores per task");
      return this;
    }

    /** GPUs per slot (default 0). */
    public Builder gpusPerTask(int n) {
      gpusPerSlot = atLeast(0, n, "GPUs per task");
      return this;
    }

    /** Tasks per slot (default 1). */
    public Builder tasksPerSlot(int n) {
      tasksPerSlot = atLeast(1, n, "tasks per slot");
      return this;
    }

    /** Holds the nodes exclusively (default: exclusive when nodes are requested). */
    public Builder exclusive(boolean on) {
      exclusive = on;
      return this;
    }

    /** The duration limit; zero for none. */
    public Builder duration(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative, got " + d);
      }
      duration = d;
      return this;
    }

    /** The initial urgency, 0 (hold) to 31 (expedite); default 16. */
    public Builder urgency(int u) {
      if (u < 0 || u > 31) {
        throw new IllegalArgumentException(
            "urgency must be 0 to 31, got "
                + u
                + " (0 holds the job, 31 expedites it; default 16)");
      }
      urgency = u;
      return this;
    }

    /**
     * Adds a dependency in RFC 26 URI form: {@code after:ID} (also {@code afterstart:ID}), {@code
     * afterany:ID}, {@code afterok:ID}, {@code afternotok:ID}, {@code afterexcept:ID}, {@code
     * begin-time:SECONDS} or {@code singleton}.
     */
    public Builder dependency(String uri) {
      dependencies.add(Objects.requireNonNull(uri, "uri"));
      return this;
    }

    /** The named queue to submit to (RFC 33); "" for the default queue. */
    public Builder queue(String q) {
      queue = Objects.requireNonNull(q, "queue");
      return this;
    }

    /** The job name (for singleton dependencies and listings). */
    public Builder name(String n) {
      name = Objects.requireNonNull(n, "name");
      return this;
    }

    /** The command run by the process executor, one process per task. */
    public Builder command(String... argv) {
      command.clear();
      command.addAll(List.of(argv));
      return this;
    }

    /** The command run by the process executor, one process per task. */
    public Builder command(List<String> argv) {
      command.clear();
      command.addAll(argv);
      return this;
    }

    /** Adds an environment variable for the tasks. */
    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** The Java task run by the in-process executor, once per task. */
    public Builder task(InProcessTask t) {
      task = Objects.requireNonNull(t, "task");
      return this;
    }

    /** The run time of each task under the simulated executor (default zero). */
    public Builder runtime(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("runtime must not be negative, got " + d);
      }
      runtime = d;
      return this;
    }

    /** The request. */
    public JobRequest build() {
      if (nodes > slots) {
        throw new IllegalArgumentException(
            "nodes ("
                + nodes
                + ") must not exceed tasks ("
                + slots
                + "): each node runs at least one task; ask for more tasks or fewer nodes");
      }
      if (jobspec == null && nodes > 0 && slots % nodes != 0) {
        throw new IllegalArgumentException(
            "tasks ("
                + slots
                + ") must be a multiple of nodes ("
                + nodes
                + "): tasks are spread evenly over the nodes");
      }
      return new JobRequest(this);
    }
  }
}
