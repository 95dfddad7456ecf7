package org.flux4j.policy.internal;

/**
 * The first partition of {@link StdSort}'s introsort made straight from the candidates' scores,
 * where they lie (a sequence of segments: the first groups' scores, then each remembered part's),
 * writing only the left-hand part as packed values.
 *
 * <p>A choice of the top few sorts only as far as they go, so the right-hand part of every
 * partition is dropped unread. Packing every score before the first partition then writes the whole
 * sequence once and partitioning it moves half of it again, where Hoare's partition of the scores
 * needs only to read them: the left scan writes each element it passes (the left-hand part), and an
 * element the right scan stops at is written where the left scan stopped. The element moves are
 * those of {@code std::sort}'s first partition exactly, so the left-hand part, and everything
 * sorted from it, is what the full packing would have given.
 *
 * <p>Where the right scan's stops (keys at most the pivot's) turn out rare, as when a few best keys
 * tie among many and the pivot is one of them, it jumps between them by each remembered part's
 * {@link ScoreIndex} instead of reading every score; the left scan writes the left-hand part
 * anyway.
 *
 * <p>Only orders by the score itself qualify: the key is the score, or minus the score when higher
 * goes first, and a packed value is the key less the smallest key above the element's index.
 */
final class ScorePartition {
  // the sequence's segments (never empty): scores, first index in them, position (segPos[segs]
  // is the length) and original index
  private long[][] segScores = new long[8][];
  private int[] segFrom = new int[8];
  private int[] segPos = new int[9];
  private int[] segOrig = new int[8];

  /** Each segment's part's index (or null) and the part's length, which the index covers. */
  private ScoreIndex[] segIndex = new ScoreIndex[8];

  private int[] segPartLen = new int[8];
  private int segs;

  /** The right scan's marks of the stops in the part of its segment, if sparse. */
  private long[] bits = new long[64];

  private boolean sparse;

  /** The key's sign: -1 when higher scores go first. */
  private long sign;

  private long minKey;
  private int shift;

  /** Starts a sequence ordered by score, higher or lower first, of scores in {@code [min, max]}. */
  void start(boolean higherFirst, long minScore, long maxScore, int shift) {
    for (int i = 0; i < segs; i++) {
      segScores[i] = null;
      segIndex[i] = null;
    }
    segs = 0;
    segPos[0] = 0;
    sign = higherFirst ? -1 : 1;
    minKey = higherFirst ? -maxScore : minScore;
    this.shift = shift;
  }

  /**
   * Appends {@code len} scores, {@code scores[0, len)}, with the part's index (null if there is
   * none): where the right scan finds few stops, it jumps from one to the next by the index.
   */
  void append(long[] scores, int len, ScoreIndex index) {
    if (len > 0) {
      addSegment(scores, 0, len, segPos[segs], index, len);
    }
  }

  private void addSegment(
      long[] scores, int from, int len, int orig, ScoreIndex index, int partLen) {
    openAt(segs, 1);
    setSegment(segs - 1, scores, from, orig, index, partLen);
    segPos[segs] = segPos[segs - 1] + len;
  }

  /** Makes room for {@code count} segments at {@code at}, moving those from there on. */
  private void openAt(int at, int count) {
    if (segs + count > segFrom.length) {
      int size = Math.max(2 * segFrom.length, segs + count);
      segScores = java.util.Arrays.copyOf(segScores, size);
      segFrom = java.util.Arrays.copyOf(segFrom, size);
      segPos = java.util.Arrays.copyOf(segPos, size + 1);
      segOrig = java.util.Arrays.copyOf(segOrig, size);
      segIndex = java.util.Arrays.copyOf(segIndex, size);
      segPartLen = java.util.Arrays.copyOf(segPartLen, size);
    }
    int moved = segs - at;
    System.arraycopy(segScores, at, segScores, at + count, moved);
    System.arraycopy(segFrom, at, segFrom, at + count, moved);
    System.arraycopy(segPos, at, segPos, at + count, moved + 1);
    System.arraycopy(segOrig, at, segOrig, at + count, moved);
    System.arraycopy(segIndex, at, segIndex, at + count, moved);
    System.arraycopy(segPartLen, at, segPartLen, at + count, moved);
    segs += count;
  }

  private void setSegment(int i, long[] scores, int from, int orig, ScoreIndex index, int partLen) {
    segScores[i] = scores;
    segFrom[i] = from;
    segOrig[i] = orig;
    segIndex[i] = index;
    segPartLen[i] = partLen;
  }

  /** The segment holding position {@code x}. */
  private int segmentOf(int x) {
    // segments are never empty, so the starts rise strictly
    int at = java.util.Arrays.binarySearch(segPos, 0, segs, x);
    return at >= 0 ? at : -at - 2;
  }

  private long keyAt(int x) {
    int s = segmentOf(x);
    return sign * segScores[s][segFrom[s] + x - segPos[s]];
  }

  /**
   * Splits the segment holding position {@code m} into the part before it, a segment of one element
   * (original index 0, whose score is {@code score0}) and the part after it: where the median of
   * three's swap with the first position leaves them.
   */
  private void placeFirstAt(int m, long score0) {
    int s = segmentOf(m);
    long[] scores = segScores[s];
    int from = segFrom[s];
    int orig = segOrig[s];
    ScoreIndex index = segIndex[s];
    int partLen = segPartLen[s];
    int at = m - segPos[s];
    int end = segPos[s + 1];
    int before = at > 0 ? 1 : 0;
    int after = m + 1 < end ? 1 : 0;
    openAt(s + 1, before + after);
    if (before > 0) {
      s++;
    }
    setSegment(s, new long[] {score0}, 0, 0, null, 1);
    segPos[s] = m;
    if (after > 0) {
      setSegment(s + 1, scores, from + at + 1, orig + at + 1, index, partLen);
      segPos[s + 1] = m + 1;
    }
  }

  /**
   * Makes the first partition of a sort of the {@code n} appended scores ({@code n > 16}): writes
   * its left-hand part {@code [0, cut)} into {@code v} as packed values and returns {@code cut}.
   */
  int firstLeft(long[] v) {
    int n = segPos[segs];
    int mid = n / 2;
    int m = StdSort.median(1, keyAt(1), mid, keyAt(mid), n - 1, keyAt(n - 1));
    long pivot = keyAt(m);
    long score0 = sign * keyAt(0);
    placeFirstAt(m, score0);
    v[0] = ((pivot - minKey) << shift) | m;
    int lpos = 1;
    int rprev = n;
    // the left scan's segment
    int ls = segmentOf(1);
    long[] lScores = segScores[ls];
    int lFrom = segFrom[ls] - segPos[ls];
    int lOrig = segOrig[ls] - segPos[ls];
    int lEnd = segPos[ls + 1];
    // the right scan's segment, read element by element or (sparse) by its marked stops
    long denseRead = 0;
    long denseStops = 0;
    rs = segs - 1;
    enterRight(pivot, denseRead, denseStops);
    int rStart = segPos[rs];
    long[] rScores = segScores[rs];
    int rFrom = segFrom[rs] - rStart;
    int rOrig = segOrig[rs] - rStart;
    // the sparse right scan's stops (a copy of the fields, which enterRight sets)
    boolean rSparse = sparse;
    int[] rStopAt = stopAt;
    long[] rStopKey = stopKey;
    int rStopN = stopN;
    int rStopI = 0;
    long sg = sign;
    long mk = minKey;
    int sh = shift;
    // each scan tests its first element before it loops: most stops follow a stop
    while (true) {
      // left: pass (and write) keys below the pivot, up to the last element swapped right
      int end = Math.min(lEnd, rprev);
      if (lpos < end && sg * lScores[lFrom + lpos] < pivot) {
        do {
          v[lpos] = ((sg * lScores[lFrom + lpos] - mk) << sh) | (lOrig + lpos);
          lpos++;
        } while (lpos < end && sg * lScores[lFrom + lpos] < pivot);
      }
      if (lpos >= end) {
        if (lpos >= rprev) {
          return rprev;
        }
        ls++;
        lScores = segScores[ls];
        lFrom = segFrom[ls] - segPos[ls];
        lOrig = segOrig[ls] - segPos[ls];
        lEnd = segPos[ls + 1];
        continue;
      }
      // right: pass keys above the pivot, down to the left's stop
      int r = rprev - 1;
      while (true) {
        if (r < rStart) {
          rs--;
          while (segPos[rs] > r) {
            rs--;
          }
          enterRight(pivot, denseRead, denseStops);
          rStart = segPos[rs];
          rScores = segScores[rs];
          rFrom = segFrom[rs] - rStart;
          rOrig = segOrig[rs] - rStart;
          rSparse = sparse;
          rStopAt = stopAt;
          rStopKey = stopKey;
          rStopN = stopN;
          rStopI = 0;
        }
        int stop = Math.max(lpos, rStart - 1);
        if (rSparse) {
          // the marked stops, highest first: pass those above r
          int t = r + rFrom;
          while (rStopI < rStopN && rStopAt[rStopI] > t) {
            rStopI++;
          }
          r = rStopI < rStopN ? Math.max(rStopAt[rStopI] - rFrom, stop) : stop;
        } else {
          int start = r;
          if (r > stop && sg * rScores[rFrom + r] > pivot) {
            do {
              r--;
            } while (r > stop && sg * rScores[rFrom + r] > pivot);
          }
          denseRead += start - r + 1;
          denseStops += r > stop ? 1 : 0;
        }
        if (r > stop || r <= lpos) {
          break;
        }
      }
      if (!(lpos < r)) {
        return lpos;
      }
      long key = rSparse ? rStopKey[rStopI++] : sg * rScores[rFrom + r];
      v[lpos] = ((key - mk) << sh) | (rOrig + r);
      rprev = r;
      lpos++;
      if (rSparse) {
        // swap on while the left stops at each element and the right's next stop is in its
        // segment above the left
        int floor = Math.max(lpos, rStart);
        while (lpos < lEnd && rStopI < rStopN) {
          int next = rStopAt[rStopI] - rFrom;
          if (next <= floor || next <= lpos || sg * lScores[lFrom + lpos] < pivot) {
            break;
          }
          v[lpos] = ((rStopKey[rStopI++] - mk) << sh) | (rOrig + next);
          rprev = next;
          lpos++;
        }
      }
    }
  }

  /** The right scan's segment. */
  private int rs;

  /**
   * Readies the right scan for segment {@link #rs}: once the scan has read enough element by
   * element to see that stops are rare (under one in eight), a segment of an indexed part has its
   * stops marked and the scan jumps between them.
   */
  private void enterRight(long pivot, long denseRead, long denseStops) {
    sparse = false;
    ScoreIndex index = segIndex[rs];
    if (index == null || denseRead < SPARSE_AFTER || denseStops * 8 >= denseRead) {
      return;
    }
    index.build(segScores[rs], segPartLen[rs]);
    if (!index.ordered()) {
      return;
    }
    int words = (index.length() + 63) >>> 6;
    if (bits.length < words) {
      bits = new long[Math.max(words, 2 * bits.length)];
    }
    if (markedKeys.length < index.length()) {
      markedKeys = new long[Math.max(index.length(), 2 * markedKeys.length)];
    }
    // stops: keys at most the pivot's, so scores at most it (lower first) or at least it (higher)
    stopN = index.stops(sign * pivot, sign, bits, markedKeys);
    stopAt = index.stopsAt();
    stopKey = index.stopsKey();
    sparse = true;
  }

  /** Scratch: the key of each marked position of the part. */
  private long[] markedKeys = new long[64];

  /** The stops of the right scan's part in descending position (its index's) and their keys. */
  private int[] stopAt;

  private long[] stopKey;
  private int stopN;

  /** How much the right scan reads element by element before it may jump between rare stops. */
  private static final int SPARSE_AFTER = 512;
}
