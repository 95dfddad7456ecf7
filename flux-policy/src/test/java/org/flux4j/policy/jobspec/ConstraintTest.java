package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintTest {
  record Vertex(String name, long rank, Set<String> props) implements Constraint.Target {
    @Override
    public boolean hasProperty(String p) {
      return props.contains(p);
    }
  }

  static final Vertex ARM = new Vertex("node3", 3, Set.of("arm-v9@core", "ssd"));
  static final Vertex X86 = new Vertex("node04", 4, Set.of("x86"));
  static final Vertex NORANK = new Vertex("login1", -1, Set.of());

  static Constraint parse(String json) {
    String doc =
        "{\"version\": 9999, \"resources\": [], \"tasks\": [], \"attributes\": {\"system\":"
            + " {\"constraints\": "
            + json
            + "}}}";
    return Jobspec.parse(doc, "c.json").constraints().orElseThrow();
  }

  static JobspecException fail(String json) {
    return catchThrowableOfType(JobspecException.class, () -> parse(json));
  }

  @Test
  void properties_allRequired_caretNegates() {
    Constraint c = parse("{\"properties\": [\"arm-v9@core\", \"ssd\"]}");
    assertThat(c).isEqualTo(Constraint.properties("arm-v9@core", "ssd"));
    assertThat(c.matches(ARM)).isTrue();
    assertThat(c.matches(X86)).isFalse();
    Constraint not = parse("{\"properties\": [\"^arm-v9@core\"]}");
    assertThat(not.matches(ARM)).isFalse();
    assertThat(not.matches(X86)).isTrue();
  }

  @Test
  void andOrNot_combine() {
    Constraint c =
        parse(
            "{\"and\": [{\"or\": [{\"hostlist\": [\"node[1-3]\"]}, {\"ranks\": [\"4\"]}]},"
                + " {\"not\": [{\"properties\": [\"ssd\"]}]}]}");
    assertThat(c)
        .isEqualTo(
            Constraint.and(
                Constraint.or(Constraint.hostlist("node[1-3]"), Constraint.ranks("4")),
                Constraint.not(Constraint.properties("ssd"))));
    assertThat(c.matches(ARM)).as("node3 has ssd").isFalse();
    assertThat(c.matches(X86)).as("rank 4, no ssd").isTrue();
    assertThat(c.matches(NORANK)).isFalse();
  }

  @Test
  void emptyOperators_followFluxion() {
    assertThat(parse("{}").matches(X86)).isTrue();
    assertThat(parse("{}")).isEqualTo(Constraint.any());
    assertThat(parse("{\"and\": []}").matches(X86)).isTrue();
    assertThat(parse("{\"or\": []}").matches(X86)).as("Fluxion: empty or is false").isFalse();
    assertThat(parse("{\"not\": []}").matches(X86)).isFalse();
  }

  @Test
  void hostlist_rangesWidthsAndSuffixes() {
    Constraint c = Constraint.hostlist("node[01-03,7]-ib,login1", "foo[8-10]");
    assertThat(c.matches(new Vertex("node02-ib", 0, Set.of()))).isTrue();
    // each range has its own width: 7 is node7-ib (libflux-hostlist: hostlist_find -1 for
    // node07-ib)
    assertThat(c.matches(new Vertex("node7-ib", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("node07-ib", 0, Set.of()))).isFalse();
    assertThat(c.matches(new Vertex("node2-ib", 0, Set.of()))).as("width 2").isFalse();
    assertThat(c.matches(new Vertex("node04-ib", 0, Set.of()))).isFalse();
    assertThat(c.matches(new Vertex("login1", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo9", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo09", 0, Set.of()))).isFalse();
    assertThat(c.matches(new Vertex("foo10", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo", 0, Set.of()))).isFalse();
  }

  @Test
  void hostlist_rfc29Vectors() {
    assertThat(Constraint.hostlist("[1-3,5-6]").matches(new Vertex("5", 0, Set.of()))).isTrue();
    assertThat(Constraint.hostlist("[1-3,5-6]").matches(new Vertex("4", 0, Set.of()))).isFalse();
    Constraint eth = Constraint.hostlist("foo[0-4]-eth2");
    assertThat(eth.matches(new Vertex("foo3-eth2", 0, Set.of()))).isTrue();
    assertThat(eth.matches(new Vertex("foo3", 0, Set.of()))).isFalse();
    Constraint padded = Constraint.hostlist("[00-2]");
    assertThat(padded.matches(new Vertex("01", 0, Set.of()))).isTrue();
    assertThat(padded.matches(new Vertex("1", 0, Set.of()))).isFalse();
    Constraint list = Constraint.hostlist("foox,fooy,fooz", "");
    assertThat(list.matches(new Vertex("fooy", 0, Set.of()))).isTrue();
    assertThat(list.matches(new Vertex("foo", 0, Set.of()))).isFalse();
    // Fluxion keeps this as the literal names foo1bar[3], foo2bar[3], which never match; flux4j
    // refuses it (see flux-graph's HostlistParityTest)
    assertThatThrownBy(() -> Constraint.hostlist("foo[1-2]bar[3]"))
        .isInstanceOf(JobspecException.class);
    assertThatThrownBy(() -> Constraint.hostlist("foo[]")).isInstanceOf(JobspecException.class);
    assertThatThrownBy(() -> Constraint.hostlist("foo]")).isInstanceOf(JobspecException.class);
  }

  /** The cases issue 17 found the three former parsers disagreeing on, as Fluxion answers them. */
  @Test
  void hostlist_issue17Cases_matchAsFluxion() {
    Constraint mixed = Constraint.hostlist("node[01-02,3]");
    assertThat(mixed.matches(new Vertex("node3", 0, Set.of()))).isTrue();
    assertThat(mixed.matches(new Vertex("node02", 0, Set.of()))).isTrue();
    assertThat(mixed.matches(new Vertex("node03", 0, Set.of()))).isFalse();
    Constraint spaced = Constraint.hostlist("node[1-2] login1");
    assertThat(spaced.matches(new Vertex("login1", 0, Set.of()))).isTrue();
    assertThat(spaced.matches(new Vertex("node2", 0, Set.of()))).isTrue();
    assertThatThrownBy(() -> Constraint.ranks("3,1"))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("use 1,3 instead");
    assertThatThrownBy(() -> Constraint.ranks("1-2,2-3")).isInstanceOf(JobspecException.class);
  }

  @Test
  void ranks_idsets() {
    Constraint c = Constraint.ranks("[0-2,4]", "9");
    assertThat(c.matches(ARM)).isFalse();
    assertThat(c.matches(X86)).isTrue();
    assertThat(c.matches(new Vertex("n", 9, Set.of()))).isTrue();
    assertThat(c.matches(NORANK)).isFalse();
    assertThat(parse("{\"ranks\": [\"\"]}").matches(X86)).isFalse();
  }

  @Test
  void errors_giveFluxionTexts() {
    assertThat(fail("[]").reason()).isEqualTo("constraint is not a mapping");
    assertThat(fail("{\"properties\": [\"a\"], \"ranks\": [\"1\"]}").reason())
        .isEqualTo("constraint map may not contain > 1 operation");
    assertThat(fail("{\"properties\": \"a\"}").reason())
        .isEqualTo("properties operator value must be an array");
    assertThat(fail("{\"hostlist\": {}}").reason())
        .isEqualTo("hostlist operator value must be an array");
    assertThat(fail("{\"xor\": []}").reason()).isEqualTo("unknown constraint operator: xor");
    assertThat(fail("{\"properties\": [1]}").reason()).isEqualTo("non-string property specified");
    assertThat(fail("{\"properties\": [\"fo`o\"]}").reason()).isEqualTo("fo`o is invalid");
    assertThat(fail("{\"properties\": [\"^f^oo\"]}").reason()).isEqualTo("^f^oo is invalid");
    JobspecException h = fail("{\"hostlist\": [\"node[1-\"]}");
    assertThat(h.reason()).isEqualTo("Invalid hostlist `node[1-'");
    assertThat(h.pointer()).isEqualTo("/attributes/system/constraints/hostlist/0");
    assertThat(fail("{\"hostlist\": [\"node[3-1]\"]}").reason())
        .isEqualTo("Invalid hostlist `node[3-1]'");
    assertThat(fail("{\"ranks\": [\"0-x\"]}").reason()).isEqualTo("Invalid idset `0-x'");
    assertThat(fail("{\"ranks\": [\"5-2\"]}").reason()).isEqualTo("Invalid idset `5-2'");
    assertThat(fail("{\"not\": [{\"ranks\": [\"a\"]}]}").pointer())
        .isEqualTo("/attributes/system/constraints/not/0/ranks/0");
    assertThatThrownBy(() -> Constraint.properties("a|b"))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("a|b");
  }

  @Test
  void properties_inYaml_mustBeQuoted_asInFluxion() {
    String head =
        "version: 1\nresources: []\ntasks: []\nattributes:\n  system:\n    constraints:\n";
    Jobspec ok = Jobspec.parse(head + "      properties: [\"foo\", '^bar']\n", "t.yaml");
    assertThat(ok.constraints()).contains(Constraint.properties("foo", "^bar"));
    Jobspec block = Jobspec.parse(head + "      properties:\n        - \"foo\"\n", "t.yaml");
    assertThat(block.constraints()).contains(Constraint.properties("foo"));
    JobspecException plain =
        catchThrowableOfType(
            JobspecException.class,
            () -> Jobspec.parse(head + "      properties: [foo]\n", "t.yaml"));
    assertThat(plain.reason()).isEqualTo("non-string property specified");
    assertThat(plain.pointer()).isEqualTo("/attributes/system/constraints/properties/0");
  }

  @Test
  void matches_graphVertex_usesPropertyKeysNameAndRank() {
    org.flux4j.graph.GraphBuilder b =
        org.flux4j.policy.match.Clusters.flatBuilder(new int[] {0, 0});
    int cluster = 0;
    int n0 = 1;
    int n1 = 2;
    b.property(n1, "ssd", "");
    org.flux4j.graph.ResourceGraph g = b.build();
    assertThat(Constraint.properties("ssd").matches(g, n1)).isTrue();
    assertThat(Constraint.properties("ssd").matches(g, n0)).isFalse();
    assertThat(Constraint.properties("^ssd").matches(g, n0)).isTrue();
    assertThat(Constraint.hostlist("node[0-5]").matches(g, n0)).isTrue();
    assertThat(Constraint.hostlist("node[1-5]").matches(g, n0)).isFalse();
    assertThat(Constraint.ranks("1").matches(g, n1)).isTrue();
    assertThat(Constraint.ranks("0-1").matches(g, cluster)).as("rank -1").isFalse();
  }

  @Test
  void toJson_roundTrips() {
    String json =
        "{\"and\":[{\"or\":[{\"hostlist\":[\"node[1-3]\"]},{\"ranks\":[\"4\"]}]},{\"not\":"
            + "[{\"properties\":[\"ssd\",\"^slow\"]}]}]}";
    Constraint c = parse(json);
    assertThat(c.toJson()).isEqualTo(json);
    assertThat(parse(c.toJson())).isEqualTo(c);
  }
}
