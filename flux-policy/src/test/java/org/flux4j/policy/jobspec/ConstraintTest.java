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
    assertThat(c.matches(new Vertex("node07-ib", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("node2-ib", 0, Set.of()))).as("width 2").isFalse();
    assertThat(c.matches(new Vertex("node04-ib", 0, Set.of()))).isFalse();
    assertThat(c.matches(new Vertex("login1", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo9", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo09", 0, Set.of()))).isFalse();
    assertThat(c.matches(new Vertex("foo10", 0, Set.of()))).isTrue();
    assertThat(c.matches(new Vertex("foo", 0, Set.of()))).isFalse();
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
  void toJson_roundTrips() {
    String json =
        "{\"and\":[{\"or\":[{\"hostlist\":[\"node[1-3]\"]},{\"ranks\":[\"4\"]}]},{\"not\":"
            + "[{\"properties\":[\"ssd\",\"^slow\"]}]}]}";
    Constraint c = parse(json);
    assertThat(c.toJson()).isEqualTo(json);
    assertThat(parse(c.toJson())).isEqualTo(c);
  }
}
