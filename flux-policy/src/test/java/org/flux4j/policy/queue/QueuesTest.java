package org.flux4j.policy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.flux4j.policy.jobspec.FluxDuration;
import org.junit.jupiter.api.Test;

class QueuesTest {
  @Test
  void anonymous_takesJobsWithoutQueueOnly() {
    Queues q = Queues.anonymous(QueueConfig.of("ignored", "fcfs"));
    assertThat(q.isNamed()).isFalse();
    assertThat(q.route(null)).get().extracting(QueueConfig::policy).isEqualTo("fcfs");
    assertThat(q.route("batch")).isEmpty();
    assertThat(q.unknownQueueMessage("batch")).contains("only the anonymous queue");
  }

  @Test
  void named_routesToNamedOrDefault() {
    QueueConfig debug =
        new QueueConfig(
            "debug",
            List.of("debug"),
            new QueueLimits(2, -1, -1, -1, 1800),
            "fcfs",
            QueueParams.DEFAULTS);
    QueueConfig batch = QueueConfig.of("batch", "easy");
    Queues q = Queues.named(List.of(debug, batch), "batch");
    assertThat(q.route(null)).contains(batch);
    assertThat(q.route("debug")).contains(debug);
    assertThat(q.route("nope")).isEmpty();
    assertThat(q.unknownQueueMessage("nope"))
        .isEqualTo("queue 'nope' does not exist (queues: debug, batch)");
    assertThat(q.route("debug").get().newPolicy().name()).isEqualTo("fcfs");
  }

  @Test
  void named_severalQueuesNeedAValidDefault() {
    List<QueueConfig> two = List.of(QueueConfig.of("a", "fcfs"), QueueConfig.of("b", "easy"));
    assertThatThrownBy(() -> Queues.named(two, null)).hasMessageContaining("must be the default");
    assertThatThrownBy(() -> Queues.named(two, "c")).hasMessageContaining("'c' is not configured");
    assertThat(Queues.named(List.of(QueueConfig.of("a", "fcfs")), null).defaultQueue())
        .isEqualTo("a");
    assertThatThrownBy(
            () ->
                Queues.named(
                    List.of(QueueConfig.of("a", "fcfs"), QueueConfig.of("a", "easy")), "a"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> QueueConfig.of("x", "sjf"))
        .hasMessageContaining("unknown queue policy");
  }

  @Test
  void limits_reportTheFirstViolation() {
    QueueLimits l = new QueueLimits(4, 64, 2, 1, 3600);
    assertThat(l.violation(2, 32, 0, 60)).isEmpty();
    assertThat(l.violation(5, 32, 0, 60)).contains("requested nodes (5) exceeds the limit of 4");
    assertThat(l.violation(0, 32, 0, 60)).contains("requested nodes (0) is below the minimum of 1");
    assertThat(l.violation(1, 65, 0, 60)).contains("requested cores (65) exceeds the limit of 64");
    assertThat(l.violation(1, 1, 3, 60)).contains("requested gpus (3) exceeds the limit of 2");
    assertThat(l.violation(1, 1, 0, 7200))
        .contains("requested duration (7200s) exceeds the limit of 3600s");
    assertThat(l.violation(1, 1, 0, 0))
        .contains("requested duration (unlimited) exceeds the limit of 3600s");
    assertThat(QueueLimits.NONE.violation(1000, 1000, 1000, 0)).isEmpty();
  }

  @Test
  void fluxDuration_parsesRfc23() {
    assertThat(FluxDuration.parseSeconds("30")).isEqualTo(30);
    assertThat(FluxDuration.parseSeconds("30s")).isEqualTo(30);
    assertThat(FluxDuration.parseSeconds("1.5m")).isEqualTo(90);
    assertThat(FluxDuration.parseSeconds("2h")).isEqualTo(7200);
    assertThat(FluxDuration.parseSeconds("1d")).isEqualTo(86400);
    assertThat(FluxDuration.parseSeconds("inf")).isInfinite();
    assertThatThrownBy(() -> FluxDuration.parseSeconds("-1")).hasMessageContaining("'-1'");
    assertThatThrownBy(() -> FluxDuration.parseSeconds("5w")).hasMessageContaining("'5w'");
    assertThatThrownBy(() -> FluxDuration.parseSeconds(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
