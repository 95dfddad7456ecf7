package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IdSet#decode} reads idsets as Fluxion does.
 *
 * <p>How the expectations were obtained: every answer below was printed by flux-core's own
 * libflux-idset (flux-core 0.88.0, commit 4a5e79f5, the build Fluxion fd257f71 links under
 * /work/fluxion), through scripts/fluxion-parsers/probe.c: {@code idset_decode_ex(text, -1, 0,
 * IDSET_FLAG_AUTOGROW, &error)} (what {@code idset_decode} does, with its error text) then {@code
 * idset_count} and {@code idset_encode(IDSET_FLAG_RANGE)}: "ok COUNT ENCODED" or "err ERRNO TEXT".
 * Fluxion calls {@code idset_decode} for R_lite ranks, RFC 31 {@code ranks} constraints and
 * resource-query's rank arguments. Requests and answers: scripts/fluxion-parsers/ids.out.
 */
class IdSetParityTest {

  /** Text, Fluxion's answer. */
  private static final String[][] CASES = {
    {"3,1", "err 22 range '1' is out of order"},
    {"1-2,2-3", "err 22 range '2-3' is out of order"},
    {"1-2,3", "ok 3 1-3"},
    {"1,1", "err 22 range '1' is out of order"},
    {"0-3,2", "err 22 range '2' is out of order"},
    {"5,1-3", "err 22 range '1-3' is out of order"},
    {"", "ok 0 "},
    {"[]", "ok 0 "},
    {"[", "err 22 mismatched or nested brackets"},
    {"]", "err 22 mismatched or nested brackets"},
    {"[1", "err 22 mismatched or nested brackets"},
    {"1]", "err 22 mismatched or nested brackets"},
    {"[1-3]", "ok 3 1-3"},
    {"[[1]]", "err 22 mismatched or nested brackets"},
    {"1,,2", "ok 2 1-2"},
    {",1,2,", "ok 2 1-2"},
    {",", "ok 0 "},
    {"01", "err 22 error parsing range '01'"},
    {"00", "err 22 error parsing range '00'"},
    {"0", "ok 1 0"},
    {"3-3", "err 22 error parsing range '3-3'"},
    {"5-2", "err 22 error parsing range '5-2'"},
    {"1-x", "err 22 error parsing range '1-x'"},
    {"-1", "err 22 error parsing range '-1'"},
    {"1--2", "err 22 error parsing range '1--2'"},
    {"1-", "err 22 error parsing range '1-'"},
    {"1-2-3", "err 22 error parsing range '1-2-3'"},
    {"1 2", "err 22 error parsing range '1 2'"},
    {" 1", "err 22 error parsing range ' 1'"},
    {"1 ", "err 22 error parsing range '1 '"},
    {"+1", "err 22 error parsing range '+1'"},
    {"1, 2", "err 22 error parsing range ' 2'"},
    {"2147483648", "err 34 error appending '2147483648': set universe size would exceed maximum"},
    {
      "0-2147483648",
      "err 34 error appending '0-2147483648': set universe size would exceed maximum"
    },
    {"4294967295", "err 22 error appending '4294967295': Invalid argument"},
    {"4294967296", "ok 1 0"},
    {"18446744073709551615", "err 22 error appending '18446744073709551615': Invalid argument"},
    {"18446744073709551616", "err 22 error parsing range '18446744073709551616'"},
    {"99999999999999999999", "err 22 error parsing range '99999999999999999999'"},
    {"0-4294967296", "ok 1 0"},
    {"1-4294967297", "ok 1 1"},
    {"0x1", "err 22 error parsing range '0x1'"},
    {"1.5", "err 22 error parsing range '1.5'"},
    {"a", "err 22 error parsing range 'a'"},
    {"[1,3-5]", "ok 4 1,3-5"},
    {"0-3,7,10-20", "ok 16 0-3,7,10-20"},
    {"7,0-3", "err 22 range '0-3' is out of order"},
  };

  /**
   * Ids of 2^32 and above wrap around in flux-core (it stores an unsigned long into an unsigned
   * int): "4294967296" decodes to {0}. flux4j refuses them, as it refuses every id above 2^31-1.
   */
  private static final Set<String> WRAPS_IN_FLUXION =
      Set.of("4294967296", "0-4294967296", "1-4294967297");

  static Stream<Arguments> cases() {
    return Arrays.stream(CASES).map(c -> Arguments.of(c[0], c[1]));
  }

  @ParameterizedTest(name = "decode \"{0}\" -> {1}")
  @MethodSource("cases")
  void decode_answersAsFluxion(String text, String fluxion) {
    if (fluxion.startsWith("err") || WRAPS_IN_FLUXION.contains(text)) {
      assertThatThrownBy(() -> IdSet.decode(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad idset \"" + text + "\" at position ");
      return;
    }
    String[] words = fluxion.split(" ", -1);
    IdSet s = IdSet.decode(text);
    assertThat(s.size()).isEqualTo(Long.parseLong(words[1]));
    assertThat(s.encode()).isEqualTo(words[2]);
  }

  @Test
  void issue17_orderAndOverlapAreRefused() {
    assertThatThrownBy(() -> IdSet.decode("3,1"))
        .hasMessage(
            "bad idset \"3,1\" at position 2: element 1 is out of order (ids must ascend without"
                + " repeats); use 1,3 instead");
    assertThatThrownBy(() -> IdSet.decode("1-2,2-3"))
        .hasMessageContaining("position 4: element 2-3 is out of order")
        .hasMessageEndingWith("; use 1-3 instead");
    assertThatThrownBy(() -> IdSet.decode("1,1")).hasMessageEndingWith("; use 1 instead");
  }

  @Test
  void decode_errorsSayHowToFix() {
    assertThatThrownBy(() -> IdSet.decode("5-2")).hasMessageEndingWith("; use 2-5 instead");
    assertThatThrownBy(() -> IdSet.decode("3-3")).hasMessageEndingWith("; use 3 instead");
    assertThatThrownBy(() -> IdSet.decode("007")).hasMessageContaining("leading zero; write 7");
    assertThatThrownBy(() -> IdSet.decode("2147483648"))
        .hasMessageContaining("above the largest idset id 2147483647");
    assertThatThrownBy(() -> IdSet.decode("[1"))
        .hasMessageContaining("position 0: mismatched or nested brackets");
    assertThatThrownBy(() -> IdSet.decode("1, 2"))
        .hasMessageContaining("position 2: expected an id (digits) but found ' '");
  }
}
