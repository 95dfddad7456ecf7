package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * A cancel whose walk fails partway, as Fluxion's does after a removal left stale span ids in an
 * aggregate (rq-diff seed 481978, case-481978): at the vertex where the aggregate's removal fails,
 * Fluxion's mod_dfv has already taken the job's tag and exclusivity span, and stops before its
 * mod_plan, so the job's plan span stays there and keeps the vertex's units held over its window.
 */
class FailedCancelTest {

  /** zone (exclusive) -> slot (at least one) -> pfs -> bandwidth (exclusive), for 1,330 s. */
  private static ResourceRequest zoneOfBandwidth() {
    String yaml =
        String.join(
            "\n",
            "version: 9999",
            "resources:",
            "  - type: zone",
            "    count: 1",
            "    exclusive: true",
            "    with:",
            "      - type: slot",
            "        count: {min: 1}",
            "        label: default",
            "        with:",
            "          - type: pfs",
            "            count: 1",
            "            with:",
            "              - type: bandwidth",
            "                count: 1",
            "                exclusive: true",
            "attributes:",
            "  system:",
            "    duration: 1330",
            "tasks:",
            "  - command: [ \"app\" ]",
            "    slot: default",
            "    count:",
            "      per_slot: 1",
            "");
    return ResourceRequest.from(org.flux4j.policy.jobspec.Jobspec.parse(yaml, "zone.yaml"));
  }

  @Test
  void aVertexWhereTheCancelStopped_keepsThePlanSpan_andIsLeftOutOfTheNextBooking() {
    ResourceGraph g = TestSupport.grug("coarse_iobw.graphml");
    ResourceQuery rq =
        ResourceQuery.create(g, ResourceQuery.Options.builder().policy("lonode").build());
    ResourceRequest zone = zoneOfBandwidth();
    assertThat(rq.match(MatchOp.ALLOCATE_WITH_SATISFIABILITY, zone, 1))
        .isInstanceOf(MatchResult.Allocated.class);
    for (long id = 2; id <= 5; id++) {
      assertThat(rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, zone, id, 0))
          .isInstanceOf(MatchResult.Reserved.class);
    }
    assertThat(rq.shrink("/cz0/pfsbw_test0/rack5/node95/socket0/core3")).isTrue();
    assertThat(rq.cancel(5)).isEqualTo(CancelStatus.FAILED);
    int cluster = g.vertexByPath("/cz0/pfsbw_test0").getAsInt();
    MatchResult next = rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, zone, 6, 0);
    assertThat(next).isInstanceOf(MatchResult.Reserved.class);
    ResourceSet set = next.resourceSet().orElseThrow();
    assertThat(set.startTime()).isEqualTo(5320);
    // Fluxion's upd_plan refuses the cluster (its planner is full over the window): not emitted
    assertThat(contains(set, cluster)).isFalse();
    assertThat(contains(set, g.vertexByPath("/cz0/pfs0").getAsInt())).isTrue();
    rq.checkInvariants();
  }

  /** Whether {@code set} holds {@code v}. */
  private static boolean contains(ResourceSet set, int v) {
    for (int i = 0; i < set.size(); i++) {
      if (set.vertex(i) == v) {
        return true;
      }
    }
    return false;
  }
}
