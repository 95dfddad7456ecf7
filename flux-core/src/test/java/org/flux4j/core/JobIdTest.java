package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.flux4j.core.internal.FluidGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobIdTest {

  /** Encodings from flux-core's own JobID tests (t/python/t0010-job.py). */
  private static void check(long v, String hex, String dothex, String f58, String words) {
    JobId id = new JobId(v);
    assertThat(id.hex()).isEqualTo(hex);
    assertThat(id.dothex()).isEqualTo(dothex);
    assertThat(id.kvs()).isEqualTo("job." + dothex);
    assertThat(id.f58()).isEqualTo(f58);
    assertThat(id.words()).isEqualTo(words);
    assertThat(id.toString()).isEqualTo(f58);
    for (String s : new String[] {id.decimal(), hex, dothex, "job." + dothex, f58, words}) {
      assertThat(JobId.parse(s)).as(s).isEqualTo(id);
    }
    assertThat(JobId.parse(id.f58Ascii())).isEqualTo(id);
    assertThat(JobId.parse("  " + f58 + "\n")).isEqualTo(id);
  }

  @Test
  void encodings_matchFluxCore() {
    check(
        0,
        "0x0",
        "0000.0000.0000.0000",
        "\u01921",
        "academy-academy-academy--academy-academy-academy");
    check(
        1,
        "0x1",
        "0000.0000.0000.0001",
        "\u01922",
        "acrobat-academy-academy--academy-academy-academy");
    check(
        65535,
        "0xffff",
        "0000.0000.0000.ffff",
        "\u0192LUv",
        "nevada-archive-academy--academy-academy-academy");
    check(
        6787342413402046L,
        "0x181d0d4d850fbe",
        "0018.1d0d.4d85.0fbe",
        "\u0192uzzybunny",
        "cake-plume-nepal--neuron-pencil-academy");
    check(
        Long.parseUnsignedLong("18446744073709551614"),
        "0xfffffffffffffffe",
        "ffff.ffff.ffff.fffe",
        "\u0192jpXCZedGfVP",
        "mustang-analyze-verbal--natural-analyze-verbal");
  }

  @Test
  void rfc19Example_f58() {
    assertThat(new JobId(6731191091817518L).f58()).isEqualTo("\u0192uZZybuNNy");
    assertThat(new JobId(6731191091817518L).dothex()).isEqualTo("0017.e9fb.8df1.6c2e");
  }

  @Test
  void fields_roundTrip() {
    JobId id = JobId.of(123456789L, 77, 1023);
    assertThat(id.timestamp()).isEqualTo(123456789L);
    assertThat(id.generator()).isEqualTo(77);
    assertThat(id.sequence()).isEqualTo(1023);
    assertThatThrownBy(() -> JobId.of(1L << 40, 0, 0)).hasMessageContaining("40-bit");
    assertThatThrownBy(() -> JobId.of(0, 1 << 14, 0)).hasMessageContaining("14-bit");
    assertThatThrownBy(() -> JobId.of(0, 0, 1024)).hasMessageContaining("10-bit");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``                                                  | empty",
        "12ab                                                | '12ab'",
        "\u01920OIl                                          | base58 digit",
        "0000.0000.0000                                      | four",
        "academy-academy-nosuchword--academy-academy-academy | 'nosuchword' is not a mnemonic word",
        "academy-academy                                     | two groups",
        "\u0192zzzzzzzzzzzz                                  | 64 bits",
      })
  void parse_badInput_namesTheProblem(String text, String message) {
    assertThatThrownBy(() -> JobId.parse(text)).hasMessageContaining(message);
  }

  @Test
  void generator_isUniqueAndIncreasing_evenWhenTimeStands() {
    VirtualClock clock = new VirtualClock(5_000);
    FluidGenerator gen = new FluidGenerator(clock, 1_000, 3);
    Set<JobId> seen = new HashSet<>();
    JobId prev = null;
    for (int i = 0; i < 5000; i++) {
      JobId id = gen.next();
      assertThat(seen.add(id)).isTrue();
      if (prev != null) {
        assertThat(id).isGreaterThan(prev);
      }
      prev = id;
    }
    JobId first = JobId.parse(seen.stream().min(JobId::compareTo).orElseThrow().decimal());
    assertThat(first.timestamp()).isEqualTo(4_000);
    assertThat(first.generator()).isEqualTo(3);
    clock.advanceTo(20_000);
    JobId later = gen.next();
    assertThat(later.timestamp()).isEqualTo(19_000);
    assertThat(later.sequence()).isZero();
  }
}
