package org.flux4j.examples.embed;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.Instance;
import org.flux4j.core.JobState;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.graph.VirtualClusters;

/**
 * The embedding example: a five-step DAG of Java steps on an instance over flux-sched's {@code
 * tiny} cluster, with the system clock and in-process tasks; the {@code train} step fails on its
 * first attempt and is retried. Prints each job's state changes, then a line per step.
 *
 * <p>Run: {@code java -cp examples/target/flux4j-examples.jar
 * org.flux4j.examples.embed.DagExample}.
 */
public final class DagExample {
  private DagExample() {}

  /** Runs the example; exits 0 if every step completed. */
  public static void main(String[] args) throws Exception {
    System.exit(run(System.out));
  }

  /** Runs the DAG, printing to {@code out}; 0 if every step completed, else 1. */
  static int run(PrintStream out) throws Exception {
    AtomicInteger trainAttempts = new AtomicInteger();
    List<DagRunner.Step> dag =
        List.of(
            new DagRunner.Step("fetch", List.of(), 2, ctx -> Thread.sleep(20)),
            new DagRunner.Step("clean-a", List.of("fetch"), 4, ctx -> Thread.sleep(20)),
            new DagRunner.Step("clean-b", List.of("fetch"), 4, ctx -> Thread.sleep(20)),
            new DagRunner.Step(
                "train",
                List.of("clean-a", "clean-b"),
                16,
                ctx -> {
                  if (trainAttempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("out of memory (first attempt)");
                  }
                  Thread.sleep(50);
                }),
            new DagRunner.Step("report", List.of("train"), 1, ctx -> {}));
    InProcessExecutor executor = new InProcessExecutor(8);
    try (Instance flux =
        Instance.builder(VirtualClusters.tiny()).executor(executor).queuePolicy("easy").build()) {
      flux.addListener(
          (id, e, state) -> {
            if (e.name().equals("alloc") || state == JobState.INACTIVE) {
              out.printf("%-8s %-7s %s%n", flux.info(id).name(), e.name(), state);
            }
          });
      Map<String, DagRunner.StepReport> report =
          new DagRunner(flux, 2).run(dag).get(60, TimeUnit.SECONDS);
      report.forEach(
          (step, r) ->
              out.printf(
                  "%-8s %s after %d attempt(s)%s%n",
                  step,
                  r.outcome(),
                  r.attempts().size(),
                  r.error().isEmpty() ? "" : ": " + r.error()));
      boolean ok =
          report.values().stream().allMatch(r -> r.outcome() == DagRunner.Outcome.COMPLETED);
      return ok ? 0 : 1;
    } finally {
      executor.close();
    }
  }
}
