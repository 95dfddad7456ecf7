package org.flux4j.graph.io;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of host names in flux-core's hostlist notation ("node[0-3],fluke[1-10,4432]"),
 * with the semantics of flux-core's {@code libhostlist}: {@code hostlist_decode}, {@code
 * hostlist_append}, {@code hostlist_find} and {@code hostlist_encode}. It is flux4j's one hostlist
 * parser: Rv1 readers, RFC 31 {@code hostlist} constraints, the match engine's constraint tests and
 * resource-query's {@code find names=} all read hostlists here.
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
 * <p>Membership ({@link #containsHost}) never expands the list: it looks the name's prefix and
 * number up in an index of the runs built on first use.
 *
 * <p>Instances are immutable and safe to share between threads. Build one with {@link #decode} or a
 * {@link Builder}. Memory is O(runs), not O(hosts).
 */
public final class Hostlist extends AbstractList<String> {
  private static final Hostlist EMPTY = new Hostlist(new Run[0], new long[] {0});

  private final Run[] runs;
  private final long[] offsets; // offsets[r] = hosts before run r; offsets[runs.length] = size
  private volatile HostlistIndex index; // built on the first containsHost; racy but idempotent

  /** One run of hosts: a prefix with numbers lo..hi at a width, or a single name without suffix. */
  static final class Run {
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
   * Parses a hostlist as flux-core's {@code hostlist_decode} does: host names and bracketed groups
   * separated by commas, spaces or tabs outside brackets, e.g. "node[0-3],fluke[1-10,4432]" or
   * "node[1-2] login1". Inside brackets, ranges are "lo", "lo-hi" with {@code lo <= hi}, or "lo-"
   * (just lo); the zero-padding width of a range is the number of characters of its {@code lo}, so
   * "[01-10]" pads to two digits and "[01-02,3]" holds node01, node02 and node3. Text after the
   * bracket makes each expanded name a single host ("foo[1-2]-ib"). Repeats and order are kept. ""
   * is the empty list. At most 2^20 hosts per range and 10240 ranges per bracket, as in flux-core.
   * O(length + hosts with a suffix + runs).
   *
   * @throws IllegalArgumentException naming the text, the character position, the problem and,
   *     where there is one, the fix (e.g. "range 3-1 is descending; use node[1-3] instead")
   */
  public static Hostlist decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("hostlist text is null");
    }
    Builder b = builder();
    HostlistDecoder.decode(text, b);
    return b.build();
  }

  static void appendPadded(StringBuilder sb, long n, int width) {
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

  /**
   * The value of the decimal digits {@code s[from, to)} (all digits, at least one), or -1 when it
   * exceeds {@link Long#MAX_VALUE}. Allocates nothing.
   */
  static long digitsValue(CharSequence s, int from, int to) {
    long v = 0;
    for (int k = from; k < to; k++) {
      int d = s.charAt(k) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  // ---------------------------------------------------------------- membership

  /**
   * Whether {@code host} is one of the names of this list, as flux-core's {@code hostlist_find}
   * answers it (exact, case-sensitive, zero padding significant: "node3" is in "node[01-02,3]",
   * "node03" is not). Nothing is expanded: the first call builds an index of the runs by prefix and
   * width, O(runs log runs); each call then costs O(digits of the name + log runs) and allocates
   * nothing. Thread-safe.
   */
  public boolean containsHost(String host) {
    HostlistIndex ix = index;
    if (ix == null) {
      ix = new HostlistIndex(runs);
      index = ix;
    }
    return ix.contains(host);
  }

  /** As {@link #containsHost} for a string; false for anything else. */
  @Override
  public boolean contains(Object o) {
    return o instanceof String && containsHost((String) o);
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
      long n = p == end ? -1 : digitsValue(host, p, end);
      if (n < 0) {
        // no numeric suffix, or one above Long.MAX_VALUE (flux-core drops a name whose suffix
        // overflows its unsigned long; flux4j keeps it as a plain name)
        appendSingle(host);
      } else {
        appendRun(new Run(host.substring(0, p), n, n, end - p, false));
      }
      return this;
    }

    /** Appends the run {@code prefix} lo..hi at {@code width}, as flux-core's decode does. */
    void appendRange(String prefix, long lo, long hi, int width) {
      appendRun(new Run(prefix, lo, hi, width, false));
    }

    /** Appends a name kept whole (no numeric suffix of its own, or one made with a suffix). */
    void appendSingle(String name) {
      appendRun(new Run(name, 0, 0, 0, true));
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
