package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The candidates of one resource type gathered under a vertex (Fluxion's {@code evals_t}): their
 * qualified and total counts, and after a choice the best k and how many groups cover them.
 *
 * <p>The candidates are a sequence of groups. Its first {@link #flatN} are held in {@link #groups}
 * (with their scores in {@link #scores} while {@link #scoresInOrder}); the rest are parts appended
 * without a copy (a remembered visit's unchanging arrays, or a copy of a merged set's). A choice of
 * only the top candidates reads the parts where they are and fetches just the chosen groups, so a
 * vertex above a few hundred thousand remembered candidates never copies them. Anything else that
 * reads the groups by position first copies the parts in ({@link #flatten}), which gives exactly
 * the array a copy at every merge would have given.
 */
final class Evals {
  /** The most top groups chosen without a sort when their keys tell them apart. */
  private static final int DIRECT_TOP = 32;

  /**
   * The fewest groups sorted by score whose first partition is made from the scores where they lie
   * ({@link #firstCut}) rather than from a packed copy of them all.
   */
  private static final int SCORE_PARTITION_MIN = 64;

  private ScorePartition scorePartition;

  int type;
  int n;
  long qual;
  long total;
  long bestK;
  int bestI;
  private int cursor = -1;
  private long[] keys = new long[4];

  /** The first {@link #flatN} groups of the sequence. */
  private EGroup[] groups = new EGroup[4];

  private int flatN;

  /** The groups' scores, in the groups' order while {@link #scoresInOrder}. */
  private long[] scores = new long[4];

  private boolean scoresInOrder = true;

  /** The parts after the first {@link #flatN} groups: groups, scores and lengths. */
  private EGroup[][] partGroups = new EGroup[0][];

  private long[][] partScores = new long[0][];
  private int[] partLength = new int[0];

  /** Each part's smallest and largest score, at {@code 2 * p} and {@code 2 * p + 1}. */
  private long[] partRange = new long[0];

  /** Each part's index, kept with a remembered part (null for a copy). */
  private ScoreIndex[] partIndex = new ScoreIndex[0];

  private int parts;

  /**
   * After a choice of the top groups made over parts: the original positions of the chosen groups
   * in order (to be moved to the front when the groups are flattened), else null.
   */
  private int[] pendingTop;

  /** With {@link #pendingTop}: the chosen groups, in order. */
  private EGroup[] chosenGroups;

  /** The smallest count among the groups (sorting only the top needs every count to be >= 1). */
  long minCount = Long.MAX_VALUE;

  /** The smallest and largest score among the groups (to pack sort keys in one pass). */
  long minScore = Long.MAX_VALUE;

  long maxScore = Long.MIN_VALUE;

  Evals(int type) {
    this.type = type;
  }

  void reset(int newType) {
    type = newType;
    n = 0;
    flatN = 0;
    if (parts > 0) {
      Arrays.fill(partGroups, 0, parts, null);
      Arrays.fill(partScores, 0, parts, null);
      Arrays.fill(partIndex, 0, parts, null);
      parts = 0;
    }
    pendingTop = null;
    chosenGroups = null;
    qual = 0;
    total = 0;
    bestK = 0;
    bestI = 0;
    cursor = -1;
    scoresInOrder = true;
    minCount = Long.MAX_VALUE;
    minScore = Long.MAX_VALUE;
    maxScore = Long.MIN_VALUE;
  }

  void add(EGroup g) {
    flatten();
    total += g.count;
    if (g.score > 0) {
      qual += g.count;
    }
    if (n == groups.length) {
      groups = Arrays.copyOf(groups, n * 2);
    }
    if (n >= scores.length) {
      scores = Arrays.copyOf(scores, groups.length);
    }
    scores[n] = g.score;
    minCount = Math.min(minCount, g.count);
    minScore = Math.min(minScore, g.score);
    maxScore = Math.max(maxScore, g.score);
    groups[n++] = g;
    flatN = n;
  }

  void merge(Evals o) {
    o.flatten();
    if (parts > 0 && o.scoresInOrder && scoresInOrder && pendingTop == null) {
      // behind parts: o's arrays are scratch, so they go in as a copy
      appendPart(
          Arrays.copyOf(o.groups, o.n),
          Arrays.copyOf(o.scores, o.n),
          o.n,
          o.minScore,
          o.maxScore,
          null);
    } else {
      flatten();
      if (n + o.n > groups.length) {
        groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + o.n));
      }
      System.arraycopy(o.groups, 0, groups, n, o.n);
      if (scoresInOrder) {
        ensureScores(n + o.n);
        if (o.scoresInOrder) {
          System.arraycopy(o.scores, 0, scores, n, o.n);
        } else {
          for (int i = 0; i < o.n; i++) {
            scores[n + i] = o.groups[i].score;
          }
        }
      }
      n += o.n;
      flatN = n;
    }
    qual += o.qual;
    total += o.total;
    minCount = Math.min(minCount, o.minCount);
    minScore = Math.min(minScore, o.minScore);
    maxScore = Math.max(maxScore, o.maxScore);
  }

  /**
   * Takes over the candidates of {@code o} while this holds none (the same as {@link #merge} into
   * an empty set, in constant time); {@code o} is left holding this one's old, empty arrays.
   */
  void takeFrom(Evals o) {
    if (n != 0) {
      throw new IllegalStateException("takeFrom needs an empty set of candidates");
    }
    if (o.pendingTop != null) {
      o.flatten();
    }
    EGroup[] myGroups = groups;
    long[] myScores = scores;
    groups = o.groups;
    scores = o.scores;
    o.groups = myGroups;
    o.scores = myScores;
    EGroup[][] myPartGroups = partGroups;
    long[][] myPartScores = partScores;
    int[] myPartLength = partLength;
    long[] myPartRange = partRange;
    ScoreIndex[] myPartIndex = partIndex;
    partGroups = o.partGroups;
    partScores = o.partScores;
    partLength = o.partLength;
    partRange = o.partRange;
    partIndex = o.partIndex;
    parts = o.parts;
    o.partGroups = myPartGroups;
    o.partScores = myPartScores;
    o.partLength = myPartLength;
    o.partRange = myPartRange;
    o.partIndex = myPartIndex;
    o.parts = 0;
    n = o.n;
    flatN = o.flatN;
    qual = o.qual;
    total = o.total;
    minCount = o.minCount;
    minScore = o.minScore;
    maxScore = o.maxScore;
    scoresInOrder = o.scoresInOrder;
    o.reset(o.type);
  }

  private void ensureScores(int size) {
    if (size > scores.length) {
      scores = Arrays.copyOf(scores, Math.max(scores.length * 2, size));
    }
  }

  private void appendPart(
      EGroup[] gs, long[] groupScores, int count, long partMin, long partMax, ScoreIndex index) {
    if (count == 0) {
      return;
    }
    if (parts == partGroups.length) {
      int size = Math.max(4, parts * 2);
      partGroups = Arrays.copyOf(partGroups, size);
      partScores = Arrays.copyOf(partScores, size);
      partLength = Arrays.copyOf(partLength, size);
      partRange = Arrays.copyOf(partRange, 2 * size);
      partIndex = Arrays.copyOf(partIndex, size);
    }
    partGroups[parts] = gs;
    partScores[parts] = groupScores;
    partLength[parts] = count;
    partRange[2 * parts] = partMin;
    partRange[2 * parts + 1] = partMax;
    partIndex[parts] = index;
    parts++;
    n += count;
  }

  /** Copies the parts in behind the first groups, and applies a pending choice of the top. */
  private void flatten() {
    if (parts > 0) {
      if (n > groups.length) {
        groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n));
      }
      ensureScores(n);
      int at = flatN;
      for (int p = 0; p < parts; p++) {
        System.arraycopy(partGroups[p], 0, groups, at, partLength[p]);
        System.arraycopy(partScores[p], 0, scores, at, partLength[p]);
        at += partLength[p];
        partGroups[p] = null;
        partScores[p] = null;
        partIndex[p] = null;
      }
      parts = 0;
      flatN = n;
    }
    if (pendingTop != null) {
      StdSort.placeTop(groups, pendingTop, pendingTop.length);
      pendingTop = null;
      chosenGroups = null;
    }
  }

  /** The group at position {@code i}. */
  EGroup group(int i) {
    flatten();
    return groups[i];
  }

  /**
   * The {@code i}-th chosen group ({@code i < bestI}) after a choice, without copying any parts in.
   */
  EGroup chosen(int i) {
    return pendingTop != null ? chosenGroups[i] : groups[i];
  }

  /** The groups' scores in the groups' order, as a new array. */
  long[] scoresCopy() {
    flatten();
    if (scoresInOrder) {
      return Arrays.copyOf(scores, n);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = groups[i].score;
    }
    return out;
  }

  /** The groups in the groups' order, as a new array. */
  EGroup[] groupsCopy() {
    flatten();
    return Arrays.copyOf(groups, n);
  }

  /**
   * Appends {@code count} groups with their qualified and total counts (a remembered merge: the
   * arrays never change, so they are appended as a part, without a copy); {@code bounds} holds the
   * groups' smallest count, smallest score and largest score.
   */
  void mergeGroups(
      EGroup[] gs,
      long[] groupScores,
      long[] bounds,
      ScoreIndex index,
      int count,
      long addQual,
      long addTotal) {
    minCount = Math.min(minCount, bounds[0]);
    minScore = Math.min(minScore, bounds[1]);
    maxScore = Math.max(maxScore, bounds[2]);
    qual += addQual;
    total += addTotal;
    if (scoresInOrder && pendingTop == null) {
      appendPart(gs, groupScores, count, bounds[1], bounds[2], index);
      return;
    }
    flatten();
    if (n + count > groups.length) {
      groups = Arrays.copyOf(groups, Math.max(groups.length * 2, n + count));
    }
    System.arraycopy(gs, 0, groups, n, count);
    n += count;
    flatN = n;
  }

  /**
   * Fluxion's choose_best_k: sorts by {@code order} and assigns needs; false if k is invalid. With
   * {@code onlyTop}, only the groups that receive needs are put in their final place (the caller
   * reads them with {@link #chosen} and never past {@link #bestI}), which is linear rather than n
   * log n; a second choice on the same candidates always sorts them fully, as its input order must
   * be the fully sorted one.
   */
  boolean chooseBestK(long k, Order order, boolean onlyTop) {
    if (k == 0 || k > qual) {
      return false;
    }
    boolean unitCounts = minCount >= 1;
    int top = onlyTop && unitCounts && k < n && bestK == 0 ? (int) k : n;
    if (top == n || !scoresInOrder) {
      flatten();
    }
    int[] chosenAt = top <= DIRECT_TOP && top < n ? directTop(order, top) : null;
    if (chosenAt == null) {
      chosenAt = sort(order, top);
    }
    if (chosenAt != null) {
      if (parts == 0) {
        StdSort.placeTop(groups, chosenAt, top);
      } else {
        choosePending(chosenAt);
      }
    }
    scoresInOrder = false;
    long left = k;
    int i = 0;
    while (left > 0) {
      EGroup g = chosen(i);
      g.needs = left <= g.count ? left : g.count;
      left -= g.count;
      i++;
    }
    bestK = k;
    bestI = i;
    return true;
  }

  /**
   * Replays {@code std::sort} by {@code order} as far as position {@code top}; for a {@link
   * Order#stable} order, sorts keeping equal keys in their positions' order instead (a packed value
   * holds its position below its key, so sorting whole values sorts by key and then by position).
   * Returns the original positions of the first {@code top} groups when only those were sorted
   * ({@code top < n}) on packed keys, for the caller to put in place; else the groups have been put
   * in order and it returns null.
   */
  private int[] sort(Order order, int top) {
    if (keys.length < n) {
      keys = new long[Math.max(n, keys.length * 2)];
    }
    boolean stable = order.stable();
    int shift = StdSort.indexBits(n);
    boolean byPackedScore = order.byScore() && StdSort.packable(maxScore - minScore, shift);
    if (!stable && byPackedScore && top < n && n > SCORE_PARTITION_MIN && scoresInOrder) {
      int cut = firstCut(order.higherFirst(), shift);
      if (cut >= top) {
        StdSort.sortAfterFirstCut(keys, n, cut, top, shift);
        return StdSort.positions(keys, top, shift);
      }
    }
    if (byPackedScore) {
      packKeys(order.higherFirst(), shift);
    } else if (order.byTable() && StdSort.packable(order.maxInterval(), shift)) {
      packIntervals(order, shift);
    } else {
      flatten();
      for (int i = 0; i < n; i++) {
        keys[i] = order.key(score(i));
      }
      if (stable) {
        StdSort.stableSortTop(groups, keys, n, top);
      } else {
        StdSort.sortTop(groups, keys, n, top);
      }
      return null;
    }
    if (stable) {
      StdSort.sortWholeValues(keys, n, top);
    } else {
      StdSort.sortPackedKeys(keys, n, top, shift);
    }
    if (top < n) {
      return StdSort.positions(keys, top, shift);
    }
    StdSort.applyOrder(groups, keys, n, n, shift);
    return null;
  }

  /**
   * Makes the first partition of the sort by score straight from the scores, part by part ({@link
   * ScorePartition}): its left-hand part goes into {@link #keys} as packed values. Returns where it
   * ends.
   */
  private int firstCut(boolean higherFirst, int shift) {
    if (scorePartition == null) {
      scorePartition = new ScorePartition();
    }
    scorePartition.start(higherFirst, minScore, maxScore, shift);
    for (int p = -1; p < parts; p++) {
      scorePartition.append(scoresOfPart(p), lengthOfPart(p), p < 0 ? null : partIndex[p]);
    }
    return scorePartition.firstLeft(keys);
  }

  /**
   * Records a choice of the groups at positions {@code from} (in order) over parts, fetching just
   * those groups.
   */
  private void choosePending(int[] from) {
    int top = from.length;
    int[] starts = partStarts();
    pendingTop = from;
    chosenGroups = new EGroup[top];
    for (int i = 0; i < top; i++) {
      int at = from[i];
      if (at < flatN) {
        chosenGroups[i] = groups[at];
      } else {
        int p = Arrays.binarySearch(starts, 0, parts + 1, at);
        p = p >= 0 ? p : -p - 2;
        chosenGroups[i] = partGroups[p][at - starts[p]];
      }
    }
  }

  /**
   * The positions, in order, of what {@code std::sort} by {@code order} puts at {@code [0, k)}
   * ({@code k < n}) when that can be known without replaying it, else null: with all keys equal
   * ({@link StdSort#equalKeysTop}), or when the {@code k + 1} smallest keys are all different, so
   * that any sort puts the same {@code k} groups first in the same order (a node-centric policy's
   * scores, or a nearly empty graph's, are mostly so). Only orders by score or by a table of
   * intervals qualify; the scan stops at a second group with the best key.
   *
   * <p>Every order's key is monotone in the score, so a part's best key is that of its smallest or
   * largest score: the parts are scanned best first, and once {@code k + 1} keys are held a part
   * whose best key is no better than the last of them is passed over.
   */
  private int[] directTop(Order order, int k) {
    if (!order.byScore() && !order.byTable()) {
      return null;
    }
    if (order.byTable() ? order.maxInterval() == 0 : minScore == maxScore) {
      if (order.stable()) {
        int[] first = new int[k];
        Arrays.setAll(first, i -> i);
        return first;
      }
      return StdSort.equalKeysTop(n, k);
    }
    TopKeys top =
        new TopKeys(k, Math.min(order.key(minScore), order.key(maxScore)), order.stable());
    if (!top.scan(order, scoresInOrder ? scores : null, groups, flatN, 0)) {
      return null;
    }
    if (parts == 0) {
      return top.positions();
    }
    int[] starts = partStarts();
    long[] partBest = new long[parts];
    for (int p = 0; p < parts; p++) {
      partBest[p] = Math.min(order.key(partRange[2 * p]), order.key(partRange[2 * p + 1]));
    }
    boolean[] scanned = new boolean[parts];
    int next = 0;
    for (int round = 0; ; round++) {
      // the best parts first, picked one by one; past a few, the rest in order
      boolean picking = round < BEST_PARTS_FIRST;
      int q = -1;
      if (picking) {
        for (int p = 0; p < parts; p++) {
          if (!scanned[p] && (q < 0 || partBest[p] < partBest[q])) {
            q = p;
          }
        }
      } else {
        while (next < parts && scanned[next]) {
          next++;
        }
        q = next < parts ? next : -1;
      }
      if (q < 0) {
        break;
      }
      scanned[q] = true;
      if (top.full() && top.passesOver(partBest[q], starts[q])) {
        if (picking) {
          break;
        }
        continue;
      }
      if (!top.scan(order, partScores[q], null, partLength[q], starts[q])) {
        return null;
      }
    }
    return top.positions();
  }

  /** How many parts {@link #directTop} picks best first before it takes the rest in order. */
  private static final int BEST_PARTS_FIRST = 16;

  /** Where each part starts in the sequence, and at {@code parts} its length. */
  private int[] partStarts() {
    int[] starts = new int[parts + 1];
    starts[0] = flatN;
    for (int p = 0; p < parts; p++) {
      starts[p + 1] = starts[p] + partLength[p];
    }
    return starts;
  }

  /**
   * The {@code k + 1} smallest keys seen, in order, with their positions. Among equal keys the
   * earlier seen goes first, or with {@code stable} the earlier position (the parts may be scanned
   * out of order).
   */
  private static final class TopKeys {
    private final int k;
    private final long best;
    private final boolean stable;
    private final long[] smallest;
    private final int[] at;
    private int size;
    private int bestSeen;

    TopKeys(int k, long best, boolean stable) {
      this.k = k;
      this.best = best;
      this.stable = stable;
      smallest = new long[k + 1];
      at = new int[k + 1];
    }

    boolean full() {
      return size > k;
    }

    /**
     * Whether nothing from position {@code from} on whose key is {@code key} or more can be among
     * the keys held once they are {@link #full}.
     */
    boolean passesOver(long key, int from) {
      return key > smallest[k] || (key == smallest[k] && (!stable || from > at[k]));
    }

    /**
     * Takes in {@code len} groups from position {@code base}, by {@code s} (their scores) or else
     * by {@code gs}; false on a second group with the best key, unless {@code stable}.
     */
    boolean scan(Order order, long[] s, EGroup[] gs, int len, int base) {
      for (int i = 0; i < len; i++) {
        long x = order.key(s != null ? s[i] : gs[i].score);
        int pos = base + i;
        if (size > k && passesOver(x, pos)) {
          continue;
        }
        if (!stable && x == best && ++bestSeen > 1) {
          return false;
        }
        int j = size <= k ? size++ : k;
        while (j > 0
            && (smallest[j - 1] > x || (stable && smallest[j - 1] == x && at[j - 1] > pos))) {
          smallest[j] = smallest[j - 1];
          at[j] = at[j - 1];
          j--;
        }
        smallest[j] = x;
        at[j] = pos;
      }
      return true;
    }

    /**
     * The positions of the {@code k} smallest keys: if stable, or if the {@code k + 1} are all
     * different (else null).
     */
    int[] positions() {
      for (int j = 1; j <= k && !stable; j++) {
        if (smallest[j - 1] == smallest[j]) {
          return null;
        }
      }
      return Arrays.copyOf(at, k);
    }
  }

  /** The scores of the sequence, part by part: the first groups (part -1), then each part. */
  private long[] scoresOfPart(int p) {
    return p < 0 ? scores : partScores[p];
  }

  private int lengthOfPart(int p) {
    return p < 0 ? flatN : partLength[p];
  }

  /**
   * Fills {@code keys} with each group's score offset from the best score (so that smaller goes
   * first) above its index: what {@link StdSort#sortPackedKeys} sorts.
   */
  private void packKeys(boolean higherFirst, int shift) {
    long base = higherFirst ? maxScore : minScore;
    if (!scoresInOrder) {
      for (int i = 0; i < n; i++) {
        long d = higherFirst ? base - groups[i].score : groups[i].score - base;
        keys[i] = (d << shift) | i;
      }
      return;
    }
    int at = 0;
    for (int p = -1; p < parts; p++) {
      long[] s = scoresOfPart(p);
      int len = lengthOfPart(p);
      if (higherFirst) {
        for (int i = 0; i < len; i++) {
          keys[at + i] = ((base - s[i]) << shift) | (at + i);
        }
      } else {
        for (int i = 0; i < len; i++) {
          keys[at + i] = ((s[i] - base) << shift) | (at + i);
        }
      }
      at += len;
    }
  }

  /** As {@link #packKeys} for an order of higher intervals first: the offset from the highest. */
  private void packIntervals(Order order, int shift) {
    int max = order.maxInterval();
    if (!scoresInOrder) {
      for (int i = 0; i < n; i++) {
        keys[i] = ((long) (max - order.intervalOf(groups[i].score)) << shift) | i;
      }
      return;
    }
    int at = 0;
    for (int p = -1; p < parts; p++) {
      long[] s = scoresOfPart(p);
      int len = lengthOfPart(p);
      for (int i = 0; i < len; i++) {
        keys[at + i] = ((long) (max - order.intervalOf(s[i])) << shift) | (at + i);
      }
      at += len;
    }
  }

  /** Marks in {@code present} every score, less {@code base}, of the groups. */
  void markScores(boolean[] present, long base) {
    if (!scoresInOrder) {
      for (int i = 0; i < n; i++) {
        present[(int) (groups[i].score - base)] = true;
      }
      return;
    }
    for (int p = -1; p < parts; p++) {
      long[] s = scoresOfPart(p);
      int len = lengthOfPart(p);
      ScoreIndex index = p < 0 ? null : partIndex[p];
      if (index != null) {
        // a remembered part knows its different scores once ordered (kept for later matches)
        index.build(s, len);
        if (index.ordered()) {
          index.markDistinct(present, base);
          continue;
        }
      }
      for (int i = 0; i < len; i++) {
        present[(int) (s[i] - base)] = true;
      }
    }
  }

  /** The score of the group at position {@code i}. */
  long score(int i) {
    flatten();
    return scoresInOrder ? scores[i] : groups[i].score;
  }

  void iterReset() {
    cursor = -1;
  }

  /** The next group in order, or null at the end. */
  EGroup iterNext() {
    flatten();
    if (cursor < n) {
      cursor++;
    }
    return cursor < n ? groups[cursor] : null;
  }
}
