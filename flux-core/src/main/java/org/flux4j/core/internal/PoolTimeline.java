package org.flux4j.core.internal;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The use of a {@link CountingPool}'s cores over time: each running job holds its cores until its
 * estimated end (its start plus its requested time, as backfilling assumes), each booking
 * (reservation) holds its cores over its window, and an {@link AvailabilityProfile} of those
 * changes answers the earliest time a request fits and whether one fits now without delaying a
 * booking. Times are whole seconds on the pool's clock; the use now is passed in by the caller,
 * which counts what is really held.
 *
 * <p>Invariant: once the dropped bookings are taken out, the profile holds exactly each running
 * job's release at its estimated end and each booking's take at its start and release at its end.
 * Dropping a booking from {@link #dropLater} removes it from the bookings at once and from the
 * profile when the profile is next read (a rebuilding cycle drops every booking before it books
 * again, so the profile may then be rebuilt from the running jobs alone); every method that reads
 * or changes the profile takes the drops out first, before the running jobs or the bookings change.
 *
 * <p>Remembered bounds: the earliest time found for a request of {@code c} cores for {@code d}
 * seconds is kept; every earlier start failed. While the use of cores from now on only grows (a
 * booking or an allocation adds use; a job ending at its estimated end changes nothing from now
 * on), every earlier start still fails for the same request, so the next search for it starts at
 * that time (a start that fits there is the earliest: were no change recorded there, the last
 * change before it, or now, would fit too). Dropping a booking or a job ending before its estimated
 * end lowers the use over a stretch of time, which the fall log records; a bound is read lowered to
 * what the falls since it was found can have opened ({@link #bound}), so that a bound far from
 * every fall stays as it is. A deep queue's first cycle then searches, for each job, only past the
 * bookings made since the last job of its kind, and a compressing cycle in which every job moves a
 * little earlier only past the falls ahead of it, instead of jumping over every hole from now again
 * (quadratic in the depth).
 *
 * <p>Untouched bookings: every fall of use is logged ({@link FallLog}: a job that ended before its
 * estimated end, a dropped booking, a node drained or down) and each booking carries the log's mark
 * from when it was known that no earlier start fits. A job whose booking is cancelled and at once
 * asked again ({@link #undoable}) would get the same booking back when every fall logged since its
 * mark starts at or after the booking's start ({@link #untouched}). Proof: a start {@code s} before
 * the booking failed then on some instant of its window over the level; those instants of the
 * window that are at or after the booking's start lie within the booking's own window, where the
 * job fits (each later booking or allocation was placed beside it, and running past an estimated
 * end changes no use from now on), so {@code s} failed on an instant before the booking's start,
 * where the use has only grown since. Nor does the job fit now, the booking being after now. The
 * cancellation is then undone ({@link #undo}): the last {@link #dropLater} takes effect (logs its
 * fall, forgets the bounds, queues the profile change) only when another method is called ({@link
 * #settle}).
 *
 * <p>Each booking also carries a stamp for its owner (the cycle it was booked in). O(log changes)
 * per search step and change. Loop-owned; not thread-safe.
 */
final class PoolTimeline {
  /** Keys of {@link #noFitBefore}: cores times this, plus the planned seconds (below it). */
  private static final long KEY_SPAN = 1L << 33;

  /** The most bounds {@link #noFitBefore} keeps (it is cleared when full). */
  private static final int MEMO_LIMIT = 1024;

  private static final long NONE = Long.MIN_VALUE;

  private final long capacity;
  private final AvailabilityProfile profile = new AvailabilityProfile();
  private final LongObjectHashMap<long[]> held =
      new LongObjectHashMap<>(); // {estimated end, cores}
  // {start, end, cores, stamp, mark of the fall log when no earlier start was found}
  private final LongObjectHashMap<long[]> booked = new LongObjectHashMap<>();
  private final FallLog falls = new FallLog();
  private long undoId = NONE; // the job whose booking the last dropLater dropped, until settled
  private long[] undoBooking; // that booking
  private final LongArrayList dropped = new LongArrayList(); // {start, end, cores} not yet undone
  // (cores, planned seconds) -> a time before which no such request fits (see noFitBefore)
  private final LongLongHashMap noFitBefore = new LongLongHashMap();
  // (cores, planned seconds) -> the fall log's size when that bound was found (see bound)
  private final LongLongHashMap boundMark = new LongLongHashMap();
  private long memoHits; // how many searches started from a remembered bound (for tests)
  private final long[] fallStarts = new long[FallLog.RECENT]; // scratch of earliestAfterFalls
  private final long[] fallEnds = new long[FallLog.RECENT];

  /** An empty timeline of {@code capacity} cores. */
  PoolTimeline(long capacity) {
    this.capacity = capacity;
  }

  /**
   * Whether {@code cores} more cores, free now beside {@code usedNow} held, can be taken from
   * {@code now} for {@code d} seconds without delaying any booking (true when there is none).
   */
  boolean fitsNow(long now, long d, long cores, long usedNow) {
    settle();
    return booked.isEmpty() || profile().fitsNow(now, d, cores, usedNow, capacity);
  }

  /** Records a running job that holds {@code cores} until its estimated end {@code end}. */
  void hold(long id, long end, long cores) {
    AvailabilityProfile p = profile(); // before held changes: profile() may rebuild from it
    held.put(id, new long[] {end, cores});
    p.add(end, -cores);
  }

  /**
   * Forgets a running job that gave its cores back at {@code now}; true if it was not recorded or
   * ended before its estimated end, when the use from now on fell (a fall is logged).
   */
  boolean release(long id, long now) {
    AvailabilityProfile p = profile(); // before held changes: profile() may rebuild from it
    long[] h = held.remove(id);
    if (h != null) {
      p.add(h[0], h[1]);
    }
    boolean early = h == null || h[0] > now;
    if (early) {
      // unknown: it may have fallen anywhere
      falls.add(h == null ? Long.MIN_VALUE : now, h == null ? Long.MAX_VALUE : h[0]);
    }
    return early;
  }

  /**
   * The earliest start from {@code now} at which {@code need} cores are free for {@code d} seconds
   * beside {@code usedNow} held now, searched from the remembered bound of the request's kind,
   * which it then becomes; -1 if never.
   */
  long earliestBounded(long now, long d, long need, long usedNow) {
    settle();
    long key = key(need, d);
    long from = bound(key, d, now);
    if (from > now) {
      memoHits++;
    }
    long at = profile().earliest(from, d, need, usedNow, capacity);
    if (at < 0) {
      return -1;
    }
    remember(key, at);
    return at;
  }

  /**
   * The earliest start from {@code from} (at or after now) at which {@code need} cores fit for
   * {@code d} seconds beside {@code usedNow} held now, if it is before {@code limit}; else -1.
   * Remembers nothing.
   */
  long earliestWithin(long from, long limit, long d, long need, long usedNow) {
    return profile().earliestBefore(from, limit, d, need, usedNow, capacity);
  }

  /**
   * The remembered bound of a request of {@code need} cores for {@code d} seconds: no start before
   * it fits; {@code now} if none is remembered. The last {@link #dropLater} takes effect first.
   */
  long noFitBound(long need, long d, long now) {
    settle();
    return bound(key(need, d), d, now);
  }

  /**
   * Remembers that no start before {@code at} fits a request of {@code need} cores for {@code d}
   * seconds, where the caller proved it as a search would have found it (see the class notes).
   */
  void remember(long need, long d, long at) {
    remember(key(need, d), at);
  }

  /** The running job's {estimated end, cores}, or null if it is not recorded. */
  long[] held(long id) {
    return held.get(id);
  }

  /**
   * Whether a running job is at or past its estimated end at {@code now}: with no booking, whether
   * the profile (then the running jobs' releases alone, which cannot cancel out) holds a change at
   * or before now, O(log changes); else O(running jobs).
   */
  boolean anyDueBy(long now) {
    if (booked.isEmpty()) {
      return profile().changesWithin(Long.MIN_VALUE, now);
    }
    return held.anySatisfy(h -> h[0] <= now);
  }

  /** Makes the last {@link #dropLater} take effect now, if it has not ({@link #settle}). */
  void settleDrops() {
    settle();
  }

  /** The same search from {@code now} without any bound, remembering nothing; -1 if never. */
  long earliest(long now, long d, long need, long usedNow) {
    return profile().earliest(now, d, need, usedNow, capacity);
  }

  /** Books {@code need} cores for the job over {@code [at, end)}, with its owner's stamp. */
  void book(long id, long at, long end, long need, long stamp) {
    AvailabilityProfile p = profile(); // before booked changes: profile() reads it
    booked.put(id, new long[] {at, end, need, stamp, falls.size()});
    p.add(at, need);
    p.add(end, -need);
  }

  /** The job's booking {start, end, cores, stamp} (the stamp may be set), or null. */
  long[] booking(long id) {
    return booked.get(id);
  }

  /** How many bookings there are. */
  int bookings() {
    return booked.size();
  }

  /**
   * Drops a booking from the profile now; {@code fell}: whether the use of cores from now on may
   * fall (false when the job is allocated in its place at once, so the bounds stay).
   */
  void drop(long id, boolean fell) {
    AvailabilityProfile p = profile(); // before booked changes: profile() reads it
    long[] b = booked.remove(id);
    if (b != null) {
      if (fell) {
        falls.add(b[0], b[1]);
      }
      p.add(b[0], -b[2]);
      p.add(b[1], b[2]);
    }
  }

  /**
   * Drops a booking from the bookings at once and from the profile when the profile is next read
   * ({@link #profile()}): a rebuilding cycle drops every booking before it books again.
   */
  void dropLater(long id) {
    settle();
    long[] b = booked.remove(id);
    if (b != null) {
      undoId = id;
      undoBooking = b;
    }
  }

  /**
   * The booking the last {@link #dropLater} dropped, if it dropped the job's and nothing else was
   * called since, so that it may be undone; else null.
   */
  long[] undoable(long id) {
    return undoId == id ? undoBooking : null;
  }

  /**
   * Whether every fall of use logged since the booking's mark starts at or after the booking's
   * start: then no start before the booking fits, beside every other booking (see the class notes).
   */
  boolean untouched(long[] b) {
    return falls.earliestSince(b[4]) >= b[0];
  }

  /**
   * For the job whose booking {@code b} ({start, end, cores, stamp, mark}) the last {@link
   * #dropLater} dropped ({@link #undoable}): the earliest start from {@code now} at which its
   * {@code need} cores fit for {@code d} seconds beside {@code usedNow} held now, when it is not
   * {@link #untouched} but every fall logged since its mark is known ({@link FallLog#since}): among
   * the starts before {@code b}'s whose window meets, before {@code b}'s start, a fall since the
   * mark (searched in the profile without the booking, which stays undoable), else {@code b}'s
   * start; -1 if the falls are not known. Proof: as for {@link #untouched}, a start {@code t}
   * before the booking failed then on an instant {@code x} before the booking's start; were it to
   * fit now, the use at {@code x} fell since, so {@code x} lies in a fall's {@code [from, to)} and
   * {@code t} in {@code [from - d + 1, min(to, start))}, the ranges searched. O(falls x search).
   */
  long earliestAfterFalls(long[] b, long d, long need, long now, long usedNow) {
    long[] starts = fallStarts;
    long[] ends = fallEnds;
    int n = falls.since(b[4], starts, ends);
    if (n < 0) {
      return -1;
    }
    // no start before the bound of the job's kind fits, nor where the booking's own drop opens room
    long floor = Math.min(bound(key(need, d), d, now), Math.max(now, b[0] - d + 1));
    AvailabilityProfile p = dropsTakenOut(); // the undoable booking stays in it
    p.add(b[0], -b[2]); // without the booking, for the search alone
    p.add(b[1], b[2]);
    // the ranges, by their lower ends, merged where they meet, searched in order up to a first fit
    int m = 0;
    for (int i = 0; i < n; i++) {
      long lo = starts[i] == Long.MIN_VALUE ? floor : Math.max(floor, starts[i] - d + 1);
      long hi = Math.min(ends[i], b[0]);
      if (lo < hi) {
        int k = m++;
        while (k > 0 && starts[k - 1] > lo) { // insertion by lower end, in place (k <= i)
          starts[k] = starts[k - 1];
          ends[k] = ends[k - 1];
          k--;
        }
        starts[k] = lo;
        ends[k] = hi;
      }
    }
    long best = b[0];
    for (int k = 0; k < m && best == b[0]; ) {
      long lo = starts[k];
      long hi = ends[k++];
      while (k < m && starts[k] <= hi) {
        hi = Math.max(hi, ends[k++]);
      }
      long t = p.earliestBefore(lo, hi, d, need, usedNow, capacity);
      if (t >= 0) {
        best = t; // the earliest: no range after this one starts before it
      }
    }
    p.add(b[0], b[2]);
    p.add(b[1], -b[2]);
    return best;
  }

  /**
   * Undoes the last {@link #dropLater}, of this job ({@link #undoable}): the booking is back as it
   * was, marked now (no earlier start fits now: {@link #untouched}).
   */
  void undo(long id) {
    if (undoId != id) {
      throw new IllegalStateException("the last dropped booking is not job " + id + "'s");
    }
    booked.put(id, undoBooking);
    undoBooking[4] = falls.size();
    undoId = NONE;
    undoBooking = null;
  }

  /** Makes the last {@link #dropLater} take effect, if it has not. */
  private void settle() {
    if (undoId != NONE) {
      long[] b = undoBooking;
      undoId = NONE;
      undoBooking = null;
      falls.add(b[0], b[1]);
      dropped.add(b[0]);
      dropped.add(b[1]);
      dropped.add(b[2]);
    }
  }

  /**
   * Applies the changes the profile queued ({@link AvailabilityProfile#flush}): a cycle that booked
   * many jobs without a search in between leaves the profile built, so that the next one does not
   * pay for it. The drops not taken out yet stay as they are (the last one may still be undone).
   */
  void applyQueued() {
    profile.flush();
  }

  /** Logs a fall of use anywhere: no booking is then known untouched. */
  void fellAnywhere() {
    settle();
    falls.add(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Whether nothing but time can have changed the use from {@code since} to {@code now}: no change
   * of use is recorded after {@code since} up to {@code now}, no running job is past its estimated
   * end and no booking starts by now (the last two checked one by one, O(running jobs and
   * bookings), and only when the first holds: such changes can cancel out in the profile).
   */
  boolean unchangedSince(long since, long now) {
    return !profile().changesWithin(since, now)
        && !held.anySatisfy(h -> h[0] <= now)
        && !booked.anySatisfy(b -> b[0] <= now);
  }

  /** The key of the request kind of {@code need} cores for {@code d} seconds. */
  private static long key(long need, long d) {
    return need * KEY_SPAN + d;
  }

  /**
   * The remembered bound of the request kind {@code key} ({@code d} seconds), lowered where a fall
   * of use logged since it was found may have opened an earlier start, and not before {@code now}
   * ({@code now} if none is remembered). Proof: a start {@code t} before the bound failed on some
   * instant {@code x} of its window; were it to fit now, the use at {@code x} fell since, so {@code
   * x} is at or after the earliest fall's first instant {@code e}, and {@code t >= e - d + 1}.
   * O(log falls kept).
   */
  private long bound(long key, long d, long now) {
    long x = noFitBefore.getIfAbsent(key, NONE);
    if (x == NONE) {
      return now;
    }
    long mark = boundMark.get(key);
    long e = mark == falls.size() ? Long.MAX_VALUE : falls.earliestSince(mark);
    if (e != Long.MAX_VALUE) {
      x = e == Long.MIN_VALUE ? now : Math.min(x, e - d + 1);
    }
    return Math.max(now, x);
  }

  /** Remembers that no start before {@code at} fits the request kind {@code key}, from now on. */
  private void remember(long key, long at) {
    if (noFitBefore.size() >= MEMO_LIMIT) {
      noFitBefore.clear();
      boundMark.clear();
    }
    noFitBefore.put(key, at);
    boundMark.put(key, falls.size());
  }

  /** How many earliest-time searches started after now from a remembered bound (for tests). */
  long memoHits() {
    return memoHits;
  }

  /** Every booking: job id to {start, end, cores} (for tests). */
  SortedMap<Long, List<Long>> bookingsById() {
    SortedMap<Long, List<Long>> out = new TreeMap<>();
    booked.forEachKeyValue((id, b) -> out.put(id, List.of(b[0], b[1], b[2])));
    return out;
  }

  /**
   * The availability profile with the dropped bookings taken out: one by one, or, when no booking
   * is left and they outnumber the running jobs, by rebuilding it from the running jobs' estimated
   * ends alone (what the profile then holds), in O(running jobs) instead of O(dropped bookings).
   * Called before {@link #held} or {@link #booked} changes, so that both still match the profile.
   */
  private AvailabilityProfile profile() {
    settle();
    return dropsTakenOut();
  }

  /**
   * The profile with the settled drops taken out ({@link #profile} without {@link #settle}): the
   * booking the last {@link #dropLater} dropped, if it may still be undone, stays in it, so the
   * profile is then never rebuilt from the running jobs alone.
   */
  private AvailabilityProfile dropsTakenOut() {
    if (!dropped.isEmpty()) {
      if (booked.isEmpty() && undoId == NONE && dropped.size() / 3 > held.size()) {
        profile.clear();
        held.forEachValue(h -> profile.add(h[0], -h[1]));
      } else {
        for (int i = 0; i < dropped.size(); i += 3) {
          profile.add(dropped.get(i), -dropped.get(i + 2));
          profile.add(dropped.get(i + 1), dropped.get(i + 2));
        }
      }
      dropped.clear();
    }
    return profile;
  }
}
