package org.flux4j.examples.embed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.flux4j.core.Instance;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobListener;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;
import org.flux4j.core.exec.InProcessTask;

/**
 * A small workflow engine embedding flux4j: runs a DAG of Java steps as jobs of an {@link
 * Instance}, as a workflow engine on the JVM would.
 *
 * <p>Every step is submitted at once, with an {@code afterok} dependency on each of its parents, so
 * the instance itself holds a step until its parents completed. A {@link JobListener} follows the
 * jobs: when a step's job ends, the runner records it; when a step fails (its task threw or its job
 * got a fatal exception) and it has attempts left, the runner submits it again, and the steps below
 * it, whose jobs the instance has just failed with a {@code dependency} exception, are submitted
 * again too, depending on the new job. A step that fails for good leaves the steps below it
 * SKIPPED. {@link #run} completes once every step is settled.
 *
 * <p>Threading: {@link #run} may be called from any thread, once per runner; everything else runs
 * on the instance's loop thread, in its listener.
 */
public final class DagRunner {
  /** How a step ended. */
  public enum Outcome {
    /** Its job completed. */
    COMPLETED,
    /** It failed on every attempt. */
    FAILED,
    /** A step it depends on failed for good, so it never ran. */
    SKIPPED
  }

  /**
   * One step of the DAG.
   *
   * @param name unique within the DAG
   * @param after the names of the steps it runs after (all must complete first)
   * @param cores cores its single task needs
   * @param task what it does; throwing fails the attempt
   */
  public record Step(String name, List<String> after, int cores, InProcessTask task) {
    /** Copies and checks the fields. */
    public Step {
      Objects.requireNonNull(name, "name");
      after = List.copyOf(after);
      Objects.requireNonNull(task, "task");
      if (cores < 1) {
        throw new IllegalArgumentException("step '" + name + "' needs at least one core");
      }
    }
  }

  /**
   * What became of one step.
   *
   * @param outcome how it ended
   * @param attempts the jobs it was submitted as, in order
   * @param error the last attempt's error, or empty
   */
  public record StepReport(Outcome outcome, List<JobId> attempts, String error) {}

  private final Instance flux;
  private final int maxAttempts;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  // loop-owned once run() has submitted
  private final Map<JobId, String> stepOf = new HashMap<>();
  private final Map<JobId, String> fatalType = new HashMap<>();
  private final Map<String, List<JobId>> attempts = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, StepReport> done = new LinkedHashMap<>();
  private final CompletableFuture<Map<String, StepReport>> finished = new CompletableFuture<>();
  private final Object lock = new Object();

  /**
   * A runner submitting to {@code flux}.
   *
   * @param maxAttempts how many times a failing step runs before it fails for good (at least 1)
   */
  public DagRunner(Instance flux, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.flux = Objects.requireNonNull(flux, "flux");
    this.maxAttempts = maxAttempts;
  }

  /**
   * Submits the DAG and returns a future of every step's report, in the order given.
   *
   * @throws IllegalArgumentException for a repeated name, an unknown parent or a cycle, before
   *     anything is submitted
   */
  public CompletableFuture<Map<String, StepReport>> run(List<Step> dag) {
    List<Step> order = topological(dag);
    flux.addListener(listener);
    synchronized (lock) {
      for (Step s : order) {
        submit(s);
      }
    }
    return finished.whenComplete((r, e) -> flux.removeListener(listener));
  }

  private List<Step> topological(List<Step> dag) {
    for (Step s : dag) {
      if (steps.put(s.name(), s) != null) {
        throw new IllegalArgumentException("two steps are named '" + s.name() + "'");
      }
    }
    for (Step s : dag) {
      for (String p : s.after()) {
        if (!steps.containsKey(p)) {
          throw new IllegalArgumentException(
              "step '" + s.name() + "' runs after '" + p + "', which is not a step");
        }
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(s.name());
      }
    }
    List<Step> order = new ArrayList<>();
    Map<String, Integer> mark = new HashMap<>();
    for (Step s : dag) {
      visit(s, mark, order);
    }
    return order;
  }

  private void visit(Step s, Map<String, Integer> mark, List<Step> order) {
    Integer m = mark.get(s.name());
    if (m != null) {
      if (m == 1) {
        throw new IllegalArgumentException("the steps have a cycle through '" + s.name() + "'");
      }
      return;
    }
    mark.put(s.name(), 1);
    for (String p : s.after()) {
      visit(steps.get(p), mark, order);
    }
    mark.put(s.name(), 2);
    order.add(s);
  }

  private void submit(Step s) {
    JobRequest.Builder b = JobRequest.builder().name(s.name()).tasks(1).coresPerTask(s.cores());
    b.task(s.task());
    for (String p : s.after()) {
      if (!isCompleted(p)) {
        b.dependency("afterok:" + last(p));
      }
    }
    JobId id = flux.submit(b.build());
    stepOf.put(id, s.name());
    attempts.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(id);
  }

  private boolean isCompleted(String step) {
    StepReport r = done.get(step);
    return r != null && r.outcome() == Outcome.COMPLETED;
  }

  private JobId last(String step) {
    List<JobId> a = attempts.get(step);
    return a.get(a.size() - 1);
  }

  private final JobListener listener = this::onEvent;

  private void onEvent(JobId id, JobEvent e, JobState state) {
    synchronized (lock) {
      String step = stepOf.get(id);
      if (step == null) {
        return; // another user's job
      }
      if (e.name().equals("exception") && Integer.valueOf(0).equals(e.context().get("severity"))) {
        fatalType.putIfAbsent(id, String.valueOf(e.context().get("type")));
      }
      if (state != JobState.INACTIVE || !e.name().equals("clean")) {
        return;
      }
      settle(step, id);
      if (done.size() == steps.size()) {
        Map<String, StepReport> out = new LinkedHashMap<>();
        for (String name : steps.keySet()) {
          out.put(name, done.get(name));
        }
        finished.complete(Collections.unmodifiableMap(out));
      }
    }
  }

  /** The job {@code id} of {@code step} has ended: record it, retry, or skip what is below. */
  private void settle(String step, JobId id) {
    JobInfo info = flux.info(id);
    if (info.result().orElseThrow() == JobResult.COMPLETED) {
      done.put(step, new StepReport(Outcome.COMPLETED, List.copyOf(attempts.get(step)), ""));
      return;
    }
    String error = info.error().orElse("");
    if ("dependency".equals(fatalType.get(id))) {
      // a parent failed: if it is being retried, wait for it again; if it failed for good, skip
      Step s = steps.get(step);
      for (String p : s.after()) {
        StepReport r = done.get(p);
        if (r != null && r.outcome() != Outcome.COMPLETED) {
          skip(step);
          return;
        }
      }
      submit(s);
      return;
    }
    int failed = failures.merge(step, 1, Integer::sum);
    // an alloc exception says the machine can never run it: another attempt would fail the same
    if (failed < maxAttempts && !"alloc".equals(fatalType.get(id))) {
      submit(steps.get(step));
      return;
    }
    done.put(step, new StepReport(Outcome.FAILED, List.copyOf(attempts.get(step)), error));
  }

  private void skip(String step) {
    done.put(step, new StepReport(Outcome.SKIPPED, List.copyOf(attempts.get(step)), ""));
  }
}
