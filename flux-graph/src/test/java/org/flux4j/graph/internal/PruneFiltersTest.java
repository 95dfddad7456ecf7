package org.flux4j.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PruneFiltersTest {

  @Test
  void parse_default_tracksCoreAndNodeEverywhereButTheirOwnType() {
    PruneFilters f = PruneFilters.DEFAULT;
    assertThat(f.pruningTypes()).containsExactly("core", "node");
    assertThat(f.trackedTypes("rack")).containsExactly("core", "node");
    assertThat(f.trackedTypes("node")).containsExactly("core");
    assertThat(f.trackedTypes("core")).containsExactly("node");
    assertThat(f.toString()).isEqualTo("ALL:core,ALL:node");
  }

  @Test
  void parse_anchoredPairs() {
    PruneFilters f = PruneFilters.parse("rack:node,cluster:core,rack:core");
    assertThat(f.trackedTypes("rack")).containsExactly("core", "node");
    assertThat(f.trackedTypes("cluster")).containsExactly("core");
    assertThat(f.trackedTypes("node")).isEmpty();
    assertThat(f.isPruningType("node")).isTrue();
    assertThat(f.isPruningType("gpu")).isFalse();
  }

  @Test
  void parse_allAfterAnchor_movesTheTypeToAll() {
    PruneFilters f = PruneFilters.parse("rack:core,ALL:core");
    assertThat(f.anchors().get("rack")).isEmpty();
    assertThat(f.trackedTypes("rack")).containsExactly("core");
    assertThat(f).isEqualTo(PruneFilters.parse("ALL:core"));
  }

  @Test
  void parse_anchorAfterAll_isIgnored() {
    PruneFilters f = PruneFilters.parse("ALL:core,rack:core,rack:node");
    assertThat(f.anchors().get("rack")).containsExactly("node");
    assertThat(f.trackedTypes("rack")).containsExactly("node", "core");
  }

  @Test
  void parse_whitespaceIsRemovedAndColonSplitsOnce() {
    PruneFilters f = PruneFilters.parse(" ALL : co re ,rack:a:b");
    assertThat(f.trackedTypes("x")).containsExactly("core");
    assertThat(f.anchors().get("rack")).containsExactly("a:b");
  }

  @Test
  void parse_typesOrderedLikeFluxionInternIds() {
    PruneFilters f = PruneFilters.parse("ALL:memory,ALL:node,ALL:gpu,ALL:core");
    assertThat(f.trackedTypes("rack")).containsExactly("core", "gpu", "node", "memory");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``        | has no ':'",
        "core      | pair 1 \"core\" has no ':'",
        "ALL:core, | pair 2 \"\" has no ':'",
        "`ALL: `   | empty low-level type",
        ":core     | empty high-level type",
      })
  void parse_badSpecs_areRejectedWithThePair(String spec, String problem) {
    assertThatThrownBy(() -> PruneFilters.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void resourceQueryError_isFluxionsText() {
    assertThat(PruneFilters.RESOURCE_QUERY_ERROR)
        .isEqualTo("initialize_matchers_and_traversers: ERROR: can't set pruning filters");
  }

  @Test
  void parse_errors_startWithFluxionsText_andSayHowToFix() {
    assertThatThrownBy(() -> PruneFilters.parse("core"))
        .hasMessage(
            PruneFilters.RESOURCE_QUERY_ERROR
                + ": prune filters \"core\": pair 1 \"core\" has no ':'; write HL:LL pairs"
                + " separated by commas, e.g. ALL:core,rack:node");
    assertThatThrownBy(() -> PruneFilters.parse("rack:"))
        .hasMessageEndingWith("has an empty low-level type; name both, e.g. rack:core");
  }

  @Test
  void trackedTypes_onAGraph_internsTheGraphsTypesBeforeFilterOnlyTypes() {
    // Fluxion reads the graph before the filters: its types are interned first, in reading order
    GraphBuilder b = ResourceGraph.builder();
    int c = b.addVertex("cluster", "cluster", 0, -1, 1, "");
    b.root(c, Subsystems.CONTAINMENT);
    int bb = b.addVertex("burst_buffer", "bb0", 0, -1, 1, "");
    b.contain(c, bb);
    b.contain(c, b.addVertex("memory", "memory0", 0, -1, 16, ""));
    ResourceGraph g = b.build();
    PruneFilters f = PruneFilters.parse("ALL:zeta,ALL:memory,ALL:alpha,ALL:burst_buffer,ALL:core");
    assertThat(f.trackedTypes("rack", g))
        .containsExactly("core", "burst_buffer", "memory", "zeta", "alpha");
    assertThat(f.trackedTypes("rack"))
        .containsExactly("core", "zeta", "memory", "alpha", "burst_buffer");
  }

  @Test
  void register_onlyOnAMutableCopy() {
    assertThatThrownBy(() -> PruneFilters.DEFAULT.register("cluster", "gpu"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("register into mutableCopy() instead");
    PruneFilters copy = PruneFilters.DEFAULT.mutableCopy();
    copy.register("cluster", "gpu");
    assertThat(copy.trackedTypes("cluster")).containsExactly("gpu", "core", "node");
    assertThat(PruneFilters.DEFAULT.trackedTypes("cluster")).containsExactly("core", "node");
  }

  @Test
  void none_tracksNothing() {
    assertThat(PruneFilters.none().pruningTypes()).isEmpty();
    assertThat(PruneFilters.none().trackedTypes("cluster")).isEmpty();
  }
}
