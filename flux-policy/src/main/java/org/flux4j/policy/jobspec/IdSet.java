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

  /** flux-core's IDSET_MAX_UNIVERSE: ids must stay below {@code INT_MAX + 1}. */
  private static final long MAX_UNIVERSE = (long) Integer.MAX_VALUE + 1;

  /**
   * Parses {@code text} as flux-core's idset_decode does: optional surrounding brackets (no
   * others), then comma-separated elements (empty ones skipped), each an id or a {@code lo-hi}
   * range with {@code hi > lo}, in decimal without sign or leading zero, every element above the
   * ones before it, all ids below 2^31. The empty string is the empty set.
   *
   * @throws JobspecException with reason {@code Invalid idset `text'} if it is malformed
   */
  static IdSet parse(String text) {
    String s = text;
    if (s.length() >= 2 && s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf('[') >= 0 || s.indexOf(']') >= 0) {
      throw invalid(text);
    }
    long[] ranges = new long[8];
    int n = 0;
    long maxId = -1;
    for (String item : s.split(",", -1)) {
      if (item.isEmpty()) {
        continue;
      }
      int dash = item.indexOf('-');
      long lo = number(text, dash < 0 ? item : item.substring(0, dash));
      long hi = dash < 0 ? lo : number(text, item.substring(dash + 1));
      if ((dash >= 0 && hi <= lo) || lo <= maxId) {
        throw invalid(text);
      }
      if (n == ranges.length) {
        ranges = java.util.Arrays.copyOf(ranges, n * 2);
      }
      ranges[n++] = lo;
      ranges[n++] = hi;
      maxId = hi;
    }
    if (maxId >= MAX_UNIVERSE) {
      throw invalid(text);
    }
    return new IdSet(java.util.Arrays.copyOf(ranges, n));
  }

  private static long number(String text, String s) {
    if (s.isEmpty() || s.length() > 18 || (s.charAt(0) == '0' && s.length() > 1)) {
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
