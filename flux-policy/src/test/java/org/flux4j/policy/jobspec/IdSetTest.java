package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rank idsets parse as flux-core's idset_decode does. Every string here was given to the real
 * Fluxion resource-query (v0.54.0-8-gfd257f71) in a rank constraint: the valid ones were accepted,
 * the invalid ones refused with "Invalid idset `...'".
 */
class IdSetTest {
  @ParameterizedTest
  @ValueSource(strings = {"0-0", "5,1-3", "01", "3-1", "1-2,2", "2147483648", "[1", "1]", "a"})
  void parse_whatFluxionRefuses_isInvalid(String text) {
    assertThatThrownBy(() -> IdSet.parse(text))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("invalid idset '" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,,2", "[1-3]", "", ",1", "2147483647", "0", "0-1,3,5-7"})
  void parse_whatFluxionAccepts_isValid(String text) {
    IdSet.parse(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,,2", ",1,2,", "[1-2]"})
  void parse_emptyElementsAndBrackets_areSkipped(String text) {
    IdSet s = IdSet.parse(text);
    assertThat(s.contains(1)).isTrue();
    assertThat(s.contains(2)).isTrue();
    assertThat(s.contains(0)).isFalse();
    assertThat(s.contains(3)).isFalse();
  }
}
