package org.flux4j.core.internal;

import static org.flux4j.core.internal.EventLogger.NO_CONTEXT;
import static org.flux4j.core.internal.EventLogger.context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobListener;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.PriorityPlugin;
import org.flux4j.core.StartEstimate;
import org.flux4j.core.exec.ExecJob;
import org.flux4j.core.exec.ExecListener;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.TaskOutput;
import org.flux4j.core.internal.store.JobStore;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.queue.QueueConfig;
import org.flux4j.policy.queue.Queues;

/**
 * The job manager of one instance: the RFC 21 state machine, eventlogs, RFC 26 dependencies, RFC 30
 * urgency and priority, exceptions, duration expiry and the scheduling cycle.
 *
 * <p>Threading: public methods may be called from any thread; they validate what they can at once
 * and post the rest to the {@link EventLoop}. Everything else runs on the loop thread: the loop
 * owns the queue, the resource pool and the dependency tables, so none of them is locked.
 */
public final class JobManager {
  private static final Map<String, Object> RELEASE_ALL = context("ranks", "all", "final", true);
  private static final Map<String, Object> FINISH_OK = context("status", 0);

  private final Clock clock;
  private final Executor executor;
  private final PriorityPlugin priorities;
  private final QueueRouter router;
  private final Map<String, QueueDiscipline> queues = new LinkedHashMap<>();
  private final ResourcePool pool;
  private final FluidGenerator ids;
  private final int userid;
  private final EventLoop loop;
  private final JobTable jobs = new JobTable();
  private final EventLogger events;
  private final AtomicInteger active = new AtomicInteger();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean closing;

  // loop-owned
  private final DependencyHost dependencyHost = new Host();
  private final AfterDependencies after = new AfterDependencies(dependencyHost);
  private final SingletonDependencies singleton = new SingletonDependencies(dependencyHost);
  private final BeginTimeDependencies beginTime;
  private final Set<Job> running = new LinkedHashSet<>();
  private boolean schedNeeded;
  private volatile JobStore store; // set once, before the first submission

  /**
   * A job manager with its own loop thread.
   *
   * @param name the instance name (the loop thread is {@code flux4j-<name>})
   * @param queueConfig the queues (RFC 33), each with its policy, parameters, requires and limits
   * @param graph the resources
   * @param matchPolicy a Fluxion match policy name for the graph match engine, or {@code
   *     "counting"} for the simple per-node counting model
   * @param generator the FLUID generator id of this instance
   */
  public JobManager(
      String name,
      Clock clock,
      Executor executor,
      PriorityPlugin priorities,
      Queues queueConfig,
      ResourceGraph graph,
      String matchPolicy,
      int generator,
      int userid) {
    this.clock = clock;
    this.executor = executor;
    this.priorities = priorities;
    this.router = new QueueRouter(queueConfig);
    for (QueueConfig q : queueConfig.all()) {
      queues.put(q.name(), QueueDiscipline.byName(q.policy(), q.params()));
    }
    this.pool =
        matchPolicy.equals("counting")
            ? new CountingPool(graph, clock)
            : new GraphPool(graph, matchPolicy, clock);
    QueueRouter.refuseUnreservable(pool, queues, matchPolicy);
    this.ids = new FluidGenerator(clock, clock.millis(), generator);
    this.userid = userid;
    this.events = new EventLogger(clock, userid);
    this.loop = new EventLoop("flux4j-" + name, clock, this::scheduleCycle);
    this.beginTime = new BeginTimeDependencies(clock, loop, dependencyHost);
  }

  /** Whether {@code name} is a known queue policy. */
  public static boolean isKnownQueuePolicy(String name) {
    return QueueDiscipline.isKnown(name);
  }

  // ------------------------------------------------------------------ API (any thread)

  /** Adds a listener for every job event. */
  public void addListener(JobListener l) {
    events.addListener(l);
  }

  /** Removes a listener. */
  public void removeListener(JobListener l) {
    events.removeListener(l);
  }

  /** Submits a job; see {@code Instance.submit}. */
  public JobId submit(JobRequest request) {
    return submit(request, null);
  }

  /**
   * Submits a job that runs on {@code override} instead of the instance's executor (null: the
   * instance's).
   */
  public JobId submit(JobRequest request, Executor override) {
    if (closing) {
      throw new IllegalStateException("the instance is closed; no more submissions");
    }
    List<Dependency> deps = Dependency.parseAll(request.dependencies());
    for (Dependency d : deps) {
      if (d.target() != null && jobs.find(d.target()) == null) {
        throw new IllegalArgumentException(
            "dependency '" + d.scheme() + ":" + d.target() + "': no such job in this instance");
      }
    }
    QueueConfig q = router.route(request);
    JobId id = ids.next();
    Job j = new Job(id, request, clock.millis(), deps);
    j.queueName = q.name();
    j.requires = q.requires();
    j.executor = override;
    JobStore st = store;
    long ticket = st == null ? 0 : st.submitted(id, j.submitTime, request);
    jobs.put(j);
    active.incrementAndGet();
    if (!loop.post(() -> onSubmit(j))) {
      jobs.remove(id);
      active.decrementAndGet();
      throw new IllegalStateException("the instance is closed; no more submissions");
    }
    if (st != null) {
      st.await(ticket);
    }
    return id;
  }

  private QueueDiscipline queueOf(Job j) {
    return queues.get(j.queueName);
  }

  private Job job(JobId id) {
    return jobs.get(id);
  }

  /** Raises an exception on a job from any thread. */
  public void raise(JobId id, String type, int severity, String note) {
    if (severity < 0 || severity > 7) {
      throw new IllegalArgumentException(
          "exception severity must be 0 to 7, got " + severity + " (0 is fatal: it ends the job)");
    }
    if (type == null || type.isEmpty() || type.indexOf(' ') >= 0) {
      throw new IllegalArgumentException(
          "exception type must be one word, got '"
              + type
              + "' (e.g. cancel, timeout, node-failure)");
    }
    Job j = job(id);
    if (j.state() == JobState.INACTIVE) {
      return;
    }
    loop.post(() -> exception(j, type, severity, note == null ? "" : note));
  }

  /** Changes the urgency of a job; ignored once the job is no longer pending. */
  public void setUrgency(JobId id, int urgency) {
    if (urgency < 0 || urgency > 31) {
      throw new IllegalArgumentException(
          "urgency must be 0 to 31, got " + urgency + " (0 holds the job, 31 expedites it)");
    }
    Job j = job(id);
    if (j.state() == JobState.INACTIVE) {
      return;
    }
    loop.post(() -> changeUrgency(j, urgency));
  }

  /** The current state of a job. */
  public JobState state(JobId id) {
    return job(id).state();
  }

  /** A snapshot of a job. */
  public JobInfo info(JobId id) {
    return job(id).snapshot();
  }

  /** The resources a job holds or held, or null; see {@code Instance.allocation}. */
  public Allocation allocation(JobId id) {
    return job(id).allocated();
  }

  /** How a job ended, or null while it is active; see {@code Instance.result}. */
  public JobResult result(JobId id) {
    return job(id).ended();
  }

  /** A copy of a job's eventlog. */
  public List<JobEvent> eventlog(JobId id) {
    return job(id).eventlog();
  }

  /** Completes with the job's final snapshot once it is INACTIVE. */
  public CompletableFuture<JobInfo> whenInactive(JobId id) {
    return job(id).whenInactive();
  }

  /** The ids of the jobs held in memory (active, and inactive ones not purged), ascending. */
  public List<JobId> jobIds() {
    return jobs.ids();
  }

  /** How many jobs are not yet INACTIVE. */
  public int activeCount() {
    return active.get();
  }

  /** Whether the calling thread is the scheduling loop. */
  public boolean inLoop() {
    return loop.inLoop();
  }

  /** Runs {@code action} on the loop thread. */
  public boolean post(Runnable action) {
    return loop.post(action);
  }

  /** Drains or undrains execution targets. */
  public void drain(boolean on, int... ranks) {
    postForRanks(ranks, r -> pool.setDrained(r, on));
  }

  /** Marks execution targets down (their running jobs get a node-failure exception) or up. */
  public void setDown(boolean on, int... ranks) {
    postForRanks(
        ranks,
        r -> {
          pool.setDown(r, on);
          if (on) {
            for (Job j : new ArrayList<>(running)) {
              if (j.allocation != null && j.allocation.hasRank(r) && j.state() == JobState.RUN) {
                exception(j, "node-failure", 0, "execution target rank " + r + " went down");
              }
            }
          }
        });
  }

  /**
   * Checks {@code ranks} on the caller's thread, then on the loop applies {@code each} to every
   * rank in order and asks for a scheduling cycle.
   */
  private void postForRanks(int[] ranks, IntConsumer each) {
    for (int r : ranks) {
      if (!pool.hasRank(r)) {
        throw new IllegalArgumentException("no execution target with rank " + r);
      }
    }
    int[] rs = ranks.clone();
    loop.post(
        () -> {
          for (int r : rs) {
            each.accept(r);
          }
          schedNeeded = true;
        });
  }

  /**
   * When {@code request} would start if submitted now, worked out on the loop on a copy of the
   * resource state (see {@code Instance.estimateStart}); nothing of the instance changes.
   *
   * @throws IllegalArgumentException if it names an unknown queue or exceeds the queue's limits
   */
  public CompletableFuture<StartEstimate> estimateStart(JobRequest request) {
    QueueConfig q = router.route(request);
    Job probe = new Job(JobId.of(0, 0, 0), request, clock.millis(), List.of());
    probe.requires = q.requires();
    CompletableFuture<StartEstimate> f = new CompletableFuture<>();
    if (!loop.post(() -> f.complete(StartEstimates.of(pool, probe, clock.millis())))) {
      f.completeExceptionally(new IllegalStateException("the instance is closed"));
    }
    return f;
  }

  /** Free and total cores, read on the loop: {@code [free, total, freeGpus]}. */
  public CompletableFuture<int[]> resourceCounts() {
    CompletableFuture<int[]> f = new CompletableFuture<>();
    if (!loop.post(
        () -> f.complete(new int[] {pool.freeCores(), pool.totalCores(), pool.freeGpus()}))) {
      f.completeExceptionally(new IllegalStateException("the instance is closed"));
    }
    return f;
  }

  /**
   * Stops accepting jobs, cancels every active job (or waits for them if {@code cancel} is false)
   * and completes once all are INACTIVE; the loop then ends.
   */
  public CompletableFuture<Void> shutdown(boolean cancel) {
    if (!closing) {
      closing = true;
      loop.post(
          () -> {
            if (cancel) {
              for (Job j : jobs.held()) {
                if (j.state().isActive()) {
                  exception(j, "cancel", 0, "instance shutdown");
                }
              }
            }
            checkDrained();
          });
    }
    return drained;
  }

  /** Ends the loop thread after {@link #shutdown} has completed. */
  public void stopLoop() throws InterruptedException {
    loop.stop();
    loop.join();
  }

  private void checkDrained() {
    if (closing && active.get() == 0) {
      drained.complete(null);
    }
  }

  // ---------------------------------------------- submit, dependencies, urgency (loop)

  void log(Job j, String name, Map<String, Object> context, JobState next) {
    events.log(j, name, context, next);
  }

  private void publishAnnotations(Job j) {
    events.publishAnnotations(j);
  }

  Map<String, Object> submitContext(int urgency) {
    return events.submitContext(urgency);
  }

  private void onSubmit(Job j) {
    log(j, "submit", events.submitContext(j.urgency), null);
    validate(j);
  }

  /** Logs {@code validate} and takes a submitted job on to its dependencies. */
  void validate(Job j) {
    log(j, "validate", NO_CONTEXT, JobState.DEPEND);
    singleton.name(j);
    String why = pool.unsatisfiable(j);
    if (why != null) {
      reject(j, why.startsWith("unsatisfiable") ? why : "unsatisfiable request: " + why);
      return;
    }
    why = queueOf(j).reserves() ? pool.cannotReserve(j) : null;
    if (why != null) {
      exception(j, "alloc", 0, why);
      return;
    }
    for (Dependency d : j.dependencies) {
      if (j.state() != JobState.DEPEND) {
        return;
      }
      addDependency(j, d);
    }
    if (j.state() == JobState.DEPEND && j.outstanding.isEmpty()) {
      depend(j);
    }
  }

  /** Adds one dependency of a job in DEPEND; returns whether it is outstanding. */
  boolean addDependency(Job j, Dependency d) {
    return switch (d.scheme()) {
      case "begin-time" -> beginTime.add(j, d);
      case "singleton" -> singleton.add(j, d);
      default -> after.add(j, d);
    };
  }

  /** The job manager's side of the dependency schemes (flux-core's jobtap dependency calls). */
  private final class Host implements DependencyHost {
    @Override
    public void dependencyAdd(Job j, String description) {
      JobManager.this.dependencyAdd(j, description);
    }

    @Override
    public void dependencyRemove(Job j, String description) {
      JobManager.this.dependencyRemove(j, description);
    }

    @Override
    public void fail(Job j, String note) {
      exception(j, "dependency", 0, note);
    }

    @Override
    public Job lookup(JobId id) {
      return jobOrStored(id);
    }
  }

  void dependencyAdd(Job j, String description) {
    if (j.outstanding.add(description)) {
      log(j, "dependency-add", context("description", description), null);
      noteDependencies(j);
    }
  }

  private void noteDependencies(Job j) {
    if (j.note.setWaiting(SchedNote.Reason.DEPENDENCY, String.join(", ", j.outstanding))) {
      publishAnnotations(j);
    }
  }

  /**
   * Refuses a job the pool can never run: annotated unsatisfiable, then a fatal alloc exception.
   */
  private void reject(Job j, String reason) {
    j.note.setEnded(SchedNote.Reason.UNSATISFIABLE, reason);
    publishAnnotations(j);
    exception(j, "alloc", 0, reason);
  }

  private void dependencyRemove(Job j, String description) {
    if (j.state() != JobState.DEPEND || !j.outstanding.remove(description)) {
      return;
    }
    log(j, "dependency-remove", context("description", description), null);
    if (j.outstanding.isEmpty()) {
      depend(j);
    } else {
      noteDependencies(j);
    }
  }

  void depend(Job j) {
    log(j, "depend", NO_CONTEXT, JobState.PRIORITY);
    j.priority = computePriority(j);
    log(j, "priority", EventLogger.priorityContext(j.priority), JobState.SCHED);
    queueOf(j).add(j);
    schedNeeded = true;
  }

  long computePriority(Job j) {
    if (j.urgency == 0) {
      return PriorityPlugin.MIN;
    }
    if (j.urgency == 31) {
      return PriorityPlugin.MAX;
    }
    long p = priorities.priority(j.id, j.urgency, j.submitTime);
    return Math.max(PriorityPlugin.MIN, Math.min(PriorityPlugin.MAX, p));
  }

  private void changeUrgency(Job j, int urgency) {
    JobState s = j.state();
    if (!s.isPending() || urgency == j.urgency) {
      return;
    }
    j.urgency = urgency;
    log(j, "urgency", context("urgency", urgency, "userid", userid), null);
    if (s == JobState.SCHED) {
      long p = computePriority(j);
      if (p != j.priority) {
        queueOf(j).reprioritize(j, p);
        log(j, "priority", EventLogger.priorityContext(p), null);
        schedNeeded = true;
      }
    }
  }

  // ------------------------------------------------------------------ scheduling and running

  private void scheduleCycle() {
    if (!schedNeeded) {
      return;
    }
    schedNeeded = false;
    for (QueueDiscipline q : queues.values()) {
      q.schedule(scheduler);
    }
  }

  private final QueueDiscipline.Scheduler scheduler =
      new QueueDiscipline.Scheduler() {
        @Override
        public ResourcePool pool() {
          return pool;
        }

        @Override
        public void run(Job job, Allocation allocation) {
          start(job, allocation);
        }

        @Override
        public void reject(Job job, String reason) {
          JobManager.this.reject(job, reason);
        }

        @Override
        public void annotated(Job job) {
          publishAnnotations(job);
        }

        @Override
        public void again() {
          loop.post(() -> schedNeeded = true);
        }
      };

  private void start(Job j, Allocation a) {
    synchronized (j) {
      j.allocation = a;
    }
    j.note.setRunning(a);
    log(j, "alloc", NO_CONTEXT, JobState.RUN);
    publishAnnotations(j);
    running.add(j);
    JobStore st = store;
    if (st == null) {
      launch(j);
      return;
    }
    // Write ahead: the executor starts only once alloc is durable, so that a job that ran is
    // never found pending after a restart (and run a second time). The clock is held meanwhile.
    clock.beginActivity();
    st.whenDurable(
        st.lastTicket(),
        () -> {
          try {
            loop.post(() -> launch(j));
          } finally {
            clock.endActivity();
          }
        });
  }

  private void launch(Job j) {
    j.launched = true;
    if (j.state() != JobState.RUN) { // a fatal exception came while alloc was being written
      releaseAndClean(j);
      return;
    }
    Allocation a = j.allocation;
    ExecListener listener =
        new ExecListener() {
          @Override
          public void started() {
            loop.post(() -> onStarted(j));
          }

          @Override
          public void finished(int status, String error, List<TaskOutput> outputs) {
            List<TaskOutput> outs = List.copyOf(outputs);
            loop.post(() -> onFinished(j, status, error, outs));
          }
        };
    try {
      Executor ex = j.executor != null ? j.executor : executor;
      j.execution = ex.start(new ExecJob(j.id, j.request, a, clock), listener);
    } catch (RuntimeException e) {
      exception(j, "start", 0, "executor failed to start the job: " + e.getMessage());
      if (!j.finished) {
        onFinished(j, 1 << 8, null, List.of());
      }
    }
    // The expiry timer is scheduled after the executor has started, so that a task that ends
    // exactly at the limit (a simulated task's timer, at the same instant) completes first.
    long d = j.request.duration().toMillis();
    if (d > 0 && !j.finished) {
      j.expiry = clock.schedule(clock.millis() + d, () -> loop.post(() -> expire(j)));
    }
  }

  private void onStarted(Job j) {
    if (j.started || j.finished || j.state() == JobState.INACTIVE) {
      return;
    }
    j.started = true;
    log(j, "start", NO_CONTEXT, null);
    after.started(j);
  }

  private void onFinished(Job j, int status, String error, List<TaskOutput> outputs) {
    if (j.finished) {
      return;
    }
    j.finished = true;
    j.finishStatus = status;
    synchronized (j) {
      j.outputs = outputs;
      if (j.error == null && error != null) {
        j.error = error;
      }
    }
    if (j.expiry != null) {
      j.expiry.cancel();
    }
    Map<String, Object> ctx =
        error != null
            ? context("status", status, "note", error)
            : status == 0 ? FINISH_OK : context("status", status);
    log(j, "finish", ctx, j.state() == JobState.RUN ? JobState.CLEANUP : null);
    releaseAndClean(j);
  }

  private void expire(Job j) {
    if (j.state() == JobState.RUN) {
      exception(j, "timeout", 0, "resource allocation expired");
    }
  }

  void exception(Job j, String type, int severity, String note) {
    JobState s = j.state();
    if (s == JobState.INACTIVE) {
      return;
    }
    boolean fatal = severity == 0 && s != JobState.CLEANUP;
    if (severity == 0 && j.fatalType == null) {
      synchronized (j) {
        j.fatalType = type;
        j.error = note.isEmpty() ? type : note;
      }
    }
    log(
        j,
        "exception",
        context("type", type, "severity", severity, "note", note),
        fatal ? JobState.CLEANUP : null);
    if (!fatal) {
      return;
    }
    switch (s) {
      case NEW, DEPEND, PRIORITY, SCHED -> {
        if (queueOf(j).remove(j)) {
          pool.cancelReservation(j);
          schedNeeded = true;
        }
        for (var t : j.dependencyTimers) {
          t.cancel();
        }
        clean(j);
      }
      case RUN -> {
        if (j.expiry != null) {
          j.expiry.cancel();
        }
        if (j.execution != null) {
          j.execution.kill();
        }
        // not yet launched (alloc still being written): launch() releases it instead
      }
      default -> {}
    }
  }

  void clean(Job j) {
    JobResult r = JobHistory.result(j.fatalType, j.finishStatus);
    synchronized (j) {
      j.result = r;
    }
    SchedNote.Reason why = j.note.reason();
    if (why != SchedNote.Reason.NONE && why != SchedNote.Reason.UNSATISFIABLE) {
      j.note.setEnded(SchedNote.Reason.NONE, ""); // it waits no more
      publishAnnotations(j);
    }
    log(j, "clean", NO_CONTEXT, JobState.INACTIVE);
    j.execution = null;
    after.inactive(j);
    singleton.release(j);
    active.decrementAndGet();
    j.completeInactive();
    JobStore st = store;
    if (st != null) {
      st.inactive(j.id);
    }
    jobs.inactive(j, clock.millis());
    checkDrained();
  }

  /** Releases a job's resources (its executor ended, or never started) and cleans it up. */
  private void releaseAndClean(Job j) {
    log(j, "release", RELEASE_ALL, null);
    pool.free(j);
    log(j, "free", NO_CONTEXT, null);
    running.remove(j);
    schedNeeded = true;
    clean(j);
  }

  // ------------------------------------------------------------------ purge and store hooks

  /**
   * Sets the inactive-job limits (flux-core's {@code inactive-age-limit} and {@code
   * inactive-num-limit}); call before the first submission.
   */
  public void setInactiveLimits(long ageLimitMillis, long numLimit) {
    jobs.setInactiveLimits(ageLimitMillis, numLimit);
  }

  /**
   * Purges inactive jobs now ({@code flux job purge}): those older than {@code ageLimitMillis},
   * then the oldest until at most {@code numLimit} are held. Blocks unless called on the loop.
   *
   * @return how many were purged
   */
  public int purge(long ageLimitMillis, long numLimit) {
    if (ageLimitMillis < 0 || numLimit < 0) {
      throw new IllegalArgumentException(
          "purge limits must not be negative, got age " + ageLimitMillis + ", num " + numLimit);
    }
    return loop.call(() -> jobs.purge(clock.millis(), ageLimitMillis, numLimit));
  }

  /**
   * Purges the given inactive jobs now; active ones are left alone.
   *
   * @return how many were purged
   * @throws IllegalArgumentException for an id the instance does not hold
   */
  public int purge(List<JobId> ids) {
    List<Job> js = new ArrayList<>(ids.size());
    for (JobId id : ids) {
      Job j = jobs.held(id);
      if (j == null) {
        job(id); // throws unless the store has it; a stored job is already purged
        continue;
      }
      js.add(j);
    }
    return loop.call(
        () -> {
          int n = 0;
          for (Job j : js) {
            n += jobs.purge(j) ? 1 : 0;
          }
          return n;
        });
  }

  /** How many inactive jobs are held in memory (read on the loop). */
  public int inactiveHeld() {
    return loop.call(jobs::inactiveHeld);
  }

  /**
   * Gives the manager its store and recovers what it holds: call once, before the first submission.
   * Blocks until recovery is done (see {@link JobRecovery}).
   */
  public void attachStore(JobStore st) {
    store = st;
    jobs.attachStore(st);
    events.attachStore(st);
    ids.resume(st.epoch(), st.lastId().orElse(null));
    List<JobStore.Stored> stored = st.active();
    loop.call(
        () -> {
          new JobRecovery(this).recover(stored);
          return null;
        });
    st.await(st.lastTicket());
  }

  /** Stops accepting submissions without canceling anything (closing an instance with a store). */
  public void suspend() {
    closing = true;
  }

  /** The ids of every job in the store (empty without a store), ascending. */
  public List<JobId> storedJobIds() {
    JobStore st = store;
    return st == null ? List.of() : st.ids();
  }

  // package-private access for JobRecovery (loop thread only)

  /** Notes in the store that a job found there not yet marked INACTIVE is INACTIVE. */
  void markInactive(Job j) {
    store.inactive(j.id);
  }

  void adopt(Job j) {
    jobs.put(j);
    active.incrementAndGet();
  }

  Job jobOrStored(JobId id) {
    return jobs.find(id);
  }

  void name(Job j) {
    singleton.name(j);
  }

  void enqueue(Job j) {
    queueOf(j).add(j);
    schedNeeded = true;
  }

  QueueConfig routeOrNull(JobRequest request) {
    return router.routeOrNull(request);
  }

  long now() {
    return clock.millis();
  }

  /** Logs release and free for a job that held no resources in this pool, then cleans it. */
  void releaseLost(Job j, boolean released) {
    if (!released) {
      log(j, "release", RELEASE_ALL, null);
    }
    log(j, "free", NO_CONTEXT, null);
    clean(j);
  }
}
