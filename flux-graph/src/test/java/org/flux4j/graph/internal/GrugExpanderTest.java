package org.flux4j.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrugExpanderTest {

  @Test
  void pathPrefix_stripsUplevelComponents() {
    assertThat(GrugExpander.pathPrefix("/power0/rack0/node3", 1)).isEqualTo("/power0/rack0/");
    assertThat(GrugExpander.pathPrefix("/power0/rack0/pdu0", 1)).isEqualTo("/power0/rack0/");
    assertThat(GrugExpander.pathPrefix("/power0/rack0/node3", 2)).isEqualTo("/power0/");
  }

  @Test
  void pathPrefix_tooFewLevels_isEmpty() {
    assertThat(GrugExpander.pathPrefix("/power0", 1)).isEmpty();
    assertThat(GrugExpander.pathPrefix("", 1)).isEmpty();
  }

  @Test
  void pathPrefix_zeroUplevel_isWholePathWithSlash() {
    assertThat(GrugExpander.pathPrefix("/a/b", 0)).isEqualTo("/a/b/");
  }
}
