package org.flux4j.policy.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.policy.match.ResourceSet;
import org.junit.jupiter.api.Test;

class MatchWritersTest {

  @Test
  void byName_knowsFluxionsFormats() {
    assertThat(MatchWriters.names()).startsWith(Fixtures.FLUXION_WRITERS.toArray(new String[0]));
    for (String n : MatchWriters.names()) {
      assertThat(MatchWriters.byName(n)).get().extracting(MatchWriter::name).isEqualTo(n);
    }
  }

  @Test
  void byName_unknown_isEmptyAndRequireExplains() {
    assertThat(MatchWriters.byName("yaml")).isEmpty();
    assertThat(MatchWriters.byName("JGF")).isEmpty();
    assertThatThrownBy(() -> MatchWriters.require("yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"yaml\"")
        .hasMessageContaining("rv1_shorthand");
  }

  @Test
  void byName_returnsAFreshInstanceEachTime() {
    assertThat(MatchWriters.require("jgf_shorthand"))
        .isNotSameAs(MatchWriters.require("jgf_shorthand"));
  }

  @Test
  void register_addsACustomFormat() {
    MatchWriters.register(
        "count",
        () ->
            new MatchWriter() {
              @Override
              public String name() {
                return "count";
              }

              @Override
              public void write(ResourceSet set, StringBuilder out) {
                out.append(set.size()).append('\n');
              }
            });
    ResourceGraph g = VirtualClusters.tiny();
    assertThat(MatchWriters.require("count").format(Fixtures.set(g, "/tiny0[1:s]")))
        .isEqualTo("1\n");
    assertThatThrownBy(() -> MatchWriters.register("", () -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void write_toAppendable_matchesStringBuilder() throws IOException {
    ResourceGraph g = VirtualClusters.tiny();
    ResourceSet s = Fixtures.set(g, "/tiny0/rack0[1:s]", "/tiny0[1:s]");
    StringBuilder viaAppendable = new StringBuilder();
    MatchWriters.require("simple").write(s, (Appendable) viaAppendable);
    assertThat(viaAppendable.toString()).isEqualTo("      ------rack0[1:s]\n      ---tiny0[1:s]\n");
  }
}
