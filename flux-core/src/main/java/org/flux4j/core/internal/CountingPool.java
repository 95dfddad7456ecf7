package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobRequest;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;

/**
 * A {@link ResourcePool} that counts cores and GPUs per node: first fit over the nodes in graph
 * order, lowest core and GPU ids first.
 *
 * <p>Implementation notes: the nodes are the vertices of type {@code node}; each knows the core and
 * GPU vertices of its containment subtree, a used bit per core and GPU, its free counts and whether
 * a job holds it whole. Two vertex-indexed arrays map a core or GPU vertex back to its node and
 * index, so that {@link #free} walks the allocation's vertices alone. Allocation is O(nodes + cores
 * taken); a request larger than the free total fails in O(1).
 *
 * <p>Reservations: the pool keeps an {@link AvailabilityProfile} of its cores over time (a running
 * job holds its cores until its estimated end, its start plus its requested time, as backfilling
 * assumes; a reservation holds its cores over its window), so that {@link #allocateOrReserve}
 * answers the earliest time a request fits and {@link #allocate} starts a job only if it delays no
 * reservation: the queue policies are then the textbook algorithms on a pool of processors (EASY:
 * the shadow time and extra processors of Mu'alem and Feitelson; conservative: the earliest booking
 * beside every earlier one). That is exact for requests of single-core slots placed anywhere (a
 * processor pool, {@link #poolShaped}); any other shape is refused by {@link #cannotReserve} where
 * a queue reserves, since a count of cores cannot tell whether it will fit then. Drained and down
 * nodes are left out of what is free now but not of the profile's future.
 *
 * <p>Kept reservations ({@link #openCycle} with reuse): a rebuilding cycle cancels every
 * reservation and books the waiting jobs again in queue order. When nothing but time passed since
 * the previous cycle of the same queue (every job that ended did so at its estimated end, no
 * reservation was cancelled, no allocation was made outside a cycle, no node is or was drained or
 * down), the use of the cores from now on is the same function of time as when those reservations
 * were booked, so each job, asked again in the same order, would get its old booking back (the
 * earliest time it fits from now is the earliest from then, which is not before now), and a booking
 * at now is where it starts now. The pool then defers the cycle's cancellations and, for as long as
 * the jobs are asked in the previous booking order, answers from the kept bookings in O(1) each; at
 * the first job asked out of that order (a job left the queue, was reprioritised or is new) it
 * cancels the remaining kept bookings and answers from the profile again, as a rebuild does from
 * there on. Better still, a policy that keeps a record of its cycles ({@link #endCycle}) learns
 * from {@link #keptReservationsTime} that the bookings may be kept as they are ({@link
 * #keepReservations}): it then cancels nothing and asks only the jobs booked at now, which are
 * allocated in their booking's place (the same use of cores from now on; should a running job past
 * its estimated end still hold the cores, the job is booked at now again, as a rebuild would), and
 * the jobs after the last booked one; a cycle after a job ends at its estimated end then costs in
 * proportion to the jobs that start and the jobs never booked, not to the bookings.
 *
 * <p>Remembered bounds: the earliest time found for a request of {@code c} cores for {@code d}
 * seconds is kept; every earlier start failed. While the use of cores from now on only grows (a
 * booking or an allocation adds use; a job ending at its estimated end changes nothing from now
 * on), every earlier start still fails for the same request, so the next search for it starts at
 * that time (a start that fits there is the earliest: were no change recorded there, the last
 * change before it, or now, would fit too). Dropping a booking or a job ending before its estimated
 * end forgets every bound. A deep queue's first cycle then searches, for each job, only past the
 * bookings made since the last job of its kind, instead of jumping over every hole from now again
 * (quadratic in the depth).
 */
final class CountingPool implements ResourcePool {
  private final int n;
  private final int[] nodeVertex;
  private final int[] rank;
  private final String[] host;
  private final int[][] coreVertex;
  private final int[][] coreId;
  private final int[][] gpuVertex;
  private final int[][] gpuId;
  private final BitSet[] coreUsed;
  private final BitSet[] gpuUsed;
  private final int[] freeCores;
  private final int[] freeGpus;
  private final boolean[] wholeHeld;
  private final boolean[] drained;
  private final boolean[] down;
  private final BitSet open; // nodes usable and with a core free: where a core slot can go
  private final IntIntHashMap nodeOfRank = new IntIntHashMap();
  private final LongLongHashMap mostSlots =
      new LongLongHashMap(); // slot shape -> slots the pool holds
  private final int[] nodeOfVertex;
  private final int[] indexOfVertex;
  private final int totalCores;
  private final boolean singleCoreNodes;
  private final Clock clock;
  private final long epoch;
  private final AvailabilityProfile profile = new AvailabilityProfile();
  private final LongObjectHashMap<long[]> held =
      new LongObjectHashMap<>(); // {estimated end, cores}
  // {start, end, cores, cycle booked in}
  private final LongObjectHashMap<long[]> booked = new LongObjectHashMap<>();
  private final LongArrayList dropped = new LongArrayList(); // {start, end, cores} not yet undone
  private LongArrayList bookOrder = new LongArrayList(); // the current cycle's bookings, in order
  private LongArrayList deferred = new LongArrayList(); // kept bookings, in the order booked
  private int nextKept; // the next index of deferred a kept answer may be given for
  private boolean deferring; // whether cancellations are deferred and kept bookings answered
  private boolean keepable; // whether nothing but time passed since the owner's previous cycle
  private boolean keeping; // whether the policy keeps the previous bookings (keepReservations)
  private boolean orderKnown = true; // whether bookOrder lists every booking in booking order
  private Object lastMark; // the mark the last cycle's endCycle gave, until a cycle opens
  private Object openedAfter; // the mark of the cycle before the open one
  private Object previousMark; // the mark the open cycle's policy passed to beginCycle
  private int bookedAtEnd; // how many bookings the last cycle left
  private long frees; // how many jobs gave their cores back
  private long freesAtEnd; // frees when the last cycle ended
  private long endTime = -1; // when the last cycle ended
  private boolean inCycle;
  private long cycle; // counts the cycles opened
  private Object lastOwner; // the queue whose cycle was the last one
  private boolean dirty = true; // whether a rebuild could differ from the kept bookings
  private int notUp; // how many nodes are drained or down
  private long keptAnswers; // how many answers came from kept bookings (for tests)
  private long keptCycles; // how many cycles kept the previous bookings (for tests)
  private long repeatedCycles; // how many of those repeated every answer (for tests)
  // (cores, planned seconds) -> a time before which no such request fits (see noFitBefore)
  private final LongLongHashMap noFitBefore = new LongLongHashMap();
  private long memoHits; // how many searches started from a remembered bound (for tests)
  private int totalFreeCores;
  private int totalFreeGpus;

  /**
   * A pool over every node of {@code graph}.
   *
   * @throws IllegalArgumentException if the graph has no vertex of type {@code node}
   */
  CountingPool(ResourceGraph graph, Clock clock) {
    this.clock = clock;
    this.epoch = clock.millis();
    List<Integer> nodes = new ArrayList<>();
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (graph.isLive(v) && graph.type(v).equals("node")) {
        nodes.add(v);
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the resource graph has no vertex of type node");
    }
    n = nodes.size();
    nodeVertex = new int[n];
    rank = new int[n];
    host = new String[n];
    coreVertex = new int[n][];
    coreId = new int[n][];
    gpuVertex = new int[n][];
    gpuId = new int[n][];
    coreUsed = new BitSet[n];
    gpuUsed = new BitSet[n];
    freeCores = new int[n];
    freeGpus = new int[n];
    wholeHeld = new boolean[n];
    drained = new boolean[n];
    down = new boolean[n];
    nodeOfVertex = new int[graph.vertexLimit()];
    indexOfVertex = new int[graph.vertexLimit()];
    Arrays.fill(nodeOfVertex, -1);
    Adjacency out = graph.out(0);
    int cores = 0;
    for (int i = 0; i < n; i++) {
      int v = nodes.get(i);
      nodeVertex[i] = v;
      rank[i] = graph.rank(v) >= 0 ? graph.rank(v) : i;
      host[i] = graph.name(v);
      if (nodeOfRank.containsKey(rank[i])) {
        throw new IllegalArgumentException(
            "nodes "
                + host[nodeOfRank.get(rank[i])]
                + " and "
                + host[i]
                + " share rank "
                + rank[i]);
      }
      nodeOfRank.put(rank[i], i);
      nodeOfVertex[v] = i;
      List<Integer> cv = new ArrayList<>();
      List<Integer> gv = new ArrayList<>();
      collect(graph, out, v, cv, gv);
      coreVertex[i] = cv.stream().mapToInt(Integer::intValue).toArray();
      gpuVertex[i] = gv.stream().mapToInt(Integer::intValue).toArray();
      coreId[i] = ids(graph, coreVertex[i]);
      gpuId[i] = ids(graph, gpuVertex[i]);
      for (int k = 0; k < coreVertex[i].length; k++) {
        nodeOfVertex[coreVertex[i][k]] = i;
        indexOfVertex[coreVertex[i][k]] = k;
      }
      for (int k = 0; k < gpuVertex[i].length; k++) {
        nodeOfVertex[gpuVertex[i][k]] = i;
        indexOfVertex[gpuVertex[i][k]] = k;
      }
      coreUsed[i] = new BitSet(coreVertex[i].length);
      gpuUsed[i] = new BitSet(gpuVertex[i].length);
      freeCores[i] = coreVertex[i].length;
      freeGpus[i] = gpuVertex[i].length;
      cores += freeCores[i];
      totalFreeGpus += freeGpus[i];
    }
    totalCores = cores;
    totalFreeCores = cores;
    open = new BitSet(n);
    for (int i = 0; i < n; i++) {
      refresh(i);
    }
    boolean single = true;
    for (int i = 0; i < n; i++) {
      single &= coreVertex[i].length == 1 && gpuVertex[i].length == 0;
    }
    singleCoreNodes = single;
  }

  private static void collect(
      ResourceGraph g, Adjacency out, int root, List<Integer> cores, List<Integer> gpus) {
    int[] stack = new int[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      int u = stack[--sp];
      String t = g.type(u);
      if (t.equals("core")) {
        cores.add(u);
      } else if (t.equals("gpu")) {
        gpus.add(u);
      }
      for (int e = out.end(u) - 1; e >= out.start(u); e--) {
        if (sp == stack.length) {
          stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = out.target(e);
      }
    }
  }

  private static int[] ids(ResourceGraph g, int[] vertices) {
    int[] out = new int[vertices.length];
    for (int k = 0; k < vertices.length; k++) {
      out[k] = (int) g.id(vertices[k]);
    }
    return out;
  }

  private boolean usable(int i) {
    return !drained[i] && !down[i] && !wholeHeld[i];
  }

  private int slotsFitting(int cores, int gpus, int c, int g) {
    int k = cores / c;
    return g > 0 ? Math.min(k, gpus / g) : k;
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

  private static final long UNLIMITED = 100L * 365 * 86_400;

  /**
   * Whether any free cores can serve the request, so that counting cores over time is exact: slots
   * of one core and no GPU placed anywhere, or one slot per node when every node is a single core.
   */
  boolean poolShaped(JobRequest r) {
    if (r.coresPerSlot() != 1 || r.gpusPerSlot() != 0) {
      return false;
    }
    return r.nodes() == 0 ? !r.exclusive() : singleCoreNodes && r.slots() == r.nodes();
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

  private long cores(JobRequest r) {
    return (long) r.slots() * r.coresPerSlot();
  }

  @Override
  public Allocation allocate(Job job) {
    if (!inCycle) {
      dirty = true;
    } else if (deferring && nextKept < deferred.size()) {
      endDeferring(); // only the kept bookings of jobs ahead may stay in the profile
    }
    return allocateNow(job);
  }

  /** Allocates now if the job fits and delays no booking; records its estimated end. */
  private Allocation allocateNow(Job job) {
    JobRequest r = job.request;
    if (cores(r) > totalFreeCores) {
      return null; // O(1): a deep queue's cycle asks this of every waiting job
    }
    if (!booked.isEmpty()
        && !profile()
            .fitsNow(now(), planned(r), cores(r), totalCores - totalFreeCores, totalCores)) {
      return null; // would delay a reservation
    }
    int before = totalFreeCores;
    Allocation a = allocate(r);
    if (a != null) {
      long end = now() + planned(r);
      long taken = (long) before - totalFreeCores;
      AvailabilityProfile p = profile(); // before held changes: profile() may rebuild from it
      held.put(job.id.value(), new long[] {end, taken});
      p.add(end, -taken);
    }
    return a;
  }

  @Override
  public Outcome allocateOrReserve(Job job) {
    if (keeping) {
      long[] b = booked.get(job.id.value());
      if (b != null) {
        return keptBooking(job, b);
      }
    }
    if (deferring) {
      Outcome kept = kept(job);
      if (kept != null) {
        return kept;
      }
    }
    Allocation a = allocate(job);
    if (a != null) {
      return new Outcome(a, -1);
    }
    JobRequest r = job.request;
    long now = now();
    long d = planned(r);
    long need = cores(r);
    if (need > totalCores) {
      return Outcome.BUSY;
    }
    long key = need * KEY_SPAN + d;
    long from = Math.max(now, noFitBefore.getIfAbsent(key, now));
    if (from > now) {
      memoHits++;
    }
    long at = profile().earliest(from, d, need, totalCores - totalFreeCores, totalCores);
    if (at < 0) {
      return Outcome.BUSY;
    }
    if (noFitBefore.size() >= MEMO_LIMIT) {
      noFitBefore.clear();
    }
    noFitBefore.put(key, at);
    book(job.id.value(), at, at + d, need);
    return new Outcome(null, at);
  }

  /** Keys of {@link #noFitBefore}: cores times this, plus the planned seconds (below it). */
  private static final long KEY_SPAN = 1L << 33;

  /** The most bounds {@link #noFitBefore} keeps (it is cleared when full). */
  private static final int MEMO_LIMIT = 1024;

  /**
   * Forgets the bounds of {@link #noFitBefore}: called where the use of cores from now on may have
   * gone down somewhere (a booking dropped, a job ended before its estimated end).
   */
  private void useMayHaveFallen() {
    if (!noFitBefore.isEmpty()) {
      noFitBefore.clear();
    }
  }

  /** How many earliest-time searches started after now from a remembered bound (for tests). */
  long memoHits() {
    return memoHits;
  }

  private void book(long id, long at, long end, long need) {
    AvailabilityProfile p = profile(); // before booked changes: profile() reads it
    booked.put(id, new long[] {at, end, need, cycle});
    bookOrder.add(id);
    p.add(at, need);
    p.add(end, -need);
  }

  /**
   * The answer a rebuild would give the job from its kept booking, if it is the next one in the
   * previous booking order (see the class notes): the same booking, or an allocation now if the
   * booking starts now; null (after cancelling the kept bookings not yet answered) otherwise.
   */
  private Outcome kept(Job job) {
    long id = job.id.value();
    long now = now();
    long[] b = nextKept < deferred.size() && deferred.get(nextKept) == id ? booked.get(id) : null;
    if (b == null || b[0] < now) {
      endDeferring();
      return null;
    }
    nextKept++;
    keptAnswers++;
    if (b[0] > now) {
      b[3] = cycle;
      bookOrder.add(id);
      return new Outcome(null, b[0]);
    }
    // booked at now: a rebuild allocates it now, the later kept bookings were placed beside it
    dropBooking(id, true);
    Allocation a = allocateNow(job);
    if (a != null) {
      return new Outcome(a, -1);
    }
    endDeferring(); // cannot happen while the class notes hold; answer as a rebuild would
    return null;
  }

  /** How many answers of {@link #allocateOrReserve} came from kept bookings so far. */
  long keptAnswers() {
    return keptAnswers;
  }

  /** Cancels the kept bookings not answered yet and stops answering from them. */
  private void endDeferring() {
    deferring = false;
    for (int i = nextKept; i < deferred.size(); i++) {
      dropBooking(deferred.get(i), true);
    }
    deferred.clear();
  }

  /**
   * Drops a booking from the profile now; {@code fell}: whether the use of cores from now on may
   * fall (false when the job is allocated in its place at once).
   */
  private void dropBooking(long id, boolean fell) {
    AvailabilityProfile p = profile(); // before booked changes: profile() reads it
    long[] b = booked.remove(id);
    if (b != null) {
      if (fell) {
        useMayHaveFallen();
      }
      p.add(b[0], -b[2]);
      p.add(b[1], b[2]);
    }
  }

  /**
   * Drops a booking from {@link #booked} at once and from the profile when the profile is next read
   * ({@link #profile()}): a rebuilding cycle drops every booking before it books again.
   */
  private void dropBookingLater(long id) {
    long[] b = booked.remove(id);
    if (b != null) {
      useMayHaveFallen();
      dropped.add(b[0]);
      dropped.add(b[1]);
      dropped.add(b[2]);
    }
  }

  /**
   * The availability profile with the dropped bookings taken out: one by one, or, when no booking
   * is left and they outnumber the running jobs, by rebuilding it from the running jobs' estimated
   * ends alone (what the profile then holds), in O(running jobs) instead of O(dropped bookings).
   * Called before {@link #held} or {@link #booked} changes, so that both still match the profile.
   */
  private AvailabilityProfile profile() {
    if (!dropped.isEmpty()) {
      if (booked.isEmpty() && dropped.size() / 3 > held.size()) {
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

  /**
   * Opens a scheduling cycle of the queue {@code owner}. With {@code reuse} (a policy that rebuilds
   * every reservation in queue order), the cycle's cancellations are deferred and kept bookings
   * answered when nothing but time passed since the owner's previous cycle (see the class notes).
   */
  @Override
  public void openCycle(Object owner, boolean reuse) {
    cycle++;
    inCycle = true;
    LongArrayList previous = bookOrder;
    bookOrder = deferred;
    bookOrder.clear();
    deferred = previous;
    nextKept = 0;
    keepable = reuse && !dirty && owner == lastOwner && notUp == 0;
    deferring = keepable && orderKnown && booked.size() == deferred.size();
    if (!deferring) {
      deferred.clear();
    }
    keeping = false;
    previousMark = null;
    openedAfter = lastMark;
    lastMark = null;
    dirty = false;
    lastOwner = owner;
  }

  /** Closes the cycle opened by {@link #openCycle}. */
  @Override
  public void closeCycle() {
    if (deferring) {
      endDeferring();
    }
    orderKnown = !keeping; // a keeping cycle's bookOrder holds only its new bookings
    keeping = false;
    inCycle = false;
  }

  /** The pool marks every cycle, so that a policy may keep its bookings (see the class notes). */
  @Override
  public boolean repeatsCycles() {
    return true;
  }

  /**
   * Notes the mark of the policy's previous cycle, and answers whether every answer that cycle got
   * still holds: its bookings may be kept ({@link #keptReservationsTime}), no job gave cores back
   * since, no change of the use of cores is recorded after that cycle's time up to now, no running
   * job is past its estimated end and no booking starts by now (checked one by one, O(running jobs
   * and bookings), and only when all else holds: such changes can cancel out in the profile). The
   * use from now on is then the use from that time on, constant up to the first recorded change
   * (after now), so a job that fitted nowhere then fits nowhere now (it needs more cores than are
   * free, which is unchanged, or the use over its window passed the capacity at a change after now,
   * still within its window from now), and every booking is after now. The bookings are then kept
   * ({@link #keepReservations}).
   */
  @Override
  public boolean beginCycle(Object previous) {
    previousMark = previous;
    long now = now();
    boolean same =
        keptReservationsTime() != ResourcePool.NOT_KEPT
            && frees == freesAtEnd
            && now >= endTime
            && !profile().changesWithin(endTime, now)
            && !held.anySatisfy(h -> h[0] <= now)
            && !booked.anySatisfy(b -> b[0] <= now);
    if (same) {
      keepReservations();
      repeatedCycles++;
    }
    return same;
  }

  @Override
  public Object endCycle() {
    lastMark = new Object();
    bookedAtEnd = booked.size();
    freesAtEnd = frees;
    endTime = now();
    return lastMark;
  }

  /**
   * Now, if the open cycle may keep the previous cycle's bookings as they are: the open cycle
   * reuses bookings (see {@link #openCycle}), nothing but time passed since the previous cycle (the
   * conditions of the class notes), the policy's mark is that cycle's and every booking it left is
   * still there. A rebuild would then give each booked job its booking back, allocating those
   * booked at now (the class notes).
   */
  @Override
  public long keptReservationsTime() {
    return keepable
            && previousMark != null
            && previousMark == openedAfter
            && booked.size() == bookedAtEnd
        ? now()
        : ResourcePool.NOT_KEPT;
  }

  @Override
  public void keepReservations() {
    if (!keepable || (deferring && nextKept > 0)) {
      throw new IllegalStateException("the bookings cannot be kept in this cycle");
    }
    keeping = true;
    keptCycles++;
    deferring = false;
    deferred.clear();
  }

  /** How many cycles repeated every answer of the previous one ({@link #beginCycle}; for tests). */
  long repeatedCycles() {
    return repeatedCycles;
  }

  /** How many cycles kept the previous cycle's bookings ({@link #keepReservations}; for tests). */
  long keptCycles() {
    return keptCycles;
  }

  /**
   * Every booking: job id to {start, end, cores} in seconds since the pool was made (for tests).
   */
  java.util.SortedMap<Long, List<Long>> bookings() {
    java.util.SortedMap<Long, List<Long>> out = new java.util.TreeMap<>();
    booked.forEachKeyValue((id, b) -> out.put(id, List.of(b[0], b[1], b[2])));
    return out;
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
    dropBooking(id, false);
    Allocation a = allocateNow(job);
    if (a != null) {
      return new Outcome(a, -1);
    }
    // a running job past its estimated end still holds the cores: a rebuild books it at now again
    book(id, b[0], b[1], b[2]);
    return new Outcome(null, b[0]);
  }

  @Override
  public long reservedMillis(long reservedAt) {
    return epoch + reservedAt * 1000;
  }

  /**
   * The start the job would get from {@link #allocateOrReserve} now, read off the availability
   * profile without booking anything; -2 for a request the profile cannot place exactly.
   */
  @Override
  public long whatIfStart(Job job) {
    JobRequest r = job.request;
    if (!poolShaped(r)) {
      return -2;
    }
    long need = cores(r);
    if (need > totalCores) {
      return -1;
    }
    long at = profile().earliest(now(), planned(r), need, totalCores - totalFreeCores, totalCores);
    return at < 0 ? -1 : Math.max(clock.millis(), reservedMillis(at));
  }

  @Override
  public void cancelReservation(Job job) {
    long id = job.id.value();
    if (deferring && nextKept == 0) {
      return; // a rebuild's cancellation, deferred: the booking may be kept (class notes)
    }
    long[] b = booked.get(id);
    if (b == null) {
      return;
    }
    if (!inCycle || b[3] == cycle) {
      dirty = true; // the bookings after it may no longer be what a rebuild gives
    }
    dropBookingLater(id);
  }

  @Override
  public boolean nothingFree() {
    return totalFreeCores == 0;
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

  Allocation allocate(JobRequest r) {
    int c = r.coresPerSlot();
    int g = r.gpusPerSlot();
    int s = r.slots();
    if ((long) c * s > totalFreeCores || (long) g * s > totalFreeGpus) {
      return null;
    }
    int[] pick = new int[Math.min(n, Math.max(1, r.nodes() > 0 ? r.nodes() : s))];
    int[] count = new int[pick.length];
    int m = 0;
    if (r.nodes() == 0) {
      int remaining = s;
      // with a core per slot, only open nodes (usable, a core free) can serve: visit those alone
      for (int i = c > 0 ? open.nextSetBit(0) : 0;
          i >= 0 && i < n && remaining > 0;
          i = c > 0 ? open.nextSetBit(i + 1) : i + 1) {
        if (usable(i) && freeCores[i] >= c) {
          int k = Math.min(remaining, slotsFitting(freeCores[i], freeGpus[i], c, g));
          if (k > 0) {
            if (m == pick.length) {
              pick = Arrays.copyOf(pick, Math.min(n, m * 2));
              count = Arrays.copyOf(count, pick.length);
            }
            pick[m] = i;
            count[m++] = k;
            remaining -= k;
          }
        }
      }
      if (remaining > 0) {
        return null;
      }
      return commit(pick, count, m, c, g, false);
    }
    int nodesWanted = r.nodes();
    int per = s / nodesWanted;
    int extra = s % nodesWanted;
    for (int i = 0; i < n && m < nodesWanted; i++) {
      if (!usable(i)) {
        continue;
      }
      if (r.exclusive()
          && (freeCores[i] != coreVertex[i].length || freeGpus[i] != gpuVertex[i].length)) {
        continue;
      }
      int want = per + (m < extra ? 1 : 0);
      if (slotsFitting(freeCores[i], freeGpus[i], c, g) >= want) {
        pick[m] = i;
        count[m++] = want;
      }
    }
    if (m < nodesWanted) {
      return null;
    }
    return commit(pick, count, m, c, g, r.exclusive());
  }

  /** Takes {@code count[j]} slots on node {@code pick[j]} for each of the first {@code m}. */
  private Allocation commit(int[] pick, int[] count, int m, int c, int g, boolean whole) {
    List<Allocation.Slot> slots = new ArrayList<>();
    int[] vertices = new int[8];
    int nv = 0;
    for (int j = 0; j < m; j++) {
      int i = pick[j];
      if (whole) {
        wholeHeld[i] = true;
        vertices = grow(vertices, nv + 1);
        vertices[nv++] = nodeVertex[i];
      }
      for (int k = 0; k < count[j]; k++) {
        int[] cs = new int[c];
        int[] gs = new int[g];
        for (int a = 0; a < c; a++) {
          int idx = coreUsed[i].nextClearBit(0);
          coreUsed[i].set(idx);
          cs[a] = coreId[i][idx];
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = coreVertex[i][idx];
        }
        for (int a = 0; a < g; a++) {
          int idx = gpuUsed[i].nextClearBit(0);
          gpuUsed[i].set(idx);
          gs[a] = gpuId[i][idx];
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = gpuVertex[i][idx];
        }
        freeCores[i] -= c;
        freeGpus[i] -= g;
        totalFreeCores -= c;
        totalFreeGpus -= g;
        slots.add(new Allocation.Slot(rank[i], host[i], cs, gs));
      }
      if (whole) {
        // the rest of the node is held too: account for it as used
        for (int idx = coreUsed[i].nextClearBit(0);
            idx < coreVertex[i].length;
            idx = coreUsed[i].nextClearBit(idx + 1)) {
          coreUsed[i].set(idx);
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = coreVertex[i][idx];
          freeCores[i]--;
          totalFreeCores--;
        }
        for (int idx = gpuUsed[i].nextClearBit(0);
            idx < gpuVertex[i].length;
            idx = gpuUsed[i].nextClearBit(idx + 1)) {
          gpuUsed[i].set(idx);
          vertices = grow(vertices, nv + 1);
          vertices[nv++] = gpuVertex[i][idx];
          freeGpus[i]--;
          totalFreeGpus--;
        }
      }
      refresh(i);
    }
    return new Allocation(slots, Arrays.copyOf(vertices, nv));
  }

  /** Brings node {@code i}'s open bit up to date: usable and a core free. */
  private void refresh(int i) {
    open.set(i, usable(i) && freeCores[i] > 0);
  }

  private static int[] grow(int[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
  }

  @Override
  public void free(Job job) {
    frees++;
    AvailabilityProfile p = profile(); // before held changes: profile() may rebuild from it
    long[] h = held.remove(job.id.value());
    if (h != null) {
      p.add(h[0], h[1]);
    }
    if (h == null || h[0] > now()) {
      dirty = true; // ended before its estimated end: bookings may move earlier
      useMayHaveFallen();
    }
    free(job.allocation);
  }

  void free(Allocation allocation) {
    for (int v : allocation.vertices()) {
      int i = v < nodeOfVertex.length ? nodeOfVertex[v] : -1;
      if (i < 0) {
        continue;
      }
      if (v == nodeVertex[i]) {
        wholeHeld[i] = false;
        refresh(i);
        continue;
      }
      int idx = indexOfVertex[v];
      if (idx < coreVertex[i].length && coreVertex[i][idx] == v) {
        if (coreUsed[i].get(idx)) {
          coreUsed[i].clear(idx);
          freeCores[i]++;
          totalFreeCores++;
          refresh(i);
        }
      } else if (idx < gpuVertex[i].length && gpuVertex[i][idx] == v && gpuUsed[i].get(idx)) {
        gpuUsed[i].clear(idx);
        freeGpus[i]++;
        totalFreeGpus++;
      }
    }
  }

  @Override
  public String unsatisfiable(Job job) {
    return unsatisfiable(job.request);
  }

  String unsatisfiable(JobRequest r) {
    int c = r.coresPerSlot();
    int g = r.gpusPerSlot();
    int s = r.slots();
    String what = s + " slot(s) of " + c + " core(s)" + (g > 0 ? " and " + g + " GPU(s)" : "");
    if (r.nodes() == 0) {
      long fit = mostSlots(c, g);
      return fit >= s ? null : what + " requested, the resources hold at most " + fit;
    }
    int nodesWanted = r.nodes();
    if (nodesWanted > n) {
      return nodesWanted + " node(s) requested, the resources have " + n;
    }
    int per = s / nodesWanted;
    int extra = s % nodesWanted;
    int bigger = 0;
    int enough = 0;
    for (int i = 0; i < n; i++) {
      int fit = slotsFitting(coreVertex[i].length, gpuVertex[i].length, c, g);
      if (fit >= per + 1) {
        bigger++;
      }
      if (fit >= per) {
        enough++;
      }
    }
    if (bigger >= extra && enough >= nodesWanted) {
      return null;
    }
    return what + " on " + nodesWanted + " node(s) requested, too few nodes are large enough";
  }

  /**
   * How many slots of {@code c} cores and {@code g} GPUs the whole pool holds (cached by shape).
   */
  private long mostSlots(int c, int g) {
    long shape = ((long) c << 32) | (g & 0xffffffffL);
    if (mostSlots.containsKey(shape)) {
      return mostSlots.get(shape);
    }
    long fit = 0;
    for (int i = 0; i < n; i++) {
      fit += slotsFitting(coreVertex[i].length, gpuVertex[i].length, c, g);
    }
    mostSlots.put(shape, fit);
    return fit;
  }

  @Override
  public boolean hasRank(int r) {
    return nodeOfRank.containsKey(r);
  }

  private int node(int r) {
    if (!nodeOfRank.containsKey(r)) {
      throw new IllegalArgumentException("no execution target with rank " + r);
    }
    return nodeOfRank.get(r);
  }

  @Override
  public void setDrained(int r, boolean on) {
    int i = node(r);
    notUp += (on && !down[i] && !drained[i] ? 1 : 0) - (!on && drained[i] && !down[i] ? 1 : 0);
    drained[i] = on;
    refresh(i);
    dirty = true;
  }

  @Override
  public void setDown(int r, boolean on) {
    int i = node(r);
    notUp += (on && !down[i] && !drained[i] ? 1 : 0) - (!on && down[i] && !drained[i] ? 1 : 0);
    down[i] = on;
    refresh(i);
    dirty = true;
  }

  @Override
  public int freeCores() {
    return totalFreeCores;
  }

  @Override
  public int totalCores() {
    return totalCores;
  }

  @Override
  public int freeGpus() {
    return totalFreeGpus;
  }
}
