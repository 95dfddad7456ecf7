package org.flux4j.policy.jobspec;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 29 hostlist such as {@code node[0-3,07]-ib,login1}, parsed for membership tests.
 *
 * <p>Representation: one entry per comma-separated expression: a literal host name, or a prefix, a
 * list of id ranges, a zero-padding width (the length of the first id when it has a leading zero,
 * else 0) and a suffix. {@link #contains(String)} is O(number of ranges); nothing is expanded.
 */
final class Hostlist {
  private final List<Expr> exprs;

  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record Expr(String literal, String prefix, long[] ranges, int width, String suffix) {}

  private Hostlist(List<Expr> exprs) {
    this.exprs = exprs;
  }

  /**
   * Parses {@code text}.
   *
   * @throws JobspecException with reason {@code Invalid hostlist `text'} if it is malformed
   */
  static Hostlist parse(String text) {
    List<Expr> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (depth < 0 || depth > 1) {
        throw invalid(text, "unbalanced or nested brackets");
      }
      if (c == ',' && depth == 0) {
        if (i > start) {
          out.add(expression(text, text.substring(start, i)));
        }
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw invalid(text, "unbalanced brackets");
    }
    return new Hostlist(List.copyOf(out));
  }

  private static Expr expression(String text, String e) {
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c <= ' ' || c > '~') {
        throw invalid(text, "a host name has a blank or non-printable character");
      }
    }
    int open = e.indexOf('[');
    if (open < 0) {
      return new Expr(e, "", new long[0], 0, "");
    }
    int close = e.indexOf(']', open);
    String prefix = e.substring(0, open);
    String suffix = e.substring(close + 1);
    if (suffix.indexOf('[') >= 0 || suffix.indexOf(']') >= 0) {
      throw invalid(text, "more than one bracketed id list in one expression");
    }
    String idlist = e.substring(open + 1, close);
    if (idlist.isEmpty()) {
      throw invalid(text, "empty id list");
    }
    String[] items = idlist.split(",", -1);
    long[] ranges = new long[items.length * 2];
    int width = 0;
    for (int k = 0; k < items.length; k++) {
      String item = items[k];
      int dash = item.indexOf('-');
      String lo = dash < 0 ? item : item.substring(0, dash);
      String hi = dash < 0 ? item : item.substring(dash + 1);
      long l = number(text, lo);
      long h = number(text, hi);
      if (h < l) {
        throw invalid(text, "range " + item + " runs backwards");
      }
      if (k == 0 && lo.length() > 1 && lo.charAt(0) == '0') {
        width = lo.length();
      }
      ranges[2 * k] = l;
      ranges[2 * k + 1] = h;
    }
    return new Expr(null, prefix, ranges, width, suffix);
  }

  private static long number(String text, String s) {
    if (s.isEmpty() || s.length() > 18) {
      throw invalid(text, "bad id '" + s + "'");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw invalid(text, "bad id '" + s + "'");
      }
    }
    return Long.parseLong(s);
  }

  private static JobspecException invalid(String text, String why) {
    return new JobspecException(
        "<hostlist>",
        "",
        "invalid hostlist '" + text + "': " + why,
        "Invalid hostlist `" + text + "'");
  }

  /** Whether host {@code name} is in the list. */
  boolean contains(String name) {
    for (Expr e : exprs) {
      if (e.literal != null) {
        if (e.literal.equals(name)) {
          return true;
        }
        continue;
      }
      int digitsEnd = name.length() - e.suffix.length();
      if (!name.startsWith(e.prefix)
          || !name.endsWith(e.suffix)
          || digitsEnd <= e.prefix.length()) {
        continue;
      }
      String digits = name.substring(e.prefix.length(), digitsEnd);
      if (digits.length() > 18 || !allDigits(digits)) {
        continue;
      }
      long n = Long.parseLong(digits);
      if (!formatted(n, e.width).equals(digits)) {
        continue;
      }
      for (int k = 0; k < e.ranges.length; k += 2) {
        if (n >= e.ranges[k] && n <= e.ranges[k + 1]) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String formatted(long n, int width) {
    String s = Long.toString(n);
    if (s.length() >= width) {
      return s;
    }
    return "0".repeat(width - s.length()) + s;
  }
}
