package org.flux4j.graph.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * An immutable sorted set of non-negative ids in the RFC 22 idset notation ("0-3,7", "[1,3-5]"),
 * with flux-core's {@code idset_decode} and {@code idset_encode} semantics. It is flux4j's one
 * idset parser: R readers, RFC 31 {@code ranks} constraints and resource-query's rank arguments
 * read idsets here.
 *
 * <h2>Representation</h2>
 *
 * <p>The members are kept as disjoint, non-adjacent, ascending closed ranges in one {@code long[]}
 * of (lo, hi) pairs, so that "0-1000000" costs two longs. {@link #contains} is a binary search over
 * the ranges; {@link #size} is O(1); iteration is in ascending order.
 *
 * <p>Instances are immutable and safe to share between threads. Build one with {@link #decode},
 * {@link #of} or a {@link Builder} (which accepts ids in any order and with repeats).
 */
public final class IdSet implements Iterable<Long> {
  private static final IdSet EMPTY = new IdSet(new long[0], 0);

  private final long[] ranges; // lo0, hi0, lo1, hi1, ... ascending, disjoint, non-adjacent
  private final long size;

  private IdSet(long[] ranges, long size) {
    this.ranges = ranges;
    this.size = size;
  }

  /** The empty set. */
  public static IdSet empty() {
    return EMPTY;
  }

  /** The set of the given ids (any order, repeats allowed); each must be non-negative. */
  public static IdSet of(long... ids) {
    Builder b = builder();
    for (long id : ids) {
      b.add(id);
    }
    return b.build();
  }

  /** The set of the given ids (any order, repeats allowed); each must be non-negative. */
  public static IdSet of(int... ids) {
    Builder b = builder();
    for (int id : ids) {
      b.add(id);
    }
    return b.build();
  }

  /** The closed range {@code lo..hi}; {@code 0 <= lo <= hi}. */
  public static IdSet range(long lo, long hi) {
    if (lo < 0 || hi < lo) {
      throw new IllegalArgumentException("bad id range " + lo + "-" + hi + ": need 0 <= lo <= hi");
    }
    return new IdSet(new long[] {lo, hi}, hi - lo + 1);
  }

  /** Starts an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The largest id {@link #decode} accepts: flux-core's {@code IDSET_MAX_UNIVERSE} (2^31) minus
   * one.
   */
  public static final long MAX_ID = Integer.MAX_VALUE;

  /**
   * Parses an RFC 22 idset as flux-core's {@code idset_decode} does (the function Fluxion uses for
   * R_lite ranks, RFC 31 {@code ranks} constraints and resource-query's rank arguments):
   * comma-separated ids and "lo-hi" ranges, optionally inside one pair of brackets, e.g. "0-3,7" or
   * "[1,3-5]". Elements must ascend strictly (each starts above the previous one's end, so "3,1",
   * "1,1" and "1-2,2-3" are refused), ids are plain decimal without sign, blank or leading zero, a
   * range's end is above its start, ids are at most {@link #MAX_ID}, and empty elements ("1,,2")
   * are skipped; "", "," and "[]" are the empty set. O(length).
   *
   * @throws IllegalArgumentException naming the text, the character position, the problem and,
   *     where there is one, the fix (e.g. "; use 1,3 instead")
   */
  public static IdSet decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("idset text is null");
    }
    int start = 0;
    int end = text.length();
    if (end >= 2 && text.charAt(0) == '[' && text.charAt(end - 1) == ']') {
      start = 1;
      end--;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '[' || c == ']') {
        throw bad(text, i, "mismatched or nested brackets; use one pair around the whole set");
      }
    }
    long[] out = new long[8];
    int n = 0;
    long count = 0;
    long max = -1;
    int i = start;
    while (i < end) {
      if (text.charAt(i) == ',') {
        i++;
        continue;
      }
      int tokenStart = i;
      long lo = parseId(text, i, end);
      i = skipDigits(text, i, end);
      long hi = lo;
      if (i < end && text.charAt(i) == '-') {
        i++;
        int hiStart = i;
        hi = parseId(text, i, end);
        i = skipDigits(text, i, end);
        if (hi <= lo) {
          throw bad(
              text,
              hiStart,
              "range end "
                  + hi
                  + " is not above its start "
                  + lo
                  + (hi < lo ? "; use " + hi + "-" + lo + " instead" : "; use " + lo + " instead"));
        }
      }
      if (i < end && text.charAt(i) != ',') {
        String expected = hi == lo ? "',' or '-'" : "','";
        throw bad(text, i, "expected " + expected + " but found '" + text.charAt(i) + "'");
      }
      if (lo <= max) {
        throw bad(
            text,
            tokenStart,
            "element "
                + text.substring(tokenStart, i)
                + " is out of order (ids must ascend without repeats)"
                + sortedHint(text, start, end));
      }
      if (hi > MAX_ID) {
        throw bad(
            text,
            tokenStart,
            "id " + hi + " is above the largest idset id " + MAX_ID + " (2^31-1)");
      }
      if (n > 0 && out[n - 1] == lo - 1) {
        out[n - 1] = hi; // adjacent to the previous range: extend it
      } else {
        if (n + 2 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = lo;
        out[n++] = hi;
      }
      count += hi - lo + 1;
      max = hi;
    }
    return n == 0 ? EMPTY : new IdSet(Arrays.copyOf(out, n), count);
  }

  /** "; use X instead" with X the ascending form of the elements, or "" if they do not parse. */
  private static String sortedHint(String text, int start, int end) {
    List<long[]> ranges = new ArrayList<>();
    for (String element : text.substring(start, end).split(",", -1)) {
      if (!element.isEmpty()) {
        try {
          IdSet one = decode(element);
          ranges.add(new long[] {one.first(), one.last()});
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    ranges.sort((x, y) -> Long.compare(x[0], y[0]));
    long[] merged = new long[2 * ranges.size()];
    int n = 0;
    long count = 0;
    for (long[] r : ranges) {
      if (n > 0 && r[0] <= merged[n - 1] + 1) {
        count += Math.max(0, r[1] - merged[n - 1]);
        merged[n - 1] = Math.max(merged[n - 1], r[1]);
      } else {
        merged[n++] = r[0];
        merged[n++] = r[1];
        count += r[1] - r[0] + 1;
      }
    }
    return "; use " + new IdSet(Arrays.copyOf(merged, n), count).encode() + " instead";
  }

  private static long parseId(String text, int i, int end) {
    if (i >= end || !isDigit(text.charAt(i))) {
      throw bad(
          text,
          i,
          i >= end
              ? "expected an id but the text ended"
              : "expected an id (digits) but found '" + text.charAt(i) + "'");
    }
    int j = skipDigits(text, i, end);
    if (text.charAt(i) == '0' && j - i > 1) {
      throw bad(
          text,
          i,
          "id "
              + text.substring(i, j)
              + " has a leading zero; write "
              + text.substring(i, j).replaceFirst("^0+(?=.)", ""));
    }
    long v = 0;
    for (int k = i; k < j; k++) {
      int d = text.charAt(k) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw bad(text, i, "id is too large (at most " + MAX_ID + ")");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int skipDigits(String text, int i, int end) {
    while (i < end && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException bad(String text, int pos, String problem) {
    return new IllegalArgumentException(
        "bad idset \"" + text + "\" at position " + pos + ": " + problem);
  }

  /** How many ids are in the set. O(1). */
  public long size() {
    return size;
  }

  /** Whether the set has no ids. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The smallest id; throws {@link NoSuchElementException} if empty. */
  public long first() {
    if (size == 0) {
      throw new NoSuchElementException("empty idset");
    }
    return ranges[0];
  }

  /** The largest id; throws {@link NoSuchElementException} if empty. */
  public long last() {
    if (size == 0) {
      throw new NoSuchElementException("empty idset");
    }
    return ranges[ranges.length - 1];
  }

  /** How many maximal runs of consecutive ids the set has ("0-3,7" has 2). */
  public int rangeCount() {
    return ranges.length / 2;
  }

  /** The first id of run {@code r} (0-based, ascending). */
  public long rangeLo(int r) {
    return ranges[2 * r];
  }

  /** The last id of run {@code r} (0-based, ascending). */
  public long rangeHi(int r) {
    return ranges[2 * r + 1];
  }

  /** Whether {@code id} is in the set. O(log runs). */
  public boolean contains(long id) {
    int lo = 0;
    int hi = ranges.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (id < ranges[2 * mid]) {
        hi = mid - 1;
      } else if (id > ranges[2 * mid + 1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** The ids in ascending order, unboxed. */
  public PrimitiveIterator.OfLong ids() {
    return new PrimitiveIterator.OfLong() {
      private int r;
      private long next = ranges.length > 0 ? ranges[0] : 0;

      @Override
      public boolean hasNext() {
        return 2 * r < ranges.length;
      }

      @Override
      public long nextLong() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long v = next;
        if (v == ranges[2 * r + 1]) {
          r++;
          if (2 * r < ranges.length) {
            next = ranges[2 * r];
          }
        } else {
          next = v + 1;
        }
        return v;
      }
    };
  }

  /** The ids in ascending order (boxed; prefer {@link #ids()} in hot code). */
  @Override
  public PrimitiveIterator.OfLong iterator() {
    return ids();
  }

  /** The ids in ascending order as an array. */
  public long[] toArray() {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("idset of " + size + " ids is too large for an array");
    }
    long[] out = new long[(int) size];
    int k = 0;
    for (int r = 0; r < ranges.length; r += 2) {
      for (long v = ranges[r]; v <= ranges[r + 1]; v++) {
        out[k++] = v;
      }
    }
    return out;
  }

  /**
   * The compressed form flux-core's {@code idset_encode(set, IDSET_FLAG_RANGE)} produces, as
   * Fluxion's R_lite writer prints it: runs of two or more ids as "lo-hi", others alone, joined by
   * commas, no brackets ("0-3,7"; "" when empty).
   */
  public String encode() {
    StringBuilder sb = new StringBuilder(8 * rangeCount() + 2);
    appendTo(sb, false);
    return sb.toString();
  }

  /**
   * The form {@code idset_encode(set, IDSET_FLAG_RANGE | IDSET_FLAG_BRACKETS)} produces: as {@link
   * #encode()} but inside brackets when the set has more than one id ("[0-3,7]", "5", "").
   */
  public String encodeBracketed() {
    StringBuilder sb = new StringBuilder(8 * rangeCount() + 2);
    appendTo(sb, true);
    return sb.toString();
  }

  /**
   * Appends the compressed form to {@code sb}; with {@code brackets} as {@link #encodeBracketed()}
   * otherwise as {@link #encode()}.
   */
  public void appendTo(StringBuilder sb, boolean brackets) {
    boolean br = brackets && size > 1;
    if (br) {
      sb.append('[');
    }
    for (int r = 0; r < ranges.length; r += 2) {
      if (r > 0) {
        sb.append(',');
      }
      sb.append(ranges[r]);
      if (ranges[r + 1] != ranges[r]) {
        sb.append('-').append(ranges[r + 1]);
      }
    }
    if (br) {
      sb.append(']');
    }
  }

  /** Equal when both hold the same ids. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IdSet && Arrays.equals(ranges, ((IdSet) o).ranges);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ranges);
  }

  /** The {@link #encode()} form. */
  @Override
  public String toString() {
    return encode();
  }

  /**
   * Collects ids in any order, with repeats, into an {@link IdSet}. Amortised O(1) per {@code add}
   * when ids arrive ascending (the common case); O(n log n) at {@link #build} otherwise. Not
   * thread-safe.
   */
  public static final class Builder {
    private long[] ids = new long[16];
    private int n;
    private boolean sorted = true;

    private Builder() {}

    /** Adds one non-negative id. */
    public Builder add(long id) {
      if (id < 0) {
        throw new IllegalArgumentException("idset ids are non-negative, got " + id);
      }
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
      }
      if (n > 0 && id < ids[n - 1]) {
        sorted = false;
      }
      ids[n++] = id;
      return this;
    }

    /** Adds every id of {@code other}. */
    public Builder addAll(IdSet other) {
      for (int r = 0; r < other.ranges.length; r += 2) {
        for (long v = other.ranges[r]; v <= other.ranges[r + 1]; v++) {
          add(v);
        }
      }
      return this;
    }

    /** The set of the ids added so far; the builder stays usable. */
    public IdSet build() {
      if (n == 0) {
        return EMPTY;
      }
      long[] s = Arrays.copyOf(ids, n);
      if (!sorted) {
        Arrays.sort(s);
      }
      long[] out = new long[8];
      int m = 0;
      long count = 0;
      for (int i = 0; i < n; i++) {
        long v = s[i];
        if (m > 0 && v <= out[m - 1]) {
          continue; // repeat
        }
        if (m > 0 && v == out[m - 1] + 1) {
          out[m - 1] = v;
        } else {
          if (m + 2 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          out[m++] = v;
          out[m++] = v;
        }
        count++;
      }
      return new IdSet(Arrays.copyOf(out, m), count);
    }
  }
}
