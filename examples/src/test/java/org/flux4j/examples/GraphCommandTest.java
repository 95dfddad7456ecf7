package org.flux4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  private final Cli cli = new Cli();

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void graph_presetJson_reportsCounts() throws Exception {
    int rc = run("graph", "--preset", "tiny", "--json");

    assertThat(rc).isZero();
    JsonNode o = new ObjectMapper().readTree(cli.out());
    assertThat(o.get("vertices").asInt()).isEqualTo(100);
    assertThat(o.get("edges").asInt()).isEqualTo(99);
    assertThat(o.get("ranks").asInt()).isEqualTo(2);
    assertThat(o.get("by_type").get("core").asInt()).isEqualTo(72);
    assertThat(o.get("by_subsystem").get("containment").get("edges").asInt()).isEqualTo(99);
    assertThat(o.has("load_seconds")).isTrue();
    assertThat(o.has("heap_bytes")).isTrue();
  }

  @Test
  void graph_grugFile_readsIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("two.graphml");
    Files.writeString(
        f,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
            + "<key id=\"root\" for=\"node\" attr.name=\"root\" attr.type=\"int\"/>"
            + "<key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>"
            + "<key id=\"basename\" for=\"node\" attr.name=\"basename\" attr.type=\"string\"/>"
            + "<key id=\"ms\" for=\"edge\" attr.name=\"multi_scale\" attr.type=\"int\"/>"
            + "<graph edgedefault=\"directed\">"
            + "<node id=\"c\"><data key=\"root\">1</data><data key=\"type\">cluster</data>"
            + "<data key=\"basename\">c</data></node>"
            + "<node id=\"n\"><data key=\"type\">node</data><data key=\"basename\">n</data></node>"
            + "<edge source=\"c\" target=\"n\"><data key=\"ms\">2</data></edge>"
            + "</graph></graphml>");

    int rc = run("graph", f.toString());

    assertThat(rc).isZero();
    assertThat(cli.out()).contains("vertices:     3").contains("ranks:        2");
  }

  @Test
  void graph_missingFile_failsWithOneLine() {
    int rc = run("graph", "/no/such/file.graphml");

    assertThat(rc).isEqualTo(1);
    assertThat(cli.err()).contains("no such file").hasLineCount(1);
  }

  @Test
  void graph_badFile_failsWithOneLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.graphml");
    Files.writeString(f, "<graphml><graph>");

    int rc = run("graph", f.toString());

    assertThat(rc).isEqualTo(1);
    assertThat(cli.err()).contains("bad.graphml").hasLineCount(1);
  }

  @Test
  void graph_fileAndPreset_isAUsageError() {
    int rc = run("graph", "x.graphml", "--preset", "tiny");

    assertThat(rc).isEqualTo(2);
  }
}
