package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.junit.jupiter.api.Test;

class RSelectionsTest {
  private static final String CLUSTER =
      "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-1\", \"children\": {\"core\":"
          + " \"0-3\"}}], \"nodelist\": [\"node[0-1]\"], \"starttime\": 0, \"expiration\": 0}}";

  @Test
  void read_rv1exec_addsSharedAncestors_andKeepsTargetIds() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    String r =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"1\", \"children\": {\"core\":"
            + " \"0-1\"}}], \"nodelist\": [\"node1\"], \"starttime\": 0, \"expiration\": 10}}";
    RSelections.Selected s = RSelections.read(target, r, GraphFormat.RV1EXEC);
    ResourceGraph g = s.graph();
    assertThat(g.vertexCount()).isEqualTo(4);
    assertThat(g.path(0)).isEqualTo("/cluster0");
    assertThat(g.path(1)).isEqualTo("/cluster0/node1");
    assertThat(g.path(3)).isEqualTo("/cluster0/node1/core1");
    assertThat(s.exclusive().test(0)).isFalse();
    assertThat(s.exclusive().test(1)).isFalse();
    assertThat(s.exclusive().test(2)).isTrue();
    assertThat(s.exclusive().test(3)).isTrue();
    for (int v = 0; v < 4; v++) {
      int t = target.vertexByPath(g.path(v)).getAsInt();
      assertThat(g.uniqId(v)).isEqualTo(target.uniqId(t));
      assertThat(g.rank(v)).isEqualTo(target.rank(t));
    }
  }

  @Test
  void read_wholeRank_makesTheNodeExclusive() {
    ResourceGraph target = GraphReaders.read(CLUSTER, "cluster", GraphFormat.RV1EXEC);
    String r =
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\":"
            + " \"0-3\"}}], \"nodelist\": [\"node0\"], \"starttime\": 0, \"expiration\": 10}}";
    RSelections.Selected s = RSelections.read(target, r, GraphFormat.RV1EXEC);
    assertThat(s.graph().vertexCount()).isEqualTo(6);
    assertThat(s.exclusive().test(1)).isTrue();
  }
}
