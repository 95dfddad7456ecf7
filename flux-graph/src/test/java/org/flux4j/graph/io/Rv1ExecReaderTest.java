package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rv1ExecReaderTest {
  private static final String DIR = "t/data/resource/rv1exec/";

  @ParameterizedTest
  @CsvSource({
    "tiny_rv1exec.json, 43, 42, 4, 23, 43, 42",
    "tiny_rv1exec_2-1.json, 43, 42, 4, 22, 22, 42",
    "tiny_rv1exec_2-1_split.json, 23, 22, 4, 22, 22, 22",
  })
  void read_conformanceFiles_matchFluxionCounts(
      String file, long v, long e, long types, long names, long paths, long ranked) {
    ResourceGraph g = Rv1ExecReader.read(FormatsTestData.file(DIR + file));
    assertThat(FormatsTestData.counts(g)).containsExactly(v, e, types, names, paths, ranked);
    ResourceGraph viaFacade =
        GraphReaders.read(FormatsTestData.file(DIR + file), GraphFormat.RV1EXEC_FORCE);
    assertThat(FormatsTestData.counts(viaFacade))
        .containsExactly(v, e, types, names, paths, ranked);
  }

  @Test
  void read_tiny_namesIdsRanksAndOrder() {
    ResourceGraph g = Rv1ExecReader.read(FormatsTestData.file(DIR + "tiny_rv1exec.json"));
    assertThat(g.name(0)).isEqualTo("cluster0");
    assertThat(g.rank(0)).isEqualTo(-1);
    assertThat(g.name(1)).isEqualTo("node0");
    assertThat(g.rank(1)).isEqualTo(0);
    assertThat(g.name(2)).isEqualTo("core0");
    assertThat(g.path(17)).isEqualTo("/cluster0/node0/core15");
    assertThat(g.path(18)).isEqualTo("/cluster0/node0/gpu0");
    assertThat(g.path(22)).isEqualTo("/cluster0/node1");
    assertThat(g.rank(42)).isEqualTo(1);
    assertThat(g.path(42)).isEqualTo("/cluster0/node1/gpu3");
    assertThat(g.uniqId(42)).isEqualTo(42);
  }

  @Test
  void read_hostsWithoutSuffix_shareTheirPathAcrossRanks() {
    ResourceGraph g = Rv1ExecReader.read(FormatsTestData.file(DIR + "tiny_rv1exec_2-1.json"));
    assertThat(g.name(1)).isEqualTo("node");
    assertThat(g.id(1)).isEqualTo(-1);
    assertThat(g.path(22)).isEqualTo("/cluster0/node");
    assertThat(g.rank(22)).isEqualTo(1);
  }

  private static ResourceGraph parse(String json) {
    return Rv1ExecReader.read(
        "r.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_propertiesAndRankOrder_followR() {
    ResourceGraph g =
        parse(
            "{\"version\": 1, \"execution\": {\"R_lite\": ["
                + "{\"rank\": \"7\", \"children\": {\"gpu\": \"1\", \"core\": \"2-3\"}},"
                + "{\"rank\": \"3\", \"children\": {\"core\": \"0\"}}],"
                + " \"nodelist\": [\"fluke[03,010]\"], \"properties\": {\"amd\": \"7\", \"big\": \"3,7\"},"
                + " \"starttime\": 0, \"expiration\": 10}}");
    // rank 7 is the second rank in ascending order, so it gets the second host
    assertThat(g.name(1)).isEqualTo("fluke010");
    assertThat(g.id(1)).isEqualTo(10);
    assertThat(g.basename(1)).isEqualTo("fluke");
    assertThat(g.rank(1)).isEqualTo(7);
    assertThat(g.properties(1)).containsOnlyKeys("amd", "big").containsEntry("amd", "");
    assertThat(g.name(2)).isEqualTo("gpu1");
    assertThat(g.name(3)).isEqualTo("core2");
    assertThat(g.name(5)).isEqualTo("fluke03");
    assertThat(g.id(5)).isEqualTo(3);
    assertThat(g.properties(5)).containsOnlyKeys("big");
    assertThat(g.properties(2)).isEmpty();
  }

  @Test
  void readPreferringScheduling_usesCompleteJgfButNotShorthand(@TempDir Path dir)
      throws IOException {
    String jgf =
        "{\"graph\": {\"nodes\": [{\"id\": \"0\", \"metadata\": {\"type\": \"cluster\","
            + " \"paths\": {\"containment\": \"/c0\"}}}], \"edges\": []}}";
    String exec =
        "\"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\": \"0\"}}],"
            + " \"nodelist\": [\"n0\"]}";
    Path full = dir.resolve("full.json");
    Files.writeString(full, "{\"version\": 1, " + exec + ", \"scheduling\": " + jgf + "}");
    assertThat(Rv1ExecReader.readPreferringScheduling(full).vertexCount()).isEqualTo(1);
    assertThat(Rv1ExecReader.read(full).vertexCount()).isEqualTo(3);
    Path shorthand = dir.resolve("short.json");
    Files.writeString(
        shorthand,
        "{\"version\": 1, "
            + exec
            + ", \"scheduling\": {\"writer\": \"fluxion:jgf_shorthand\", \"graph\": {}}}");
    assertThat(Rv1ExecReader.readPreferringScheduling(shorthand).vertexCount()).isEqualTo(3);
    Path other = dir.resolve("other.json");
    Files.writeString(
        other, "{\"version\": 1, " + exec + ", \"scheduling\": {\"writer\": \"x:y\"}}");
    assertThatThrownBy(() -> Rv1ExecReader.readPreferringScheduling(other))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("/scheduling/writer");
  }

  private static void assertBad(String json, String pointer, String problem) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("r.json: " + pointer)
        .hasMessageContaining(problem);
  }

  private static final String OK =
      "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0-1\", \"children\":"
          + " {\"core\": \"0-1\"}}], \"nodelist\": [\"n[0-1]\"]}}";

  @Test
  void read_badInput_namesSourcePointerAndProblem() {
    assertThat(parse(OK).vertexCount()).isEqualTo(7);
    assertBad(OK.replace("\"version\": 1", "\"version\": 2"), "/version", "unsupported R version");
    assertBad(
        OK.replace("\"0-1\", \"children\"", "\"1-0\", \"children\""),
        "/execution/R_lite/0/rank",
        "bad idset");
    assertBad(OK.replace("\"0-1\"}", "\"x\"}"), "/execution/R_lite/0/children/core", "bad idset");
    assertBad(OK.replace("n[0-1]", "n0"), "/execution/nodelist", "too few");
    // two hosts of the same name are fine on different ranks, but one rank cannot come twice
    assertThat(parse(OK.replace("n[0-1]", "n0,n0")).vertexCount()).isEqualTo(7);
    assertBad(
        OK.replace(
            "[{\"rank\": \"0-1\"", "[{\"rank\": \"0\", \"children\": {}}, {\"rank\": \"0-1\""),
        "/execution/R_lite/1",
        "duplicate vertex /cluster0/n0 of rank 0");
    assertBad(
        OK.replace("\"nodelist\": [\"n[0-1]\"]", "\"nodelist\": \"n0\""),
        "/execution/nodelist",
        "array");
    assertBad("{\"version\": 1, \"execution\": {\"R_lite\": [}}", "line 1", "malformed JSON");
  }
}
