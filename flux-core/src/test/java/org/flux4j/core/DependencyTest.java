package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DependencyTest {
  private final VirtualClock clock = new VirtualClock(1_000_000);
  private Instance instance;

  @BeforeEach
  void start() {
    instance =
        Instance.builder(ClusterBuilder.nodes(4).cores(1).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .build();
  }

  @AfterEach
  void close() {
    instance.close();
  }

  private static JobRequest.Builder job(long seconds) {
    return JobRequest.builder().runtime(Duration.ofSeconds(seconds));
  }

  private long time(JobId id, String event) {
    return instance.eventlog(id).stream()
        .filter(e -> e.name().equals(event))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " has no " + event + " event"))
        .timestamp();
  }

  private JobId failing() {
    JobId f = instance.submit(job(100).duration(Duration.ofSeconds(10)).build());
    return f;
  }

  @Test
  void afterany_waitsForInactive_whateverTheResult() {
    JobId a = failing();
    JobId b = instance.submit(job(5).dependency("afterany:" + a).build());
    clock.runUntilIdle();
    assertThat(instance.info(a).result()).contains(JobResult.TIMEOUT);
    assertThat(instance.info(b).eventNames())
        .startsWith("submit", "validate", "dependency-add", "dependency-remove", "depend");
    assertThat(instance.eventlog(b).get(2).context())
        .containsEntry("description", "afterany=" + a.decimal());
    assertThat(time(b, "dependency-remove")).isEqualTo(time(a, "clean"));
    assertThat(instance.info(b).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void afterok_satisfiedBySuccess_failsOnFailure() {
    JobId ok = instance.submit(job(10).build());
    JobId bad = failing();
    JobId afterOk = instance.submit(job(1).dependency("afterok:" + ok.f58()).build());
    JobId afterBad = instance.submit(job(1).dependency("afterok:" + bad.dothex()).build());
    clock.runUntilIdle();
    assertThat(time(afterOk, "alloc")).isEqualTo(1_010_000);
    assertThat(instance.info(afterOk).result()).contains(JobResult.COMPLETED);
    JobInfo f = instance.info(afterBad);
    assertThat(f.result()).contains(JobResult.FAILED);
    assertThat(f.eventNames())
        .containsExactly("submit", "validate", "dependency-add", "exception", "clean");
    assertThat(f.eventlog().get(3).context()).containsEntry("type", "dependency");
  }

  @Test
  void afternotok_satisfiedByFailure_failsOnSuccess() {
    JobId ok = instance.submit(job(10).build());
    JobId bad = failing();
    JobId afterOk = instance.submit(job(1).dependency("afternotok:" + ok).build());
    JobId afterBad = instance.submit(job(1).dependency("afternotok:" + bad.words()).build());
    clock.runUntilIdle();
    assertThat(instance.info(afterOk).result()).contains(JobResult.FAILED);
    assertThat(instance.info(afterOk).error().orElseThrow()).contains("completed successfully");
    assertThat(instance.info(afterBad).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void afterstart_satisfiedAtStart_failsIfNeverStarted() {
    JobId a = instance.submit(job(50).build());
    JobId b = instance.submit(job(1).dependency("afterstart:" + a).build());
    JobId held = instance.submit(job(1).urgency(0).build());
    JobId c = instance.submit(job(1).dependency("after:" + held).build());
    clock.advanceBy(1_000);
    assertThat(time(b, "alloc")).isEqualTo(time(a, "start"));
    assertThat(instance.state(c)).isEqualTo(JobState.DEPEND);
    instance.cancel(held);
    clock.runUntilIdle();
    assertThat(instance.info(c).result()).contains(JobResult.FAILED);
    assertThat(instance.info(c).error().orElseThrow()).contains("never started");
  }

  @Test
  void afterexcept_satisfiedByException_failsWithout() {
    JobId ok = instance.submit(job(10).build());
    JobId bad = failing();
    JobId afterOk = instance.submit(job(1).dependency("afterexcept:" + ok).build());
    JobId afterBad = instance.submit(job(1).dependency("afterexcept:" + bad).build());
    clock.runUntilIdle();
    assertThat(instance.info(afterOk).result()).contains(JobResult.FAILED);
    assertThat(instance.info(afterBad).result()).contains(JobResult.COMPLETED);
  }

  @Test
  void dependencyOnInactiveJob_isResolvedAtSubmit() {
    JobId ok = instance.submit(job(1).build());
    clock.runUntilIdle();
    JobId b = instance.submit(job(1).dependency("afterok:" + ok).build());
    JobId c = instance.submit(job(1).dependency("afternotok:" + ok).build());
    clock.runUntilIdle();
    assertThat(instance.info(b).eventNames()).doesNotContain("dependency-add");
    assertThat(instance.info(b).result()).contains(JobResult.COMPLETED);
    assertThat(instance.info(c).eventNames())
        .containsExactly("submit", "validate", "exception", "clean");
  }

  @Test
  void beginTime_releasesAtThatTime() {
    JobId a = instance.submit(job(1).dependency("begin-time:1060.5").build());
    JobId past = instance.submit(job(1).dependency("begin-time:10").build());
    clock.runUntilIdle();
    assertThat(time(a, "dependency-add")).isEqualTo(1_000_000);
    assertThat(instance.eventlog(a).get(2).context())
        .containsEntry("description", "begin-time=1060.5");
    assertThat(time(a, "dependency-remove")).isEqualTo(1_060_500);
    assertThat(time(a, "alloc")).isEqualTo(1_060_500);
    assertThat(instance.info(past).eventNames()).doesNotContain("dependency-add");
  }

  @Test
  void singleton_runsOneNamedJobAtATime() {
    JobId a = instance.submit(job(10).name("x").build());
    JobId b = instance.submit(job(10).name("x").dependency("singleton").build());
    JobId c = instance.submit(job(10).name("x").dependency("singleton").build());
    JobId other = instance.submit(job(10).name("y").dependency("singleton").build());
    clock.runUntilIdle();
    assertThat(time(a, "alloc")).isEqualTo(1_000_000);
    assertThat(time(other, "alloc")).isEqualTo(1_000_000);
    assertThat(time(b, "alloc")).isEqualTo(1_010_000);
    assertThat(time(c, "alloc")).isEqualTo(1_020_000);
    assertThat(instance.info(other).eventNames()).doesNotContain("dependency-add");
  }

  @Test
  void badDependencies_areRejectedAtSubmit() {
    assertThatThrownBy(() -> instance.submit(job(1).dependency("afterok:\u0192zzz").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such job");
    assertThatThrownBy(() -> instance.submit(job(1).dependency("afterwards:1").build()))
        .hasMessageContaining("unknown scheme 'afterwards'");
    assertThatThrownBy(() -> instance.submit(job(1).dependency("afterok:").build()))
        .hasMessageContaining("needs a job id");
    assertThatThrownBy(() -> instance.submit(job(1).dependency("begin-time:soon").build()))
        .hasMessageContaining("begin-time needs seconds");
    assertThatThrownBy(() -> instance.submit(job(1).dependency("afterok:notanid").build()))
        .hasMessageContaining("job id 'notanid'");
  }

  @Test
  void chain_runsInOrder() {
    JobId prev = instance.submit(job(3).build());
    JobId first = prev;
    for (int i = 0; i < 5; i++) {
      prev = instance.submit(job(3).dependency("afterok:" + prev).build());
    }
    clock.runUntilIdle();
    assertThat(time(first, "alloc")).isEqualTo(1_000_000);
    assertThat(time(prev, "alloc")).isEqualTo(1_015_000);
  }
}
