package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CFormatTest {
  @Test
  void general_matchesCppStreamDefaults() {
    assertThat(CFormat.general(Double.MAX_VALUE)).isEqualTo("1.79769e+308");
    assertThat(CFormat.general(0)).isEqualTo("0");
    assertThat(CFormat.general(0.5)).isEqualTo("0.5");
    assertThat(CFormat.general(0.000123456789)).isEqualTo("0.000123457");
    assertThat(CFormat.general(0.0000123)).isEqualTo("1.23e-05");
    assertThat(CFormat.general(123456.0)).isEqualTo("123456");
    assertThat(CFormat.general(1234567.0)).isEqualTo("1.23457e+06");
    assertThat(CFormat.general(2.0)).isEqualTo("2");
  }

  @Test
  void fixed6_isToString() {
    assertThat(CFormat.fixed6(0.0)).isEqualTo("0.000000");
    assertThat(CFormat.fixed6(1.2345678)).isEqualTo("1.234568");
  }

  @Test
  void strtoll_parsesLikeC() {
    assertThat(CFormat.strtoll(" 42abc")).isEqualTo(42);
    assertThat(CFormat.strtoll("-7")).isEqualTo(-7);
    assertThat(CFormat.strtoll("x")).isZero();
    assertThat(CFormat.strtoll("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
    assertThat(CFormat.unsigned(-1)).isEqualTo("18446744073709551615");
  }

  @Test
  void tokenize_splitsOnCBlanks() {
    assertThat(Session.tokenize(" match\tallocate  x.yaml \r"))
        .containsExactly("match", "allocate", "x.yaml");
    assertThat(Session.tokenize("   ")).isEmpty();
  }
}
