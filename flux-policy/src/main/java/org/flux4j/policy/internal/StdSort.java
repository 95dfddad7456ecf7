package org.flux4j.policy.internal;

/**
 * An exact re-enactment of libstdc++'s {@code std::sort} (introsort, median-of-three pivot, final
 * insertion sort) over an array of {@link EGroup}s.
 *
 * <p>Fluxion orders equally scored candidates with {@code std::sort}, which is not stable: to emit
 * the same resources as Fluxion for tied scores the same element moves must be made. Only the
 * comparator result is used, so the order is the one libstdc++ produces for the same input order
 * and comparator.
 */
final class StdSort {
  private static final int THRESHOLD = 16;

  /** A strict weak ordering: true when {@code a} goes before {@code b}. */
  interface Comp {
    boolean less(EGroup a, EGroup b);
  }

  private StdSort() {}

  static void sort(EGroup[] a, int n, Comp c) {
    if (n < 2) {
      return;
    }
    introsortLoop(a, 0, n, 2 * lg(n), c);
    finalInsertionSort(a, 0, n, c);
  }

  private static int lg(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }

  private static void introsortLoop(EGroup[] a, int first, int last, int depth, Comp c) {
    while (last - first > THRESHOLD) {
      if (depth == 0) {
        heapSort(a, first, last, c);
        return;
      }
      depth--;
      int cut = partitionPivot(a, first, last, c);
      introsortLoop(a, cut, last, depth, c);
      last = cut;
    }
  }

  private static int partitionPivot(EGroup[] a, int first, int last, Comp c) {
    int mid = first + (last - first) / 2;
    moveMedianToFirst(a, first, first + 1, mid, last - 1, c);
    return unguardedPartition(a, first + 1, last, first, c);
  }

  private static void moveMedianToFirst(EGroup[] a, int result, int x, int y, int z, Comp c) {
    if (c.less(a[x], a[y])) {
      if (c.less(a[y], a[z])) {
        swap(a, result, y);
      } else if (c.less(a[x], a[z])) {
        swap(a, result, z);
      } else {
        swap(a, result, x);
      }
    } else if (c.less(a[x], a[z])) {
      swap(a, result, x);
    } else if (c.less(a[y], a[z])) {
      swap(a, result, z);
    } else {
      swap(a, result, y);
    }
  }

  private static int unguardedPartition(EGroup[] a, int first, int last, int pivot, Comp c) {
    while (true) {
      while (c.less(a[first], a[pivot])) {
        first++;
      }
      last--;
      while (c.less(a[pivot], a[last])) {
        last--;
      }
      if (!(first < last)) {
        return first;
      }
      swap(a, first, last);
      first++;
    }
  }

  private static void finalInsertionSort(EGroup[] a, int first, int last, Comp c) {
    if (last - first > THRESHOLD) {
      insertionSort(a, first, first + THRESHOLD, c);
      for (int i = first + THRESHOLD; i < last; i++) {
        unguardedLinearInsert(a, i, c);
      }
    } else {
      insertionSort(a, first, last, c);
    }
  }

  private static void insertionSort(EGroup[] a, int first, int last, Comp c) {
    if (first == last) {
      return;
    }
    for (int i = first + 1; i < last; i++) {
      if (c.less(a[i], a[first])) {
        EGroup v = a[i];
        System.arraycopy(a, first, a, first + 1, i - first);
        a[first] = v;
      } else {
        unguardedLinearInsert(a, i, c);
      }
    }
  }

  private static void unguardedLinearInsert(EGroup[] a, int last, Comp c) {
    EGroup v = a[last];
    int next = last - 1;
    while (c.less(v, a[next])) {
      a[last] = a[next];
      last = next;
      next--;
    }
    a[last] = v;
  }

  // libstdc++ partial_sort(first, last, last) = make_heap + sort_heap
  private static void heapSort(EGroup[] a, int first, int last, Comp c) {
    int len = last - first;
    if (len >= 2) {
      for (int parent = (len - 2) / 2; ; parent--) {
        adjustHeap(a, first, parent, len, a[first + parent], c);
        if (parent == 0) {
          break;
        }
      }
    }
    while (last - first > 1) {
      last--;
      EGroup v = a[last];
      a[last] = a[first];
      adjustHeap(a, first, 0, last - first, v, c);
    }
  }

  private static void adjustHeap(EGroup[] a, int first, int hole, int len, EGroup v, Comp c) {
    int top = hole;
    int child = hole;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (c.less(a[first + child], a[first + child - 1])) {
        child--;
      }
      a[first + hole] = a[first + child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      a[first + hole] = a[first + child - 1];
      hole = child - 1;
    }
    int parent = (hole - 1) / 2;
    while (hole > top && c.less(a[first + parent], v)) {
      a[first + hole] = a[first + parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    a[first + hole] = v;
  }

  private static void swap(EGroup[] a, int i, int j) {
    EGroup t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
