package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.core.Allocation;
import org.flux4j.core.Clock;
import org.flux4j.core.JobRequest;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.policy.jobspec.Jobspec;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.queue.support.RepeatCheck;
import org.flux4j.policy.queue.support.ResourceQueryMatcher;

/**
 * A {@link ResourcePool} over Fluxion's graph match engine ({@link ResourceQuery}): the job
 * manager's allocate, satisfiability and free become REAPI match allocate, match satisfiability and
 * cancel, with the instance's match policy.
 *
 * <p>Implementation notes: a job's request is its jobspec's resource tree and constraints ({@link
 * ResourceRequest#from}) when it has one, else a tree synthesized from the request's shape ({@code
 * node[N] > slot[s/N] > core[c], gpu[g]} or {@code slot[s] > core[c], gpu[g]}). Allocations are
 * made at "now" (seconds since the pool was created) for {@link #HOLD_SECONDS} and canceled when
 * the job frees them, so the planner never frees resources the job manager still holds. Drained and
 * down targets are marked down in the graph. The resource set is turned into slots by grouping its
 * cores and GPUs by node and cutting them into slot-sized pieces, lowest ids first.
 */
final class GraphPool implements ResourcePool {
  /**
   * How long an allocation is planned for: 50 years, half of the planner's horizon, so that the
   * planner never frees what the job manager still holds and a satisfiability check (made at the
   * end of the horizon) sees every resource free.
   */
  static final long HOLD_SECONDS = 1_576_800_000L;

  private final ResourceGraph graph;
  private final ResourceQuery query;
  private final Clock clock;
  private final long epoch;
  private final IntIntHashMap nodeOfRank = new IntIntHashMap();
  private final boolean[] drained;
  private final boolean[] down;
  private final int[] nodeOf;
  private final int totalCores;
  private final int totalGpus;
  private int usedCores;

  /**
   * Satisfiability verdicts by request shape (resources and constraint; the duration plays no
   * part), most recently used last, at most {@link #VERDICTS_KEPT}; a verdict of null (satisfiable)
   * is kept as {@link Optional#empty()}. Cleared whenever a node's status changes.
   */
  private final Map<ResourceRequest, Optional<String>> verdicts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ResourceRequest, Optional<String>> eldest) {
          return size() > VERDICTS_KEPT;
        }
      };

  private static final int VERDICTS_KEPT = 256;
  private JobRequest lastRequest;
  private ResourceRequest lastConverted;
  private int usedGpus;
  private int allocatedJobs;
  private int anyNotUp = -1; // whether a vertex is down or drained: 1 yes, 0 no, -1 unknown
  private final RepeatCheck repeat;

  GraphPool(ResourceGraph graph, String matchPolicy, Clock clock) {
    this.graph = graph;
    this.clock = clock;
    this.epoch = clock.millis();
    // The instance commits a slot's path below its node (a flux4j correction of Fluxion, see
    // ResourceQuery.Options#commitSlotPaths): without it a job of node -> slot -> core on nodes
    // whose cores sit under sockets (what JobRequest.builder().nodes(n) builds) would never run.
    // The instance never reads visit counts, so selects proven to miss are skipped (same answers).
    this.query =
        ResourceQuery.create(
            graph,
            ResourceQuery.Options.builder()
                .policy(matchPolicy)
                .commitSlotPaths(true)
                .exactVisitCounts(false)
                .build());
    this.repeat = new RepeatCheck(query);
    int n = graph.vertexLimit();
    nodeOf = new int[n];
    Arrays.fill(nodeOf, -2);
    drained = new boolean[n];
    down = new boolean[n];
    int cores = 0;
    int gpus = 0;
    boolean anyNode = false;
    for (int v = 0; v < n; v++) {
      if (!graph.isLive(v)) {
        continue;
      }
      String t = graph.type(v);
      if (t.equals("node")) {
        anyNode = true;
        int r = graph.rank(v);
        if (r >= 0) {
          nodeOfRank.put(r, v);
        }
      } else if (t.equals("core")) {
        cores++;
      } else if (t.equals("gpu")) {
        gpus++;
      }
    }
    if (!anyNode) {
      throw new IllegalArgumentException("the resource graph has no vertex of type node");
    }
    totalCores = cores;
    totalGpus = gpus;
  }

  private long now() {
    return Math.max(0, (clock.millis() - epoch) / 1000);
  }

  private ResourceRequest request(Job j) {
    if (j.resourceRequest == null) {
      if (j.request == lastRequest) {
        j.resourceRequest = lastConverted;
      } else {
        j.resourceRequest = toResourceRequest(j.request);
        lastRequest = j.request;
        lastConverted = j.resourceRequest;
      }
      if (!j.requires.isEmpty()) {
        j.resourceRequest = withRequires(j.resourceRequest, j.requires);
      }
    }
    return j.resourceRequest;
  }

  /** The request with its queue's required properties and-ed to its constraint (RFC 33). */
  private static ResourceRequest withRequires(ResourceRequest r, List<String> requires) {
    ResourceRequest.TargetConstraint props =
        new ResourceRequest.TargetConstraint.Properties(requires);
    ResourceRequest.TargetConstraint c =
        r.constraint()
            .<ResourceRequest.TargetConstraint>map(
                old -> new ResourceRequest.TargetConstraint.And(List.of(old, props)))
            .orElse(props);
    return new ResourceRequest(r.resources(), r.duration(), Optional.of(c));
  }

  static ResourceRequest toResourceRequest(JobRequest r) {
    // A job is planned for its duration (the instance stops it there), so that reservations and
    // backfilling see when its resources come back; a job without a duration holds them.
    // A duration past the hold is planned as the hold, as if unlimited: the planner could not
    // take it, and the instance enforces the real limit itself.
    long millis = r.duration().toMillis();
    long seconds = millis > 0 ? Math.min((millis + 999) / 1000, HOLD_SECONDS) : HOLD_SECONDS;
    Optional<Jobspec> spec = r.jobspec();
    List<ResourceRequest.Item> top = new ArrayList<>();
    if (spec.isPresent()) {
      ResourceRequest fromSpec = ResourceRequest.from(spec.get());
      return new ResourceRequest(fromSpec.resources(), seconds, fromSpec.constraint());
    } else {
      List<ResourceRequest.Item> inSlot = new ArrayList<>();
      inSlot.add(ResourceRequest.Item.of("core", r.coresPerSlot()));
      if (r.gpusPerSlot() > 0) {
        inSlot.add(ResourceRequest.Item.of("gpu", r.gpusPerSlot()));
      }
      ResourceRequest.Item[] children = inSlot.toArray(new ResourceRequest.Item[0]);
      if (r.nodes() > 0) {
        var slot = ResourceRequest.Item.slot(r.slots() / r.nodes(), "task", children);
        var node = ResourceRequest.Item.of("node", r.nodes(), slot);
        top.add(r.exclusive() ? node.withExclusive(true) : node);
      } else {
        top.add(ResourceRequest.Item.slot(r.slots(), "task", children));
      }
    }
    return new ResourceRequest(top, seconds, Optional.empty());
  }

  /**
   * Whether the job certainly cannot start now: it needs more cores or GPUs (counting the minimum
   * of every count) than are free at all. A necessary condition only, checked in O(1) so that a
   * backfilling cycle over a deep queue skips the traversal of jobs that cannot fit.
   */
  private boolean certainlyBusy(Job job) {
    if (job.minCores < 0) {
      long[] need = new long[2];
      for (ResourceRequest.Item r : request(job).resources()) {
        addMinimum(r, 1, need);
      }
      job.minCores = need[0];
      job.minGpus = need[1];
    }
    return job.minCores > totalCores - usedCores || job.minGpus > totalGpus - usedGpus;
  }

  private static void addMinimum(ResourceRequest.Item r, long times, long[] need) {
    long n =
        Math.multiplyHigh(times, r.count().min()) != 0
            ? Long.MAX_VALUE / 4
            : times * r.count().min();
    if (r.type().equals("core")) {
      need[0] += n;
    } else if (r.type().equals("gpu")) {
      need[1] += n;
    }
    for (ResourceRequest.Item c : r.with()) {
      addMinimum(c, n, need);
    }
  }

  @Override
  public Allocation allocate(Job job) {
    if (certainlyBusy(job)) {
      repeat.notAllocated();
      return null;
    }
    MatchResult m = query.match(MatchOp.ALLOCATE, request(job), job.id.value(), now());
    if (m instanceof MatchResult.Allocated a) {
      return accept(job, a.resources());
    }
    repeat.notAllocated();
    job.unallocatable = never(m);
    return null;
  }

  @Override
  public Outcome allocateOrReserve(Job job) {
    MatchResult m =
        query.match(MatchOp.ALLOCATE_ORELSE_RESERVE, request(job), job.id.value(), now());
    if (m instanceof MatchResult.Allocated a) {
      return new Outcome(accept(job, a.resources()), -1);
    }
    repeat.notAllocated();
    if (m instanceof MatchResult.Reserved r) {
      return new Outcome(null, r.resources().startTime());
    }
    job.unallocatable = never(m);
    return Outcome.BUSY;
  }

  /**
   * Why a request that passed {@link #unsatisfiable} at submit and was just answered {@code m}
   * (neither allocated nor reserved) can never be allocated, or null if it may be later: the
   * matcher refused it outright, or answered busy while nothing is allocated or reserved and every
   * execution target is up, so no later state of this pool differs from the one that refused it.
   * O(1) while any job holds resources.
   */
  private String never(MatchResult m) {
    if (m instanceof MatchResult.Unsatisfiable u) {
      return "unsatisfiable request: " + (u.reason().isEmpty() ? "no match" : u.reason().strip());
    }
    if (m instanceof MatchResult.RequestError e) {
      return "unsatisfiable request: " + e.message();
    }
    if (allocatedJobs > 0 || !query.jobs().isEmpty()) {
      return null;
    }
    if (anyNotUp < 0) {
      anyNotUp = 0;
      for (int v = 0; v < graph.vertexLimit(); v++) {
        if (graph.isLive(v) && graph.status(v) != Status.UP) {
          anyNotUp = 1;
          break;
        }
      }
    }
    if (anyNotUp == 1) {
      return null; // what is down may come back up
    }
    return "request can never be allocated: the match engine finds no resources for it on an idle"
        + " instance (nothing allocated or reserved, every node up), although it passed the"
        + " satisfiability check at submit";
  }

  /**
   * The request without its duration: resources and constraint (records compare by value), with
   * their hash computed once (a deep queue's cycle looks shapes up for every waiting job). Shapes
   * are interned ({@link #shapes}), so equal shapes of two jobs are one object and a lookup finds
   * its key without comparing the requests item by item.
   */
  private record Shape(
      List<ResourceRequest.Item> resources,
      Optional<ResourceRequest.TargetConstraint> constraint,
      int hash) {
    Shape(List<ResourceRequest.Item> resources, Optional<ResourceRequest.TargetConstraint> c) {
      this(resources, c, 31 * resources.hashCode() + c.hashCode());
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The interned shapes ({@link Shape}); cleared when it holds {@link #SHAPES_KEPT}. */
  private final Map<Shape, Shape> shapes = new HashMap<>();

  private static final int SHAPES_KEPT = 1 << 16;

  @Override
  public Object requestShape(Job job) {
    if (job.shape == null) {
      ResourceRequest r = request(job);
      Shape s = new Shape(r.resources(), r.constraint());
      if (shapes.size() >= SHAPES_KEPT) {
        shapes.clear();
      }
      Shape known = shapes.putIfAbsent(s, s);
      job.shape = known == null ? s : known;
    }
    return job.shape;
  }

  @Override
  public long requestDuration(Job job) {
    return request(job).duration();
  }

  @Override
  public long whatIfStart(Job job) {
    ResourceQuery copy = query.copy();
    MatchResult m =
        copy.match(MatchOp.ALLOCATE_ORELSE_RESERVE, request(job), Long.MAX_VALUE, now());
    if (m instanceof MatchResult.Allocated) {
      return clock.millis();
    }
    if (m instanceof MatchResult.Reserved r) {
      return Math.max(clock.millis(), reservedMillis(r.resources().startTime()));
    }
    return -1;
  }

  @Override
  public long reservedMillis(long reservedAt) {
    return epoch + reservedAt * 1000;
  }

  @Override
  public void cancelReservation(Job job) {
    long id = job.id.value();
    query
        .info(id)
        .filter(i -> i.state() == org.flux4j.policy.match.ScheduledJob.State.RESERVED)
        .ifPresent(i -> query.cancel(id));
  }

  @Override
  public void cancelReservations(long[] jobIds, LongFunction<Job> jobOf) {
    query.cancelAll(ResourceQueryMatcher.reservedAmong(query, jobIds));
  }

  @Override
  public boolean repeatsCycles() {
    return true;
  }

  @Override
  public boolean beginCycle(Object previous) {
    return repeat.begin(previous, now());
  }

  @Override
  public Object endCycle() {
    return repeat.end(now());
  }

  private Allocation accept(Job job, ResourceSet set) {
    repeat.allocated();
    Allocation al = toAllocation(set, job.request);
    allocatedJobs++;
    job.poolCounts = held(set);
    usedCores += job.poolCounts[0];
    usedGpus += job.poolCounts[1];
    return al;
  }

  /** The cores and GPUs a resource set holds: listed ones, and all of an exclusive node's. */
  private int[] held(ResourceSet set) {
    int cores = 0;
    int gpus = 0;
    org.eclipse.collections.impl.set.mutable.primitive.IntHashSet whole =
        new org.eclipse.collections.impl.set.mutable.primitive.IntHashSet();
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      if (set.exclusive(i) && graph.type(v).equals("node")) {
        whole.add(v);
        int[] under = under(v);
        cores += under[0];
        gpus += under[1];
      }
    }
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      String t = graph.type(v);
      if ((t.equals("core") || t.equals("gpu")) && !whole.contains(nodeOf(v))) {
        if (t.equals("core")) {
          cores++;
        } else {
          gpus++;
        }
      }
    }
    return new int[] {cores, gpus};
  }

  private int[] under(int node) {
    int[] counts = new int[2];
    var out = graph.out(0);
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      int u = stack.pop();
      String t = graph.type(u);
      if (t.equals("core")) {
        counts[0]++;
      } else if (t.equals("gpu")) {
        counts[1]++;
      }
      for (int e = out.start(u); e < out.end(u); e++) {
        stack.push(out.target(e));
      }
    }
    return counts;
  }

  private int nodeOf(int v) {
    if (nodeOf[v] != -2) {
      return nodeOf[v];
    }
    int u = v;
    while (u >= 0 && !graph.type(u).equals("node")) {
      u = graph.parent(u);
    }
    nodeOf[v] = u;
    return u;
  }

  private Allocation toAllocation(ResourceSet set, JobRequest r) {
    Map<Integer, IntArrayList[]> byNode = new LinkedHashMap<>();
    int[] vertices = new int[set.size()];
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      vertices[i] = v;
      String t = graph.type(v);
      boolean core = t.equals("core");
      if (!core && !t.equals("gpu") && !t.equals("node")) {
        continue;
      }
      int node = t.equals("node") ? v : nodeOf(v);
      if (node < 0) {
        continue;
      }
      IntArrayList[] lists =
          byNode.computeIfAbsent(
              node, k -> new IntArrayList[] {new IntArrayList(), new IntArrayList()});
      if (core) {
        lists[0].add((int) graph.id(v));
      } else if (!t.equals("node")) {
        lists[1].add((int) graph.id(v));
      }
    }
    List<Allocation.Slot> slots = new ArrayList<>();
    int c = r.coresPerSlot();
    int g = r.gpusPerSlot();
    int remaining = r.slots();
    for (Map.Entry<Integer, IntArrayList[]> e : byNode.entrySet()) {
      int node = e.getKey();
      int[] cores = e.getValue()[0].toSortedArray();
      int[] gpus = e.getValue()[1].toSortedArray();
      int k = c > 0 ? cores.length / c : 1;
      if (g > 0) {
        k = Math.min(k, gpus.length / g);
      }
      if (r.nodes() > 0) {
        k = Math.min(k, Math.max(1, r.slots() / r.nodes()));
      }
      k = Math.min(k, remaining);
      remaining -= Math.max(k, 0);
      int rank = graph.rank(node);
      String host = graph.name(node);
      if (k <= 0 && slots.isEmpty()) {
        slots.add(new Allocation.Slot(rank, host, cores, gpus));
        continue;
      }
      for (int s = 0; s < k; s++) {
        slots.add(
            new Allocation.Slot(
                rank,
                host,
                Arrays.copyOfRange(cores, s * c, s * c + c),
                Arrays.copyOfRange(gpus, s * g, s * g + g)));
      }
    }
    return new Allocation(slots, vertices);
  }

  @Override
  public String unsatisfiable(Job job) {
    ResourceRequest r = request(job);
    ResourceRequest brief = new ResourceRequest(r.resources(), 1, r.constraint());
    Optional<String> known = verdicts.get(brief);
    if (known == null) {
      known = Optional.ofNullable(checkSatisfiable(job, r, brief));
      verdicts.put(brief, known);
    }
    return known.orElse(null);
  }

  private String checkSatisfiable(Job job, ResourceRequest r, ResourceRequest brief) {
    MatchResult m = query.match(MatchOp.SATISFIABILITY, brief, job.id.value(), now());
    if (m instanceof MatchResult.Unsatisfiable u) {
      String shape = slotShapeProblem(r.resources());
      if (shape != null) {
        return shape;
      }
      return u.reason().isEmpty() ? "no resources match the request" : u.reason().strip();
    }
    if (m instanceof MatchResult.RequestError e) {
      return e.message();
    }
    return null;
  }

  /**
   * Why a slot of the request can never match, by its shape against the graph, or null. As in
   * Fluxion, a slot is matched at one vertex whose direct children include every type the slot
   * holds, and it takes only those children: a slot asking for more of a type than any such vertex
   * holds directly never matches, however much the vertex's subtree holds (36 cores per slot on
   * nodes of 2 sockets of 18 cores: the slot matches at a socket). A necessary condition checked
   * over the whole graph, so the message is given only when it is a cause. O(V + E) per slot; run
   * only on refusal.
   */
  private String slotShapeProblem(List<ResourceRequest.Item> resources) {
    for (ResourceRequest.Item r : resources) {
      String p = r.isSlot() ? slotProblem(r) : null;
      if (p == null) {
        p = slotShapeProblem(r.with());
      }
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private String slotProblem(ResourceRequest.Item slot) {
    List<ResourceRequest.Item> in = slot.with();
    int k = in.size();
    int[] types = new int[k];
    for (int i = 0; i < k; i++) {
      types[i] = graph.typeId(in.get(i).type());
      if (types[i] < 0) {
        return null; // an unknown type: the engine's own message says so
      }
    }
    long[] most = new long[k];
    int[] mostAt = new int[k];
    long[] sum = new long[k];
    boolean anyHolder = false;
    var out = graph.out(0);
    for (int v = 0; v < graph.vertexLimit(); v++) {
      if (k == 0 || !graph.isLive(v)) {
        continue;
      }
      Arrays.fill(sum, 0);
      for (int e = out.start(v); e < out.end(v); e++) {
        int t = graph.typeOf(out.target(e));
        for (int i = 0; i < k; i++) {
          if (types[i] == t) {
            sum[i] += graph.size(out.target(e));
          }
        }
      }
      boolean holder = true;
      for (int i = 0; i < k && holder; i++) {
        holder = sum[i] > 0;
      }
      if (holder) {
        anyHolder = true;
        for (int i = 0; i < k; i++) {
          if (sum[i] > most[i]) {
            most[i] = sum[i];
            mostAt[i] = v;
          }
        }
      }
    }
    StringBuilder shape = new StringBuilder();
    for (ResourceRequest.Item r : in) {
      shape.append(shape.length() == 0 ? "" : ", ").append(r.type());
      shape.append('[').append(r.count().min()).append(']');
    }
    String rule =
        "a slot is matched at one vertex whose direct children include every type it holds, and"
            + " takes only those children (Fluxion's slot matching)";
    if (k > 0 && !anyHolder) {
      return "unsatisfiable request: a slot of "
          + shape
          + " can never be matched: "
          + rule
          + ", and no vertex of this graph has all of these types as direct children";
    }
    for (int i = 0; i < k; i++) {
      long want = in.get(i).count().min();
      if (want > most[i]) {
        String t = in.get(i).type();
        String at = graph.type(mostAt[i]);
        String fix =
            want % most[i] == 0
                ? " (e.g. slot -> " + at + "[" + want / most[i] + "] -> " + t + "[" + most[i] + "])"
                : "";
        return "unsatisfiable request: a slot of "
            + shape
            + " can never be matched: "
            + rule
            + ", and at most "
            + t
            + "["
            + most[i]
            + "] sit directly under one such vertex in this graph (a "
            + at
            + "); ask for at most "
            + most[i]
            + " "
            + t
            + " per slot, or name the "
            + at
            + " level inside the slot"
            + fix;
      }
    }
    return null;
  }

  @Override
  public void free(Job job) {
    query.cancel(job.id.value());
    allocatedJobs--;
    usedCores -= job.poolCounts[0];
    usedGpus -= job.poolCounts[1];
  }

  @Override
  public boolean hasRank(int rank) {
    return nodeOfRank.containsKey(rank);
  }

  private void update(int rank) {
    int v = nodeOfRank.getIfAbsent(rank, -1);
    if (v < 0) {
      throw new IllegalArgumentException("no execution target with rank " + rank);
    }
    query.setStatus(graph.path(v), drained[v] || down[v] ? Status.DOWN : Status.UP);
    verdicts.clear();
    anyNotUp = -1;
  }

  @Override
  public void setDrained(int rank, boolean on) {
    setFlag(drained, rank, on);
  }

  @Override
  public void setDown(int rank, boolean on) {
    setFlag(down, rank, on);
  }

  /** Sets {@code flags} at the node of {@code rank} (if it has one), then updates its status. */
  private void setFlag(boolean[] flags, int rank, boolean on) {
    int v = nodeOfRank.getIfAbsent(rank, -1);
    if (v >= 0) {
      flags[v] = on;
    }
    update(rank);
  }

  @Override
  public int freeCores() {
    return totalCores - usedCores;
  }

  @Override
  public int totalCores() {
    return totalCores;
  }

  @Override
  public int freeGpus() {
    return totalGpus - usedGpus;
  }
}
