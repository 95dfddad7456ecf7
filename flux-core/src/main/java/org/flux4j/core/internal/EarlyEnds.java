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
 *       meets, before {@code s_k}, a piece where {@code D > 0} ({@link #earlierFitMayMeetGain}: a
 *       search bounded to those starts). Proof: every other {@code t < s_k} failed in {@code S'_k}
 *       on an instant of its window before {@code s_k} (the part at or after {@code s_k} lies
 *       within {@code b_k}, where the job fits), where {@code D <= 0}: it still fails. Nor does the
 *       job fit now ({@code s_k > T}), so a rebuild would not allocate it and its search from
 *       {@code T} finds {@code s_k}. Should a bounded search find a start, the pool searches from
 *       {@code T}.
 *   <li>After the cancellations the use only grows in the cycle (bookings, allocations), so the
 *       remembered bounds found in it stay valid, and {@code s_k} becomes one; those from before
 *       were forgotten by the early end and the drops.
 * </ol>
 *
 * Anything else unusual makes the cycle search plainly from there on ({@link #stop}): a job asked
 * out of the old order or after it, an allocation asked outside {@code allocateOrReserve}, a
 * cancellation once asking began, a booking left by the cancellations, a running job at or past its
 * estimated end, more than {@link #MAX_POINTS} difference points. A start at now ({@code s_k == T})
 * takes the plain path (the rebuild allocates it, or books it at now), its result entered in D.
 * Cost: O(old bookings) to copy them, then per job O(points) and a bounded search per positive
 * piece that a remembered bound does not rule out. Loop-owned; not thread-safe.
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
  private long[] old = new long[48]; // the old bookings in order: id, start, end, cores
  private int size; // old bookings
  private int next; // the index of the next old booking a job may be asked for
  private long now;
  private long[] at = new long[16]; // D: difference points, increasing, deltas nonzero
  private long[] delta = new long[16];
  private int points;
  private long cycles; // cycles opened in this mode (for tests)
  private long answers; // bookings given back without a full search (for tests)
  private long searches; // old-order jobs that took the plain search (for tests)

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
   * Opens a cycle; with {@code order} (the previous cycle's bookings in order, each still in the
   * timeline), answers from those bookings where the class notes allow; null: not in this mode. The
   * early ends recorded so far belong to this cycle.
   */
  void open(LongArrayList order, PoolTimeline timeline) {
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
    if (!active) {
      return;
    }
    cycles++;
    int m = timeline.bookings();
    if (old.length < 4 * m) {
      old = new long[Math.max(4 * m, old.length * 2)];
    }
    int i = 0;
    for (int k = 0; k < order.size(); k++) {
      long id = order.get(k);
      long[] b = timeline.booking(id);
      if (b != null) { // else a job that started in a keeping cycle
        if (i == old.length) {
          break; // more than the bookings: the order is not what it should be
        }
        old[i++] = id;
        old[i++] = b[0];
        old[i++] = b[1];
        old[i++] = b[2];
      }
    }
    size = i / 4;
    if (size != m) {
      active = false;
    }
  }

  /** Closes the cycle. */
  void close() {
    active = false;
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
    if (timeline.bookings() != 0 || timeline.anyDueBy(now)) {
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
   * The old booking {start, end, cores} of job {@code id} if it is the next one in the old order
   * (the index moves on); else null, and the cycle stops answering from the old bookings.
   */
  long[] next(long id) {
    if (next < size && old[4 * next] == id) {
      int i = 4 * next++;
      return new long[] {old[i + 1], old[i + 2], old[i + 3]};
    }
    stop();
    return null;
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

  /** Answers whether a start in {@code [lo, hi)} fits: a search bounded to those starts. */
  interface Search {
    /** Whether some start in {@code [lo, hi)} fits. */
    boolean fitsWithin(long lo, long hi);
  }

  /**
   * Whether some start {@code t} in {@code [floor, s)} for {@code d} seconds, whose window meets
   * before {@code s} a piece where {@code D > 0}, may fit: asks {@code search} over {@code
   * [max(floor, p - d + 1), min(s, q))} for each such piece {@code [p, q)} with {@code p < s}.
   * {@code floor}: now, or a later time before which no start fits (a remembered bound).
   */
  boolean earlierFitMayMeetGain(long s, long d, long floor, Search search) {
    long run = 0;
    for (int i = 0; i + 1 < points && at[i] < s; i++) {
      run += delta[i];
      if (run > 0) {
        long lo = Math.max(floor, at[i] - d + 1);
        long hi = Math.min(s, at[i + 1]);
        if (lo < hi && search.fitsWithin(lo, hi)) {
          return true;
        }
      }
    }
    return false;
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

  /** How many jobs of the old order took the plain search in this mode (for tests). */
  long searches() {
    return searches;
  }
}
