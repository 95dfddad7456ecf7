package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.graph.internal.PruneFilters;
import org.junit.jupiter.api.Test;

/**
 * {@link PruneConfig} reads its spec through flux-graph's {@link PruneFilters} (the one parser):
 * same errors, same registration, plus Fluxion's implicit leaf filters at cluster vertices.
 */
class PruneConfigTest {
  private static final ResourceGraph TINY = VirtualClusters.tiny();

  @Test
  void badSpec_failsWithThePlannersErrorText() {
    assertThatThrownBy(() -> new PruneConfig(TINY, "ALL:core,node", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(PruneFilters.RESOURCE_QUERY_ERROR + ": ")
        .hasMessageContaining("pair 2 \"node\" has no ':'");
  }

  @Test
  void leafTypesNoFilterNames_areTrackedAtClusterVertices() {
    PruneConfig p = new PruneConfig(TINY, "ALL:core", 0);
    // tiny's leaves are cores, gpus and memory pools: gpu and memory are added at cluster
    assertThat(names(p, p.myPruningTypes("cluster"))).containsExactly("gpu", "memory", "core");
    assertThat(names(p, p.myPruningTypes("node"))).containsExactly("core");
    assertThat(names(p, p.myPruningTypes("core"))).isEmpty();
    assertThat(p.pruneIndexOfName("core")).isZero();
    assertThat(p.count()).isEqualTo(3);
  }

  @Test
  void trackedOrder_isFluxionsInterningOrder_withTheGraphFirst() {
    PruneConfig p = new PruneConfig(TINY, "ALL:zeta,ALL:memory,ALL:core,ALL:alpha", 0);
    // start-up types (core, gpu), then the graph's (memory), then the filters' own in their order
    assertThat(names(p, p.myPruningTypes("rack")))
        .containsExactly("core", "memory", "zeta", "alpha");
  }

  private static String[] names(PruneConfig p, int[] indices) {
    String[] out = new String[indices.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.name(indices[i]);
    }
    return out;
  }
}
