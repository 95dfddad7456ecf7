package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.RSubgraph;
import org.flux4j.graph.io.Rv1ExecReader;
import org.flux4j.policy.writer.MatchWriters;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceQuery#updateRefusal}: the vertex at which Fluxion's reader of R's format (JGF or
 * rv1exec) refuses an update, the first in R's order whose own plan holds units over the window.
 */
class UpdateRefusalTest {
  /** Job 1's R (cluster, node, one core taken exclusively) after it is allocated on {@code q}. */
  private static RSubgraph allocateOneCore(ResourceQuery q) {
    MatchResult r = q.match(MatchOp.ALLOCATE, Clusters.slots(1, 1, 10), 1, 0);
    assertThat(r).isInstanceOf(MatchResult.Allocated.class);
    String jgf = MatchWriters.require("jgf").format(r.resourceSet().orElseThrow());
    return RSubgraph.read(q.graph(), "r", jgf, GraphFormat.JGF);
  }

  @Test
  void allocatedCore_refusesOverItsWindowOnly() {
    ResourceQuery q = ResourceQuery.create(Clusters.flat(new int[] {2}));
    RSubgraph r = allocateOneCore(q);
    // the core R takes (the first policy picks the last one)
    String core = "";
    for (int v = 0; v < r.graph().vertexLimit(); v++) {
      if (r.graph().isLive(v) && r.graph().type(v).equals("core")) {
        core = r.graph().name(v);
      }
    }
    assertThat(core).startsWith("core");
    String held = "update_vtx_plan: can't add span into " + core + ".";
    assertThat(q.updateRefusal(r, 0, 5)).contains(held);
    assertThat(q.updateRefusal(r, 9, 100)).contains(held);
    assertThat(q.updateRefusal(r, 10, 5)).isEmpty();
    // the window is cut at the horizon rather than refused
    assertThat(q.updateRefusal(r, 0, Long.MAX_VALUE)).contains(held);
    // on a machine where nothing is held, the same R is not refused
    ResourceQuery idle = ResourceQuery.create(Clusters.flat(new int[] {2}));
    assertThat(idle.updateRefusal(r, 0, 5)).isEmpty();
  }

  @Test
  void emptyWindow_isRefused() {
    ResourceQuery q = ResourceQuery.create(Clusters.flat(new int[] {2}));
    RSubgraph r = allocateOneCore(q);
    assertThatThrownBy(() -> q.updateRefusal(r, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> q.updateRefusal(r, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rv1execR_isRefusedInItsReadersWords() {
    String graph =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-1\", \"children\":"
            + " {\"core\": \"0-1\"}}], \"nodelist\": [\"node[0-1]\"]}}";
    ResourceQuery q =
        ResourceQuery.create(
            Rv1ExecReader.read(
                "graph", new ByteArrayInputStream(graph.getBytes(StandardCharsets.UTF_8))));
    String core1 =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"1\", \"children\":"
            + " {\"core\": \"1\"}}], \"nodelist\": [\"node1\"]}}";
    RSubgraph r = RSubgraph.read(q.graph(), "r", core1, GraphFormat.RV1EXEC);
    assertThat(q.updateRefusal(r, 0, 5)).isEmpty();
    assertThat(q.update(1, r, 0, 10, false)).isInstanceOf(MatchResult.Allocated.class);
    // the core R names is busy: the child's message, then its caller's
    assertThat(q.updateRefusal(r, 5, 5))
        .contains(
            "update_vertex: core1 is unavailable.\nunpack_child: failed unpacking child for core1.\n");
    assertThat(q.updateRefusal(r, 10, 5)).isEmpty();
    // R naming both cores of node1 takes it whole; another R naming the node is refused at it
    String whole = core1.replace("\"core\": \"1\"", "\"core\": \"0-1\"");
    RSubgraph node = RSubgraph.read(q.graph(), "r", whole, GraphFormat.RV1EXEC);
    assertThat(q.update(2, node, 20, 10, false)).isInstanceOf(MatchResult.Allocated.class);
    assertThat(q.updateRefusal(r, 25, 1))
        .contains(
            "update_vertex: node1 is unavailable.\nunpack_rank: failed unpacking rank for node1.\n");
  }
}
