package org.flux4j.core.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads Standard Workload Format traces (plain or gzip-compressed, detected by content).
 *
 * <p>A job line has 18 whitespace-separated numbers. A malformed line (wrong field count, a field
 * that is not a number) is either fatal ({@code strict}) or skipped and reported in {@link
 * SwfTrace#skipped()}. Header lines are {@code ; Key: value}; other comment lines are ignored.
 * Stateless and thread-safe.
 */
public final class SwfReader {
  private static final int FIELDS = 18;

  private SwfReader() {}

  /** Reads a trace file; gzip is detected from its first bytes. */
  public static SwfTrace read(Path file, boolean strict) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), strict);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a trace from a stream (plain or gzip), naming it {@code source} in errors. */
  public static SwfTrace read(InputStream raw, String source, boolean strict) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream body = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    Parser p = new Parser(source, strict);
    byte[] buf = new byte[1 << 16];
    int len = 0; // bytes in buf; a partial last line is kept at its start
    boolean skipLf = false; // the previous chunk ended with '\r': a leading '\n' belongs to it
    int n;
    while ((n = body.read(buf, len, buf.length - len)) > 0) {
      len += n;
      int from = 0;
      if (skipLf && buf[0] == '\n') {
        from = 1;
      }
      skipLf = false;
      int i = from;
      while (i < len) {
        byte c = buf[i];
        if (c == '\n' || c == '\r') {
          p.line(buf, from, i);
          if (c == '\r') {
            if (i + 1 == len) {
              skipLf = true;
            } else if (buf[i + 1] == '\n') {
              i++;
            }
          }
          from = i + 1;
        }
        i++;
      }
      len -= from;
      System.arraycopy(buf, from, buf, 0, len);
      if (len == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
      }
    }
    if (len > 0) {
      p.line(buf, 0, len);
    }
    return new SwfTrace(source, p.header, p.jobs, p.skipped);
  }

  /**
   * The lines of one trace, in order, as {@link java.io.BufferedReader#readLine} splits them
   * ({@code \n}, {@code \r} or {@code \r\n}). A job line made of 18 plain whole numbers is parsed
   * from its bytes; any other line goes through {@link #line(String)} as text.
   */
  private static final class Parser {
    final String source;
    final boolean strict;
    final Map<String, String> header = new LinkedHashMap<>();
    final List<SwfJob> jobs = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final long[] f = new long[FIELDS];
    final double[] cpu = new double[1];
    int lineNo;

    Parser(String source, boolean strict) {
      this.source = source;
      this.strict = strict;
    }

    /** The line in {@code b[from, to)}, without its terminator. */
    void line(byte[] b, int from, int to) {
      lineNo++;
      int s = from;
      int e = to;
      while (s < e && isSpace(b[s])) {
        s++;
      }
      while (e > s && isSpace(b[e - 1])) {
        e--;
      }
      if (s == e) {
        return;
      }
      if (b[s] != ';' && plainFields(b, s, e)) {
        accept(check(f));
        return;
      }
      line(new String(b, s, e - s, StandardCharsets.US_ASCII).strip());
    }

    /** A stripped, non-empty line taken as text: a header or comment, or a job (any form). */
    private void line(String line) {
      if (line.charAt(0) == ';') {
        int colon = line.indexOf(':');
        if (colon > 1) {
          String key = line.substring(1, colon).strip();
          if (!key.isEmpty() && key.indexOf(' ') < 0) {
            header.putIfAbsent(key, line.substring(colon + 1).strip());
          }
        }
        return;
      }
      String problem = parseFields(line, f, cpu);
      accept(problem == null ? check(f) : problem);
    }

    /**
     * Parses {@code b[s, e)} into {@link #f} and {@link #cpu} if it is exactly 18 optionally signed
     * runs of at most 18 digits separated by white space, the sixth field (average CPU time) also
     * any number {@link Double#parseDouble} reads; false (fields undefined) otherwise.
     */
    private boolean plainFields(byte[] b, int s, int e) {
      int n = 0;
      int i = s;
      while (i < e) {
        while (i < e && isSpace(b[i])) {
          i++;
        }
        if (i == e) {
          break;
        }
        if (n == FIELDS) {
          return false;
        }
        int tok = i;
        boolean negative = b[i] == '-';
        if (negative) {
          i++;
        }
        int digits = i;
        long v = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
          v = v * 10 + (b[i] - '0');
          i++;
        }
        if (i == digits || i - digits > 18 || (i < e && !isSpace(b[i]))) {
          if (n != 5) {
            return false;
          }
          while (i < e && !isSpace(b[i])) {
            i++;
          }
          try {
            cpu[0] = Double.parseDouble(new String(b, tok, i - tok, StandardCharsets.US_ASCII));
          } catch (NumberFormatException ex) {
            return false;
          }
          f[n++] = (long) cpu[0];
          continue;
        }
        f[n] = negative ? -v : v;
        if (n == 5) {
          cpu[0] = f[5];
        }
        n++;
      }
      return n == FIELDS;
    }

    /** Keeps the job in {@link #f} and {@link #cpu}, or reports {@code problem} if not null. */
    private void accept(String problem) {
      if (problem != null) {
        if (strict) {
          throw new SwfParseException(source, lineNo, problem);
        }
        skipped.add("line " + lineNo + ": " + problem);
        return;
      }
      jobs.add(job(f, cpu[0], lineNo));
    }
  }

  /** The record of fields {@code f} (the sixth as {@code cpu}) read from line {@code line}. */
  static SwfJob job(long[] f, double cpu, int line) {
    return new SwfJob(
        f[0],
        f[1],
        f[2],
        f[3],
        f[4],
        cpu,
        f[6],
        f[7],
        f[8],
        f[9],
        (int) f[10],
        (int) f[11],
        (int) f[12],
        (int) f[13],
        (int) f[14],
        (int) f[15],
        f[16],
        f[17],
        line);
  }

  /** Whether {@link Character#isWhitespace} holds for this byte read as US-ASCII. */
  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  }

  /**
   * Parses the fields into {@code f} in place (no substrings for the usual whole numbers); returns
   * a problem description or null.
   */
  private static String parseFields(String line, long[] f, double[] cpu) {
    int n = 0;
    int i = 0;
    int len = line.length();
    while (i < len) {
      while (i < len && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      int start = i;
      while (i < len && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (n == FIELDS) {
        return "expected " + FIELDS + " fields, found more";
      }
      if (!wholeNumber(line, start, i, f, n)) {
        String tok = line.substring(start, i);
        try {
          double d = Double.parseDouble(tok);
          if (n != 5 && d != Math.rint(d)) {
            return "field " + (n + 1) + " is not a whole number: " + tok;
          }
          f[n] = (long) d;
        } catch (NumberFormatException e) {
          return "field " + (n + 1) + " is not a number: " + tok;
        }
      }
      if (n == 5) {
        cpu[0] =
            wholeNumber(line, start, i, f, n) ? f[n] : Double.parseDouble(line.substring(start, i));
      }
      n++;
    }
    return n == FIELDS ? null : "expected " + FIELDS + " fields, found " + n;
  }

  /** Parses an optionally signed run of at most 18 digits into {@code f[k]}. */
  private static boolean wholeNumber(String s, int from, int to, long[] f, int k) {
    boolean negative = s.charAt(from) == '-';
    int i = negative ? from + 1 : from;
    if (i == to || to - i > 18) {
      return false;
    }
    long v = 0;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      v = v * 10 + (c - '0');
    }
    f[k] = negative ? -v : v;
    return true;
  }

  private static String check(long[] f) {
    if (f[1] < 0) {
      return "negative submit time " + f[1];
    }
    for (int k : new int[] {3, 4, 7, 8}) {
      if (f[k] < -1) {
        return "field " + (k + 1) + " is " + f[k] + " (only -1 may mean unknown)";
      }
    }
    return null;
  }
}
