package org.flux4j.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.core.internal.JobManager;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchPolicies;

/**
 * One workload manager over a resource graph: Flux's job manager, scheduler and exec service in a
 * library. Build with {@link #builder(ResourceGraph)}, {@link #submit} jobs, watch them through
 * {@link JobListener}s or {@link #whenInactive}, and {@link #close()} it.
 *
 * <p>Jobs move through the RFC 21 states NEW, DEPEND, PRIORITY, SCHED, RUN, CLEANUP and INACTIVE,
 * each transition driven by an event of the job's eventlog. Dependencies follow RFC 26 as flux-core
 * implements them, urgency and priority RFC 30, job ids RFC 19.
 *
 * <p>Threading: every method may be called from any thread. Control methods ({@link #cancel},
 * {@link #raise}, {@link #setUrgency}, {@link #drain}, ...) validate their arguments at once and
 * take effect asynchronously, in call order, on the instance's single scheduling loop thread, which
 * also runs listeners. {@link #close()} blocks and must not be called from a listener.
 */
public final class Instance implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String name;
  private final ResourceGraph graph;
  private final Clock clock;
  private final Executor executor;
  private final boolean ownsExecutor;
  private final String matchPolicy;
  private final String queuePolicy;
  private final JobManager manager;
  private final JobId parentJob;
  private final org.flux4j.core.internal.store.JobStore store;
  private final java.util.List<Runnable> closeHooks =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private Instance(Builder b) {
    this.name = b.name != null ? b.name : "instance-" + INSTANCES.incrementAndGet();
    this.graph = b.graph;
    this.clock = b.clock;
    this.ownsExecutor = b.executor == null;
    this.executor = b.executor != null ? b.executor : new InProcessExecutor();
    this.matchPolicy = b.matchPolicy;
    this.queuePolicy = b.queuePolicy;
    this.parentJob = b.parentJob;
    this.store =
        b.store == null
            ? null
            : org.flux4j.core.internal.store.JobStore.open(
                b.store, org.flux4j.core.internal.store.GraphFingerprint.of(graph), clock.millis());
    this.manager =
        new JobManager(
            name,
            clock,
            executor,
            b.priorityPlugin,
            b.queues != null
                ? b.queues
                : org.flux4j.policy.queue.Queues.anonymous(
                    new org.flux4j.policy.queue.QueueConfig(
                        "default",
                        List.of(),
                        org.flux4j.policy.queue.QueueLimits.NONE,
                        queuePolicy,
                        b.queueParams)),
            graph,
            matchPolicy,
            b.generator,
            b.userid);
    manager.setInactiveLimits(b.inactiveAgeLimitMillis, b.inactiveNumLimit);
    if (store != null) {
      try {
        manager.attachStore(store);
      } catch (RuntimeException e) {
        manager.suspend();
        try {
          manager.stopLoop();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        store.close();
        if (ownsExecutor) {
          executor.close();
        }
        throw e;
      }
    }
  }

  /** The default inactive-num-limit: how many inactive jobs an instance keeps in memory. */
  public static final int DEFAULT_INACTIVE_NUM_LIMIT = 10_000;

  /** Starts building an instance over {@code graph}, which the instance then owns. */
  public static Builder builder(ResourceGraph graph) {
    return new Builder(graph);
  }

  /** The instance name. */
  public String name() {
    return name;
  }

  /** The job of the parent instance that this child instance runs in; empty for a root. */
  public java.util.Optional<JobId> parentJob() {
    return java.util.Optional.ofNullable(parentJob);
  }

  /**
   * Starts a child instance (Flux's batch job or sub-instance): submits {@code request} like any
   * job; once allocated, a new instance over a graph of exactly the allocated resources starts,
   * with this instance's clock, executor and match policy unless {@code config} changes them (its
   * own queue policy, priority plugin, ...). The child's jobs can only use those resources. The job
   * runs until the child is {@link #close() closed}; canceling the job (or its duration expiring)
   * closes the child and cancels its jobs. Children nest to any depth.
   *
   * @param config adjusts the child's builder (called on this instance's loop thread)
   * @return the job id and, once allocated and started, the child instance
   */
  public Child spawnChild(JobRequest request, java.util.function.Consumer<Builder> config) {
    ChildExecutor ex = new ChildExecutor(this, Objects.requireNonNull(config, "config"));
    JobId id = manager.submit(Objects.requireNonNull(request, "request"), ex);
    CompletableFuture<Void> unused =
        whenInactive(id)
            .thenRun(
                () ->
                    ex.child()
                        .completeExceptionally(
                            new IllegalStateException(
                                "job " + id + " ended before its child started")));
    return new Child(id, ex.child());
  }

  /**
   * A child instance being started by {@link #spawnChild}.
   *
   * @param jobId the job that holds the child's resources in this instance
   * @param instance completes with the child once its job runs; completes exceptionally if the job
   *     ends before that (canceled, unsatisfiable)
   */
  public record Child(JobId jobId, CompletableFuture<Instance> instance) {}

  /** Runs {@code hook} once this instance has been closed (for child instances). */
  void onClose(Runnable hook) {
    closeHooks.add(hook);
  }

  /** The resource graph. Owned by the scheduling loop: do not change it. */
  public ResourceGraph graph() {
    return graph;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The executor. */
  public Executor executor() {
    return executor;
  }

  /** The match policy name. */
  public String matchPolicy() {
    return matchPolicy;
  }

  /** The queue policy name. */
  public String queuePolicy() {
    return queuePolicy;
  }

  /**
   * Submits a job and returns its id at once; the job then goes through validation, dependencies,
   * priority and scheduling on the loop. A request that these resources can never satisfy gets a
   * fatal {@code alloc} exception at once and ends FAILED rather than waiting forever.
   *
   * @throws IllegalArgumentException if a dependency is malformed or names an unknown job
   * @throws IllegalStateException if the instance is closed
   */
  public JobId submit(JobRequest request) {
    Objects.requireNonNull(request, "request");
    return manager.submit(request);
  }

  /** Cancels a job: a fatal {@code cancel} exception, whatever its state (no-op once inactive). */
  public void cancel(JobId id) {
    manager.raise(id, "cancel", 0, "");
  }

  /** Cancels a job with a note. */
  public void cancel(JobId id, String note) {
    manager.raise(id, "cancel", 0, note);
  }

  /**
   * Raises an exception on a job (RFC 21): severity 0 is fatal and moves an active job to CLEANUP;
   * other severities are only logged.
   *
   * @throws IllegalArgumentException for an unknown job, a severity outside 0-7 or a type that is
   *     not one word
   */
  public void raise(JobId id, String type, int severity, String note) {
    manager.raise(id, type, severity, note);
  }

  /**
   * Changes a pending job's urgency (0 holds it, 31 expedites it); logs an {@code urgency} event
   * and, in SCHED, a new {@code priority}. Ignored once the job has resources.
   */
  public void setUrgency(JobId id, int urgency) {
    manager.setUrgency(id, urgency);
  }

  /** The current state of a job. */
  public JobState state(JobId id) {
    return manager.state(id);
  }

  /**
   * A consistent snapshot of a job; a job purged from memory is read from the store (without its
   * allocation and task outputs, which the store does not keep).
   *
   * @throws IllegalArgumentException for a job the instance does not know (never submitted, or
   *     purged without a store)
   */
  public JobInfo info(JobId id) {
    return manager.info(id);
  }

  /**
   * The resources a job holds or held, once allocated: what {@link JobInfo#allocation()} gives,
   * without taking a snapshot (no eventlog copy, no annotations), so that a listener may call it
   * for every {@code alloc} event. Empty for a job read back from the store, which does not keep
   * allocations.
   *
   * @throws IllegalArgumentException for a job the instance does not know
   */
  public java.util.Optional<Allocation> allocation(JobId id) {
    return java.util.Optional.ofNullable(manager.allocation(id));
  }

  /**
   * How a job ended, once INACTIVE (empty while it is active): what {@link JobInfo#result()} gives,
   * without taking a snapshot; a listener may call it for every {@code clean} event.
   *
   * @throws IllegalArgumentException for a job the instance does not know
   */
  public java.util.Optional<JobResult> result(JobId id) {
    return java.util.Optional.ofNullable(manager.result(id));
  }

  /** A copy of a job's eventlog so far. */
  public List<JobEvent> eventlog(JobId id) {
    return manager.eventlog(id);
  }

  /** Completes with the job's final snapshot once it is INACTIVE. */
  public CompletableFuture<JobInfo> whenInactive(JobId id) {
    return manager.whenInactive(id);
  }

  /**
   * The jobs this instance holds in memory, ascending by id: every active job and the inactive ones
   * not yet purged (see {@link Builder#inactiveNumLimit}).
   */
  public List<JobId> jobs() {
    return manager.jobIds();
  }

  /**
   * Every job in the instance's store, purged ones and those of earlier runs included, ascending by
   * id; empty without a store. Reads the store (after every write so far is durable).
   */
  public List<JobId> storedJobs() {
    return manager.storedJobIds();
  }

  /**
   * Purges inactive jobs from memory now, as {@code flux job purge --age-limit --num-limit} does:
   * those inactive for longer than {@code ageLimit}, then the oldest until at most {@code numLimit}
   * are left. A purged job is then unknown to the instance unless its store keeps it. Blocks until
   * done.
   *
   * @return how many were purged
   */
  public int purge(java.time.Duration ageLimit, int numLimit) {
    return manager.purge(ageLimit.toMillis(), numLimit);
  }

  /**
   * Purges the given inactive jobs from memory now ({@code flux job purge ID...}); active jobs are
   * left alone. Blocks until done.
   *
   * @return how many were purged
   * @throws IllegalArgumentException for an id this instance does not know
   */
  public int purge(JobId... ids) {
    return manager.purge(List.of(ids));
  }

  /** How many inactive jobs the instance holds in memory now. */
  public int inactiveJobsHeld() {
    return manager.inactiveHeld();
  }

  /** The store file, if the instance has one. */
  public java.util.Optional<java.nio.file.Path> storeFile() {
    return java.util.Optional.ofNullable(store).map(org.flux4j.core.internal.store.JobStore::file);
  }

  /** How many jobs are not yet INACTIVE. */
  public int activeJobs() {
    return manager.activeCount();
  }

  /** Adds a listener for every job event (called on the loop thread). */
  public void addListener(JobListener listener) {
    manager.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener. */
  public void removeListener(JobListener listener) {
    manager.removeListener(listener);
  }

  /** Drains execution targets: running jobs continue, no new job is placed there. */
  public void drain(int... ranks) {
    manager.drain(true, ranks);
  }

  /** Returns drained execution targets to service. */
  public void undrain(int... ranks) {
    manager.drain(false, ranks);
  }

  /** Marks execution targets down: no new job goes there, running ones get a node-failure. */
  public void setDown(int... ranks) {
    manager.setDown(true, ranks);
  }

  /** Marks execution targets up again. */
  public void setUp(int... ranks) {
    manager.setDown(false, ranks);
  }

  /**
   * The free and total core and GPU counts, read on the loop: {@code [freeCores, totalCores,
   * freeGpus]}.
   */
  public CompletableFuture<int[]> resourceCounts() {
    return manager.resourceCounts();
  }

  /**
   * What-if: when {@code request} would start if it were submitted now, without submitting it. The
   * answer comes from a copy of the scheduler's resource state taken on the loop (running jobs
   * until their duration limits, and the reservations of the last scheduling cycle: under easy the
   * reserved head job, under conservative every waiting job), with the request queued behind them;
   * the instance is unchanged. Under fcfs and easy, waiting jobs without a reservation are not
   * accounted for, so the estimate may be early. Needs a graph match policy (the counting one keeps
   * no time plan and answers UNKNOWN).
   *
   * @throws IllegalArgumentException if the request names an unknown queue or exceeds its limits
   */
  public CompletableFuture<StartEstimate> estimateStart(JobRequest request) {
    return manager.estimateStart(Objects.requireNonNull(request, "request"));
  }

  /**
   * Stops accepting jobs and completes once every active job has ended, without canceling them.
   * {@link #close()} is still needed to end the loop.
   */
  public CompletableFuture<Void> drainJobs() {
    return manager.shutdown(false);
  }

  /**
   * Cancels every active job, waits until all are INACTIVE, and ends the loop (and the executor if
   * the instance created it). Idempotent; blocks.
   *
   * <p>With a store, close cancels nothing: it stops taking submissions, ends the loop and closes
   * the store once everything logged is durable, so that an instance built again on the store finds
   * its pending jobs pending (an upgrade restart); jobs running then are found lost at restart.
   * Wait for {@link #drainJobs()} first to let them end.
   *
   * @throws IllegalStateException if called from the instance's own loop (a listener)
   */
  @Override
  public synchronized void close() {
    if (manager.inLoop()) {
      throw new IllegalStateException(
          "close() called from the instance's own loop thread (e.g. in a JobListener); close the"
              + " instance from another thread");
    }
    if (closed) {
      return;
    }
    try {
      if (store == null) {
        manager.shutdown(true).get();
        manager.stopLoop();
      } else {
        manager.suspend();
        manager.stopLoop();
        store.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing " + name, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("closing " + name + " failed", e.getCause());
    }
    closed = true;
    if (ownsExecutor) {
      executor.close();
    }
    for (Runnable hook : closeHooks) {
      hook.run();
    }
  }

  @Override
  public String toString() {
    return "Instance[" + name + "]";
  }

  /** Builds an {@link Instance}. Not thread-safe. */
  public static final class Builder {
    private final ResourceGraph graph;
    private String name;
    private Clock clock = SystemClock.get();
    private Executor executor;
    private String matchPolicy = "first";
    private String queuePolicy = "fcfs";
    private org.flux4j.policy.queue.QueueParams queueParams =
        org.flux4j.policy.queue.QueueParams.DEFAULTS;
    private org.flux4j.policy.queue.Queues queues;
    private PriorityPlugin priorityPlugin = PriorityPlugin.URGENCY;
    private int generator;
    private int userid;
    private JobId parentJob;
    private long inactiveAgeLimitMillis = Long.MAX_VALUE;
    private long inactiveNumLimit = DEFAULT_INACTIVE_NUM_LIMIT;
    private java.nio.file.Path store;

    private Builder(ResourceGraph graph) {
      this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The instance name (default {@code instance-N}). */
    public Builder name(String n) {
      name = Objects.requireNonNull(n, "name");
      return this;
    }

    /** The clock (default the system clock). */
    public Builder clock(Clock c) {
      clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * The executor (default a new {@link InProcessExecutor}, closed with the instance; an executor
     * given here is not closed by the instance).
     */
    public Builder executor(Executor e) {
      executor = Objects.requireNonNull(e, "executor");
      return this;
    }

    /**
     * The match policy: a Fluxion policy name for the graph match engine ({@code first}, {@code
     * low}, {@code high}, {@code lonode}, {@code hinode}, {@code lonodex}, {@code hinodex}, {@code
     * firstnodex}, {@code locality}, {@code variation}; default {@code first}), a custom attribute
     * string (e.g. {@code policy=high stable_ties=true}) or a name registered with {@link
     * MatchPolicies}; or {@code counting} for a simple per-node counter of cores and GPUs (first
     * fit, lowest ids first, no graph traversal: the fastest, for workloads of plain core and GPU
     * slots).
     *
     * @throws IllegalArgumentException naming the policy and what is wrong with it
     */
    public Builder matchPolicy(String policy) {
      Objects.requireNonNull(policy, "policy");
      if (!policy.equals("counting")) {
        try {
          MatchPolicies.byName(policy);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "unknown match policy '"
                  + policy
                  + "': "
                  + e.getMessage()
                  + " (known: counting, "
                  + String.join(", ", MatchPolicies.builtinNames())
                  + ", a custom \"policy=...\" string, or a registered name)",
              e);
        }
      }
      matchPolicy = policy;
      return this;
    }

    /**
     * The queue policy by name (default fcfs): fcfs, easy, hybrid, conservative, or one registered
     * with {@link org.flux4j.policy.queue.QueuePolicies#register}.
     */
    public Builder queuePolicy(String policy) {
      if (!JobManager.isKnownQueuePolicy(policy)) {
        throw new IllegalArgumentException(
            "unknown queue policy '"
                + policy
                + "' (known: "
                + String.join(", ", org.flux4j.policy.queue.QueuePolicies.names())
                + ")");
      }
      queuePolicy = policy;
      return this;
    }

    /**
     * The queue and policy parameters (default: Fluxion's, queue-depth 32, reservation-depth 64).
     */
    public Builder queueParams(org.flux4j.policy.queue.QueueParams params) {
      queueParams = Objects.requireNonNull(params, "queue params");
      return this;
    }

    /**
     * Named queues (RFC 33), each with its own policy, parameters, required properties and limits;
     * jobs go to the queue their request names, or to the default one. Replaces {@link
     * #queuePolicy} and {@link #queueParams} (which configure the single anonymous queue).
     */
    public Builder queues(org.flux4j.policy.queue.Queues q) {
      queues = Objects.requireNonNull(q, "queues");
      return this;
    }

    /**
     * The queue and policy parameters as Fluxion writes them, e.g. {@code
     * "queue-depth=8192,reservation-depth=16"}, over Fluxion's defaults.
     *
     * @throws IllegalArgumentException naming a malformed or unknown item
     */
    public Builder queueParams(String fluxionParams) {
      return queueParams(org.flux4j.policy.queue.QueueParams.DEFAULTS.with(fluxionParams));
    }

    /** The priority plugin (default: priority equals urgency). */
    public Builder priorityPlugin(PriorityPlugin p) {
      priorityPlugin = Objects.requireNonNull(p, "priority plugin");
      return this;
    }

    /** The FLUID generator id, 0 to 16383 (default 0). */
    public Builder generator(int id) {
      JobId.of(0, id, 0);
      generator = id;
      return this;
    }

    /** The user id recorded in submit and urgency events (default 0). */
    public Builder userid(int id) {
      userid = id;
      return this;
    }

    /**
     * Inactive jobs older than this are purged from memory (flux-core's {@code inactive-age-limit};
     * default none). Checked whenever a job becomes inactive.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder inactiveAgeLimit(java.time.Duration age) {
      if (age.isNegative()) {
        throw new IllegalArgumentException("inactive-age-limit must not be negative, got " + age);
      }
      inactiveAgeLimitMillis = age.toMillis();
      return this;
    }

    /**
     * At most this many inactive jobs are kept in memory, the oldest purged first (flux-core's
     * {@code inactive-num-limit}); default {@value Instance#DEFAULT_INACTIVE_NUM_LIMIT}, which
     * keeps a long-running instance's memory bounded. {@link Integer#MAX_VALUE} keeps every job.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder inactiveNumLimit(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("inactive-num-limit must not be negative, got " + n);
      }
      inactiveNumLimit = n == Integer.MAX_VALUE ? Long.MAX_VALUE : n;
      return this;
    }

    /**
     * A durable job store in the SQLite file {@code path}, created if missing: every job's request
     * and eventlog are written there ({@link #submit} returns once the job is on disk), purged jobs
     * stay readable there, and an instance built on an existing store recovers it: inactive jobs as
     * they were, pending jobs back in their queues, running ones failed with "lost at restart", ids
     * never reused. A store made for another graph, by a newer flux4j, or corrupt is refused with a
     * {@link JobStoreException} and left untouched.
     */
    public Builder store(java.nio.file.Path path) {
      store = Objects.requireNonNull(path, "store path");
      return this;
    }

    Builder parentJob(JobId id) {
      parentJob = id;
      return this;
    }

    /**
     * The instance, its loop running.
     *
     * @throws IllegalArgumentException if the graph has no nodes
     */
    public Instance build() {
      return new Instance(this);
    }
  }
}
