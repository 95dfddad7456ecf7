package org.flux4j.core.sim;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
    BufferedReader r =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.US_ASCII), 1 << 16);
    Map<String, String> header = new LinkedHashMap<>();
    List<SwfJob> jobs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String text;
    int lineNo = 0;
    long[] f = new long[FIELDS];
    double[] cpu = new double[1];
    while ((text = r.readLine()) != null) {
      lineNo++;
      String line = text.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ';') {
        int colon = line.indexOf(':');
        if (colon > 1) {
          String key = line.substring(1, colon).strip();
          if (!key.isEmpty() && key.indexOf(' ') < 0) {
            header.putIfAbsent(key, line.substring(colon + 1).strip());
          }
        }
        continue;
      }
      String problem = parseFields(line, f, cpu);
      if (problem == null) {
        problem = check(f);
      }
      if (problem != null) {
        if (strict) {
          throw new SwfParseException(source, lineNo, problem);
        }
        skipped.add("line " + lineNo + ": " + problem);
        continue;
      }
      jobs.add(
          new SwfJob(
              f[0],
              f[1],
              f[2],
              f[3],
              f[4],
              cpu[0],
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
              lineNo));
    }
    return new SwfTrace(source, header, jobs, skipped);
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
