package org.flux4j.core.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;

/**
 * How many units (cores) of a pool are in use over time, as changes at instants: a running job
 * gives its units back at its estimated end (start plus requested time), a reservation takes its
 * units at its start and gives them back at its end. Answers the earliest time at which a request
 * of {@code units} for {@code d} seconds fits, which is what backfilling asks.
 *
 * <p>The use now is passed in by the caller (it counts what is really held), so the profile holds
 * only the future: each running job's release, each reservation's take and release. The use at an
 * instant {@code t >= now} is the use now plus every change recorded at or before {@code t}. A
 * request fits from a candidate start {@code c} (now, or an instant where a change is recorded) if
 * the use plus {@code units} stays within the capacity at {@code c} and at every recorded instant
 * before {@code c + d}; the earliest such candidate is the answer.
 *
 * <p>Implementation notes: the changes are the nodes of a treap ordered by instant (arrays indexed
 * by node, a free list for removed nodes, priorities from a fixed-seed generator so that runs are
 * repeatable), each node holding the sum of its subtree's changes and the largest and smallest
 * running sum over its subtree in instant order. A query then descends the tree instead of sweeping
 * the changes: the first instant after {@code t} where the use exceeds a level, the last one before
 * a bound, or the first where it is back within the level, costs O(log changes). {@link #earliest}
 * tries a candidate start, and when an instant over the level falls within its {@code d} seconds,
 * jumps past the last such instant in that span to the next instant within the level: O(log
 * changes) per jump, and a jump skips every hole (a stretch too short for the request) that the
 * span covers. A change is O(log changes).
 *
 * <p>Changes are applied lazily: {@link #add} only queues one, and the queue is applied before
 * anything reads the tree ({@link #flush}). A few are inserted one by one; a long run of them (a
 * cycle booking thousands of jobs without asking anything in between) is merged with the tree's
 * changes in instant order and the treap built again from the sorted list, in O(changes + queued
 * log queued) instead of O(queued log changes) with a rotation per insertion. The answers do not
 * depend on the treap's shape. Loop-owned; not thread-safe.
 */
final class AvailabilityProfile {
  private static final int NIL = 0;
  private static final long NONE = Long.MIN_VALUE;

  // node 0 is the empty tree: sum 0, running sums that never prune wrongly
  private long[] key = new long[64];
  private long[] delta = new long[64];
  private long[] sum = new long[64];
  private long[] maxRun = new long[64];
  private long[] minRun = new long[64];
  private int[] left = new int[64];
  private int[] right = new int[64];
  private int[] prio = new int[64];
  private int nodes = 1; // slots handed out, node 0 included
  private int freeList = NIL; // removed nodes, linked through left
  private int root = NIL;
  private int size;
  private int seed = 0x2545F491;

  /**
   * The fewest queued changes that {@link #flush} merges in one pass, rather than inserting one by
   * one, when they are also at least a quarter of the tree.
   */
  static final int MERGE_FROM = 32;

  // changes not applied yet, in the order given ({@link #flush})
  private long[] queuedAt = new long[16];
  private long[] queuedUnits = new long[16];
  private int queued;

  AvailabilityProfile() {
    maxRun[NIL] = Long.MIN_VALUE;
    minRun[NIL] = Long.MAX_VALUE;
  }

  /**
   * Records a change of {@code units} in use at {@code at} (negative: given back). O(1): it is
   * applied when the profile is next read.
   */
  void add(long at, long units) {
    if (units == 0) {
      return;
    }
    if (queued == queuedAt.length) {
      queuedAt = Arrays.copyOf(queuedAt, queued * 2);
      queuedUnits = Arrays.copyOf(queuedUnits, queued * 2);
    }
    queuedAt[queued] = at;
    queuedUnits[queued] = units;
    queued++;
  }

  /** Forgets every change, the queued ones too, in O(1). */
  void clear() {
    root = NIL;
    nodes = 1;
    freeList = NIL;
    size = 0;
    queued = 0;
  }

  /** Whether nothing is recorded. */
  boolean isEmpty() {
    flush();
    return size == 0;
  }

  /**
   * Applies the queued changes: one by one when they are few, else merged with the tree's in one
   * pass ({@link #MERGE_FROM}).
   */
  void flush() {
    int q = queued;
    if (q == 0) {
      return;
    }
    queued = 0;
    if (q < MERGE_FROM || 4L * q < size) {
      for (int i = 0; i < q; i++) {
        root = add(root, queuedAt[i], queuedUnits[i]);
      }
    } else {
      mergeQueued(q);
    }
  }

  /**
   * Rebuilds the treap from the tree's changes and the first {@code q} queued ones, summed per
   * instant in instant order (instants whose sum is 0 are left out, as {@link #add} removes them).
   */
  private void mergeQueued(int q) {
    // the queued changes, summed per instant and sorted by instant
    LongLongHashMap sums = new LongLongHashMap(q);
    for (int i = 0; i < q; i++) {
      sums.addToValue(queuedAt[i], queuedUnits[i]);
    }
    long[] at = sums.keysView().toArray();
    Arrays.sort(at);
    // the tree's changes in instant order
    long[] treeAt = new long[size];
    long[] treeDelta = new long[size];
    int n = inOrder(treeAt, treeDelta);
    // merged, zero sums left out
    long[] mergedAt = new long[n + at.length];
    long[] mergedDelta = new long[mergedAt.length];
    int m = 0;
    int i = 0;
    int j = 0;
    while (i < n || j < at.length) {
      long k;
      long d;
      if (j == at.length || (i < n && treeAt[i] < at[j])) {
        k = treeAt[i];
        d = treeDelta[i++];
      } else if (i == n || at[j] < treeAt[i]) {
        k = at[j];
        d = sums.get(at[j++]);
      } else {
        k = at[j];
        d = treeDelta[i++] + sums.get(at[j++]);
      }
      if (d != 0) {
        mergedAt[m] = k;
        mergedDelta[m++] = d;
      }
    }
    root = build(mergedAt, mergedDelta, m);
  }

  /** Writes the tree's changes in instant order; returns how many. */
  private int inOrder(long[] at, long[] units) {
    int[] stack = new int[64];
    int top = 0;
    int n = 0;
    int x = root;
    while (x != NIL || top > 0) {
      while (x != NIL) {
        if (top == stack.length) {
          stack = Arrays.copyOf(stack, top * 2);
        }
        stack[top++] = x;
        x = left[x];
      }
      x = stack[--top];
      at[n] = key[x];
      units[n++] = delta[x];
      x = right[x];
    }
    return n;
  }

  /**
   * A treap of the first {@code m} changes, sorted by instant, in fresh nodes (the old ones are all
   * freed): each node gets its priority as {@link #newNode} gives it, the tree is built left to
   * right on a stack of its right spine, O(m), then the sums are computed bottom up.
   */
  private int build(long[] at, long[] units, int m) {
    nodes = 1;
    freeList = NIL;
    size = 0;
    while (key.length <= m) {
      grow();
    }
    int[] spine = new int[64];
    int top = 0;
    for (int i = 0; i < m; i++) {
      int x = newNode(at[i], units[i]);
      int last = NIL;
      while (top > 0 && prio[spine[top - 1]] < prio[x]) {
        last = spine[--top];
      }
      left[x] = last;
      if (top > 0) {
        right[spine[top - 1]] = x;
      }
      if (top == spine.length) {
        spine = Arrays.copyOf(spine, top * 2);
      }
      spine[top++] = x;
    }
    int r = top == 0 ? NIL : spine[0];
    sums(r);
    return r;
  }

  /** Computes the sums of the subtree {@code x} bottom up (a treap's depth is O(log) expected). */
  private void sums(int x) {
    if (x != NIL) {
      sums(left[x]);
      sums(right[x]);
      update(x);
    }
  }

  /**
   * The earliest time from {@code now} at which {@code units} more units are free for {@code d}
   * seconds on {@code capacity}, given {@code usedNow} units held now (changes recorded at or
   * before now count as having happened), or -1 if never.
   */
  long earliest(long now, long d, long units, long usedNow, long capacity) {
    return earliestBefore(now, Long.MAX_VALUE, d, units, usedNow, capacity);
  }

  /**
   * The answer of {@link #earliest} if it is before {@code limit}, else -1: the search stops at the
   * first candidate start at or after {@code limit}.
   */
  long earliestBefore(long now, long limit, long d, long units, long usedNow, long capacity) {
    flush();
    long level = capacity - units - usedNow; // the most the recorded changes may add up to
    long c = prefix(root, now) <= level ? now : first(root, 0, now, level, false);
    while (c != NONE && c < limit) {
      // every candidate up to the last instant over the level before c + d fails on that instant
      long busy = lastAbove(root, 0, c, c + d, level);
      if (busy == NONE) {
        return c;
      }
      c = first(root, 0, busy, level, false);
    }
    return -1;
  }

  /**
   * Whether {@code units} more units are free from {@code now} for {@code d} seconds: the answer of
   * {@link #earliest} is now.
   */
  boolean fitsNow(long now, long d, long units, long usedNow, long capacity) {
    flush();
    long level = capacity - units - usedNow;
    if (prefix(root, now) > level) {
      return false;
    }
    long busy = first(root, 0, now, level, true);
    return busy == NONE || busy - now >= d;
  }

  /** Whether a change is recorded at an instant after {@code lo} and at or before {@code hi}. */
  boolean changesWithin(long lo, long hi) {
    flush();
    long next = Long.MAX_VALUE; // the first instant after lo
    int x = root;
    while (x != NIL) {
      if (key[x] > lo) {
        next = key[x];
        x = left[x];
      } else {
        x = right[x];
      }
    }
    return next <= hi;
  }

  /** The sum of the changes recorded at or before {@code t}. */
  private long prefix(int x, long t) {
    long s = 0;
    while (x != NIL) {
      if (key[x] <= t) {
        s += sum[left[x]] + delta[x];
        x = right[x];
      } else {
        x = left[x];
      }
    }
    return s;
  }

  /**
   * The first instant after {@code t} in the subtree {@code x} at which the running sum (counting
   * {@code off}, the sum of every change before the subtree) exceeds {@code level} ({@code above})
   * or is at most {@code level} (not {@code above}); NONE if none.
   */
  private long first(int x, long off, long t, long level, boolean above) {
    if (x == NIL || (above ? off + maxRun[x] <= level : off + minRun[x] > level)) {
      return NONE;
    }
    int l = left[x];
    long here = off + sum[l] + delta[x];
    if (key[x] <= t) {
      return first(right[x], here, t, level, above);
    }
    long found = first(l, off, t, level, above);
    if (found != NONE) {
      return found;
    }
    return (here > level) == above ? key[x] : first(right[x], here, t, level, above);
  }

  /**
   * The last instant strictly between {@code lo} and {@code hi} in the subtree {@code x} at which
   * the running sum (counting {@code off}) exceeds {@code level}; NONE if none.
   */
  private long lastAbove(int x, long off, long lo, long hi, long level) {
    if (x == NIL || off + maxRun[x] <= level) {
      return NONE;
    }
    int l = left[x];
    long here = off + sum[l] + delta[x];
    if (key[x] >= hi) {
      return lastAbove(l, off, lo, hi, level);
    }
    if (key[x] <= lo) {
      return lastAbove(right[x], here, lo, hi, level);
    }
    long found = lastAbove(right[x], here, lo, hi, level);
    if (found != NONE) {
      return found;
    }
    return here > level ? key[x] : lastAbove(l, off, lo, hi, level);
  }

  private int add(int x, long at, long units) {
    if (x == NIL) {
      return newNode(at, units);
    }
    if (at == key[x]) {
      delta[x] += units;
      if (delta[x] == 0) {
        int merged = merge(left[x], right[x]);
        release(x);
        return merged;
      }
    } else if (at < key[x]) {
      int l = add(left[x], at, units);
      left[x] = l;
      if (l != NIL && prio[l] > prio[x]) {
        left[x] = right[l];
        update(x);
        right[l] = x;
        x = l;
      }
    } else {
      int r = add(right[x], at, units);
      right[x] = r;
      if (r != NIL && prio[r] > prio[x]) {
        right[x] = left[r];
        update(x);
        left[r] = x;
        x = r;
      }
    }
    update(x);
    return x;
  }

  /** Joins two trees, every instant of {@code a} before every instant of {@code b}. */
  private int merge(int a, int b) {
    if (a == NIL) {
      return b;
    }
    if (b == NIL) {
      return a;
    }
    if (prio[a] > prio[b]) {
      right[a] = merge(right[a], b);
      update(a);
      return a;
    }
    left[b] = merge(a, left[b]);
    update(b);
    return b;
  }

  private void update(int x) {
    int l = left[x];
    int r = right[x];
    long upTo = sum[l] + delta[x];
    sum[x] = upTo + sum[r];
    long max = upTo;
    long min = upTo;
    if (l != NIL) {
      max = Math.max(max, maxRun[l]);
      min = Math.min(min, minRun[l]);
    }
    if (r != NIL) {
      max = Math.max(max, upTo + maxRun[r]);
      min = Math.min(min, upTo + minRun[r]);
    }
    maxRun[x] = max;
    minRun[x] = min;
  }

  private int newNode(long at, long units) {
    int x;
    if (freeList != NIL) {
      x = freeList;
      freeList = left[x];
    } else {
      if (nodes == key.length) {
        grow();
      }
      x = nodes++;
    }
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    key[x] = at;
    delta[x] = units;
    prio[x] = seed >>> 1;
    left[x] = NIL;
    right[x] = NIL;
    update(x);
    size++;
    return x;
  }

  private void release(int x) {
    left[x] = freeList;
    right[x] = NIL;
    freeList = x;
    size--;
  }

  private void grow() {
    int n = key.length * 2;
    key = Arrays.copyOf(key, n);
    delta = Arrays.copyOf(delta, n);
    sum = Arrays.copyOf(sum, n);
    maxRun = Arrays.copyOf(maxRun, n);
    minRun = Arrays.copyOf(minRun, n);
    left = Arrays.copyOf(left, n);
    right = Arrays.copyOf(right, n);
    prio = Arrays.copyOf(prio, n);
  }
}
