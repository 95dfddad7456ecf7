package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/** The power subsystem as the dominant subsystem ({@code -S PA}). */
class PowerDominantTest {
  @Test
  void powerDominant_matchesAlongPowerEdges_andRecordsTheSubsystem() {
    ResourceGraph g = TestSupport.grug("power.graphml");
    ResourceQuery rq =
        ResourceQuery.create(
            g, ResourceQuery.Options.builder().policy("high").subsystems("PA").build());
    // pdus exist only in the power subsystem: a containment walk could not find one
    ResourceRequest req =
        ResourceRequest.of(
            60,
            ResourceRequest.Item.of(
                "pdu", 1, ResourceRequest.Item.of("power", 1).withExclusive(true)));
    MatchResult r = rq.match(MatchOp.ALLOCATE, req, 1);
    assertThat(r).isInstanceOf(MatchResult.Allocated.class);
    ResourceSet s = r.resourceSet().orElseThrow();
    assertThat(s.dominantSubsystem()).isEqualTo(g.subsystemId("power"));
    boolean pdu = false;
    for (int i = 0; i < s.size(); i++) {
      pdu |= g.type(s.vertex(i)).equals("pdu");
    }
    assertThat(pdu).isTrue();
    rq.checkInvariants();
  }

  @Test
  void otherDominantSubsystems_areStillRefused() {
    ResourceGraph g = TestSupport.grug("power.graphml");
    assertThatThrownBy(
            () ->
                ResourceQuery.create(g, ResourceQuery.Options.builder().subsystems("IBA").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IBA");
  }
}
