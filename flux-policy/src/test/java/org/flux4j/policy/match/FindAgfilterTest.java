package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/** {@code find ... agfilter=t}: only vertices with an aggregate filter plan are reported. */
class FindAgfilterTest {

  private static ResourceQuery query() {
    return ResourceQuery.create(
        Clusters.sockets(2, 4),
        ResourceQuery.Options.builder().policy("low").pruneFilters("ALL:core").build());
  }

  private static List<String> types(ResourceSet s) {
    ResourceGraph g = s.graph();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      out.add(g.type(s.vertex(i)));
    }
    return out;
  }

  @Test
  void find_agfilter_leavesOutVerticesWithoutAFilterPlan() {
    ResourceSet s = query().find("agfilter=t");
    assertThat(types(s))
        .containsExactly("socket", "socket", "node", "socket", "socket", "node", "cluster");
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.ephemeral(i)).containsKey("agfilter.core");
    }
    assertThat(s.edgeCount()).isEqualTo(6);
  }

  @Test
  void find_agfilter_readsUsageAtTheGivenTime_orAtZeroWhenNothingIsUsedThen() {
    // Fluxion reads the usage at the wall clock, and at time 0 when nothing is used then
    ResourceQuery rq = query();
    ResourceRequest oneCore60 =
        ResourceRequest.of(
            60, ResourceRequest.Item.slot(1, "s", ResourceRequest.Item.of("core", 1)));
    ResourceRequest oneCoreForever =
        ResourceRequest.of(
            0, ResourceRequest.Item.slot(1, "s", ResourceRequest.Item.of("core", 1)));
    long wallClock = 1_765_000_000L;
    rq.match(MatchOp.ALLOCATE, oneCore60, 1, 0);
    assertThat(rootAgfilter(rq.find("agfilter=t", wallClock))).isEqualTo("used:1, total:16");
    rq.match(MatchOp.ALLOCATE, oneCoreForever, 2, 0);
    assertThat(rootAgfilter(rq.find("agfilter=t"))).isEqualTo("used:2, total:16");
    assertThat(rootAgfilter(rq.find("agfilter=t", wallClock))).isEqualTo("used:1, total:16");
  }

  @Test
  void find_agfilter_tracksLeafTypesOfTheDominantSubsystemOnly() {
    // a "power" leaf that exists only in the power subsystem is never met by Fluxion's priming
    // walk, so it is not tracked at the cluster; a containment leaf type (memory) is
    org.flux4j.graph.GraphBuilder b = ClusterBuilder.nodes(1).cores(1).memory(4, "GB").unbuilt();
    int panel = b.addVertex("powerpanel", "powerpanel", 0, -1, 1, "");
    b.root(panel, "power");
    int power = b.addVertex("power", "power", 0, -1, 10, "KW");
    b.edge(panel, power, "power", "supplies_to");
    b.pathParent(power, "power", panel);
    ResourceQuery rq =
        ResourceQuery.create(
            b.build(), ResourceQuery.Options.builder().pruneFilters("ALL:core").build());
    ResourceSet s = rq.find("agfilter=t");
    int last = s.size() - 1;
    assertThat(s.graph().type(s.vertex(last))).isEqualTo("cluster");
    assertThat(s.ephemeral(last)).containsKeys("agfilter.core", "agfilter.memory");
    assertThat(s.ephemeral(last)).doesNotContainKey("agfilter.power");
  }

  private static String rootAgfilter(ResourceSet s) {
    int last = s.size() - 1;
    assertThat(s.graph().type(s.vertex(last))).isEqualTo("cluster");
    return s.ephemeral(last).get("agfilter.core");
  }

  @Test
  void find_withoutAgfilter_stillReportsEveryVertex() {
    ResourceSet s = query().find("status=up");
    assertThat(types(s)).hasSize(1 + 2 * (1 + 2 * (1 + 4 + 1)));
  }

  @Test
  void find_agfilterWithJob_reportsOnlyPlansHoldingThatJob() {
    ResourceQuery rq = query();
    ResourceRequest wholeNode =
        ResourceRequest.of(
            3600,
            ResourceRequest.Item.of(
                "node",
                1,
                ResourceRequest.Item.slot(
                    1,
                    "default",
                    ResourceRequest.Item.of("socket", 2, ResourceRequest.Item.of("core", 4)))));
    assertThat(rq.match(MatchOp.ALLOCATE, wholeNode, 1)).isInstanceOf(MatchResult.Allocated.class);
    ResourceSet s = rq.find("jobid-alloc=1 agfilter=t");
    assertThat(types(s)).containsExactly("socket", "socket", "node", "cluster");
    assertThat(s.ephemeral(2)).containsEntry("agfilter.core", "used:8, total:8");
    ResourceSet all = rq.find("agfilter=t");
    assertThat(types(all)).hasSize(7);
    assertThat(all.ephemeral(6)).containsEntry("agfilter.core", "used:8, total:16");
  }
}
