package org.flux4j.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flux4j.testing.FluxAssertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flux4j.core.Instance;
import org.flux4j.core.JobResult;
import org.flux4j.core.exec.InProcessExecutor;
import org.flux4j.core.exec.InProcessTask;
import org.flux4j.examples.embed.DagRunner.Outcome;
import org.flux4j.examples.embed.DagRunner.Step;
import org.flux4j.examples.embed.DagRunner.StepReport;
import org.flux4j.testing.VirtualClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding example: a DAG on an instance with in-process tasks and the system clock. */
class DagRunnerTest {
  private InProcessExecutor executor;
  private Instance flux;

  @BeforeEach
  void start() {
    executor = new InProcessExecutor(8);
    flux =
        Instance.builder(VirtualClusterExtension.customCluster(2, 8, 0))
            .executor(executor)
            .queuePolicy("easy")
            .build();
  }

  @AfterEach
  void stop() {
    flux.close();
    executor.close();
  }

  private static final InProcessTask NAP = ctx -> Thread.sleep(5);

  private Map<String, StepReport> run(int attempts, List<Step> dag) throws Exception {
    return new DagRunner(flux, attempts).run(dag).get(30, TimeUnit.SECONDS);
  }

  @Test
  void diamond_runsEachStepAfterItsParents() throws Exception {
    Map<String, StepReport> r =
        run(
            1,
            List.of(
                new Step("d", List.of("b", "c"), 1, NAP),
                new Step("b", List.of("a"), 8, NAP),
                new Step("c", List.of("a"), 8, NAP),
                new Step("a", List.of(), 8, NAP)));
    assertThat(r.keySet()).containsExactly("d", "b", "c", "a");
    assertThat(r.values()).allMatch(s -> s.outcome() == Outcome.COMPLETED);
    var a = flux.info(r.get("a").attempts().get(0));
    var b = flux.info(r.get("b").attempts().get(0));
    var c = flux.info(r.get("c").attempts().get(0));
    var d = flux.info(r.get("d").attempts().get(0));
    assertThat(a).isCompleted().ranBefore(b).ranBefore(c);
    assertThat(b).ranBefore(d);
    assertThat(c).ranBefore(d);
  }

  @Test
  void aFailingStep_isRetried_withTheStepsBelowIt() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Map<String, StepReport> r =
        run(
            3,
            List.of(
                new Step("a", List.of(), 1, NAP),
                new Step(
                    "flaky",
                    List.of("a"),
                    1,
                    ctx -> {
                      if (tries.incrementAndGet() < 3) {
                        throw new IllegalStateException("try " + tries.get());
                      }
                    }),
                new Step("below", List.of("flaky"), 1, NAP),
                new Step("further", List.of("below"), 1, NAP)));
    assertThat(r.values()).allMatch(s -> s.outcome() == Outcome.COMPLETED);
    assertThat(r.get("a").attempts()).hasSize(1);
    assertThat(r.get("flaky").attempts()).hasSize(3);
    assertThat(r.get("below").attempts()).hasSize(3);
    assertThat(r.get("further").attempts()).hasSize(3);
    assertThat(flux.info(r.get("flaky").attempts().get(0)))
        .hasResult(JobResult.FAILED)
        .hasEvent("finish");
    assertThat(flux.info(r.get("below").attempts().get(0))).hasResult(JobResult.FAILED);
    assertThat(flux.info(r.get("below").attempts().get(0)).error().orElseThrow())
        .contains("dependency afterok");
    assertThat(flux.info(r.get("flaky").attempts().get(2)))
        .isCompleted()
        .ranBefore(flux.info(r.get("below").attempts().get(2)));
  }

  @Test
  void aStepFailingForGood_skipsWhatIsBelow_andTheRestCompletes() throws Exception {
    Map<String, StepReport> r =
        run(
            2,
            List.of(
                new Step("root", List.of(), 1, NAP),
                new Step(
                    "broken",
                    List.of("root"),
                    1,
                    ctx -> {
                      throw new IllegalStateException("always");
                    }),
                new Step("below", List.of("broken"), 1, NAP),
                new Step("side", List.of("root"), 1, NAP)));
    assertThat(r.get("broken").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.get("broken").attempts()).hasSize(2);
    assertThat(r.get("broken").error()).contains("always");
    assertThat(r.get("below").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(r.get("side").outcome()).isEqualTo(Outcome.COMPLETED);
    // the skipped step's job may still be ending (its dependency exception is being applied)
    // when the runner has settled: nothing is left behind once the instance drains
    flux.drainJobs().get(10, TimeUnit.SECONDS);
    assertThat(flux.activeJobs()).isZero();
  }

  @Test
  void anUnsatisfiableStep_failsAtOnce_withoutRetries() throws Exception {
    Map<String, StepReport> r = run(3, List.of(new Step("huge", List.of(), 9, NAP)));
    assertThat(r.get("huge").outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.get("huge").attempts()).hasSize(1);
    assertThat(r.get("huge").error()).contains("unsatisfiable");
  }

  @Test
  void badDags_areRefused_beforeAnythingIsSubmitted() {
    DagRunner runner = new DagRunner(flux, 1);
    assertThatThrownBy(
            () ->
                runner.run(
                    List.of(
                        new Step("a", List.of("b"), 1, NAP), new Step("b", List.of("a"), 1, NAP))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle");
    assertThatThrownBy(
            () -> new DagRunner(flux, 1).run(List.of(new Step("a", List.of("zz"), 1, NAP))))
        .hasMessageContaining("'zz', which is not a step");
    assertThatThrownBy(
            () ->
                new DagRunner(flux, 1)
                    .run(
                        List.of(
                            new Step("a", List.of(), 1, NAP), new Step("a", List.of(), 1, NAP))))
        .hasMessageContaining("two steps are named 'a'");
    assertThat(flux.jobs()).isEmpty();
  }

  @Test
  void example_runsToTheEnd_andSaysSo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int rc = DagExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(rc).as(out).isZero();
    assertThat(out)
        .contains("train    COMPLETED after 2 attempt(s)")
        .contains("report   COMPLETED after 2 attempt(s)")
        .contains("fetch    COMPLETED after 1 attempt(s)");
  }
}
