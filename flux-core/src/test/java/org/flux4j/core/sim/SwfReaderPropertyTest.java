package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The reader's byte-level parsing against a line-by-line model: the trace is split into lines by
 * {@link BufferedReader#readLine} (the oracle for line ends: {@code \n}, {@code \r}, {@code \r\n});
 * a line of 18 plain whole numbers must give exactly those fields (or be skipped for the checks the
 * class documents); any other line must give what that line gives when read alone. Streams that
 * deliver a few bytes per read put line ends, {@code \r\n} pairs and numbers across chunk
 * boundaries.
 */
class SwfReaderPropertyTest {
  private static final String[] SPACES = {" ", "  ", "\t", " \t ", "\u000b", "\f", "\u001c"};
  private static final String[] ENDS = {"\n", "\r", "\r\n"};

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> plain =
        Combinators.combine(
                Arbitraries.longs().between(-3, 9_999_999).list().ofSize(18),
                Arbitraries.of(SPACES))
            .as((fs, sp) -> String.join(sp, fs.stream().map(String::valueOf).toList()));
    Arbitrary<String> cpuTime =
        Combinators.combine(plain, Arbitraries.of("12.5", "3.75", "1e3", "0.0", "x", "-", "2."))
            .as((line, cpu) -> line.replaceFirst("^((\\S+\\s+){5})\\S+", "$1" + cpu));
    Arbitrary<String> odd =
        Combinators.combine(
                Arbitraries.of(
                        "12.5", "3.0", "x", "-", "5-", "1e3", "--1", "1234567890123456789", "7")
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(20),
                Arbitraries.of(SPACES))
            .as((tokens, sp) -> String.join(sp, tokens));
    Arbitrary<String> other =
        Arbitraries.of(
            "",
            "   ",
            "; MaxNodes: 4",
            ";Version:2.2",
            "; free comment",
            ";: empty key",
            " ; MaxProcs : 16 ",
            "\u00e9 1 2");
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, plain),
            net.jqwik.api.Tuple.of(2, cpuTime),
            net.jqwik.api.Tuple.of(2, odd),
            net.jqwik.api.Tuple.of(2, other))
        .list()
        .ofMaxSize(30);
  }

  @Property(tries = 300)
  void bytesParse_asTheLineModelSays(
      @ForAll("lines") List<String> lines,
      @ForAll("ends") List<String> ends,
      @ForAll boolean finalEnd,
      @ForAll boolean strip)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String pad = strip ? " " : "";
      sb.append(pad).append(lines.get(i)).append(pad);
      if (i < lines.size() - 1 || finalEnd) {
        sb.append(ends.get(i % ends.size()));
      }
    }
    String text = sb.toString();
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    SwfTrace whole = SwfReader.read(new ByteArrayInputStream(bytes), "t", false);
    SwfTrace trickled = SwfReader.read(new Trickle(bytes, 1 + lines.size() % 7), "t", false);
    Model m = model(text);
    for (SwfTrace t : List.of(whole, trickled)) {
      assertThat(t.jobs()).isEqualTo(m.jobs);
      assertThat(t.skipped()).isEqualTo(m.skipped);
      assertThat(t.header()).isEqualTo(whole.header());
    }
  }

  @Provide
  Arbitrary<List<String>> ends() {
    return Arbitraries.of(ENDS).list().ofMinSize(1).ofMaxSize(5);
  }

  @Test
  void lineLongerThanTheBuffer_isOneLine() throws IOException {
    String job = "1 0 5 100 4 -1 -1 4 200 -1 1 1 1 1 1 1 -1 -1";
    String text = ";" + "x".repeat(200_000) + "\r\n" + job + "\r" + " ".repeat(70_000) + job;
    SwfTrace t =
        SwfReader.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t", true);
    assertThat(t.jobs()).extracting(SwfJob::line).containsExactly(2, 3);
  }

  /** What reading {@code text} must give, line by line. */
  private static Model model(String text) throws IOException {
    Model m = new Model();
    BufferedReader r = new BufferedReader(new StringReader(text));
    String line;
    int no = 0;
    while ((line = r.readLine()) != null) {
      no++;
      String s = line.strip();
      if (s.isEmpty() || s.charAt(0) == ';') {
        continue;
      }
      double[] cpu = new double[1];
      long[] f = plainFields(s, cpu);
      // the checks the reader documents: a negative submit, or -2 and below in a size or time
      if (f != null && f[1] >= 0 && LongStream.of(f[3], f[4], f[7], f[8]).allMatch(v -> v >= -1)) {
        m.jobs.add(SwfReader.job(f, cpu[0], no));
        continue;
      }
      // not plain, or refused: the same as this line read alone
      SwfTrace alone =
          SwfReader.read(
              new ByteArrayInputStream(line.getBytes(StandardCharsets.ISO_8859_1)), "t", false);
      if (f != null) {
        assertThat(alone.skipped()).as("a plain line the checks refuse").hasSize(1);
      }
      for (String sk : alone.skipped()) {
        m.skipped.add(sk.replaceFirst("^line 1:", "line " + no + ":"));
      }
      for (SwfJob j : alone.jobs()) {
        m.jobs.add(
            new SwfJob(
                j.number(),
                j.submit(),
                j.waitTime(),
                j.runTime(),
                j.allocatedProcs(),
                j.averageCpuTime(),
                j.usedMemory(),
                j.requestedProcs(),
                j.requestedTime(),
                j.requestedMemory(),
                j.status(),
                j.user(),
                j.group(),
                j.executable(),
                j.queue(),
                j.partition(),
                j.precedingJob(),
                j.thinkTime(),
                no));
      }
    }
    return m;
  }

  /**
   * The fields of a line of exactly 18 tokens of the form -?[0-9]{1,18}, the sixth also any number
   * (the average CPU time, into {@code cpu}), or null.
   */
  private static long[] plainFields(String s, double[] cpu) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > from) {
        tokens.add(s.substring(from, i));
      }
    }
    if (tokens.size() != 18) {
      return null;
    }
    long[] f = new long[18];
    for (int k = 0; k < 18; k++) {
      String t = tokens.get(k);
      if (t.matches("-?[0-9]{1,18}")) {
        f[k] = Long.parseLong(t);
        cpu[0] = k == 5 ? f[k] : cpu[0];
      } else if (k == 5 && t.matches("-?[0-9]*\\.?[0-9]*(e[0-9]+)?") && t.matches(".*[0-9].*")) {
        cpu[0] = Double.parseDouble(t);
        f[k] = (long) cpu[0];
      } else {
        return null;
      }
    }
    return f;
  }

  private static final class Model {
    final List<SwfJob> jobs = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
  }

  /** A stream that gives at most {@code step} bytes per read and says none are available. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final int step;
    private int pos;

    Trickle(byte[] bytes, int step) {
      this.bytes = bytes;
      this.step = step;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, step), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return 0;
    }
  }
}
