package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * An exact re-enactment of libstdc++'s {@code std::sort} (introsort, median-of-three pivot, final
 * insertion sort) over {@link EGroup}s ordered by a primitive key.
 *
 * <p>Fluxion orders equally scored candidates with {@code std::sort}, which is not stable: to emit
 * the same resources as Fluxion for tied scores the same element moves must be made. Only the
 * comparison results matter, so sorting by {@code key} ascending makes exactly the moves libstdc++
 * makes with a comparator that puts {@code x} before {@code y} when {@code key(x) < key(y)} (a
 * "greater score first" comparator is a key of minus the score).
 *
 * <p>The moves are made on one {@code long} per element that packs the key (less the smallest key,
 * or its rank among the distinct keys when the range is too wide) above the element's original
 * index: comparing keys is then comparing a packed value with a bound, and a move touches one
 * primitive array instead of a key array and an array of references. The groups are put in place
 * from the indices at the end.
 *
 * <p>{@link #sortTop} stops early: it only finishes the part of the array that ends up in the first
 * {@code top} positions. Introsort partitions so that no element of a later block is strictly
 * before any element of an earlier one, and the final insertion sort never moves an element past
 * one that is not strictly after it, so the skipped right-hand blocks cannot change the first
 * {@code top} positions: they hold exactly what a full sort would put there. The expected cost is
 * linear in {@code n} instead of {@code n log n}.
 */
final class StdSort {
  private static final int THRESHOLD = 16;

  private StdSort() {}

  /** Sorts {@code a[0, n)} (and {@code key} alongside) exactly as {@code std::sort} would. */
  static void sort(EGroup[] a, long[] key, int n) {
    if (n < 2) {
      return;
    }
    long[] originalKeys = Arrays.copyOf(key, n);
    int shift = pack(key, n);
    sortPacked(a, key, n, n, shift);
    long mask = (1L << shift) - 1;
    for (int i = 0; i < n; i++) {
      key[i] = originalKeys[(int) (key[i] & mask)];
    }
  }

  /**
   * Makes {@code a[0, min(top, n))} exactly what {@code std::sort} of {@code a[0, n)} puts there;
   * the rest of {@code a} is left in an unspecified order (still a permutation of the groups), and
   * {@code key} is left holding scratch values.
   */
  static void sortTop(EGroup[] a, long[] key, int n, int top) {
    if (n < 2 || top <= 0) {
      return;
    }
    sortPacked(a, key, n, top, pack(key, n));
  }

  /**
   * Sorts {@code a[0, n)} by {@code key} (and {@code key} to scratch values) as far as position
   * {@code top}, keeping equal keys in their order: a stable sort, not {@code std::sort}'s order.
   */
  static void stableSortTop(EGroup[] a, long[] key, int n, int top) {
    if (n < 2 || top <= 0) {
      return;
    }
    int shift = pack(key, n);
    sortWholeValues(key, n, top);
    applyOrder(a, key, n, top, shift);
  }

  /**
   * Sorts {@code v[0, n)} by whole value as far as position {@code top}: with packed values, by key
   * and then by original index, which is a stable sort by key.
   */
  static void sortWholeValues(long[] v, int n, int top) {
    if (top >= n) {
      Arrays.sort(v, 0, n);
    } else {
      sortPackedKeys(v, n, top, 0);
    }
  }

  /** The number of low bits that hold an index below {@code n} in a packed value. */
  static int indexBits(int n) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
  }

  /**
   * Whether keys spanning {@code range} (a difference that may have overflowed to a negative value)
   * can be packed above {@code indexBits} bits of index.
   */
  static boolean packable(long range, int indexBits) {
    return range >= 0 && range <= (1L << (63 - indexBits)) - 2;
  }

  /**
   * Sorts packed values (a key offset above {@code shift} bits of original index, every key offset
   * small enough for {@link #packable}) exactly as {@code std::sort} sorts their keys, as far as
   * position {@code top}, and moves the groups of {@code a} to match ({@link #applyOrder}).
   */
  static void sortPacked(EGroup[] a, long[] v, int n, int top, int shift) {
    if (n < 2 || top <= 0) {
      return;
    }
    sortPackedKeys(v, n, top, shift);
    applyOrder(a, v, n, top, shift);
  }

  /**
   * Sorts packed values exactly as {@code std::sort} sorts their keys, as far as position {@code
   * top}: {@code v[0, min(top, n))} is then what a full sort puts there.
   */
  static void sortPackedKeys(long[] v, int n, int top, int shift) {
    if (n < 2 || top <= 0) {
      return;
    }
    int k = Math.min(top, n);
    int limit = introsortLoop(v, 0, n, 2 * lg(n), k, n, shift);
    finalInsertionSort(v, 0, limit, shift);
  }

  /**
   * Finishes {@link #sortPackedKeys} of {@code n} values, as far as position {@code top}, after its
   * first partition: {@code v[0, cut)} holds that partition's left-hand part ({@code cut >= top},
   * so the right-hand part is never sorted).
   */
  static void sortAfterFirstCut(long[] v, int n, int cut, int top, int shift) {
    int limit = introsortLoop(v, 0, cut, 2 * lg(n) - 1, top, cut, shift);
    finalInsertionSort(v, 0, limit, shift);
  }

  /**
   * The original positions of what {@code std::sort} puts at {@code [0, k)} when all {@code n} keys
   * are equal, worked out without the keys, or null if that sort would fall back to heapsort (which
   * halving never makes it do). With equal keys every comparison is false: the median of three is
   * always the middle element, Hoare's partition swaps the second with the last, the third with the
   * one before, and so on until the two meet, and the final insertion sort moves nothing. So each
   * position is traced back through its chain of partitions in logarithmic time.
   */
  static int[] equalKeysTop(int n, int k) {
    int[] from = new int[k];
    int[] firsts = new int[64];
    int[] lasts = new int[64];
    for (int x = 0; x < k; x++) {
      int first = 0;
      int last = n;
      int depth = 2 * lg(n);
      int levels = 0;
      while (last - first > THRESHOLD) {
        if (depth == 0) {
          return null;
        }
        depth--;
        firsts[levels] = first;
        lasts[levels++] = last;
        int cut = equalKeysCut(first, last);
        if (x >= cut) {
          first = cut;
        } else {
          last = cut;
        }
      }
      int y = x;
      while (levels > 0) {
        levels--;
        first = firsts[levels];
        last = lasts[levels];
        int s = first + 1;
        int e = last - 1;
        int swaps = equalKeysCut(first, last) - s;
        if (y >= s && y < s + swaps) {
          y = e - (y - s);
        } else if (y <= e && y > e - swaps) {
          y = s + (e - y);
        }
        int mid = first + (last - first) / 2;
        if (y == first) {
          y = mid;
        } else if (y == mid) {
          y = first;
        }
      }
      from[x] = y;
    }
    return from;
  }

  /** Where Hoare's partition of {@code [first, last)} with all keys equal ends. */
  private static int equalKeysCut(int first, int last) {
    // swaps (first + 1 + j, last - 1 - j) while the first is before the second
    int span = last - 2 - first;
    return first + 1 + (span + 1) / 2;
  }

  /**
   * Moves the groups of {@code a} to the order of the sorted packed values {@code v}: with {@code
   * top >= n} all of them, else the first {@code top} ({@link #placeTop}).
   */
  static void applyOrder(EGroup[] a, long[] v, int n, int top, int shift) {
    if (n < 2 || top <= 0) {
      return;
    }
    int k = Math.min(top, n);
    if (k == n) {
      long mask = (1L << shift) - 1;
      EGroup[] original = Arrays.copyOf(a, n);
      for (int i = 0; i < n; i++) {
        a[i] = original[(int) (v[i] & mask)];
      }
    } else {
      placeTop(a, positions(v, k, shift), k);
    }
  }

  /** The original positions held by the first {@code k} packed values. */
  static int[] positions(long[] v, int k, int shift) {
    long mask = (1L << shift) - 1;
    int[] from = new int[k];
    for (int i = 0; i < k; i++) {
      from[i] = (int) (v[i] & mask);
    }
    return from;
  }

  /**
   * Moves the groups at positions {@code from[0, k)} to positions {@code [0, k)} in that order; the
   * groups they displace take the positions the chosen ones left, in order, so the array stays a
   * permutation of the groups.
   */
  static void placeTop(EGroup[] a, int[] from, int k) {
    EGroup[] chosen = new EGroup[k];
    boolean[] stays = new boolean[k];
    for (int i = 0; i < k; i++) {
      chosen[i] = a[from[i]];
      if (from[i] < k) {
        stays[from[i]] = true;
      }
    }
    int displaced = 0;
    for (int i = 0; i < k; i++) {
      if (from[i] >= k) {
        while (stays[displaced]) {
          displaced++;
        }
        a[from[i]] = a[displaced++];
      }
    }
    System.arraycopy(chosen, 0, a, 0, k);
  }

  /**
   * Replaces {@code key[i]} by its key's offset from the smallest key (or, when the keys span too
   * wide a range, its rank among the distinct keys), shifted left, with {@code i} in the low bits.
   * Returns the shift.
   */
  private static int pack(long[] key, int n) {
    int shift = indexBits(n);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, key[i]);
      max = Math.max(max, key[i]);
    }
    if (packable(max - min, shift)) {
      for (int i = 0; i < n; i++) {
        key[i] = ((key[i] - min) << shift) | i;
      }
      return shift;
    }
    long[] distinct = Arrays.copyOf(key, n);
    Arrays.sort(distinct);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || distinct[m - 1] != distinct[i]) {
        distinct[m++] = distinct[i];
      }
    }
    for (int i = 0; i < n; i++) {
      key[i] = ((long) Arrays.binarySearch(distinct, 0, m, key[i]) << shift) | i;
    }
    return shift;
  }

  private static int lg(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }

  /**
   * The introsort loop over {@code [first, last)}; right-hand parts starting at or after {@code
   * top} are left unsorted. Returns the start of the first such part (or {@code limit} if none was
   * skipped), up to which the final insertion sort must run.
   */
  private static int introsortLoop(
      long[] v, int first, int last, int depth, int top, int limit, int shift) {
    while (last - first > THRESHOLD) {
      if (depth == 0) {
        heapSort(v, first, last, shift);
        return limit;
      }
      depth--;
      int cut = partitionPivot(v, first, last, shift);
      if (cut < top) {
        limit = introsortLoop(v, cut, last, depth, top, limit, shift);
      } else {
        limit = Math.min(limit, cut);
      }
      last = cut;
    }
    return limit;
  }

  private static int partitionPivot(long[] v, int first, int last, int shift) {
    int mid = first + (last - first) / 2;
    moveMedianToFirst(v, first, first + 1, mid, last - 1, shift);
    return unguardedPartition(v, first + 1, last, first, shift);
  }

  private static void moveMedianToFirst(long[] v, int result, int x, int y, int z, int shift) {
    int median = median(x, v[x] >>> shift, y, v[y] >>> shift, z, v[z] >>> shift);
    long t = v[result];
    v[result] = v[median];
    v[median] = t;
  }

  /**
   * Which of positions {@code x}, {@code y} and {@code z}, with keys {@code kx}, {@code ky} and
   * {@code kz}, libstdc++'s {@code __move_median_to_first} takes as the pivot.
   */
  static int median(int x, long kx, int y, long ky, int z, long kz) {
    if (kx < ky) {
      if (ky < kz) {
        return y;
      }
      return kx < kz ? z : x;
    }
    if (kx < kz) {
      return x;
    }
    return ky < kz ? z : y;
  }

  /** Hoare's partition around the pivot's key: {@code below} and {@code above} bound that key. */
  private static int unguardedPartition(long[] v, int first, int last, int pivot, int shift) {
    long below = (v[pivot] >>> shift) << shift;
    long above = below + (1L << shift);
    while (true) {
      while (v[first] < below) {
        first++;
      }
      last--;
      while (v[last] >= above) {
        last--;
      }
      if (!(first < last)) {
        return first;
      }
      long t = v[first];
      v[first] = v[last];
      v[last] = t;
      first++;
    }
  }

  private static void finalInsertionSort(long[] v, int first, int last, int shift) {
    if (last - first > THRESHOLD) {
      insertionSort(v, first, first + THRESHOLD, shift);
      for (int i = first + THRESHOLD; i < last; i++) {
        unguardedLinearInsert(v, i, shift);
      }
    } else {
      insertionSort(v, first, last, shift);
    }
  }

  private static void insertionSort(long[] v, int first, int last, int shift) {
    if (first == last) {
      return;
    }
    for (int i = first + 1; i < last; i++) {
      if ((v[i] >>> shift) < (v[first] >>> shift)) {
        long x = v[i];
        System.arraycopy(v, first, v, first + 1, i - first);
        v[first] = x;
      } else {
        unguardedLinearInsert(v, i, shift);
      }
    }
  }

  /** Moves {@code v[last]} down past every element with a strictly greater key. */
  private static void unguardedLinearInsert(long[] v, int last, int shift) {
    long x = v[last];
    long keyTop = x | ((1L << shift) - 1);
    int next = last - 1;
    while (v[next] > keyTop) {
      v[last] = v[next];
      last = next;
      next--;
    }
    v[last] = x;
  }

  // libstdc++ partial_sort(first, last, last) = make_heap + sort_heap
  private static void heapSort(long[] v, int first, int last, int shift) {
    int len = last - first;
    if (len >= 2) {
      for (int parent = (len - 2) / 2; ; parent--) {
        adjustHeap(v, first, parent, len, v[first + parent], shift);
        if (parent == 0) {
          break;
        }
      }
    }
    while (last - first > 1) {
      last--;
      long x = v[last];
      v[last] = v[first];
      adjustHeap(v, first, 0, last - first, x, shift);
    }
  }

  private static void adjustHeap(long[] v, int first, int hole, int len, long x, int shift) {
    int top = hole;
    int child = hole;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if ((v[first + child] >>> shift) < (v[first + child - 1] >>> shift)) {
        child--;
      }
      v[first + hole] = v[first + child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      v[first + hole] = v[first + child - 1];
      hole = child - 1;
    }
    int parent = (hole - 1) / 2;
    long kx = x >>> shift;
    while (hole > top && (v[first + parent] >>> shift) < kx) {
      v[first + hole] = v[first + parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    v[first + hole] = x;
  }
}
