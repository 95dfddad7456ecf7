package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * The {@code stable_ties=true} policy option (a flux4j extension): candidates with equal scores are
 * taken in the order the traversal meets them, not in the order of Fluxion's {@code std::sort}.
 */
class StableTiesTest {
  private static ResourceQuery query(ResourceGraph g, String policy) {
    return ResourceQuery.create(g, ResourceQuery.Options.builder().policy(policy).build());
  }

  /** The core of a one-core match, as "node rank/core id". */
  private static String core(ResourceGraph g, MatchResult r) {
    ResourceSet s = r.resourceSet().orElseThrow();
    for (int i = 0; i < s.size(); i++) {
      int v = s.vertex(i);
      if (g.type(v).equals("core")) {
        return g.id(g.parent(v)) + "/" + g.id(v);
      }
    }
    throw new AssertionError("no core in the match");
  }

  private static List<String> oneCoreAtATime(ResourceGraph g, String policy) {
    ResourceQuery rq = query(g, policy);
    List<String> cores = new ArrayList<>();
    for (long id = 1; ; id++) {
      MatchResult r = rq.match(MatchOp.ALLOCATE, Clusters.slots(1, 1, 100), id);
      if (!r.isSuccess()) {
        return cores;
      }
      cores.add(core(g, r));
      rq.checkInvariants();
    }
  }

  @Test
  void high_equalScores_takenInTraversalOrder() {
    // 9 nodes of 8 cores: every node's core 7 scores the same, so 9-way ties at each step
    int[] shape = new int[9];
    java.util.Arrays.fill(shape, 8);
    ResourceGraph g = Clusters.flat(shape);
    List<String> expected = new ArrayList<>();
    for (int core = 7; core >= 0; core--) {
      for (int node = 0; node < 9; node++) {
        expected.add(node + "/" + core);
      }
    }
    assertThat(oneCoreAtATime(g, "policy=high stable_ties=true")).isEqualTo(expected);
    // Fluxion's std::sort leaves 72 tied candidates in another order (it is what makes the
    // option worth having, and what shows it is in effect)
    assertThat(oneCoreAtATime(g, "high")).isNotEqualTo(expected);
  }

  @Test
  void fewCandidates_sameAsFluxion() {
    // std::sort of at most 16 candidates is an insertion sort, which is stable
    ResourceGraph g = Clusters.flat(new int[] {4, 4, 4, 4});
    assertThat(oneCoreAtATime(g, "policy=low stable_ties=true"))
        .isEqualTo(oneCoreAtATime(g, "low"));
    assertThat(oneCoreAtATime(g, "policy=high stable_ties=true"))
        .isEqualTo(oneCoreAtATime(g, "high"));
  }

  @Test
  void noTies_sameAsFluxion() {
    // node-centric scores differ from core to core: the option changes nothing
    SplittableRandom rnd = new SplittableRandom(7);
    for (int c = 0; c < 20; c++) {
      ResourceGraph g = Clusters.flat(Clusters.randomShape(rnd, 12, 10));
      for (String p : List.of("lonode", "hinode")) {
        String custom = MatchPolicies.builtinEquivalents().get(p) + " stable_ties=true";
        assertThat(oneCoreAtATime(g, custom))
            .as("%s case %d", p, c)
            .isEqualTo(oneCoreAtATime(g, p));
      }
    }
  }

  @Test
  void badValue_isRejectedWithTheOption() {
    assertThatThrownBy(() -> MatchPolicies.byName("policy=high stable_ties=yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stable_ties");
    assertThat(MatchPolicies.byName("policy=high stable_ties=true").stableTies()).isTrue();
    assertThat(MatchPolicies.byName("policy=high stable_ties=false").stableTies()).isFalse();
    assertThat(MatchPolicies.byName("high").stableTies()).isFalse();
  }
}
