package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.api.Test;

/**
 * {@code find names=HOSTLIST} reads the hostlist with flux-graph's {@link
 * org.flux4j.graph.io.Hostlist}, as Fluxion's {@code hostlist_decode} + {@code hostlist_find}.
 */
class FindNamesTest {
  // VirtualClusters.small(): rack0 with node0..node7
  private static final ResourceQuery RQ =
      ResourceQuery.create(VirtualClusters.small(), ResourceQuery.Options.builder().build());

  private static List<String> nodes(ResourceSet s) {
    ResourceGraph g = s.graph();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (g.type(s.vertex(i)).equals("node")) {
        out.add(g.name(s.vertex(i)));
      }
    }
    return out;
  }

  @Test
  void find_names_perRangeWidthAndSpaceSeparatedHosts() {
    assertThat(nodes(RQ.find("names=node[01-02,3]"))).containsExactly("node3");
    assertThat(nodes(RQ.find("names=node[1-2]"))).containsExactly("node1", "node2");
    assertThat(nodes(RQ.find("names=node[6-7],node0"))).containsExactly("node0", "node6", "node7");
  }

  @Test
  void find_badHostlist_isAnInvalidCriteria() {
    assertThatThrownBy(() -> RQ.find("names=node[3-1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("find: invalid criteria")
        .hasRootCauseMessage(
            "bad hostlist \"node[3-1]\" at position 5: range 3-1 is descending;"
                + " use node[1-3] instead");
  }
}
