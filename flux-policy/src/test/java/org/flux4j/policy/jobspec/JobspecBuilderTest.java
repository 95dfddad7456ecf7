package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JobspecBuilderTest {
  @Test
  void builder_slotsWithCoresAndGpus_equalsTheParsedText() {
    Jobspec built =
        Jobspec.builder()
            .slot(4, s -> s.core(2).gpu(1))
            .duration(3600)
            .constraints(Constraint.properties("^slow"))
            .build();
    String yaml =
        "version: 9999\n"
            + "resources:\n"
            + "  - type: slot\n"
            + "    count: 4\n"
            + "    label: task\n"
            + "    with:\n"
            + "      - {type: core, count: 2}\n"
            + "      - {type: gpu, count: 1}\n"
            + "tasks:\n"
            + "  - {command: [], slot: task, count: {per_slot: 1}}\n"
            + "attributes:\n"
            + "  system:\n"
            + "    duration: 3600\n"
            + "    constraints: {properties: [\"^slow\"]}\n";
    assertThat(built).isEqualTo(Jobspec.parse(yaml, "t"));
    assertThat(built.totalCount("core")).isEqualTo(8);
    assertThat(built.totalCount("gpu")).isEqualTo(4);
  }

  @Test
  void cores_nSlotsOfOneCore() {
    Jobspec js = Jobspec.cores(6);
    assertThat(js.totalCount("core")).isEqualTo(6);
    assertThat(js.slot().orElseThrow().count()).isEqualTo(Count.exactly(6));
    assertThat(js.tasks().get(0).slot()).isEqualTo("task");
    assertThat(js.duration()).isZero();
  }

  @Test
  void wholeNodes_exclusiveNodesWithOneSlot() {
    Jobspec js = Jobspec.wholeNodes(3, 16);
    Resource node = js.resources().get(0);
    assertThat(node.type()).isEqualTo("node");
    assertThat(node.isExclusive()).isTrue();
    assertThat(node.count()).isEqualTo(Count.exactly(3));
    assertThat(js.totalCount("core")).isEqualTo(48);
    assertThat(js.totalCount("slot")).isEqualTo(3);
  }

  @Test
  void builder_nestedTypesUnitsLabelsAndAttributes() {
    Jobspec js =
        Jobspec.builder()
            .version(1)
            .resource(
                "cluster",
                Count.exactly(1),
                c ->
                    c.with(
                        "rack",
                        Count.range(1, 2),
                        r ->
                            r.node(
                                2,
                                n ->
                                    n.socket(
                                        2,
                                        s ->
                                            s.slot(1, t -> t.label("x").core(4).memory(8, "GB"))))))
            .task(Task.total(List.of("hostname"), "x", 5))
            .queue("debug")
            .cwd("/tmp")
            .environment("A", "1")
            .systemAttribute("priority", 16L)
            .userAttribute("note", "hi")
            .build();
    assertThat(js.version()).isEqualTo(1);
    assertThat(js.walk())
        .extracting(Resource::type)
        .containsExactly("cluster", "rack", "node", "socket", "slot", "core", "memory");
    assertThat(js.slot().orElseThrow().label()).isEqualTo("x");
    assertThat(js.totalCount("core")).isEqualTo(16);
    assertThat(js.totalCount("memory")).isEqualTo(32);
    assertThat(js.walk().get(6).unit()).isEqualTo("GB");
    assertThat(js.tasks().get(0).total()).hasValue(5);
    assertThat(js.queue()).isEqualTo("debug");
    assertThat(js.attributes().system().cwd()).isEqualTo("/tmp");
    assertThat(js.attributes().system().environment()).containsEntry("A", "1");
    assertThat(js.attributes().system().other()).containsEntry("priority", 16L);
    assertThat(js.attributes().user()).containsEntry("note", "hi");
  }

  @Test
  void builder_misuse_isRefusedWithAHint() {
    assertThatThrownBy(() -> Jobspec.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slot(");
    assertThatThrownBy(() -> Jobspec.builder().node(1, n -> n.core(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no slot");
    assertThatThrownBy(() -> Jobspec.builder().duration(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jobspec.builder().version(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jobspec.builder().systemAttribute("duration", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration(");
    assertThatThrownBy(() -> Jobspec.builder().slot(1, s -> s.label("")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labeled");
  }

  @Test
  void validateV1_acceptsTheV1Shapes() {
    Jobspec slotCore = Jobspec.builder().version(1).slot(2, s -> s.core(2)).duration(0).build();
    assertThat(slotCore.validateV1()).isSameAs(slotCore);
    Jobspec nodeSlotCoreGpu =
        Jobspec.builder()
            .version(1)
            .node(2, n -> n.exclusive(true).slot(1, s -> s.core(4).gpu(1)))
            .duration(60)
            .build();
    assertThat(nodeSlotCoreGpu.validateV1()).isSameAs(nodeSlotCoreGpu);
  }

  @Test
  void validateV1_refusesCanonicalOnlyShapes() {
    assertThatThrownBy(
            () -> Jobspec.builder().slot(1, s -> s.core(1)).duration(1).build().validateV1())
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("/version");
    assertThatThrownBy(
            () -> Jobspec.builder().version(1).slot(1, s -> s.core(1)).build().validateV1())
        .hasMessageContaining("duration");
    assertNotV1(b -> b.slot(1, s -> s.gpu(1)), "/resources/0/with");
    assertNotV1(b -> b.slot(1, s -> s.socket(1, k -> k.core(1))), "/resources/0/with/0");
    assertNotV1(b -> b.slot(1, s -> s.count(Count.range(1, 4)).core(1)), "/resources/0/count");
    assertNotV1(
        b -> b.resource("socket", Count.exactly(1), k -> k.slot(1, s -> s.core(1))),
        "node or a slot");
    assertNotV1(
        b -> b.slot(1, s -> s.core(1)).task(Task.perSlot(List.of("a"), "task", 2)), "per_slot");
    assertNotV1(
        b -> b.slot(1, s -> s.core(1)).task(Task.perSlot(List.of("a"), "other", 1)),
        "/tasks/0/slot");
  }

  /**
   * A version-1 jobspec of duration 1 that {@code spec} fills in is refused by {@code validateV1}
   * with a message holding {@code problem}.
   */
  private static void assertNotV1(Consumer<JobspecBuilder> spec, String problem) {
    JobspecBuilder b = Jobspec.builder().version(1).duration(1);
    spec.accept(b);
    assertThatThrownBy(() -> b.build().validateV1())
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining(problem);
  }
}
