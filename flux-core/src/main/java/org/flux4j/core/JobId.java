package org.flux4j.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job id: a Flux Locally Unique ID (FLUID, RFC 19) of 64 bits, {@code [timestamp:40 |
 * generator:14 | sequence:10]}, where the timestamp is in milliseconds since the instance's epoch.
 *
 * <p>Ids print in every RFC 19 encoding ({@link #f58()} is the default {@link #toString()}, then
 * {@link #dothex()}, {@link #hex()}, {@link #words()}, {@link #kvs()}, {@link #decimal()}) and
 * {@link #parse(String)} reads any of them. Ids order by their value, which is submission order
 * within one generator. Immutable and thread-safe.
 *
 * @param value the 64-bit id; unsigned in Flux, compared here as unsigned
 */
public record JobId(long value) implements Comparable<JobId> {
  /** The F58 prefix, U+0192 (LATIN SMALL LETTER F WITH HOOK). */
  public static final String F58_PREFIX = "\u0192";

  private static final int TIMESTAMP_BITS = 40;
  private static final int GENERATOR_BITS = 14;
  private static final int SEQUENCE_BITS = 10;
  private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int WORD_BASE = 1626;

  /** Builds the id of a timestamp, generator id and sequence number, each range-checked. */
  public static JobId of(long timestamp, int generator, int sequence) {
    if (timestamp < 0 || timestamp >= 1L << TIMESTAMP_BITS) {
      throw new IllegalArgumentException("FLUID timestamp out of 40-bit range: " + timestamp);
    }
    if (generator < 0 || generator >= 1 << GENERATOR_BITS) {
      throw new IllegalArgumentException("FLUID generator id out of 14-bit range: " + generator);
    }
    if (sequence < 0 || sequence >= 1 << SEQUENCE_BITS) {
      throw new IllegalArgumentException("FLUID sequence out of 10-bit range: " + sequence);
    }
    return new JobId(
        timestamp << (GENERATOR_BITS + SEQUENCE_BITS)
            | (long) generator << SEQUENCE_BITS
            | sequence);
  }

  /** The timestamp part: milliseconds since the generating instance's epoch. */
  public long timestamp() {
    return value >>> (GENERATOR_BITS + SEQUENCE_BITS);
  }

  /** The generator id part (14 bits). */
  public int generator() {
    return (int) (value >>> SEQUENCE_BITS) & ((1 << GENERATOR_BITS) - 1);
  }

  /** The sequence part (10 bits). */
  public int sequence() {
    return (int) value & ((1 << SEQUENCE_BITS) - 1);
  }

  /** F58: base58 with the ƒ prefix, e.g. {@code ƒuzzybunny}. */
  public String f58() {
    return F58_PREFIX + base58();
  }

  /** F58 with the ASCII fallback prefix {@code f}, for terminals without UTF-8. */
  public String f58Ascii() {
    return "f" + base58();
  }

  private String base58() {
    if (value == 0) {
      return "1";
    }
    char[] buf = new char[12];
    int i = buf.length;
    long v = value;
    while (v != 0) {
      int rem = (int) Long.remainderUnsigned(v, 58);
      buf[--i] = B58.charAt(rem);
      v = Long.divideUnsigned(v, 58);
    }
    return new String(buf, i, buf.length - i);
  }

  /** Dotted hex, four groups of four digits, e.g. {@code 0018.1d0d.4d85.0fbe}. */
  public String dothex() {
    String h = String.format(Locale.ROOT, "%016x", value);
    return h.substring(0, 4)
        + '.'
        + h.substring(4, 8)
        + '.'
        + h.substring(8, 12)
        + '.'
        + h.substring(12);
  }

  /** The KVS directory form, {@code job.} followed by {@link #dothex()}. */
  public String kvs() {
    return "job." + dothex();
  }

  /** Hexadecimal with the {@code 0x} prefix. */
  public String hex() {
    return "0x" + Long.toHexString(value);
  }

  /** Unsigned decimal. */
  public String decimal() {
    return Long.toUnsignedString(value);
  }

  /**
   * The mnemonic (mnemonicode) words: each 32-bit half, low half first, as three base-1626 words,
   * e.g. {@code cake-plume-nepal--neuron-pencil-academy}.
   */
  public String words() {
    List<String> w = Words.LIST;
    StringBuilder sb = new StringBuilder(48);
    for (int half = 0; half < 2; half++) {
      long x = (value >>> (32 * half)) & 0xffffffffL;
      if (half > 0) {
        sb.append("--");
      }
      sb.append(w.get((int) (x % WORD_BASE)))
          .append('-')
          .append(w.get((int) (x / WORD_BASE % WORD_BASE)))
          .append('-')
          .append(w.get((int) (x / WORD_BASE / WORD_BASE % WORD_BASE)));
    }
    return sb.toString();
  }

  /** The F58 form. */
  @Override
  public String toString() {
    return f58();
  }

  @Override
  public int compareTo(JobId o) {
    return Long.compareUnsigned(value, o.value);
  }

  /**
   * Parses a job id in any RFC 19 encoding, detected as Flux does: a {@code .} means dothex (an
   * optional {@code job.} prefix is accepted), a {@code -} means words, a leading {@code ƒ} or
   * {@code f} means F58, {@code 0x} means hex, otherwise decimal. Leading and trailing whitespace
   * is ignored.
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static JobId parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("job id: null");
    }
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("job id: empty string");
    }
    long v;
    if (s.indexOf('.') >= 0) {
      v = parseDothex(text, s.startsWith("job.") ? s.substring(4) : s);
    } else if (s.indexOf('-') >= 0) {
      v = parseWords(text, s);
    } else if (s.startsWith(F58_PREFIX) || s.startsWith("f")) {
      v = parseF58(text, s.substring(s.startsWith(F58_PREFIX) ? F58_PREFIX.length() : 1));
    } else if (s.startsWith("0x")) {
      v = parseNumber(text, s.substring(2), 16);
    } else {
      v = parseNumber(text, s, 10);
    }
    return new JobId(v);
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("job id '" + text + "': " + why);
  }

  private static long parseNumber(String text, String digits, int radix) {
    try {
      return Long.parseUnsignedLong(digits, radix);
    } catch (NumberFormatException e) {
      throw bad(text, "not a " + (radix == 16 ? "hexadecimal" : "decimal") + " FLUID");
    }
  }

  private static long parseDothex(String text, String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw bad(text, "dothex needs four dot-separated groups");
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 4) {
        throw bad(text, "dothex group '" + p + "' must have 1 to 4 hex digits");
      }
      try {
        v = v << 16 | Integer.parseInt(p, 16);
      } catch (NumberFormatException e) {
        throw bad(text, "dothex group '" + p + "' is not hexadecimal");
      }
    }
    return v;
  }

  private static long parseF58(String text, String digits) {
    if (digits.isEmpty() || digits.length() > 12) {
      throw bad(text, "F58 needs 1 to 12 base58 digits");
    }
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = B58.indexOf(digits.charAt(i));
      if (d < 0) {
        throw bad(text, "'" + digits.charAt(i) + "' is not a base58 digit");
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 58)) > 0) {
        throw bad(text, "F58 value exceeds 64 bits");
      }
      long next = v * 58 + d;
      if (Long.compareUnsigned(next, v * 58) < 0) {
        throw bad(text, "F58 value exceeds 64 bits");
      }
      v = next;
    }
    return v;
  }

  private static long parseWords(String text, String s) {
    String[] halves = s.split("--", -1);
    if (halves.length != 2) {
      throw bad(text, "words need two groups of three words separated by '--'");
    }
    long v = 0;
    for (int half = 0; half < 2; half++) {
      String[] w = halves[half].split("-", -1);
      if (w.length != 3) {
        throw bad(text, "words need three words per group, found '" + halves[half] + "'");
      }
      long x = 0;
      for (int k = 2; k >= 0; k--) {
        Integer idx = Words.INDEX.get(w[k].toLowerCase(Locale.ROOT));
        if (idx == null) {
          throw bad(text, "'" + w[k] + "' is not a mnemonic word");
        }
        x = x * WORD_BASE + idx;
      }
      if (x > 0xffffffffL) {
        throw bad(text, "group '" + halves[half] + "' exceeds 32 bits");
      }
      v |= x << (32 * half);
    }
    return v;
  }

  /** The mnemonicode base word list, loaded on first use. */
  private static final class Words {
    static final List<String> LIST = load();
    static final Map<String, Integer> INDEX = index(LIST);

    private static List<String> load() {
      List<String> out = new ArrayList<>(WORD_BASE);
      try (InputStream in = JobId.class.getResourceAsStream("mnemonicode-words.txt")) {
        if (in == null) {
          throw new IllegalStateException("resource mnemonicode-words.txt is missing");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank() && !line.startsWith("#")) {
            out.add(line.strip());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (out.size() != WORD_BASE) {
        throw new IllegalStateException("mnemonicode-words.txt has " + out.size() + " words");
      }
      return List.copyOf(out);
    }

    private static Map<String, Integer> index(List<String> words) {
      Map<String, Integer> m = new HashMap<>(words.size() * 2);
      for (int i = 0; i < words.size(); i++) {
        m.put(words.get(i), i);
      }
      return m;
    }
  }
}
