package org.flux4j.core.internal;

import java.util.Arrays;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * A rebuilding cycle of a {@link CountingPool} after jobs ended before their estimated ends: which
 * of the previous cycle's bookings a rebuild provably gives back, so that the pool books them again
 * without a search ({@link KeptBookings} opens such a cycle where it would have kept the bookings
 * but for early ends).
 *
 * <p>Notation: the cycle runs at {@code T}; the previous cycle of the same queue (same order)
 * booked jobs {@code j1..jm}, job {@code k} at {@code b_k = [s_k, f_k)} with {@code n_k} cores, in
 * that order, at {@code T0 <= T}. Let {@code S'_k} be the use of the cores as the profile held it
 * at the end of that cycle (every running job then, to its estimated end, the jobs it allocated
 * included) with the bookings of {@code j1..j(k-1)} alone, and {@code S_k} the use a rebuild sees
 * when it asks job {@code k}: the running jobs now and the new bookings of the jobs asked before
 * it. In {@code S'_k}, {@code b_k} fits (the final use of that cycle, every booking and allocation
 * placed beside the earlier ones, is within the capacity, and {@code S'_k} holds less) and no start
 * in {@code [T0, s_k)} fits (it failed beside the bookings ahead of it, and {@code S'_k} holds
 * more: the later bookings and allocations). Ends at the estimated end, or of a job already past
 * it, change no use from {@code T} on; a job that ended early frees its cores over {@code [T, E)},
 * {@code E} its estimated end.
 *
 * <p>Implementation notes. The argument:
 *
 * <ol>
 *   <li>The cycle's cancellations drop every old booking (the timeline then rebuilds its profile
 *       from the running jobs alone); this class keeps a copy of them in booking order. The
 *       timeline thus always holds {@code S_k} when job {@code k} is asked, and a plain search is
 *       exact at any point.
 *   <li>{@code D = free(S_k) - free(S'_k)} from {@code T} on is kept as a short list of difference
 *       points: at first {@code +c} over {@code [T, E)} for each job that ended early since the
 *       previous cycle; a job booked or allocated anywhere but its old booking adds {@code n} over
 *       its old window and takes {@code n} over its new one ({@link #moved}).
 *   <li>Job {@code k}, asked next in the old order with the same request, gets {@code s_k} back
 *       without a full search when {@code s_k > T}, {@code D >= 0} over {@code b_k} ({@link
 *       #fitsAgain}: it still fits) and no start {@code t} in {@code [T, s_k)} fits whose window
 *       meets, before {@code s_k}, a piece where {@code D > 0} ({@link #earliestGainedStart}: a
 *       search bounded to those starts). Proof: every other {@code t < s_k} failed in {@code S'_k}
 *       on an instant of its window before {@code s_k} (the part at or after {@code s_k} lies
 *       within {@code b_k}, where the job fits), where {@code D <= 0}: it still fails. Nor does the
 *       job fit now ({@code s_k > T}), so a rebuild would not allocate it and its search from
 *       {@code T} finds {@code s_k}. Should a bounded search find a start, the first one found is
 *       by the same argument the earliest from {@code T}: the job is booked there if it is after
 *       {@code T} (a rebuild would not allocate it either), searched for plainly if it is {@code
 *       T}.
 *   <li>After the cancellations the use only grows in the cycle (bookings, allocations), so the
 *       remembered bounds found in it stay valid, and {@code s_k} becomes one; those from before
 *       were forgotten by the early end and the drops.
 * </ol>
 *
 * Anything else unusual makes the cycle search plainly from there on ({@link #stop}): a job asked
 * out of the old order or after it, an allocation asked outside {@code allocateOrReserve}, a
 * cancellation once asking began, cancellations not in the old order, a booking they left, a
 * running job at or past its estimated end, more than {@link #MAX_POINTS} difference points. A
 * start at now ({@code s_k == T}) takes the plain path (the rebuild allocates it, or books it at
 * now); every move is entered in D. Cost: O(old bookings) to copy them, then per job O(points) and
 * a bounded search per positive piece that a remembered bound does not rule out. Loop-owned; not
 * thread-safe.
 */
final class EarlyEnds {
  /** The most early ends recorded between two cycles (more: the next cycle rebuilds plainly). */
  static final int MAX_ENDS = 64;

  /** The most difference points D may have before the cycle searches plainly. */
  static final int MAX_POINTS = 128;

  private LongArrayList ends = new LongArrayList(); // (estimated end, cores) since the last cycle
  private LongArrayList cycleEnds = new LongArrayList(); // the open cycle's early ends
  private boolean tooMany; // more than MAX_ENDS early ends since the last cycle
  private boolean active; // whether the open cycle still answers from the old bookings
  private boolean started; // whether the first job was asked
  private LongArrayList order; // the previous booking order (the open cycle's, while it cancels)
  private int orderAt; // the place in order of the next cancellation
  private int staleLeft; // how many ids of started jobs order may still skip
  private int expected; // the bookings when the cycle opened
  private long[] ids = new long[16]; // the old bookings in order: ids
  private long[] old = new long[48]; // and start, end, cores
  private int size; // old bookings
  private int next; // the index of the next old booking a job may be asked for
  private long now;
  private long[] at = new long[16]; // D: difference points, increasing, deltas nonzero
  private long[] delta = new long[16];
  private int points;
  private long cycles; // cycles opened in this mode (for tests)
  private long answers; // bookings given back without a full search (for tests)
  private long searches; // old-order jobs that took the plain search (for tests)
  private long found; // old-order jobs booked where a bounded search found them (for tests)

  /** Records a job that ended before its estimated end {@code end}, holding {@code cores}. */
  void ended(long end, long cores) {
    if (ends.size() / 2 >= MAX_ENDS) {
      tooMany = true;
    } else {
      ends.add(end);
      ends.add(cores);
    }
  }

  /** Whether more early ends than recorded happened since the last cycle. */
  boolean tooMany() {
    return tooMany;
  }

  /**
   * Opens a cycle; with {@code order} (the previous cycle's booking order, {@code stale} of its ids
   * those of jobs that started since, the others each booked in {@code timeline}), answers from
   * those bookings where the class notes allow; null: not in this mode. The early ends recorded so
   * far belong to this cycle. The bookings are taken as the cycle cancels them ({@link
   * #cancelled}), which must be in that order.
   */
  void open(LongArrayList order, int stale, PoolTimeline timeline) {
    LongArrayList swap = cycleEnds;
    cycleEnds = ends;
    ends = swap;
    ends.clear();
    tooMany = false;
    active = order != null;
    started = false;
    next = 0;
    size = 0;
    points = 0;
    this.order = order;
    orderAt = 0;
    staleLeft = stale;
    if (!active) {
      return;
    }
    cycles++;
    expected = timeline.bookings();
    if (old.length < 3 * expected) {
      old = new long[Math.max(3 * expected, old.length * 2)];
    }
    if (ids.length < expected) {
      ids = new long[Math.max(expected, ids.length * 2)];
    }
  }

  /**
   * Takes the booking {@code b} of job {@code id} as the cycle cancels it, before the first job is
   * asked: it must be the next booked one in the old order (a job that started since is skipped),
   * else the cycle stops answering from the old bookings.
   */
  void cancelled(long id, long[] b) {
    while (orderAt < order.size() && order.get(orderAt) != id && staleLeft > 0) {
      orderAt++;
      staleLeft--;
    }
    if (orderAt == order.size() || order.get(orderAt) != id || size == expected) {
      stop();
      return;
    }
    orderAt++;
    ids[size] = id;
    old[3 * size] = b[0];
    old[3 * size + 1] = b[1];
    old[3 * size + 2] = b[2];
    size++;
  }

  /** Closes the cycle. */
  void close() {
    active = false;
    order = null;
    size = 0;
    points = 0;
  }

  /** Whether the open cycle still answers from the old bookings. */
  boolean active() {
    return active;
  }

  /** Whether the first job of the open cycle was asked ({@link #start}). */
  boolean started() {
    return started;
  }

  /** Stops answering from the old bookings for the rest of the cycle. */
  void stop() {
    active = false;
  }

  /**
   * Starts answering at the first job asked, at {@code now}: D becomes the early ends' cores over
   * {@code [now, E)}; false (and stopped) if a booking is left in the timeline or a running job is
   * at or past its estimated end.
   */
  boolean start(long now, PoolTimeline timeline) {
    started = true;
    this.now = now;
    if (size != expected || timeline.bookings() != 0 || timeline.anyDueBy(now)) {
      stop();
      return false;
    }
    timeline.settleDrops();
    for (int i = 0; i < cycleEnds.size(); i += 2) {
      add(now, cycleEnds.get(i), cycleEnds.get(i + 1));
    }
    return active;
  }

  /**
   * The index of job {@code id}'s old booking if it is the next one in the old order (the index
   * moves on; see {@link #oldStart}, {@link #oldEnd}, {@link #oldCores}); else -1, and the cycle
   * stops answering from the old bookings.
   */
  int next(long id) {
    if (next < size && ids[next] == id) {
      return next++;
    }
    stop();
    return -1;
  }

  /** The start of the old booking at {@code i} ({@link #next}). */
  long oldStart(int i) {
    return old[3 * i];
  }

  /** The end of the old booking at {@code i}. */
  long oldEnd(int i) {
    return old[3 * i + 1];
  }

  /** The cores of the old booking at {@code i}. */
  long oldCores(int i) {
    return old[3 * i + 2];
  }

  /**
   * Whether {@code D >= 0} over {@code [s, f)}: the old window has at least the room it had in the
   * previous cycle.
   */
  boolean fitsAgain(long s, long f) {
    long run = 0;
    for (int i = 0; i < points && at[i] < f; i++) {
      run += delta[i];
      long end = i + 1 < points ? at[i + 1] : Long.MAX_VALUE;
      if (run < 0 && end > s) {
        return false;
      }
    }
    return true;
  }

  /** A search bounded to the starts in {@code [lo, hi)}. */
  interface Search {
    /** The earliest start that fits if it is in {@code [lo, hi)}, else -1. */
    long earliestWithin(long lo, long hi);
  }

  /**
   * The earliest start in {@code [floor, s)} at which a job of {@code d} seconds whose old booking
   * starts at {@code s} fits, or -1 if none does, searched only among the starts whose window meets
   * before {@code s} a piece {@code [p, q)} where {@code D > 0}: {@code search} over {@code
   * [max(floor, p - d + 1), min(s, q))} for each such piece in order, the first start found being
   * the answer (every other start fails, see the class notes; the ranges' lower ends do not
   * decrease, so no later range holds an earlier start). {@code floor}: now, or a later time before
   * which no start fits (a remembered bound).
   */
  long earliestGainedStart(long s, long d, long floor, Search search) {
    long run = 0;
    for (int i = 0; i + 1 < points && at[i] < s; i++) {
      run += delta[i];
      if (run > 0) {
        long lo = Math.max(floor, at[i] - d + 1);
        long hi = Math.min(s, at[i + 1]);
        if (lo < hi) {
          long t = search.earliestWithin(lo, hi);
          if (t >= 0) {
            return t;
          }
        }
      }
    }
    return -1;
  }

  /**
   * Job moved: {@code cores} of an old window {@code [s, f)} (none if {@code cores} is 0) are free
   * again and {@code newCores} of a new window {@code [ns, nf)} are taken (none if 0). Stops
   * answering from the old bookings when D has too many points.
   */
  void moved(long s, long f, long cores, long ns, long nf, long newCores) {
    if (cores == newCores && s == ns && f == nf) {
      return;
    }
    add(s, f, cores);
    add(ns, nf, -newCores);
    if (points > MAX_POINTS) {
      stop();
    }
  }

  /** Counts a booking given back without a full search. */
  void answered() {
    answers++;
  }

  /** Counts a job of the old order booked earlier, at the start a bounded search found. */
  void foundEarlier() {
    found++;
  }

  /** Counts a job of the old order that took the plain search. */
  void searched() {
    searches++;
  }

  /** Adds {@code v} to D over {@code [a, b)}, clipped to now on. */
  private void add(long a, long b, long v) {
    a = Math.max(a, now);
    if (a >= b || v == 0) {
      return;
    }
    point(a, v);
    point(b, -v);
  }

  private void point(long t, long v) {
    int i = Arrays.binarySearch(at, 0, points, t);
    if (i >= 0) {
      delta[i] += v;
      if (delta[i] == 0) {
        System.arraycopy(at, i + 1, at, i, points - i - 1);
        System.arraycopy(delta, i + 1, delta, i, points - i - 1);
        points--;
      }
      return;
    }
    i = -i - 1;
    if (points == at.length) {
      at = Arrays.copyOf(at, points * 2);
      delta = Arrays.copyOf(delta, points * 2);
    }
    System.arraycopy(at, i, at, i + 1, points - i);
    System.arraycopy(delta, i, delta, i + 1, points - i);
    at[i] = t;
    delta[i] = v;
    points++;
  }

  /** How many cycles opened in this mode (for tests). */
  long cycles() {
    return cycles;
  }

  /** How many bookings were given back without a full search (for tests). */
  long answers() {
    return answers;
  }

  /** How many jobs of the old order were booked where a bounded search found them (for tests). */
  long found() {
    return found;
  }

  /** How many jobs of the old order took the plain search in this mode (for tests). */
  long searches() {
    return searches;
  }
}
