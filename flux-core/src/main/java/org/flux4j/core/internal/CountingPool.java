package org.flux4j.core.internal;

import java.util.List;
import java.util.SortedMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobRequest;
import org.flux4j.graph.ResourceGraph;

/**
 * A {@link ResourcePool} that counts cores and GPUs per node: first fit over the nodes in graph
 * order, lowest core and GPU ids first ({@link PoolNodes}).
 *
 * <p>Reservations: the pool keeps the use of its cores over time ({@link PoolTimeline}: a running
 * job holds its cores until its estimated end, its start plus its requested time, as backfilling
 * assumes; a reservation holds its cores over its window), so that {@link #allocateOrReserve}
 * answers the earliest time a request fits and {@link #allocate} starts a job only if it delays no
 * reservation: the queue policies are then the textbook algorithms on a pool of processors (EASY:
 * the shadow time and extra processors of Mu'alem and Feitelson; conservative: the earliest booking
 * beside every earlier one). That is exact for requests of single-core slots placed anywhere (a
 * processor pool, {@link #poolShaped}); any other shape is refused by {@link #cannotReserve} where
 * a queue reserves, since a count of cores cannot tell whether it will fit then. Drained and down
 * nodes are left out of what is free now but not of the timeline's future.
 *
 * <p>Kept reservations ({@link #openCycle} with reuse, {@link #keepReservations}, {@link
 * #beginCycle}): when nothing but time passed since the previous cycle of the same queue, a
 * rebuilding cycle is answered from the previous cycle's bookings, which a rebuild provably gives
 * back ({@link KeptBookings} holds that bookkeeping and its argument); when jobs also ended before
 * their estimated ends, the cycle rebuilds but gives back without a search the bookings that the
 * freed cores and the jobs moved so far provably cannot move ({@link EarlyEnds}). This class is the
 * face that joins the three: it turns a job's request into cores and seconds, asks the nodes for an
 * allocation now, and keeps the timeline and the bookkeeping in step with each answer. Loop-owned;
 * not thread-safe, except {@link #hasRank}.
 */
final class CountingPool implements ResourcePool {
  private static final long UNLIMITED = 100L * 365 * 86_400;

  private final PoolNodes nodes;
  private final PoolTimeline plan;
  private final KeptBookings kept;
  private final Clock clock;
  private final long epoch;
  private final boolean rebookUntouched;
  private long untouchedRebookings; // how many bookings were given back without a search (tests)
  private long movedByFalls; // how many moved earlier by a search bounded to the falls (tests)

  /**
   * A pool over every node of {@code graph}.
   *
   * @throws IllegalArgumentException if the graph has no vertex of type {@code node}
   */
  CountingPool(ResourceGraph graph, Clock clock) {
    this(graph, clock, true);
  }

  /**
   * A pool over every node of {@code graph}; {@code rebookUntouched}: whether a job asked again
   * right after its booking was cancelled gets it back without a search where no fall of use can
   * move it (see {@link #allocateOrReserve}; false only for tests that compare the two).
   */
  CountingPool(ResourceGraph graph, Clock clock, boolean rebookUntouched) {
    this(graph, clock, rebookUntouched, KeptBookings.EARLY_ENDS_FROM);
  }

  /**
   * The same; {@code earlyEndsFrom}: the fewest bookings of the previous cycle from which a cycle
   * after early ends gives back without a search the bookings it cannot move ({@link
   * KeptBookings#EARLY_ENDS_FROM} as shipped; tests pass 0).
   */
  CountingPool(ResourceGraph graph, Clock clock, boolean rebookUntouched, int earlyEndsFrom) {
    this.rebookUntouched = rebookUntouched;
    this.clock = clock;
    this.epoch = clock.millis();
    this.nodes = new PoolNodes(graph);
    this.plan = new PoolTimeline(nodes.totalCores());
    this.kept = new KeptBookings(plan, earlyEndsFrom);
  }

  /** Seconds since the pool was created. */
  private long now() {
    return Math.max(0, (clock.millis() - epoch) / 1000);
  }

  /** How long the pool plans the request for, in whole seconds (unlimited: a century). */
  private static long planned(JobRequest r) {
    long ms = r.duration().toMillis();
    return ms > 0 ? (ms + 999) / 1000 : UNLIMITED;
  }

  private static long cores(JobRequest r) {
    return (long) r.slots() * r.coresPerSlot();
  }

  /** The cores held now. */
  private long usedNow() {
    return (long) nodes.totalCores() - nodes.freeCores();
  }

  /**
   * Whether any free cores can serve the request, so that counting cores over time is exact: slots
   * of one core and no GPU placed anywhere, or one slot per node when every node is a single core.
   */
  boolean poolShaped(JobRequest r) {
    if (r.coresPerSlot() != 1 || r.gpusPerSlot() != 0) {
      return false;
    }
    return r.nodes() == 0 ? !r.exclusive() : nodes.singleCoreNodes() && r.slots() == r.nodes();
  }

  /**
   * Why the pool cannot honour reservations for this request (null if it can): what a queue that
   * reserves refuses at submit.
   */
  String cannotReserve(JobRequest r) {
    if (poolShaped(r)) {
      return null;
    }
    return "the counting match policy reserves only requests of one-core slots placed anywhere (a"
        + " processor pool), not "
        + r.slots()
        + " slot(s) of "
        + r.coresPerSlot()
        + " core(s)"
        + (r.gpusPerSlot() > 0 ? " and " + r.gpusPerSlot() + " GPU(s)" : "")
        + (r.nodes() > 0 ? " on " + r.nodes() + " node(s)" : "")
        + "; use a graph match policy (e.g. first) with a backfilling queue policy";
  }

  @Override
  public String cannotReserve(Job job) {
    return cannotReserve(job.request);
  }

  @Override
  public Allocation allocate(Job job) {
    kept.allocating(); // only the kept bookings of jobs ahead may stay in the profile
    kept.early().stop(); // an allocation alone is not followed in D: plain searches from here
    return allocateNow(job);
  }

  /** Allocates now if the job fits and delays no booking; records its estimated end. */
  private Allocation allocateNow(Job job) {
    JobRequest r = job.request;
    if (cores(r) > nodes.freeCores()) {
      return null; // O(1): a deep queue's cycle asks this of every waiting job
    }
    if (!plan.fitsNow(now(), planned(r), cores(r), usedNow())) {
      return null; // would delay a reservation
    }
    int before = nodes.freeCores();
    Allocation a = nodes.allocate(r);
    if (a != null) {
      plan.hold(job.id.value(), now() + planned(r), (long) before - nodes.freeCores());
    }
    return a;
  }

  /**
   * Allocates the job now or books it at the earliest time it fits. A job asked right after its own
   * booking was cancelled (what compressing reservations does with every reserved job, each cycle),
   * when every fall of use since its booking was found starts at or after the booking ({@link
   * PoolTimeline#untouched}), gets that booking back in O(log falls) instead of a search: no
   * earlier start fits, so the search would find it again (and not allocate it now, as it starts
   * after now). Cycles that follow submissions and ends at the estimated end alone then search for
   * no reserved job.
   */
  @Override
  public Outcome allocateOrReserve(Job job) {
    if (kept.early().active()) {
      return afterEarlyEnds(job);
    }
    if (rebookUntouched && !kept.keeping() && !kept.deferring()) {
      long id = job.id.value();
      long[] b = plan.undoable(id);
      long now = now();
      if (b != null && b[0] > now) {
        long at = plan.untouched(b) ? b[0] : afterFalls(job, b, now);
        if (at == b[0]) {
          plan.undo(id);
          kept.allocating();
          kept.rebooked(id, b);
          untouchedRebookings++;
          return new Outcome(null, b[0]);
        }
        if (at > now) { // earlier, where a fall since it was booked opened room: a search finds it
          kept.allocating();
          kept.book(id, at, at + b[1] - b[0], b[2]);
          movedByFalls++;
          return new Outcome(null, at);
        }
      }
    }
    if (kept.keeping()) {
      long[] b = plan.booking(job.id.value());
      if (b != null) {
        return keptBooking(job, b);
      }
    }
    if (kept.deferring()) {
      long now = now();
      long at = kept.answer(job.id.value(), now);
      if (at > now) {
        return new Outcome(null, at);
      }
      if (at == now) {
        // booked at now: a rebuild allocates it now, the later kept bookings were placed beside it
        Allocation a = allocateNow(job);
        if (a != null) {
          return new Outcome(a, -1);
        }
        kept.endDeferring(); // cannot happen while the kept notes hold; answer as a rebuild would
      }
    }
    return search(job);
  }

  /**
   * The earliest start of a job asked again right after its booking {@code b} was cancelled, where
   * the falls of use since it was booked are known one by one ({@link
   * PoolTimeline#earliestAfterFalls}); -1 if they are not, or the booking is not of the job's
   * request as it stands.
   */
  private long afterFalls(Job job, long[] b, long now) {
    JobRequest r = job.request;
    long d = planned(r);
    long need = cores(r);
    if (b[1] - b[0] != d || b[2] != need) {
      return -1;
    }
    return plan.earliestAfterFalls(b, d, need, now, usedNow());
  }

  /**
   * Allocates the job now or books it at the earliest time it fits, searched from now (with the
   * remembered bound of its kind): what a rebuild does.
   */
  private Outcome search(Job job) {
    kept.allocating();
    Allocation a = allocateNow(job);
    if (a != null) {
      return new Outcome(a, -1);
    }
    JobRequest r = job.request;
    long now = now();
    long d = planned(r);
    long need = cores(r);
    if (need > nodes.totalCores()) {
      return Outcome.BUSY;
    }
    long at = plan.earliestBounded(now, d, need, usedNow());
    if (at < 0) {
      return Outcome.BUSY;
    }
    kept.book(job.id.value(), at, at + d, need);
    return new Outcome(null, at);
  }

  /**
   * A job asked in a rebuilding cycle after early ends ({@link EarlyEnds}, whose notes hold the
   * argument): the next job of the previous cycle's booking order gets its old booking back without
   * a full search where the early ends and the jobs moved so far cannot have opened an earlier
   * start for it; otherwise, and for any other job, the pool searches as a rebuild does and enters
   * the move in D.
   */
  private Outcome afterEarlyEnds(Job job) {
    EarlyEnds e = kept.early();
    long now = now();
    if (!e.started() && !e.start(now, plan)) {
      return search(job);
    }
    long id = job.id.value();
    int k = e.next(id);
    if (k < 0) {
      return search(job); // out of the old order, or after it: plain from here
    }
    long s = e.oldStart(k);
    long f = e.oldEnd(k);
    long n = e.oldCores(k);
    JobRequest r = job.request;
    long d = planned(r);
    long need = cores(r);
    if (s > now && f - s == d && n == need && e.fitsAgain(s, f)) {
      long t = earliestGainedStart(e, s, d, need, now);
      long at = t < 0 ? s : t; // the earliest start from now: a rebuild's search finds it
      if (at > now) {
        kept.book(id, at, at + d, need);
        plan.remember(need, d, at); // as that search would
        if (t < 0) {
          e.answered();
        } else {
          e.foundEarlier();
          e.moved(s, f, n, at, at + d, need);
        }
        return new Outcome(null, at);
      }
    }
    e.searched();
    Outcome o = search(job);
    if (o.allocation() != null) {
      long[] h = plan.held(id);
      e.moved(s, f, n, now, h[0], h[1]);
    } else if (o.reservedAt() >= 0) {
      e.moved(s, f, n, o.reservedAt(), o.reservedAt() + d, need);
    } else {
      e.moved(s, f, n, 0, 0, 0);
    }
    return o;
  }

  /** See {@link EarlyEnds#earliestGainedStart}; starts before the remembered bound never fit. */
  private long earliestGainedStart(EarlyEnds e, long s, long d, long need, long now) {
    long usedNow = usedNow();
    return e.earliestGainedStart(
        s,
        d,
        plan.noFitBound(need, d, now),
        (lo, hi) -> plan.earliestWithin(lo, hi, d, need, usedNow));
  }

  /**
   * A booked job asked again while the bookings are kept: a booking at now becomes an allocation
   * (the same use of cores from now on: the remembered bounds stay); a later one is answered as it
   * is.
   */
  private Outcome keptBooking(Job job, long[] b) {
    if (b[0] > now()) {
      return new Outcome(null, b[0]);
    }
    long id = job.id.value();
    kept.startsInPlace(id);
    Allocation a = allocateNow(job);
    if (a != null) {
      return new Outcome(a, -1);
    }
    // a running job past its estimated end still holds the cores: a rebuild books it at now again
    kept.bookInPlace(id, b[0], b[1], b[2]);
    return new Outcome(null, b[0]);
  }

  /**
   * Opens a scheduling cycle of the queue {@code owner}. With {@code reuse} (a policy that rebuilds
   * every reservation in queue order), the cycle's cancellations are deferred and kept bookings
   * answered when nothing but time passed since the owner's previous cycle (see {@link
   * KeptBookings}).
   */
  @Override
  public void openCycle(Object owner, boolean reuse) {
    kept.open(owner, reuse, nodes.notUp() == 0);
  }

  /** Closes the cycle opened by {@link #openCycle}. */
  @Override
  public void closeCycle() {
    kept.close();
    plan.applyQueued();
  }

  /**
   * The pool marks every cycle, so that a policy may keep its bookings (see {@link KeptBookings}).
   */
  @Override
  public boolean repeatsCycles() {
    return true;
  }

  /** See {@link KeptBookings#begin}. */
  @Override
  public boolean beginCycle(Object previous) {
    return kept.begin(previous, now());
  }

  @Override
  public Object endCycle() {
    return kept.end(now());
  }

  /** See {@link KeptBookings#keptTime}. */
  @Override
  public long keptReservationsTime() {
    return kept.keptTime(now());
  }

  @Override
  public void keepReservations() {
    kept.keep();
  }

  /** How many cycles repeated every answer of the previous one ({@link #beginCycle}; for tests). */
  long repeatedCycles() {
    return kept.repeatedCycles();
  }

  /** How many cycles kept the previous cycle's bookings ({@link #keepReservations}; for tests). */
  long keptCycles() {
    return kept.keptCycles();
  }

  /**
   * How many times the carried booking order lost the ids of started jobs ({@link KeptBookings}).
   */
  long orderCompactions() {
    return kept.orderCompactions();
  }

  /** How many answers of {@link #allocateOrReserve} came from kept bookings so far. */
  long keptAnswers() {
    return kept.keptAnswers();
  }

  /**
   * How many cycles after early ends opened to answer from the old bookings ({@link EarlyEnds}).
   */
  long earlyEndCycles() {
    return kept.early().cycles();
  }

  /** How many old bookings cycles after early ends gave back without a full search (tests). */
  long earlyEndAnswers() {
    return kept.early().answers();
  }

  /** How many old bookings cycles after early ends moved earlier by a bounded search (tests). */
  long earlyEndFound() {
    return kept.early().found();
  }

  /** How many jobs of the old order cycles after early ends searched for plainly (tests). */
  long earlyEndSearches() {
    return kept.early().searches();
  }

  /** How many bookings were given back without a search ({@link #allocateOrReserve}; tests). */
  long untouchedRebookings() {
    return untouchedRebookings;
  }

  /**
   * How many bookings, cancelled and at once asked again, moved earlier where a search bounded to
   * the falls of use since they were booked found room (tests).
   */
  long movedByFalls() {
    return movedByFalls;
  }

  /** How many earliest-time searches started after now from a remembered bound (for tests). */
  long memoHits() {
    return plan.memoHits();
  }

  /**
   * Every booking: job id to {start, end, cores} in seconds since the pool was made (for tests).
   */
  SortedMap<Long, List<Long>> bookings() {
    return plan.bookingsById();
  }

  @Override
  public long reservedMillis(long reservedAt) {
    return epoch + reservedAt * 1000;
  }

  /**
   * The start the job would get from {@link #allocateOrReserve} now, read off the timeline without
   * booking anything; -2 for a request the timeline cannot place exactly.
   */
  @Override
  public long whatIfStart(Job job) {
    JobRequest r = job.request;
    if (!poolShaped(r)) {
      return -2;
    }
    long need = cores(r);
    if (need > nodes.totalCores()) {
      return -1;
    }
    long at = plan.earliest(now(), planned(r), need, usedNow());
    return at < 0 ? -1 : Math.max(clock.millis(), reservedMillis(at));
  }

  @Override
  public void cancelReservation(Job job) {
    kept.cancel(job.id.value());
  }

  @Override
  public boolean nothingFree() {
    return nodes.freeCores() == 0;
  }

  @Override
  public Object requestShape(Job job) {
    JobRequest r = job.request;
    return poolShaped(r) && r.nodes() == 0 ? Integer.valueOf(r.slots()) : null;
  }

  @Override
  public long requestDuration(Job job) {
    return planned(job.request);
  }

  @Override
  public void free(Job job) {
    long id = job.id.value();
    long[] h = plan.held(id); // {estimated end, cores}; release forgets it, not the array
    boolean early = plan.release(id, now());
    if (early && h != null) {
      kept.freedEarly(h[0], h[1]); // a rebuild may give back the bookings it cannot move
    } else {
      kept.freed(early);
    }
    nodes.free(job.allocation);
  }

  @Override
  public String unsatisfiable(Job job) {
    return nodes.unsatisfiable(job.request);
  }

  @Override
  public boolean hasRank(int r) {
    return nodes.hasRank(r);
  }

  @Override
  public void setDrained(int r, boolean on) {
    nodes.setDrained(r, on);
    kept.nodesChanged();
    plan.fellAnywhere();
  }

  @Override
  public void setDown(int r, boolean on) {
    nodes.setDown(r, on);
    kept.nodesChanged();
    plan.fellAnywhere();
  }

  @Override
  public int freeCores() {
    return nodes.freeCores();
  }

  @Override
  public int totalCores() {
    return nodes.totalCores();
  }

  @Override
  public int freeGpus() {
    return nodes.freeGpus();
  }
}
