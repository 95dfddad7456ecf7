package org.flux4j.policy.jobspec;

/**
 * An RFC 22 idset such as {@code [0-3,7]}, parsed for membership tests. Representation: sorted-as-
 * written pairs of inclusive bounds; {@link #contains(long)} is O(number of ranges).
 */
final class IdSet {
  private final long[] ranges;

  private IdSet(long[] ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses {@code text}: optional surrounding brackets, then comma-separated ids and {@code lo-hi}
   * ranges in decimal. The empty string is the empty set.
   *
   * @throws JobspecException with reason {@code Invalid idset `text'} if it is malformed
   */
  static IdSet parse(String text) {
    String s = text;
    if (s.startsWith("[") && s.endsWith("]") && s.length() >= 2) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty()) {
      return new IdSet(new long[0]);
    }
    String[] items = s.split(",", -1);
    long[] ranges = new long[items.length * 2];
    for (int k = 0; k < items.length; k++) {
      String item = items[k];
      int dash = item.indexOf('-');
      long lo = number(text, dash < 0 ? item : item.substring(0, dash));
      long hi = dash < 0 ? lo : number(text, item.substring(dash + 1));
      if (hi < lo) {
        throw invalid(text);
      }
      ranges[2 * k] = lo;
      ranges[2 * k + 1] = hi;
    }
    return new IdSet(ranges);
  }

  private static long number(String text, String s) {
    if (s.isEmpty() || s.length() > 18) {
      throw invalid(text);
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw invalid(text);
      }
    }
    return Long.parseLong(s);
  }

  private static JobspecException invalid(String text) {
    return new JobspecException(
        "<idset>", "", "invalid idset '" + text + "'", "Invalid idset `" + text + "'");
  }

  /** Whether {@code id} is in the set (never for a negative id). */
  boolean contains(long id) {
    for (int k = 0; k < ranges.length; k += 2) {
      if (id >= ranges[k] && id <= ranges[k + 1]) {
        return true;
      }
    }
    return false;
  }
}
