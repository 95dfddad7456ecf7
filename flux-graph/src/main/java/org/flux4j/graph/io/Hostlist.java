package org.flux4j.graph.io;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of host names in flux-core's hostlist notation ("node[0-3],fluke[1-10,4432]"),
 * with the semantics of flux-core's {@code libhostlist}: {@code hostlist_decode}, {@code
 * hostlist_append} and {@code hostlist_encode}.
 *
 * <h2>Semantics</h2>
 *
 * <p>A host name splits into a prefix and a numeric suffix (its trailing digits, whose count is its
 * zero-padding width): "node007" is prefix "node", number 7, width 3; a name without trailing
 * digits is a single host. The list is a sequence of runs (prefix, lo..hi, width). Appending a host
 * extends the last run only when it has the same prefix, a compatible width and the next number up;
 * nothing is ever sorted or de-duplicated, so order is kept ("node1,node0" stays "node[1,0]").
 * Encoding groups consecutive runs that share a prefix into one bracket, as flux-core does:
 * ["node0", "node1", "node2", "node3"] encodes to "node[0-3]", ["node3", "node5"] to "node[3,5]".
 *
 * <p>Instances are immutable and safe to share between threads. Build one with {@link #decode} or a
 * {@link Builder}. Memory is O(runs), not O(hosts).
 */
public final class Hostlist extends AbstractList<String> {
  private static final Hostlist EMPTY = new Hostlist(new Run[0], new long[] {0});

  private final Run[] runs;
  private final long[] offsets; // offsets[r] = hosts before run r; offsets[runs.length] = size

  /** One run of hosts: a prefix with numbers lo..hi at a width, or a single name without suffix. */
  private static final class Run {
    final String prefix;
    final long lo;
    long hi;
    int width;
    final boolean single;

    Run(String prefix, long lo, long hi, int width, boolean single) {
      this.prefix = prefix;
      this.lo = lo;
      this.hi = hi;
      this.width = width;
      this.single = single;
    }

    long count() {
      return single ? 1 : hi - lo + 1;
    }

    Run copy() {
      return new Run(prefix, lo, hi, width, single);
    }

    /** flux-core's hostrange_prefix_cmp == 0: same prefix and both or neither single. */
    boolean samePrefix(Run o) {
      return prefix.equals(o.prefix) && single == o.single;
    }

    void appendHost(StringBuilder sb, long n) {
      sb.append(prefix);
      if (!single) {
        appendPadded(sb, n, width);
      }
    }
  }

  private Hostlist(Run[] runs, long[] offsets) {
    this.runs = runs;
    this.offsets = offsets;
  }

  /** The empty list. */
  public static Hostlist empty() {
    return EMPTY;
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The list of these host names, in this order. */
  public static Hostlist of(Iterable<String> hosts) {
    Builder b = builder();
    for (String h : hosts) {
      b.append(h);
    }
    return b.build();
  }

  /** The list of these host names, in this order. */
  public static Hostlist of(String... hosts) {
    return of(Arrays.asList(hosts));
  }

  /**
   * Parses a hostlist: hosts and bracketed groups separated by commas, spaces or tabs, e.g.
   * "node[0-3],fluke[1-10,4432]", "foo[01-03]-ib" (a suffix after the bracket makes each expanded
   * name a single host, as in flux-core). Inside brackets, "lo-hi" ranges need {@code lo <= hi};
   * the width of a range is the number of characters of its {@code lo}, so "[01-10]" pads to two
   * digits. "" is the empty list. O(length + runs).
   *
   * @throws IllegalArgumentException naming the text, the character position and the problem
   */
  public static Hostlist decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("hostlist text is null");
    }
    Builder b = builder();
    int len = text.length();
    int i = 0;
    while (i < len) {
      while (i < len && isSeparator(text.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      int start = i;
      int open = -1;
      int close = -1;
      int level = 0;
      while (i < len && (level != 0 || !isSeparator(text.charAt(i)))) {
        char c = text.charAt(i);
        if (c == '[') {
          if (level > 0) {
            throw bad(text, i, "nested '['");
          }
          if (open >= 0) {
            throw bad(text, i, "more than one bracketed group in one host name");
          }
          open = i;
          level++;
        } else if (c == ']') {
          if (level == 0) {
            throw bad(text, i, "']' without a matching '['");
          }
          close = i;
          level--;
        }
        i++;
      }
      if (level != 0) {
        throw bad(text, open, "'[' without a matching ']'");
      }
      if (open < 0) {
        b.append(text.substring(start, i));
      } else {
        decodeBracketed(text, start, open, close, i, b);
      }
    }
    return b.build();
  }

  private static void decodeBracketed(
      String text, int start, int open, int close, int end, Builder b) {
    String prefix = text.substring(start, open);
    String suffix = text.substring(close + 1, end);
    int i = open + 1;
    if (i == close) {
      throw bad(text, i, "empty brackets");
    }
    while (i <= close) {
      int elemStart = i;
      int loEnd = skipDigits(text, i, close);
      if (loEnd == i) {
        throw bad(text, i, "expected a number");
      }
      long lo = parseNumber(text, i, loEnd);
      int width = loEnd - i;
      long hi = lo;
      i = loEnd;
      if (i < close && text.charAt(i) == '-') {
        i++;
        int hiEnd = skipDigits(text, i, close);
        if (hiEnd == i) {
          throw bad(text, i, "expected a number after '-'");
        }
        hi = parseNumber(text, i, hiEnd);
        if (hi < lo) {
          throw bad(text, elemStart, "range " + lo + "-" + hi + " is descending");
        }
        i = hiEnd;
      }
      if (i < close && text.charAt(i) != ',') {
        throw bad(text, i, "expected ',' or '-' but found '" + text.charAt(i) + "'");
      }
      if (suffix.isEmpty()) {
        b.appendRun(new Run(prefix, lo, hi, width, false));
      } else {
        StringBuilder sb = new StringBuilder();
        for (long n = lo; n <= hi; n++) {
          sb.setLength(0);
          sb.append(prefix);
          appendPadded(sb, n, width);
          sb.append(suffix);
          b.appendRun(new Run(sb.toString(), 0, 0, 0, true));
        }
      }
      i++; // past ',' or ']'
    }
  }

  private static long parseNumber(String text, int from, int to) {
    long v = 0;
    for (int k = from; k < to; k++) {
      int d = text.charAt(k) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw bad(text, from, "number is too large");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int skipDigits(String text, int i, int end) {
    while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ' ' || c == '\t';
  }

  private static IllegalArgumentException bad(String text, int pos, String problem) {
    return new IllegalArgumentException(
        "bad hostlist \"" + text + "\" at position " + pos + ": " + problem);
  }

  private static void appendPadded(StringBuilder sb, long n, int width) {
    int digits = 1;
    for (long m = n / 10; m != 0; m /= 10) {
      digits++;
    }
    for (int k = digits; k < width; k++) {
      sb.append('0');
    }
    sb.append(n);
  }

  /** How many digits {@code n} needs beyond those {@code width} pads: flux-core's zero_padded. */
  private static int zeroPadded(long n, int width) {
    int digits = 1;
    for (long m = n / 10; m != 0; m /= 10) {
      digits++;
    }
    return width > digits ? width - digits : 0;
  }

  // ---------------------------------------------------------------- list view

  /** How many host names the list has (repeats counted). O(1). */
  @Override
  public int size() {
    long n = offsets[runs.length];
    return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
  }

  /** The host name at position {@code index}. O(log runs). */
  @Override
  public String get(int index) {
    Objects.checkIndex(index, size());
    int lo = 0;
    int hi = runs.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (offsets[mid] <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    Run r = runs[lo];
    StringBuilder sb = new StringBuilder(r.prefix.length() + 8);
    r.appendHost(sb, r.lo + (index - offsets[lo]));
    return sb.toString();
  }

  /**
   * The compressed form flux-core's {@code hostlist_encode} produces (and Fluxion prints): runs
   * that share a prefix and follow each other go into one bracket, e.g. "node[0-3,7],login1"; a
   * lone host of a prefix has no brackets. "" when empty. O(runs).
   */
  public String encode() {
    StringBuilder sb = new StringBuilder(16 * runs.length + 8);
    appendTo(sb);
    return sb.toString();
  }

  /** Appends the {@link #encode()} form to {@code sb}. */
  public void appendTo(StringBuilder sb) {
    int i = 0;
    while (i < runs.length) {
      if (i > 0) {
        sb.append(',');
      }
      Run first = runs[i];
      boolean bracket =
          first.count() > 1 || (i + 1 < runs.length && withinRange(first, runs[i + 1]));
      sb.append(first.prefix);
      if (bracket) {
        sb.append('[');
      }
      while (true) {
        Run r = runs[i];
        if (!r.single) {
          appendPadded(sb, r.lo, r.width);
          if (r.lo < r.hi) {
            sb.append('-');
            appendPadded(sb, r.hi, r.width);
          }
        }
        i++;
        if (i >= runs.length || !withinRange(runs[i], runs[i - 1])) {
          break;
        }
        if (bracket) {
          sb.append(',');
        }
      }
      if (bracket) {
        sb.append(']');
      }
    }
  }

  /** flux-core's hostrange_within_range: same prefix and neither a single host. */
  private static boolean withinRange(Run a, Run b) {
    return a.samePrefix(b) && !a.single && !b.single;
  }

  /** The {@link #encode()} form. */
  @Override
  public String toString() {
    return encode();
  }

  // ---------------------------------------------------------------- builder

  /**
   * Appends host names one by one, as flux-core's {@code hostlist_append} does. Amortised O(1) per
   * name. Not thread-safe.
   */
  public static final class Builder {
    private final List<Run> runs = new ArrayList<>();
    private long count;

    private Builder() {}

    /**
     * Appends one host name; a name with trailing digits extends the last run when its number is
     * the next one up and its width is compatible.
     *
     * @throws IllegalArgumentException if the name is empty or contains ',', '[', ']', space or tab
     */
    public Builder append(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("bad host name \"\": empty");
      }
      for (int k = 0; k < host.length(); k++) {
        char c = host.charAt(k);
        if (c == ',' || c == '[' || c == ']' || c == ' ' || c == '\t') {
          throw new IllegalArgumentException(
              "bad host name \"" + host + "\" at position " + k + ": '" + c + "' is not allowed");
        }
      }
      int end = host.length();
      int p = end;
      while (p > 0 && host.charAt(p - 1) >= '0' && host.charAt(p - 1) <= '9') {
        p--;
      }
      if (p == end || end - p > 18) {
        appendRun(new Run(host, 0, 0, 0, true));
      } else {
        long n = Long.parseLong(host.substring(p));
        appendRun(new Run(host.substring(0, p), n, n, end - p, false));
      }
      return this;
    }

    /** Appends every name of {@code hosts}, in order. */
    public Builder appendAll(Iterable<String> hosts) {
      for (String h : hosts) {
        append(h);
      }
      return this;
    }

    void appendRun(Run hr) {
      if (!runs.isEmpty()) {
        Run tail = runs.get(runs.size() - 1);
        if (tail.samePrefix(hr) && !hr.single && tail.hi == hr.lo - 1 && widthsCombine(tail, hr)) {
          tail.hi = hr.hi;
          count += hr.count();
          return;
        }
      }
      runs.add(hr.copy());
      count += hr.count();
    }

    /**
     * flux-core's width_equiv on (tail.lo, tail.width) and (next.lo, next.width): whether the
     * paddings agree; may adopt one run's width for the other as flux-core does.
     */
    private static boolean widthsCombine(Run tail, Run next) {
      int npad = zeroPadded(tail.lo, tail.width);
      int nmpad = zeroPadded(tail.lo, next.width);
      int mpad = zeroPadded(next.lo, next.width);
      int mnpad = zeroPadded(next.lo, tail.width);
      if (npad != nmpad && mpad != mnpad) {
        return false;
      }
      if (npad != nmpad) {
        next.width = tail.width;
      } else {
        tail.width = next.width;
      }
      return true;
    }

    /** How many names have been appended. */
    public long size() {
      return count;
    }

    /** The list of the names appended so far; the builder stays usable. */
    public Hostlist build() {
      if (runs.isEmpty()) {
        return EMPTY;
      }
      Run[] r = new Run[runs.size()];
      long[] off = new long[r.length + 1];
      for (int k = 0; k < r.length; k++) {
        r[k] = runs.get(k).copy();
        off[k + 1] = off[k] + r[k].count();
      }
      return new Hostlist(r, off);
    }
  }
}
