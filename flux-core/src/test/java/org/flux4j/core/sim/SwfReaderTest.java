package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.Test;

class SwfReaderTest {
  private static final String TRACE =
      "; Version: 2.2\n"
          + "; MaxNodes: 4\n"
          + "; MaxProcs: 16\n"
          + ";   free-form comment without a key\n"
          + "1 0 5 100 4 -1 -1 4 200 -1 1 1 1 1 1 1 -1 -1\n"
          + "\n"
          + "2 10 -1 50 -1 12.5 -1 8 -1 -1 0 2 1 1 1 1 -1 -1\n";

  private static SwfTrace parse(String text, boolean strict) throws IOException {
    return SwfReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t.swf", strict);
  }

  @Test
  void read_headerAndJobs() throws IOException {
    SwfTrace t = parse(TRACE, true);
    assertThat(t.maxNodes()).hasValue(4);
    assertThat(t.maxProcs()).hasValue(16);
    assertThat(t.headerValue("Version")).hasValue("2.2");
    assertThat(t.jobs()).hasSize(2);
    SwfJob j = t.jobs().get(1);
    assertThat(j.number()).isEqualTo(2);
    assertThat(j.submit()).isEqualTo(10);
    assertThat(j.allocatedProcs()).isEqualTo(-1);
    assertThat(j.averageCpuTime()).isEqualTo(12.5);
    assertThat(j.requestedProcs()).isEqualTo(8);
    assertThat(j.line()).isEqualTo(7);
  }

  @Test
  void read_gzipIsDetected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(TRACE.getBytes(StandardCharsets.US_ASCII));
    }
    SwfTrace t = SwfReader.read(new ByteArrayInputStream(bytes.toByteArray()), "t.swf.gz", true);
    assertThat(t.jobs()).hasSize(2);
  }

  @Test
  void read_malformedLine_strictNamesLine_lenientSkipsAndCounts() throws IOException {
    String bad = TRACE + "3 20 -1 x 1 -1 -1 1 10 -1 1 1 1 1 1 1 -1 -1\n" + "4 30 1 2\n";
    assertThatThrownBy(() -> parse(bad, true))
        .isInstanceOf(SwfParseException.class)
        .hasMessage("t.swf:8: field 4 is not a number: x");
    SwfTrace t = parse(bad, false);
    assertThat(t.jobs()).hasSize(2);
    assertThat(t.skipped())
        .containsExactly(
            "line 8: field 4 is not a number: x", "line 9: expected 18 fields, found 4");
  }

  @Test
  void read_negativeSubmit_isMalformed() {
    assertThatThrownBy(() -> parse("1 -5 -1 10 1 -1 -1 1 10 -1 1 1 1 1 1 1 -1 -1\n", true))
        .hasMessage("t.swf:1: negative submit time -5");
  }

  @Test
  void read_shippedTraces_allLinesParse() {
    Path dir = SharedData.find("traces").orElse(null);
    assumeTrue(dir != null, "../shared/traces not found: shipped-trace checks skipped");
    SwfTrace hpc2n = SwfReader.read(dir.resolve("HPC2N-2002-2.1-cln.swf.gz"), true);
    assertThat(hpc2n.jobs()).hasSize(202_876);
    assertThat(hpc2n.maxNodes()).hasValue(240);
    SwfTrace lublin = SwfReader.read(dir.resolve("lublin_256.swf"), true);
    assertThat(lublin.jobs()).hasSize(10_000);
    assertThat(lublin.maxProcs()).isEmpty();
    assertThat(Files.exists(dir.resolve("hype-test.swf"))).isTrue();
  }
}
