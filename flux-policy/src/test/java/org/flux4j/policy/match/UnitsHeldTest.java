package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceQuery#unitsHeld}: what a vertex's own plan holds over a window, as Fluxion's
 * readers ask it of the vertices an update names.
 */
class UnitsHeldTest {
  @Test
  void allocatedCore_isHeldOverItsWindowOnly() {
    ResourceQuery q = ResourceQuery.create(Clusters.flat(new int[] {2}));
    MatchResult r = q.match(MatchOp.ALLOCATE, Clusters.slots(1, 1, 10), 1, 0);
    assertThat(r).isInstanceOf(MatchResult.Allocated.class);
    ResourceGraph g = q.graph();
    ResourceSet set = r.resourceSet().orElseThrow();
    int taken = -1;
    int free = -1;
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.type(v).equals("core")) {
        boolean in = false;
        for (int i = 0; i < set.size(); i++) {
          in |= set.vertex(i) == v;
        }
        if (in) {
          taken = v;
        } else {
          free = v;
        }
      }
    }
    assertThat(q.unitsHeld(taken, 0, 5)).isEqualTo(1);
    assertThat(q.unitsHeld(taken, 9, 100)).isEqualTo(1);
    assertThat(q.unitsHeld(taken, 10, 5)).isZero();
    assertThat(q.unitsHeld(free, 0, 5)).isZero();
    // the window is cut at the horizon rather than refused
    assertThat(q.unitsHeld(taken, 0, Long.MAX_VALUE)).isEqualTo(1);
  }

  @Test
  void emptyWindowOrUnknownVertex_isRefused() {
    ResourceQuery q = ResourceQuery.create(Clusters.flat(new int[] {2}));
    assertThatThrownBy(() -> q.unitsHeld(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> q.unitsHeld(0, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> q.unitsHeld(q.graph().vertexLimit(), 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
