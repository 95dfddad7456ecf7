package org.flux4j.policy.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * The scheduling entries of one vertex: which jobs touch it, over which time window, and how many
 * of its units each holds exclusively.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>One entry per (job, vertex): start, end (exclusive), units held in the vertex's plan (0 for a
 * vertex that the job only shares) and a kind (shared touch, exclusive allocation, exclusive
 * reservation). This single list plays the roles of Fluxion's {@code schedule.plans} with its
 * allocations/reservations maps, the {@code x_checker} planner and the job tags. Lists are short
 * except at the top of the tree (the cluster vertex has an entry per job) and under a deep queue's
 * bookings, so queries scan them linearly, skipping what counters rule out and, from a bound on the
 * latest end so far kept per slot ({@code maxEnd}), every slot that ended by the instant asked (a
 * queue books in time order, so that is mostly all but the last few). Measured (JFR, {@code flux4j
 * replay} with the {@code first} match policy): {@link #maxUnitsDuring} with its scans takes about
 * 0.1% of the CPU on the HPC2N trace under hybrid and conservative and 1% on KTH under
 * conservative, so an interval index over the entries would cost more in {@link #add} and {@link
 * #remove} than it saves; the cost of this class is its job-to-slot hash index (see below for how
 * its upkeep is batched). Objects are shared between copies of a {@link SchedState} until one side
 * writes ({@link #owner}); {@link #copy()} is cheap because entries are primitive arrays.
 *
 * <p>Entries stay in insertion order. Removal leaves a tombstone (kind {@link #DEAD}, no units, an
 * empty window, so the scans skip it without a test) instead of shifting the arrays; slots before
 * {@code lo} are all tombstones, trailing tombstones are dropped at once, and the arrays are
 * compacted when tombstones are the majority, so removal is amortised O(1) after the lookup, and
 * O(1) lookups for the oldest entry (jobs mostly end in start order). Code outside this class that
 * reads the arrays directly skips the slots {@code i < n} where {@link #isLive} is false (or, when
 * it owns the object, calls {@link #compact()} first: then {@code [0, n)} are exactly the live
 * entries in insertion order).
 *
 * <p>Long lists (more than {@link #INDEX_AT} live entries) get a job-to-slot hash index, built on
 * the first removal, so {@link #indexOf} and {@link #remove} are O(1) there. The index assumes one
 * entry per job; a list that ever holds two entries of a job drops it for good and scans. The index
 * lags behind the adds: it covers the slots below {@code indexed}, and the writes that need it
 * (removals, hand-overs, compaction, {@link #catchUpIndex}) first put the later slots in, all of
 * one vertex at once, while its table is in the cache. An add putting its own id in at once would
 * mostly miss the cache: a rebuild adds to one vertex between the adds to hundreds of others.
 * {@link #indexOf} reads the index and scans the lagging slots. A rebuild's removal of all its
 * bookings at once ({@link #findGroup}, {@link #removeSlots}) finds them by one pass over the
 * entries and drops the index, so that bookings added and removed again every cycle never enter it;
 * the next removal that needs it builds it again.
 */
final class VertexSchedule {
  static final byte SHARED = 0;
  static final byte ALLOCATED = 1;
  static final byte RESERVED = 2;

  /** The kind of a tombstone slot. */
  private static final byte DEAD = -1;

  /** Live entries above which lookups use a hash index. */
  static final int INDEX_AT = 32;

  long[] job = new long[2];
  long[] start = new long[2];
  long[] end = new long[2];
  long[] units = new long[2];
  byte[] kind = new byte[2];

  /**
   * An upper bound on the latest end among the slots {@code [0, i]}, non-decreasing in {@code i}:
   * the exact prefix maximum when the entry is added or the arrays compacted; a removal or a
   * dropped span leaves it higher than needed, never lower. A scan for instant {@code t} starts at
   * the first slot whose bound exceeds {@code t} ({@link #firstEndingAfter}): every slot before it
   * ended by {@code t}.
   */
  private long[] maxEnd = new long[2];

  /** Slots in use, tombstones included (none after {@link #compact()}). */
  int n;

  /** Tombstones among the slots {@code [0, n)}. */
  private int dead;

  /** Every slot before {@code lo} is a tombstone. */
  private int lo;

  /** Live entries holding units (units > 0): the only ones {@link #maxUnitsDuring} reads. */
  private int holding;

  /** Live entries per kind ({@link #SHARED}, {@link #ALLOCATED}, {@link #RESERVED}). */
  private final int[] perKind = new int[3];

  /**
   * How many entries were added, removed or handed over here so far (not copied): the entries are
   * as they were while the same object shows the same count (for {@link BusyRuns}).
   */
  private long writes;

  /** Job to slot of its entry, or null (not built yet, or {@link #noIndex}). */
  private JobSlotIndex index;

  /**
   * With {@link #index}: the live entries of the slots below this are in it, those from it on not
   * yet (see the class notes).
   */
  private int indexed;

  /** Set once two live entries of one job were seen: lookups scan from then on. */
  private boolean noIndex;

  /** The token of the {@link SchedState} that owns this object and may write to it. */
  Object owner;

  VertexSchedule copy() {
    VertexSchedule c = new VertexSchedule();
    c.job = job.clone();
    c.start = start.clone();
    c.end = end.clone();
    c.units = units.clone();
    c.kind = kind.clone();
    c.maxEnd = maxEnd.clone();
    c.n = n;
    c.dead = dead;
    c.lo = lo;
    c.holding = holding;
    c.noIndex = noIndex;
    System.arraycopy(perKind, 0, c.perKind, 0, perKind.length);
    return c;
  }

  void add(long jobId, long s, long e, long u, byte k) {
    if (n == job.length) {
      if (dead > 0) {
        compact();
      }
      if (n == job.length) {
        int m = Math.max(2, n * 2);
        job = Arrays.copyOf(job, m);
        start = Arrays.copyOf(start, m);
        end = Arrays.copyOf(end, m);
        units = Arrays.copyOf(units, m);
        kind = Arrays.copyOf(kind, m);
        maxEnd = Arrays.copyOf(maxEnd, m);
      }
    }
    job[n] = jobId;
    start[n] = s;
    end[n] = e;
    units[n] = u;
    kind[n] = k;
    maxEnd[n] = n > lo ? Math.max(maxEnd[n - 1], e) : e;
    n++; // the index takes the slot when it next catches up
    count(u, k, 1);
  }

  private void count(long u, byte k, int sign) {
    writes++;
    if (u > 0) {
      holding += sign;
    }
    if (k >= 0 && k < perKind.length) {
      perKind[k] += sign;
    }
  }

  /**
   * Removes the first live entry of {@code jobId}; returns its slot (>= 0) or -1 when the job has
   * none here.
   */
  int remove(long jobId) {
    if (index == null && !noIndex && n - dead > INDEX_AT) {
      buildIndex();
    }
    catchUpIndex();
    int i = unlink(jobId);
    if (i < 0) {
      return -1;
    }
    bury(i);
    while (lo < n && kind[lo] == DEAD) {
      lo++;
    }
    while (n > lo && kind[n - 1] == DEAD) {
      n--;
      dead--;
    }
    if (lo == n) {
      n = 0;
      lo = 0;
      dead = 0;
    } else if (dead > 8 && dead * 2 > n) {
      compact();
    }
    indexed = Math.min(indexed, n);
    return i;
  }

  /**
   * Finds the live entries of a group's jobs (those whose place in {@code placeOf} has {@code
   * group[place] == stamp}) and writes their slots to {@code slots} from {@code at}, at most {@code
   * limit} of them; returns how many there are ({@code limit + 1} once past it), or -1 when one of
   * the jobs holds two entries here (then {@link #removeSlots} would not be the removals one by
   * one). Stamps {@code seen[place]} with {@code stamp} on the way. A pure read of the entries:
   * O(entries), no look at the job index.
   */
  int findGroup(
      LongIntHashMap placeOf, int[] group, int[] seen, int stamp, int[] slots, int at, int limit) {
    int c = 0;
    for (int i = lo; i < n; i++) {
      if (kind[i] != DEAD) {
        int p = placeOf.getIfAbsent(job[i], -1);
        if (p >= 0 && group[p] == stamp) {
          if (seen[p] == stamp) {
            return -1;
          }
          if (c == limit) {
            return limit + 1;
          }
          seen[p] = stamp;
          slots[at + c++] = i;
        }
      }
    }
    return c;
  }

  /**
   * Removes the live entries at {@code slots[from, to)} (as {@link #findGroup} found them, no entry
   * written since) in one pass, as {@link #remove} of each of their jobs in turn would: the other
   * entries keep their insertion order. The job index goes (it is built again by the next removal
   * that needs one), so that a rebuild's bookings, added and removed again each cycle, never enter
   * it. O(entries).
   */
  void removeSlots(int[] slots, int from, int to) {
    for (int x = from; x < to; x++) {
      int i = slots[x];
      count(units[i], kind[i], -1);
      bury(i);
    }
    index = null;
    indexed = 0;
    compact();
  }

  /**
   * The slot of the next live entry of {@code jobId} after slot {@code after}, or -1: a job holds a
   * second entry only after a reused id ({@code TraversalUpdate#leakEarlierEntries}). O(entries).
   */
  int nextEntryOf(long jobId, int after) {
    for (int i = after + 1; i < n; i++) {
      if (kind[i] != DEAD && job[i] == jobId) {
        return i;
      }
    }
    return -1;
  }

  /** Removes the live entry in slot {@code i}, as {@link #removeSlots} does. O(entries). */
  void removeSlot(int i) {
    removeSlots(new int[] {i}, 0, 1);
  }

  /** Turns the unlinked slot {@code i} into a tombstone (no units, an empty window). */
  private void bury(int i) {
    kind[i] = DEAD;
    units[i] = 0;
    start[i] = Long.MAX_VALUE;
    end[i] = Long.MIN_VALUE;
    dead++;
  }

  /**
   * Hands the first live entry of {@code jobId} over to job id {@code to} as a shared entry that
   * keeps its units and window (an allocation or reservation kind becomes {@link #SHARED}); returns
   * its slot, or -1 when the job has none here. See {@code TraversalUpdate#leakEarlierEntries}.
   */
  int rekey(long jobId, long to) {
    catchUpIndex();
    int i = unlink(jobId);
    if (i < 0) {
      return -1;
    }
    // no id maps to the unlinked slot i any more: getting i back means `to` was absent
    if (index != null && index.getOrPut(to, i) != i) {
      index = null;
      noIndex = true;
    }
    job[i] = to;
    kind[i] = SHARED;
    count(units[i], kind[i], 1);
    return i;
  }

  /**
   * Drops the exclusivity span of the first live entry of {@code jobId} when it is a {@link
   * #SHARED} entry without units, keeping the entry itself as the job's tag: its window becomes
   * empty, so {@link #anyDuring} no longer sees it. This is the state Fluxion's partial cancel
   * leaves at an ancestor whose aggregate it reduced without emptying it ({@code mod_agfilter}
   * removes the vertex's x_checker span whatever the reduction left, the tag only once nothing is
   * left). Returns whether an entry changed.
   */
  boolean dropExclusivitySpan(long jobId) {
    return dropExclusivitySpanAt(indexOf(jobId));
  }

  /** {@link #dropExclusivitySpan} of the entry in slot {@code i} (-1: none). */
  boolean dropExclusivitySpanAt(int i) {
    if (i < 0 || kind[i] != SHARED || units[i] != 0 || start[i] >= end[i]) {
      return false;
    }
    start[i] = Long.MAX_VALUE;
    end[i] = Long.MIN_VALUE;
    writes++;
    return true;
  }

  /**
   * Finds the first live entry of {@code jobId}, takes its units out of the counts and its id out
   * of the index; returns its slot, or -1 when the job has none here (the entry itself is left to
   * the caller).
   */
  private int unlink(long jobId) {
    // with the index, one probe finds and drops the id
    int i = index != null ? index.remove(jobId) : indexOf(jobId);
    if (i >= 0) {
      count(units[i], kind[i], -1);
    }
    return i;
  }

  /** How many writes changed the entries of this object so far (see {@link #writes}). */
  long writes() {
    return writes;
  }

  /** Whether slot {@code i} (below {@link #n}) holds a live entry rather than a tombstone. */
  boolean isLive(int i) {
    return kind[i] != DEAD;
  }

  /** Drops the tombstones: afterwards {@code [0, n)} are the live entries in insertion order. */
  void compact() {
    if (dead == 0) {
      return;
    }
    catchUpIndex(); // so that a second entry of a job in the lagging slots is seen first
    int w = 0;
    long latest = Long.MIN_VALUE;
    for (int i = lo; i < n; i++) {
      if (kind[i] != DEAD) {
        job[w] = job[i];
        start[w] = start[i];
        end[w] = end[i];
        units[w] = units[i];
        kind[w] = kind[i];
        latest = Math.max(latest, end[i]);
        maxEnd[w] = latest;
        w++;
      }
    }
    n = w;
    dead = 0;
    lo = 0;
    if (index != null) {
      for (int i = 0; i < n; i++) {
        index.put(job[i], i);
      }
      indexed = n;
    }
  }

  /**
   * Puts the live entries of the slots the index lags behind into it (see the class notes), or
   * drops it for good at a second entry of a job. Changes no entry.
   */
  void catchUpIndex() {
    if (index == null) {
      return;
    }
    for (int i = Math.max(indexed, lo); i < n; i++) {
      // a live entry of the job in a lower slot is in the index already: then getOrPut gives it
      if (kind[i] != DEAD && index.getOrPut(job[i], i) != i) {
        index = null;
        noIndex = true;
        return;
      }
    }
    indexed = n;
  }

  /**
   * The slot of the first live entry of {@code jobId}, or -1. A pure read (it never builds the
   * index, which {@link #remove} does), so that copies of a {@link SchedState} sharing this object
   * may read it from different threads.
   */
  int indexOf(long jobId) {
    int from = lo;
    if (index != null) {
      int i = index.get(jobId);
      if (i >= 0) {
        return i;
      }
      from = Math.max(indexed, lo);
    }
    for (int i = from; i < n; i++) {
      if (job[i] == jobId && kind[i] != DEAD) {
        return i;
      }
    }
    return -1;
  }

  private void buildIndex() {
    JobSlotIndex m = new JobSlotIndex(n - dead);
    for (int i = lo; i < n; i++) {
      if (kind[i] != DEAD) {
        if (m.getOrPut(job[i], i) != i) {
          noIndex = true;
          return;
        }
      }
    }
    index = m;
    indexed = n;
  }

  /** The largest number of units held at any instant of {@code [at, at + d)}. */
  long maxUnitsDuring(long at, long d) {
    return maxUnitsDuring(at, d, Long.MAX_VALUE);
  }

  /**
   * {@link #maxUnitsDuring(long, long)} when it is below {@code enough}, else some value at least
   * {@code enough}: the scan stops there (with {@code enough} the vertex size, a busy vertex costs
   * one pass over its entries instead of one per start inside the window).
   */
  long maxUnitsDuring(long at, long d, long enough) {
    if (holding == 0) {
      return 0;
    }
    long hi = at + d;
    int from = firstEndingAfter(at);
    // one pass first: nothing held in the window, or one entry alone holds enough (a busy core);
    // the instant at is read even when the window is empty, as below
    long last = Math.max(hi, at + 1);
    boolean overlaps = false;
    for (int i = from; i < n; i++) {
      if (units[i] > 0 && start[i] < last && end[i] > at && start[i] < end[i]) {
        if (units[i] >= enough) {
          return units[i];
        }
        overlaps = true;
      }
    }
    if (!overlaps) {
      return 0;
    }
    // usage is piecewise constant and changes only at starts; check at and every start inside
    long best = unitsAt(from, at, enough);
    for (int i = from; i < n && best < enough; i++) {
      if (units[i] > 0 && start[i] > at && start[i] < hi) {
        long u = unitsAt(firstEndingAfter(start[i]), start[i], enough);
        if (u > best) {
          best = u;
        }
      }
    }
    return best;
  }

  /**
   * The units held at instant {@code t}, or once the sum reaches {@code enough}, that sum; {@code
   * from} is {@link #firstEndingAfter}{@code (t)} or an earlier slot.
   */
  private long unitsAt(int from, long t, long enough) {
    long sum = 0;
    for (int i = from; i < n && sum < enough; i++) {
      if (units[i] > 0 && start[i] <= t && end[i] > t) {
        sum += units[i];
      }
    }
    return sum;
  }

  /** Whether any job (shared or exclusive) overlaps {@code [at, at + d)}. */
  boolean anyDuring(long at, long d) {
    long hi = at + d;
    for (int i = firstEndingAfter(at); i < n; i++) {
      // a plan span that outlived its tag is not an exclusivity span (SchedState.keepPlanSpans)
      if (start[i] < hi && end[i] > at && !SchedState.isPlanOnly(job[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first slot at or after {@code lo} whose bound {@link #maxEnd} exceeds {@code t}, or {@link
   * #n}: no entry before it holds anything at {@code t} or later. O(log slots); lists whose entries
   * were added in time order (bookings of a queue in order) skip everything before {@code t}, which
   * keeps a deep queue's checks from scanning every earlier booking.
   */
  private int firstEndingAfter(long t) {
    int a = lo;
    int b = n;
    if (b - a < SKIP_FROM || maxEnd[a] > t) {
      return a;
    }
    // gallop back from the end (the slot sought is mostly among the last), then bisect
    int step = 1;
    while (b - step > a && maxEnd[b - step] > t) {
      b -= step;
      step <<= 1;
    }
    if (b - step > a) {
      a = b - step; // maxEnd[a] <= t
    }
    while (a < b) {
      int m = (a + b) >>> 1;
      if (maxEnd[m] > t) {
        b = m;
      } else {
        a = m + 1;
      }
    }
    return a;
  }

  /** Lists shorter than this are scanned from {@link #lo} without a search. */
  private static final int SKIP_FROM = 8;

  boolean has(byte k) {
    if (k >= 0 && k < perKind.length) {
      return perKind[k] > 0;
    }
    for (int i = lo; i < n; i++) {
      if (kind[i] == k) {
        return true;
      }
    }
    return false;
  }

  boolean hasKindFor(long jobId, byte k) {
    long planOnly = SchedState.planOnlyId(jobId);
    for (int i = lo; i < n; i++) {
      // the job's plan spans that outlived its tag are still in the maps of this kind
      if ((job[i] == jobId || job[i] == planOnly) && kind[i] == k && k != DEAD) {
        return true;
      }
    }
    return false;
  }
}
