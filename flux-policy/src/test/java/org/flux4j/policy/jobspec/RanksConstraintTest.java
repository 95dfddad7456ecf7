package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The idsets of an RFC 31 {@code ranks} constraint parse as flux-core's idset_decode does (through
 * flux-graph's {@link org.flux4j.graph.io.IdSet}). Every string here was given to the real Fluxion
 * resource-query (v0.54.0-8-gfd257f71) in a rank constraint: the valid ones were accepted, the
 * invalid ones refused with "Invalid idset `...'".
 */
class RanksConstraintTest {
  @ParameterizedTest
  @ValueSource(strings = {"0-0", "5,1-3", "01", "3-1", "1-2,2", "2147483648", "[1", "1]", "a"})
  void parse_whatFluxionRefuses_isInvalid(String text) {
    assertThatThrownBy(() -> Constraint.ranks(text))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("bad idset \"" + text + "\" at position ")
        .extracting(e -> ((JobspecException) e).reason())
        .isEqualTo("Invalid idset `" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,,2", "[1-3]", "", ",1", "2147483647", "0", "0-1,3,5-7"})
  void parse_whatFluxionAccepts_isValid(String text) {
    Constraint.ranks(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,,2", ",1,2,", "[1-2]"})
  void parse_emptyElementsAndBrackets_areSkipped(String text) {
    Constraint c = Constraint.ranks(text);
    assertThat(c.matches(target(1))).isTrue();
    assertThat(c.matches(target(2))).isTrue();
    assertThat(c.matches(target(0))).isFalse();
    assertThat(c.matches(target(3))).isFalse();
    assertThat(c.matches(target(-1))).isFalse();
  }

  private static Constraint.Target target(long rank) {
    return new ConstraintTest.Vertex("node" + rank, rank, Set.of());
  }
}
