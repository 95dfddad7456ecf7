package org.flux4j.policy.internal;

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
    sortTop(a, key, n, n);
  }

  /**
   * Makes {@code a[0, min(top, n))} exactly what {@code std::sort} of {@code a[0, n)} puts there;
   * the rest of the array is left in an unspecified order.
   */
  static void sortTop(EGroup[] a, long[] key, int n, int top) {
    if (n < 2 || top <= 0) {
      return;
    }
    int limit = introsortLoop(a, key, 0, n, 2 * lg(n), Math.min(top, n), n);
    finalInsertionSort(a, key, 0, limit);
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
      EGroup[] a, long[] key, int first, int last, int depth, int top, int limit) {
    while (last - first > THRESHOLD) {
      if (depth == 0) {
        heapSort(a, key, first, last);
        return limit;
      }
      depth--;
      int cut = partitionPivot(a, key, first, last);
      if (cut < top) {
        limit = introsortLoop(a, key, cut, last, depth, top, limit);
      } else {
        limit = Math.min(limit, cut);
      }
      last = cut;
    }
    return limit;
  }

  private static int partitionPivot(EGroup[] a, long[] key, int first, int last) {
    int mid = first + (last - first) / 2;
    moveMedianToFirst(a, key, first, first + 1, mid, last - 1);
    return unguardedPartition(a, key, first + 1, last, first);
  }

  private static void moveMedianToFirst(EGroup[] a, long[] key, int result, int x, int y, int z) {
    if (key[x] < key[y]) {
      if (key[y] < key[z]) {
        swap(a, key, result, y);
      } else if (key[x] < key[z]) {
        swap(a, key, result, z);
      } else {
        swap(a, key, result, x);
      }
    } else if (key[x] < key[z]) {
      swap(a, key, result, x);
    } else if (key[y] < key[z]) {
      swap(a, key, result, z);
    } else {
      swap(a, key, result, y);
    }
  }

  private static int unguardedPartition(EGroup[] a, long[] key, int first, int last, int pivot) {
    long p = key[pivot];
    while (true) {
      while (key[first] < p) {
        first++;
      }
      last--;
      while (p < key[last]) {
        last--;
      }
      if (!(first < last)) {
        return first;
      }
      swap(a, key, first, last);
      first++;
    }
  }

  private static void finalInsertionSort(EGroup[] a, long[] key, int first, int last) {
    if (last - first > THRESHOLD) {
      insertionSort(a, key, first, first + THRESHOLD);
      for (int i = first + THRESHOLD; i < last; i++) {
        unguardedLinearInsert(a, key, i);
      }
    } else {
      insertionSort(a, key, first, last);
    }
  }

  private static void insertionSort(EGroup[] a, long[] key, int first, int last) {
    if (first == last) {
      return;
    }
    for (int i = first + 1; i < last; i++) {
      if (key[i] < key[first]) {
        EGroup v = a[i];
        long kv = key[i];
        System.arraycopy(a, first, a, first + 1, i - first);
        System.arraycopy(key, first, key, first + 1, i - first);
        a[first] = v;
        key[first] = kv;
      } else {
        unguardedLinearInsert(a, key, i);
      }
    }
  }

  private static void unguardedLinearInsert(EGroup[] a, long[] key, int last) {
    EGroup v = a[last];
    long kv = key[last];
    int next = last - 1;
    while (kv < key[next]) {
      a[last] = a[next];
      key[last] = key[next];
      last = next;
      next--;
    }
    a[last] = v;
    key[last] = kv;
  }

  // libstdc++ partial_sort(first, last, last) = make_heap + sort_heap
  private static void heapSort(EGroup[] a, long[] key, int first, int last) {
    int len = last - first;
    if (len >= 2) {
      for (int parent = (len - 2) / 2; ; parent--) {
        adjustHeap(a, key, first, parent, len, a[first + parent], key[first + parent]);
        if (parent == 0) {
          break;
        }
      }
    }
    while (last - first > 1) {
      last--;
      EGroup v = a[last];
      long kv = key[last];
      a[last] = a[first];
      key[last] = key[first];
      adjustHeap(a, key, first, 0, last - first, v, kv);
    }
  }

  private static void adjustHeap(
      EGroup[] a, long[] key, int first, int hole, int len, EGroup v, long kv) {
    int top = hole;
    int child = hole;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (key[first + child] < key[first + child - 1]) {
        child--;
      }
      a[first + hole] = a[first + child];
      key[first + hole] = key[first + child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      a[first + hole] = a[first + child - 1];
      key[first + hole] = key[first + child - 1];
      hole = child - 1;
    }
    int parent = (hole - 1) / 2;
    while (hole > top && key[first + parent] < kv) {
      a[first + hole] = a[first + parent];
      key[first + hole] = key[first + parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    a[first + hole] = v;
    key[first + hole] = kv;
  }

  private static void swap(EGroup[] a, long[] key, int i, int j) {
    EGroup t = a[i];
    a[i] = a[j];
    a[j] = t;
    long kt = key[i];
    key[i] = key[j];
    key[j] = kt;
  }
}
