package org.flux4j.policy.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flux4j.fixtures.FluxionExpected;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.api.Test;

class SimpleMatchWriterTest {
  private static final String N = "/tiny0/rack0/node";

  @Test
  void simple_basics001_matchesFluxionByteForByte() {
    ResourceGraph g = VirtualClusters.tiny();
    List<String> expected = FluxionExpected.segments("basics/001.R.out");
    MatchWriter w = MatchWriters.require("simple");
    assertThat(w.format(Fixtures.coreJob(g, 1, 35))).isEqualTo(expected.get(0));
    assertThat(w.format(Fixtures.coreJob(g, 1, 17))).isEqualTo(expected.get(1));
    assertThat(w.format(Fixtures.coreJob(g, 0, 35))).isEqualTo(expected.get(2));
    assertThat(w.format(Fixtures.coreJob(g, 0, 17))).isEqualTo(expected.get(3));
  }

  @Test
  void simple_poolCountsAndSharedMode() {
    assertThat(
            Fixtures.formatOnTiny(
                "simple", N + "0/socket1/memory5[2:x]", N + "0/socket1[1:s]", N + "0[1:s]"))
        .isEqualTo(
            "      ---------------memory5[2:x]\n"
                + "      ------------socket1[1:s]\n"
                + "      ---------node0[1:s]\n");
  }

  @Test
  void prettySimple_satisfiability003_isTheReverseOrderWithWords() {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet s =
        Fixtures.set(
            g,
            N + "0/socket0/core0[1:x]",
            N + "0/socket0[1:s]",
            N + "0/socket1/core18[1:x]",
            N + "0/socket1[1:s]",
            N + "0[1:s]",
            N + "1/socket0/core0[1:x]",
            N + "1/socket0[1:s]",
            N + "1/socket1/core18[1:x]",
            N + "1/socket1[1:s]",
            N + "1[1:s]",
            "/tiny0/rack0[1:s]",
            "/tiny0[1:s]");
    List<String> expected = FluxionExpected.segments("satisfiability/003.R.out");
    assertThat(MatchWriters.require("pretty_simple").format(s)).isEqualTo(expected.get(0));
  }

  @Test
  void levelShift_indentsTheEntriesAddedAfterIt() {
    // Fluxion's traverser keeps its level counter for life: an update that failed at a vertex
    // leaves it one deeper, so the entries emitted after that are indented one level more
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet.Builder b = ResourceSet.builder(g);
    b.add(g.vertexByPath(N + "0/socket0/core0").getAsInt(), 1, true);
    b.levelShift(1);
    b.add(g.vertexByPath(N + "0").getAsInt(), 1, false);
    b.levelShift(2);
    b.add(g.vertexByPath("/tiny0").getAsInt(), 1, false);
    ResourceSet s = b.build();
    assertThat(s.levelShift(0)).isZero();
    assertThat(s.levelShift(2)).isEqualTo(2);
    assertThat(MatchWriters.require("simple").format(s))
        .isEqualTo(
            "      ---------------core0[1:x]\n"
                + "      ------------node0[1:s]\n"
                + "      ---------tiny0[1:s]\n");
  }

  @Test
  void emptySet_writesNothing() {
    ResourceSet empty = ResourceSet.builder(VirtualClusters.tiny()).build();
    for (String name : Fixtures.FLUXION_WRITERS) {
      assertThat(MatchWriters.require(name).format(empty)).as(name).isEmpty();
    }
  }
}
