package org.flux4j.graph.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Membership of a host name in a {@link Hostlist} without expanding it: flux-core's {@code
 * hostlist_find} as a lookup.
 *
 * <p>Implementation notes. Single hosts (names kept whole) sit in a hash set. Numbered runs are
 * grouped by prefix, then by zero-padding width; each group's lo..hi ranges are merged into sorted
 * disjoint pairs. A name {@code P + D} ({@code D} its digits) is in a run of prefix {@code P} and
 * width {@code w} when the run holds {@code n = value(D)} and printing {@code n} at width {@code w}
 * gives back {@code D}, i.e. {@code D} has leading zeros and {@code w == |D|}, or it has none and
 * {@code w <= |D|}. A prefix may itself end in digits ("f00[1-2]"), so the split between {@code P}
 * and {@code D} is tried at each position inside the name's trailing digits, at most as deep as the
 * longest digit tail of any prefix. Prefix lookup hashes the name's region with {@link
 * String#hashCode}'s formula into an open-addressing table, so a query allocates nothing.
 *
 * <p>One deliberate difference: flux-core's {@code hostlist_find} misses a name whose digit tail is
 * longer than 10 characters when the run's prefix ends in a digit (its digit-shifting step gives
 * up); this index finds it, as membership in the expanded list says.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class HostlistIndex {
  private final Set<String> singles = new HashSet<>();
  private final String[] keys; // open addressing; null = empty
  private final long[][][] groups; // per key: per width group {width, lo0, hi0, lo1, hi1, ...}
  private final int mask;
  private final int maxPrefixDigits; // longest run of trailing digits of any prefix

  HostlistIndex(Hostlist.Run[] runs) {
    Map<String, Map<Integer, List<long[]>>> byPrefix = new LinkedHashMap<>();
    int deepest = 0;
    for (Hostlist.Run r : runs) {
      if (r.single) {
        singles.add(r.prefix);
        continue;
      }
      byPrefix
          .computeIfAbsent(r.prefix, k -> new LinkedHashMap<>())
          .computeIfAbsent(r.width, k -> new ArrayList<>())
          .add(new long[] {r.lo, r.hi});
      deepest = Math.max(deepest, trailingDigits(r.prefix));
    }
    maxPrefixDigits = deepest;
    int cap = Integer.highestOneBit(Math.max(2, byPrefix.size() * 2 + 1)) << 1;
    keys = new String[cap];
    groups = new long[cap][][];
    mask = cap - 1;
    for (Map.Entry<String, Map<Integer, List<long[]>>> e : byPrefix.entrySet()) {
      int slot = e.getKey().hashCode() & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = e.getKey();
      long[][] g = new long[e.getValue().size()][];
      int k = 0;
      for (Map.Entry<Integer, List<long[]>> w : e.getValue().entrySet()) {
        g[k++] = merged(w.getKey(), w.getValue());
      }
      groups[slot] = g;
    }
  }

  /** {width, lo0, hi0, ...}: the ranges sorted by lo, overlapping or adjacent ones merged. */
  private static long[] merged(int width, List<long[]> ranges) {
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] out = new long[1 + 2 * ranges.size()];
    out[0] = width;
    int n = 1;
    for (long[] r : ranges) {
      if (n > 1 && r[0] <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], r[1]);
      } else {
        out[n++] = r[0];
        out[n++] = r[1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int trailingDigits(String s) {
    int k = s.length();
    while (k > 0 && isDigit(s.charAt(k - 1))) {
      k--;
    }
    return s.length() - k;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  boolean contains(String host) {
    if (singles.contains(host)) {
      return true;
    }
    int len = host.length();
    int tail = len;
    while (tail > 0 && isDigit(host.charAt(tail - 1))) {
      tail--;
    }
    int last = Math.min(len - 1, tail + maxPrefixDigits);
    for (int split = tail; split <= last; split++) {
      long[][] g = lookup(host, split);
      if (g != null && inGroups(g, host, split, len)) {
        return true;
      }
    }
    return false;
  }

  private long[][] lookup(String host, int prefixLen) {
    int h = 0;
    for (int k = 0; k < prefixLen; k++) {
      h = 31 * h + host.charAt(k);
    }
    for (int slot = h & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key.length() == prefixLen && host.startsWith(key)) {
        return groups[slot];
      }
    }
    return null;
  }

  private static boolean inGroups(long[][] groups, String host, int from, int to) {
    long n = Hostlist.digitsValue(host, from, to);
    if (n < 0) {
      return false;
    }
    int digits = to - from;
    boolean padded = digits > 1 && host.charAt(from) == '0';
    for (long[] g : groups) {
      long width = g[0];
      if ((padded ? width == digits : width <= digits) && inRanges(g, n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRanges(long[] g, long n) {
    int lo = 0;
    int hi = (g.length - 1) / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (n < g[1 + 2 * mid]) {
        hi = mid - 1;
      } else if (n > g[2 + 2 * mid]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
