package org.flux4j.core.internal;

import java.util.Comparator;
import java.util.TreeSet;
import org.flux4j.core.Allocation;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;

/**
 * The queue policy plug point: holds the jobs in SCHED and decides, per scheduling cycle, which to
 * allocate. Jobs are ordered by priority, highest first, then by id (submission order). Loop-owned.
 *
 * <p>{@code fcfs} allocates from the head and stops at the first job that does not fit now, as
 * Fluxion's fcfs queue policy does; backfilling policies (easy, conservative, hybrid) would keep
 * going with reservations.
 */
public abstract class QueueDiscipline {
  /** Ordering of the pending queue. */
  static final Comparator<Job> ORDER =
      (a, b) -> {
        int c = Long.compare(b.priority, a.priority);
        return c != 0 ? c : a.id.compareTo(b.id);
      };

  /** The jobs waiting for resources. */
  final TreeSet<Job> pending = new TreeSet<>(ORDER);

  /** What a scheduling cycle may do with a job. */
  interface Scheduler {
    /** The pool the cycle allocates and reserves from. */
    ResourcePool pool();

    /** Runs {@code job}, just removed from the queue, on {@code allocation}. */
    void run(Job job, Allocation allocation);

    /**
     * Refuses {@code job}, which the pool found it can never allocate (see {@link
     * ResourcePool#allocate}): the job gets a fatal exception and leaves the queue.
     */
    void reject(Job job, String reason);

    /**
     * Asks for another cycle once the events queued now are handled: the cycle stopped at the queue
     * depth after starting jobs, so more pending jobs may fit (Fluxion's qmanager loops again in
     * that case rather than waiting for the next event).
     */
    default void again() {}

    /** The cycle changed {@code job}'s annotations ({@link Job#note}); tell who listens. */
    default void annotated(Job job) {}
  }

  /** The discipline registered under {@code name}, with Fluxion's default parameters. */
  static QueueDiscipline byName(String name) {
    return byName(name, QueueParams.DEFAULTS);
  }

  /**
   * The discipline of the queue policy registered under {@code name} in {@link QueuePolicies}
   * (fcfs, easy, hybrid, conservative, or a user's), with these parameters.
   *
   * @throws IllegalArgumentException listing the known names if there is none of that name
   */
  static QueueDiscipline byName(String name, QueueParams params) {
    return new BackfillQueue(QueuePolicies.require(name, params));
  }

  /** The known names. */
  static boolean isKnown(String name) {
    return QueuePolicies.byName(name, QueueParams.DEFAULTS).isPresent();
  }

  void add(Job j) {
    pending.add(j);
  }

  boolean remove(Job j) {
    return pending.remove(j);
  }

  /** Changes a queued job's priority, keeping the order. */
  void reprioritize(Job j, long priority) {
    boolean was = pending.remove(j);
    j.priority = priority;
    if (was) {
      pending.add(j);
    }
  }

  int size() {
    return pending.size();
  }

  /** One scheduling cycle. Held jobs (priority 0) are never allocated. */
  abstract void schedule(Scheduler s);
}
