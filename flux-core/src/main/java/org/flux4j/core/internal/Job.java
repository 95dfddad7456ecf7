package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.exec.Execution;
import org.flux4j.core.exec.TaskOutput;

/**
 * One job's mutable record. The scheduling loop alone writes it; the eventlog, state and the few
 * fields a snapshot reads are guarded by the object's monitor so that other threads can take a
 * consistent {@link JobInfo}.
 */
final class Job {
  final JobId id;
  final JobRequest request;
  final long submitTime;
  final List<Dependency> dependencies;
  private CompletableFuture<JobInfo> done;

  private final List<JobEvent> events = new ArrayList<>(10);
  private volatile JobState state = JobState.NEW;

  // loop-owned
  int urgency;
  long priority;
  Allocation allocation;
  Execution execution;
  Clock.Timer expiry;
  final Set<String> outstanding = new LinkedHashSet<>(2);
  final List<Clock.Timer> dependencyTimers = new ArrayList<>(0);
  boolean started;
  boolean finished;
  String fatalType;
  String error;
  int finishStatus;
  List<TaskOutput> outputs = List.of();
  JobResult result;
  org.flux4j.policy.match.ResourceRequest resourceRequest;
  int[] poolCounts;
  long minCores = -1; // least cores and GPUs the request needs, computed on first use
  long minGpus;
  Object shape; // the request without its duration, for the queue's busy-shape shortcut
  String unallocatable; // why the pool can never allocate it, set with a busy answer (else null)
  String queueName = org.flux4j.policy.queue.Queues.ANONYMOUS; // the queue it was routed to
  List<String> requires = List.of(); // properties its queue requires (RFC 33)
  org.flux4j.core.exec.Executor executor;
  boolean singletonWaiting;
  boolean named;
  final SchedNote note = new SchedNote(); // the scheduler's annotations (RFC 27)
  long inactiveAt; // when it became INACTIVE, for the inactive-age-limit
  boolean launched; // the executor was asked to start it (with a store: once alloc is durable)

  Job(JobId id, JobRequest request, long submitTime, List<Dependency> dependencies) {
    this.id = id;
    this.request = request;
    this.submitTime = submitTime;
    this.dependencies = dependencies;
    this.urgency = request.urgency();
  }

  JobState state() {
    return state;
  }

  /** Appends an event, moves to {@code next} unless null, and returns the event's index. */
  synchronized int append(JobEvent e, JobState next) {
    events.add(e);
    if (next != null) {
      state = next;
    }
    return events.size() - 1;
  }

  /** Puts back the eventlog a job had before a restart, and the state it leads to. */
  synchronized void restore(List<JobEvent> eventlog, JobState s) {
    events.clear();
    events.addAll(eventlog);
    state = s;
  }

  /** The future of the final snapshot, created on first demand. */
  synchronized CompletableFuture<JobInfo> whenInactive() {
    if (done == null) {
      done = new CompletableFuture<>();
      if (state == JobState.INACTIVE) {
        done.complete(snapshot());
      }
    }
    return done;
  }

  /** Completes the future of the final snapshot if anyone asked for it. */
  void completeInactive() {
    CompletableFuture<JobInfo> f;
    synchronized (this) {
      f = done;
    }
    if (f != null) {
      f.complete(snapshot());
    }
  }

  /** The resources it holds or held, or null (any thread; the loop sets them under the monitor). */
  synchronized Allocation allocated() {
    return allocation;
  }

  /** How it ended, or null before it is INACTIVE (any thread). */
  synchronized JobResult ended() {
    return result;
  }

  synchronized List<JobEvent> eventlog() {
    return List.copyOf(events);
  }

  synchronized JobInfo snapshot() {
    return new JobInfo(
        id,
        request.name(),
        state,
        Optional.ofNullable(result),
        urgency,
        priority,
        submitTime,
        List.copyOf(events),
        Optional.ofNullable(allocation),
        Optional.ofNullable(error),
        outputs,
        note.toMap(request));
  }

  @Override
  public String toString() {
    return "Job[" + id + " " + state + "]";
  }
}
