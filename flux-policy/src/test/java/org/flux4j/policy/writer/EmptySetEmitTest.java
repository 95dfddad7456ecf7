package org.flux4j.policy.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.api.Test;

/**
 * Fluxion's match_allocate emits after every traversal, also after one that selected nothing (busy,
 * unsatisfiable, a satisfiability check): the writer then emits what it still holds. An empty set
 * plays that emit here. Checked against Fluxion's resource-query (regression cases
 * case-fix2-rv1-failed-emit-sticks, case-fix2-rlite-satisfiability,
 * case-fix2-jgf-shorthand-enoent).
 */
class EmptySetEmitTest {
  /** cluster0 -> node0 (rank -1) -> core0. */
  private static ResourceGraph rankless() {
    return ClusterBuilder.nodes(1).nodeRanks(-1).cores(1).build();
  }

  @Test
  void afterANegativeRank_anEmptySetFailsAgain_inEveryRliteBasedWriter() {
    ResourceGraph g = rankless();
    ResourceSet s =
        Fixtures.set(g, "/cluster0/node0/core0[1:x]", "/cluster0/node0[1:x]", "/cluster0[1:s]");
    ResourceSet empty = ResourceSet.builder(g).build();
    for (String name : List.of("rlite", "rv1", "rv1_nosched", "rv1_shorthand")) {
      MatchWriter w = MatchWriters.require(name);
      assertThat(w.format(s)).as(name).isEmpty();
      assertThat(w.lastError()).as(name).isEqualTo("Invalid argument");
      assertThat(w.format(empty)).as(name).isEmpty();
      assertThat(w.lastError()).as(name + ", empty set").isEqualTo("Invalid argument");
    }
  }

  @Test
  void onAFreshWriter_anEmptySetWritesNothing_andOnlyRliteFails() {
    ResourceSet empty = ResourceSet.builder(VirtualClusters.tiny()).build();
    for (String name : Fixtures.FLUXION_WRITERS) {
      MatchWriter w = MatchWriters.require(name);
      assertThat(w.format(empty)).as(name).isEmpty();
      assertThat(w.lastError()).as(name).isEqualTo(name.equals("rlite") ? "Invalid argument" : "");
    }
  }

  @Test
  void aOneSidedJgfDocument_failsAgainOnAnEmptySet_thenIsWrittenWithTheNextSet() {
    ResourceGraph g = VirtualClusters.tiny();
    MatchWriter w = MatchWriters.require("jgf");
    assertThat(w.format(Fixtures.set(g, "/tiny0[1:s]"))).isEmpty();
    assertThat(w.lastError()).isEqualTo("No such file or directory");
    assertThat(w.format(ResourceSet.builder(g).build())).isEmpty();
    assertThat(w.lastError()).isEqualTo("No such file or directory");
    String next = w.format(Fixtures.set(g, "/tiny0/rack0[1:s]", "/tiny0[1:s]"));
    assertThat(w.lastError()).isEmpty();
    assertThat(next).startsWith("{\"graph\": {\"nodes\": [{\"id\": \"0\"");
  }

  @Test
  void aMemoryOnlyMatch_isHeldByRv1_andAnEmptySetWritesNothing() {
    ResourceGraph g = VirtualClusters.tiny();
    MatchWriter rv1 = MatchWriters.require("rv1");
    ResourceSet memOnly =
        Fixtures.set(
            g,
            "/tiny0/rack0/node0/socket0/memory0[2:x]",
            "/tiny0/rack0/node0/socket0[1:s]",
            "/tiny0/rack0/node0[1:s]");
    assertThat(rv1.format(memOnly)).isEmpty();
    assertThat(rv1.format(ResourceSet.builder(g).build())).isEmpty();
    assertThat(rv1.lastError()).isEmpty();
  }
}
