package org.flux4j.policy.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Laws every built-in writer keeps. */
class MatchWriterContractTest {
  private static final String N1 = "/tiny0/rack0/node1";

  private static ResourceSet job(ResourceGraph g) {
    return Fixtures.set(
        g,
        N1 + "/socket1/core35[1:x]",
        N1 + "/socket1/gpu1[1:x]",
        N1 + "/socket1/memory7[2:x]",
        N1 + "/socket1[1:x]",
        N1 + "[1:s]",
        "/tiny0/rack0[1:s]",
        "/tiny0[1:s]");
  }

  @ParameterizedTest
  @MethodSource("org.flux4j.policy.writer.Fixtures#fluxionWriters")
  void writer_keepsTheLaws(String name) {
    ResourceGraph g = VirtualClusters.tiny();
    MatchWriter w = MatchWriters.require(name);
    assertThat(w.name()).isEqualTo(name);
    assertThat(w.format(ResourceSet.builder(g).build())).as("empty set").isEmpty();

    String once = w.format(job(g));
    assertThat(once).isNotEmpty().endsWith("\n");
    if (!name.contains("simple")) {
      assertThat(once.indexOf('\n')).as("one line").isEqualTo(once.length() - 1);
    }
    assertThat(MatchWriters.require(name).format(job(g))).as("deterministic").isEqualTo(once);
    assertThat(once).doesNotContain("\r").doesNotContain("\t");
    assertThat(w.format(ResourceSet.builder(g).build())).as("empty set after use").isEmpty();
  }
}
