package org.flux4j.core.internal;

import static org.flux4j.core.internal.EventLogger.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobState;
import org.flux4j.core.internal.store.JobStore;
import org.flux4j.core.internal.store.RequestCodec;
import org.flux4j.policy.queue.QueueConfig;

/**
 * Restores the jobs a store holds as not yet INACTIVE when an instance is built on it, as
 * flux-core's job manager does on restart (its {@code restart.c}): each job's eventlog is replayed
 * to its state, then
 *
 * <ul>
 *   <li>a job in NEW is validated and goes on as if just submitted;
 *   <li>a job in DEPEND has its outstanding dependencies evaluated again (timers and waits set up
 *       anew), each one now satisfied logged as removed;
 *   <li>a job in PRIORITY gets its priority; a job in SCHED gets its priority computed again from
 *       its urgency (logged only when it differs from the last priority logged, which a kill
 *       between an urgency event and its priority event leaves behind) and goes back into its
 *       queue, in the same order as before (priority, then id);
 *   <li>a job in RUN gets a fatal {@code exception} of type {@code restart}, note "lost at restart"
 *       (nothing re-attaches to its tasks), then {@code release}, {@code free} and {@code clean}: a
 *       new pool never held its resources, so they are free; a job in CLEANUP is released and
 *       cleaned the same way.
 * </ul>
 *
 * A pending job whose request had an in-process task (Java code, which a store cannot hold) or
 * names a queue that no longer exists gets a fatal {@code restart} exception instead of running
 * without it. Runs on the loop thread, before any submission.
 */
final class JobRecovery {
  /** The exception type and note given to a job that was running when the instance stopped. */
  static final String LOST_TYPE = "restart";

  static final String LOST_NOTE = "lost at restart";

  private final JobManager m;

  JobRecovery(JobManager manager) {
    this.m = manager;
  }

  /** A job as a store holds it, with its fields filled from its eventlog (not adopted). */
  static Job ghost(JobStore.Stored s) {
    JobRequest r = s.jobRequest();
    Job j = new Job(s.id(), r, s.submitTime(), Dependency.parseAll(r.dependencies()));
    JobHistory.of(s.events(), r.urgency()).applyTo(j, s.events());
    return j;
  }

  void recover(List<JobStore.Stored> stored) {
    List<Job> jobs = new ArrayList<>(stored.size());
    List<JobHistory> histories = new ArrayList<>(stored.size());
    List<Boolean> hadTask = new ArrayList<>(stored.size());
    for (JobStore.Stored s : stored) {
      Job j = ghost(s);
      if (j.state() == JobState.INACTIVE) { // its clean was written, the crash came before the mark
        m.markInactive(j);
        continue;
      }
      QueueConfig q = m.routeOrNull(j.request);
      if (q != null) {
        j.queueName = q.name();
        j.requires = q.requires();
      }
      jobs.add(j);
      histories.add(JobHistory.of(s.events(), j.request.urgency()));
      hadTask.add(RequestCodec.hadTask(s.request()) || q == null);
      m.adopt(j);
    }
    // the lost ones first, so that pending singletons see their names free
    for (int i = 0; i < jobs.size(); i++) {
      if (histories.get(i).state().isRunning()) {
        lost(jobs.get(i), histories.get(i));
      }
    }
    // every pending job past NEW holds its name before any dependency is evaluated again, so that
    // a waiting singleton still waits for a same-named job that comes later in id order
    for (int i = 0; i < jobs.size(); i++) {
      JobState s = histories.get(i).state();
      if (!s.isRunning() && s != JobState.NEW) {
        m.name(jobs.get(i));
      }
    }
    for (int i = 0; i < jobs.size(); i++) {
      if (!histories.get(i).state().isRunning()) {
        pending(jobs.get(i), histories.get(i), hadTask.get(i));
      }
    }
  }

  private void lost(Job j, JobHistory h) {
    if (j.state() == JobState.RUN) {
      j.fatalType = LOST_TYPE;
      j.error = LOST_NOTE;
      m.log(
          j,
          "exception",
          context("type", LOST_TYPE, "severity", 0, "note", LOST_NOTE),
          JobState.CLEANUP);
    }
    m.releaseLost(j, h.released());
  }

  private void pending(Job j, JobHistory h, boolean unrunnable) {
    JobState s = j.state();
    if (s == JobState.NEW) {
      if (j.eventlog().isEmpty()) {
        m.log(j, "submit", m.submitContext(j.urgency), null);
      }
      if (unrunnable) {
        m.log(j, "validate", Map.of(), JobState.DEPEND);
        m.name(j);
        refuse(j);
        return;
      }
      m.validate(j);
      return;
    }
    if (unrunnable) {
      refuse(j);
      return;
    }
    switch (s) {
      case DEPEND -> depend(j, h);
      case PRIORITY -> {
        j.priority = m.computePriority(j);
        m.log(j, "priority", EventLogger.priorityContext(j.priority), JobState.SCHED);
        m.enqueue(j);
      }
      case SCHED -> {
        // As flux-core's restart, which sends every SCHED job back through PRIORITY: the priority
        // is computed again from the urgency. They differ when a kill came between an urgency
        // change's two entries (its urgency event was written, its priority event not); keeping
        // the logged priority would leave a released job held for good.
        long p = m.computePriority(j);
        if (p != j.priority) {
          j.priority = p;
          m.log(j, "priority", EventLogger.priorityContext(p), null);
        }
        m.enqueue(j);
      }
      default -> throw new IllegalStateException("not a pending job: " + j);
    }
  }

  private void refuse(Job j) {
    String why =
        m.routeOrNull(j.request) == null
            ? "its queue '" + j.request.queue() + "' no longer exists"
            : "its in-process task cannot be restored after a restart";
    m.exception(j, LOST_TYPE, 0, why);
  }

  private void depend(Job j, JobHistory h) {
    j.outstanding.addAll(h.outstanding());
    for (Dependency d : j.dependencies) {
      if (j.state() != JobState.DEPEND) {
        return;
      }
      String desc = d.description();
      boolean wasOutstanding = h.outstanding().contains(desc);
      if (!wasOutstanding && h.added().contains(desc)) {
        continue; // satisfied before the restart
      }
      boolean pending = m.addDependency(j, d);
      if (wasOutstanding && !pending && j.state() == JobState.DEPEND) {
        j.outstanding.remove(desc);
        m.log(j, "dependency-remove", context("description", desc), null);
      }
    }
    if (j.state() == JobState.DEPEND && j.outstanding.isEmpty()) {
      m.depend(j);
    }
  }
}
