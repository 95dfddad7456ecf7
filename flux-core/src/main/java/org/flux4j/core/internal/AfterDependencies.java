package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flux4j.core.JobId;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;

/**
 * The RFC 26 {@code after*} dependency schemes, as flux-core's {@code dependency-after} plugin:
 * {@code after} (the antecedent started), {@code afterany} (it ended), {@code afterok} (it
 * completed), {@code afternotok} (it did not complete) and {@code afterexcept} (it ended with a
 * fatal exception). A dependency that can no longer be satisfied raises a fatal {@code dependency}
 * exception on the dependent job.
 *
 * <p>Implementation notes: the waiting dependents are kept per antecedent, in the order they were
 * added, and looked at when the antecedent starts ({@code after}) or becomes INACTIVE (all). Owned
 * by the scheduling loop; not thread-safe.
 */
final class AfterDependencies {
  private record Waiter(Job job, Dependency dependency) {}

  private enum Check {
    SATISFIED,
    PENDING,
    FAILED
  }

  private final Map<JobId, List<Waiter>> waiters = new HashMap<>();
  private final DependencyHost host;

  AfterDependencies(DependencyHost host) {
    this.host = host;
  }

  /** Adds dependency {@code d} of job {@code j} in DEPEND; returns whether it is outstanding. */
  boolean add(Job j, Dependency d) {
    Job a = host.lookup(d.target());
    if (a == null) {
      host.fail(j, "dependency " + d.description() + ": job " + d.target() + " was purged");
      return false;
    }
    Check c = check(d, a);
    if (c == Check.FAILED) {
      host.fail(j, failure(d, a));
    } else if (c == Check.PENDING) {
      host.dependencyAdd(j, d.description());
      waiters.computeIfAbsent(a.id, k -> new ArrayList<>()).add(new Waiter(j, d));
      return true;
    }
    return false;
  }

  /** Antecedent {@code a} has started: its {@code after} dependents may go on. */
  void started(Job a) {
    List<Waiter> ws = waiters.get(a.id);
    if (ws == null) {
      return;
    }
    for (Waiter w : new ArrayList<>(ws)) {
      if (w.dependency().scheme().equals("after")) {
        ws.remove(w);
        host.dependencyRemove(w.job(), w.dependency().description());
      }
    }
  }

  /** Antecedent {@code a} is INACTIVE: each dependent still in DEPEND goes on or fails. */
  void inactive(Job a) {
    List<Waiter> ws = waiters.remove(a.id);
    if (ws == null) {
      return;
    }
    for (Waiter w : ws) {
      if (w.job().state() != JobState.DEPEND) {
        continue;
      }
      if (check(w.dependency(), a) == Check.SATISFIED) {
        host.dependencyRemove(w.job(), w.dependency().description());
      } else {
        host.fail(w.job(), failure(w.dependency(), a));
      }
    }
  }

  private static Check check(Dependency d, Job a) {
    boolean inactive = a.state() == JobState.INACTIVE;
    switch (d.scheme()) {
      case "after":
        return a.started ? Check.SATISFIED : inactive ? Check.FAILED : Check.PENDING;
      case "afterany":
        return inactive ? Check.SATISFIED : Check.PENDING;
      case "afterok":
        return !inactive
            ? Check.PENDING
            : a.result == JobResult.COMPLETED ? Check.SATISFIED : Check.FAILED;
      case "afternotok":
        return !inactive
            ? Check.PENDING
            : a.result != JobResult.COMPLETED ? Check.SATISFIED : Check.FAILED;
      case "afterexcept":
        return !inactive ? Check.PENDING : a.fatalType != null ? Check.SATISFIED : Check.FAILED;
      default:
        throw new IllegalStateException("not a job dependency: " + d.scheme());
    }
  }

  private static String failure(Dependency d, Job a) {
    switch (d.scheme()) {
      case "after":
        return "dependency after: job " + a.id + " never started";
      case "afterok":
        return "dependency afterok: job " + a.id + " did not complete successfully";
      case "afternotok":
        return "dependency afternotok: job " + a.id + " completed successfully";
      default:
        return "dependency afterexcept: job " + a.id + " ended without an exception";
    }
  }
}
