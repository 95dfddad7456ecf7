package org.flux4j.graph.io;

/**
 * Reads RFC 29 hostlist text the way flux-core's {@code hostlist_decode} does (the function behind
 * Fluxion's R readers, its RFC 31 {@code hostlist} constraints and resource-query's {@code names}
 * filter).
 *
 * <p>Implementation notes. The text is cut into tokens at commas, spaces and tabs that are outside
 * brackets (flux-core's {@code next_tok}, which counts bracket depth, so "node[1, 2]" is one
 * token). A token without brackets is one host name. A token {@code prefix[ranges]suffix} expands
 * to the hosts {@code prefix + n + suffix}: each range is {@code lo}, {@code lo-hi} or {@code lo-}
 * (read as {@code lo}), its zero-padding width is the number of characters of {@code lo}, a range
 * may hold at most 2^20 hosts and a bracket at most 10240 ranges; with a suffix every host is a
 * single name, without one the range is kept as a run. Nothing is sorted or de-duplicated.
 *
 * <p>Where flux-core's lenient {@code strtoul} or its bracket search lets garbage through, this
 * decoder refuses it with a message saying what Fluxion would have made of it: spaces or signs
 * inside brackets ("n[1, 2]" is "n1,n02" in flux-core), text that is not a number followed by a
 * range ("n[1x-2]"), a second bracket or a stray bracket ("n[1]x[2]" is the literal name "n1x[2]",
 * which flux-core's own {@code hostlist_find} then refuses to look up) and numbers above {@link
 * Long#MAX_VALUE} (flux-core saturates them at 2^64-1). flux4j's HostlistParityTest pins every
 * answer against the real library.
 */
final class HostlistDecoder {
  /** flux-core's MAX_RANGE: the most hosts one bracketed range may hold. */
  static final int MAX_RANGE = 1 << 20;

  /** flux-core's MAX_RANGES: the most ranges one bracket may hold. */
  static final int MAX_RANGES = 10240;

  private final String text;
  private final Hostlist.Builder out;

  private HostlistDecoder(String text, Hostlist.Builder out) {
    this.text = text;
    this.out = out;
  }

  /** Appends the hosts of {@code text} to {@code out}; on error {@code out} may hold some. */
  static void decode(String text, Hostlist.Builder out) {
    new HostlistDecoder(text, out).tokens();
  }

  private void tokens() {
    int len = text.length();
    int i = 0;
    while (true) {
      while (i < len && isSeparator(text.charAt(i))) {
        i++;
      }
      if (i >= len) {
        return;
      }
      int start = i;
      int level = 0;
      while (i < len && (level != 0 || !isSeparator(text.charAt(i)))) {
        char c = text.charAt(i);
        if (c == '[') {
          level++;
        } else if (c == ']') {
          level--;
        }
        i++;
      }
      token(start, i);
    }
  }

  private void token(int start, int end) {
    int open = indexOf('[', start, end);
    int close = indexOf(']', start, end);
    if (open < 0 && close < 0) {
      out.append(text.substring(start, end));
      return;
    }
    if (close < 0) {
      throw bad(open, "'[' without a matching ']'; close it, e.g. node[1-3]");
    }
    if (open < 0 || close < open) {
      throw bad(close, "']' without a matching '['; open it, e.g. node[1-3]");
    }
    int nested = indexOf('[', open + 1, close);
    if (nested >= 0) {
      throw bad(nested, "nested '['; brackets hold numbers only, e.g. node[1-3,7]");
    }
    int stray = Math.max(indexOf('[', close + 1, end), indexOf(']', close + 1, end));
    if (stray >= 0) {
      throw bad(
          stray,
          "a second bracket in one host name (Fluxion keeps such text as a literal name that"
              + " never matches); write one bracketed group per name, e.g. node[1-2],rack[1-2]");
    }
    ranges(start, open, close, end);
  }

  private void ranges(int start, int open, int close, int end) {
    String prefix = text.substring(start, open);
    String suffix = text.substring(close + 1, end);
    if (open + 1 == close) {
      throw bad(open + 1, "empty brackets; put numbers inside, e.g. " + prefix + "[1-3]" + suffix);
    }
    // parse every range before appending any, as flux-core does
    long[] parsed = new long[16];
    int n = 0;
    int i = open + 1;
    while (true) {
      int comma = indexOf(',', i, close);
      int elemEnd = comma < 0 ? close : comma;
      if (n / 3 == MAX_RANGES) {
        throw bad(i, "more than " + MAX_RANGES + " ranges in one bracket; split the list");
      }
      if (n + 3 > parsed.length) {
        parsed = java.util.Arrays.copyOf(parsed, parsed.length * 2);
      }
      range(prefix, suffix, i, elemEnd, parsed, n);
      n += 3;
      if (comma < 0) {
        break;
      }
      i = comma + 1;
    }
    for (int k = 0; k < n; k += 3) {
      long lo = parsed[k];
      long hi = parsed[k + 1];
      int width = (int) parsed[k + 2];
      if (suffix.isEmpty()) {
        out.appendRange(prefix, lo, hi, width);
      } else {
        StringBuilder sb = new StringBuilder(prefix.length() + suffix.length() + 20);
        for (long v = lo; v <= hi; v++) {
          sb.setLength(0);
          sb.append(prefix);
          Hostlist.appendPadded(sb, v, width);
          sb.append(suffix);
          out.appendSingle(sb.toString());
        }
      }
    }
  }

  /** Parses one range in [from, to) into parsed[at..at+2] = lo, hi, width. */
  private void range(String prefix, String suffix, int from, int to, long[] parsed, int at) {
    if (from == to) {
      throw bad(
          from,
          from > 0 && text.charAt(from - 1) == ','
              ? "empty range after ','; remove the extra ','"
              : "empty range before ','; remove the extra ','");
    }
    int dash = indexOf('-', from, to);
    int loEnd = dash < 0 ? to : dash;
    long lo = number(from, loEnd, dash == from);
    long hi = lo;
    if (dash >= 0 && dash + 1 < to) {
      if (text.charAt(dash + 1) == '-') {
        throw bad(dash + 1, "negative numbers are not allowed; write a range as lo-hi");
      }
      hi = number(dash + 1, to, false);
      if (hi < lo) {
        throw bad(
            from,
            "range "
                + text.substring(from, to)
                + " is descending; use "
                + prefix
                + "["
                + text.substring(dash + 1, to)
                + "-"
                + text.substring(from, dash)
                + "]"
                + suffix
                + " instead");
      }
    }
    if (hi - lo >= MAX_RANGE) {
      throw bad(
          from,
          "range "
              + text.substring(from, to)
              + " holds "
              + (hi - lo + 1)
              + " hosts, more than the "
              + MAX_RANGE
              + " Fluxion allows in one range; split it into several ranges");
    }
    parsed[at] = lo;
    parsed[at + 1] = hi;
    parsed[at + 2] = (long) loEnd - from;
  }

  private long number(int from, int to, boolean negative) {
    if (from == to || negative) {
      throw bad(from, "expected a number" + (negative ? "; negative numbers are not allowed" : ""));
    }
    long v = 0;
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        if (c == ' ' || c == '\t' || c == '+') {
          throw bad(
              k,
              "'"
                  + c
                  + "' inside brackets (Fluxion would read it as a padding digit); write"
                  + " plain numbers, e.g. node[1,2]");
        }
        throw bad(k, "expected a digit, ',' or '-' but found '" + c + "'");
      }
      int d = c - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw bad(from, "number is too large (at most " + Long.MAX_VALUE + ")");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private int indexOf(char c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == c) {
        return k;
      }
    }
    return -1;
  }

  static boolean isSeparator(char c) {
    return c == ',' || c == ' ' || c == '\t';
  }

  private IllegalArgumentException bad(int pos, String problem) {
    return new IllegalArgumentException(
        "bad hostlist \"" + text + "\" at position " + pos + ": " + problem);
  }
}
