package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.flux4j.fixtures.GraphmlText;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrugReaderBadInputTest {
  private static final String KEYS =
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          + "<key id=\"root\" for=\"node\" attr.name=\"root\" attr.type=\"int\">"
          + "<default>0</default></key>\n"
          + "<key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
          + "<key id=\"basename\" for=\"node\" attr.name=\"basename\" attr.type=\"string\"/>\n"
          + "<key id=\"size\" for=\"node\" attr.name=\"size\" attr.type=\"long\">"
          + "<default>1</default></key>\n"
          + "<key id=\"gen_method\" for=\"edge\" attr.name=\"gen_method\" attr.type=\"string\">"
          + "<default>MULTIPLY</default></key>\n"
          + "<key id=\"multi_scale\" for=\"edge\" attr.name=\"multi_scale\" attr.type=\"int\">"
          + "<default>1</default></key>\n"
          + "<graph id=\"g\" edgedefault=\"directed\">\n"; // lines 1-8

  private static String node(String id, String type, boolean root) {
    return GraphmlText.node(id, type, root) + "\n";
  }

  private static String edge(String s, String t, String data) {
    return "<edge source=\"" + s + "\" target=\"" + t + "\">" + data + "</edge>\n";
  }

  private static String recipe(String body) {
    return KEYS + body + "</graph></graphml>\n";
  }

  private static GraphParseException refused(String xml) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> GrugReader.read(xml, "bad.graphml"));
    assertThat(t).isInstanceOf(GraphParseException.class);
    GraphParseException e = (GraphParseException) t;
    assertThat(e.source()).isEqualTo("bad.graphml");
    assertThat(e.getMessage()).startsWith("bad.graphml: ");
    return e;
  }

  @Test
  void read_wellFormedRecipe_loads() {
    ResourceGraph g =
        GrugReader.read(
            recipe(
                node("c", "cluster", true)
                    + node("n", "node", false)
                    + edge("c", "n", "<data key=\"multi_scale\">3</data>")),
            "good.graphml");

    assertThat(g.vertexCount()).isEqualTo(4);
  }

  @Test
  void read_malformedXml_namesLine() {
    GraphParseException e =
        refused(KEYS + node("c", "cluster", true) + "<node id=\"x\">\n</graph>");

    assertThat(e.location()).hasValueSatisfying(l -> assertThat(l).startsWith("line "));
    assertThat(e.problem()).startsWith("malformed XML");
  }

  @Test
  void read_externalEntity_isNotResolved() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + recipe(node("c", "cluster", true) + node("n", "&x;", false) + edge("c", "n", ""));

    GraphParseException e = refused(xml);

    assertThat(e.getMessage()).doesNotContain("root:");
  }

  @Test
  void read_missingType_namesVertexAndLine() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + "<node id=\"n\"><data key=\"basename\">n</data></node>\n"
                + edge("c", "n", ""));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 10");
    assertThat(e.problem()).contains("'n'").contains("no type");
  }

  @Test
  void read_undeclaredKey_isRefused() {
    String xml = recipe(node("c", "cluster", true) + edge("c", "c", "<data key=\"zzz\">1</data>"));

    assertThat(refused(xml).problem()).contains("undeclared key 'zzz'");
  }

  @Test
  void read_unknownAttributeName_isRefused() {
    String xml =
        KEYS.replace(
                "<graph ",
                "<key id=\"w\" for=\"node\" attr.name=\"weight\" attr.type=\"int\"/>\n<graph ")
            + node("c", "cluster", true).replace("</node>", "<data key=\"w\">3</data></node>")
            + "</graph></graphml>";

    assertThat(refused(xml).problem()).contains("unknown recipe vertex attribute 'weight'");
  }

  @Test
  void read_unparsableInt_namesAttribute() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("n", "node", false)
                + edge("c", "n", "<data key=\"multi_scale\">many</data>"));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 11");
    assertThat(e.problem()).contains("multi_scale").contains("many");
  }

  @Test
  void read_unknownGenMethod_isRefused() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("n", "node", false)
                + edge("c", "n", "<data key=\"gen_method\">DIVIDE</data>"));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 11");
    assertThat(e.problem()).contains("unknown gen_method 'DIVIDE'");
  }

  @Test
  void read_negativeMultiScale_isRefused() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("n", "node", false)
                + edge("c", "n", "<data key=\"multi_scale\">-2</data>"));

    assertThat(refused(xml).problem()).contains("negative multi_scale -2");
  }

  @Test
  void read_negativeSize_isRefused() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("n", "node", false).replace("</node>", "<data key=\"size\">-5</data></node>")
                + edge("c", "n", ""));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 10");
    assertThat(e.problem()).contains("negative size -5");
  }

  @Test
  void read_noRoot_isRefused() {
    String xml =
        recipe(node("c", "cluster", false) + node("n", "node", false) + edge("c", "n", ""));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 8");
    assertThat(e.problem()).contains("no root");
  }

  @Test
  void read_twoRootsInOneSubsystem_isRefused() {
    String xml =
        recipe(node("c", "cluster", true) + node("d", "cluster", true) + edge("c", "d", ""));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 10");
    assertThat(e.problem()).contains("second root 'd'");
  }

  @Test
  void read_cycle_namesTheEdge() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("a", "rack", false)
                + node("b", "node", false)
                + edge("c", "a", "")
                + edge("a", "b", "")
                + edge("b", "a", ""));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 14");
    assertThat(e.problem()).contains("cycle").contains("b->a");
  }

  @Test
  void read_expansionTooLarge_isRefusedBeforeExpanding() {
    String xml =
        recipe(
            node("c", "cluster", true)
                + node("n", "node", false)
                + node("k", "core", false)
                + edge("c", "n", "<data key=\"multi_scale\">1000000</data>")
                + edge("n", "k", "<data key=\"multi_scale\">1000000</data>"));

    GraphParseException e = refused(xml);

    assertThat(e.location()).contains("line 13");
    assertThat(e.problem()).contains("refusing");
  }

  @Test
  void read_edgeToUndeclaredNode_isRefused() {
    String xml = recipe(node("c", "cluster", true) + edge("c", "ghost", ""));

    assertThat(refused(xml).problem()).contains("'ghost'");
  }

  @Test
  void read_missingFile_namesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("absent.graphml");

    assertThatThrownBy(() -> GrugReader.read(missing))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("absent.graphml");
  }

  @Test
  void read_notGraphml_isRefused() {
    assertThat(refused("<json/>").problem()).contains("<json>");
  }
}
