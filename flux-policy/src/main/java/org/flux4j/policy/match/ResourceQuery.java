package org.flux4j.policy.match;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.LongSupplier;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.io.RSubgraph;
import org.flux4j.policy.internal.EngineOptions;
import org.flux4j.policy.internal.QueryEngine;

/**
 * The graph scheduler alone: Fluxion's resource API (REAPI) over one {@link ResourceGraph}.
 *
 * <p>Create one with {@link #create(ResourceGraph, Options)}; then {@link #match} jobs (allocate,
 * reserve, check satisfiability, or match without allocating), {@link #cancel} or {@link
 * #partialCancel} them, re-create allocations from an emitted R with {@link #update}, query
 * vertices with {@link #find}, change status and properties, grow and shrink the graph, and take a
 * cheap {@link #copy} of the whole scheduling state for what-if questions.
 *
 * <h2>Time</h2>
 *
 * <p>"Now" is explicit: {@link #match(MatchOp, ResourceRequest, long, long)} takes it, and the
 * overloads without it read {@link Options#clock()} (0 by default, as in resource-query). A job
 * occupies {@code [at, at + duration)}; a duration of 0 means to the end of the planner horizon.
 *
 * <h2>Fluxion semantics worth knowing</h2>
 *
 * <ul>
 *   <li>Selection, emission order, exclusivity and visit counts follow Fluxion's traverser exactly
 *       (including libstdc++'s unstable sort among equal scores), so results are byte-identical to
 *       resource-query's for the same graph, policy and job stream.
 *   <li>As in Fluxion, an exclusive request "now" is refused on a vertex that still holds any
 *       allocation, even one whose time window has passed (overrun protection): a workload manager
 *       must {@link #cancel} jobs when they end.
 *   <li>Reservations are placed at the earliest end point of existing spans at which the root's
 *       subtree aggregates fit and a full match succeeds; when none exists the request is checked
 *       against the end of the horizon: {@link MatchResult.Busy} if it could fit there, else {@link
 *       MatchResult.Unsatisfiable}.
 *   <li>The dominant subsystem is containment ("CA", "C+...", "ALL") or power ("PA"). Auxiliary
 *       subsystems of "C+PA"-style options must exist in the graph; as in Fluxion, every vertex
 *       explored for its children also scores its out-edges there (never choosing or allocating
 *       them), and a match whose scoring carries such entries up to the root with none qualified
 *       fails. The {@link Traverser#FLEXIBLE flexible} traverser adds or-slots (slot siblings
 *       packed into the combination yielding the most slots) and {@code xor_slot} alternatives
 *       (tried in order).
 * </ul>
 *
 * <h2>Complexity</h2>
 *
 * <p>Stop-on-first-match policies ({@code first}, {@code firstnodex}) visit only the path to the
 * first fit (0.1-0.2 ms for one core or one node on a 510k-vertex graph). The other policies score
 * every candidate as Fluxion does, so a match visits every unpruned vertex (40-200 ms on 510k
 * vertices); pruning by subtree aggregates skips busy subtrees.
 *
 * <h2>State and threading</h2>
 *
 * <p>The topology is the graph's; the scheduling state (per-vertex spans, per-job bookkeeping,
 * subtree aggregates) is this object's. A failed match changes nothing. Not thread-safe: one
 * scheduling loop owns an instance; {@link #copy()} gives another loop its own.
 */
public final class ResourceQuery {
  private final QueryEngine engine;
  private final Options options;
  private long changes;

  private ResourceQuery(QueryEngine engine, Options options) {
    this.engine = engine;
    this.options = options;
  }

  /**
   * A query engine over {@code graph} with {@code options}.
   *
   * @throws IllegalArgumentException with Fluxion's message if the policy, subsystems or prune
   *     filters are invalid
   */
  public static ResourceQuery create(ResourceGraph graph, Options options) {
    EngineOptions parts =
        new EngineOptions(
            options.policy(),
            options.subsystems(),
            options.pruneFilters(),
            options.traverser() == Traverser.FLEXIBLE,
            options.commitSlotPaths(),
            options.exactVisitCounts(),
            options.searchFromNow());
    return new ResourceQuery(new QueryEngine(graph, parts), options);
  }

  /** A query engine with the default options (policy first, subsystems CA, default filters). */
  public static ResourceQuery create(ResourceGraph graph) {
    return create(graph, Options.builder().build());
  }

  /** The graph this engine schedules. */
  public ResourceGraph graph() {
    return engine.graph();
  }

  /** The options this engine was created with. */
  public Options options() {
    return options;
  }

  // ------------------------------------------------------------------ match

  /**
   * Matches {@code request} for {@code jobId} with operation {@code op} at time {@code now}.
   * All-or-nothing: unless the result is allocated or reserved, no state changes.
   *
   * @throws IllegalArgumentException if {@code op} allocates and {@code jobId} is already known
   */
  public MatchResult match(MatchOp op, ResourceRequest request, long jobId, long now) {
    return counted(engine.match(op, request, jobId, now));
  }

  /**
   * Forgets the errno that earlier matches left for {@link
   * MatchResult.Uncommitted#leftoverErrno()}. Fluxion's errno belongs to its process: a match that
   * sets none reports the value the match before it left, so that resource-query's reading of a
   * command line (which leaves ENOTTY) is where a caller that mimics it clears it.
   */
  public void clearErrno() {
    engine.clearErrno();
  }

  /**
   * The messages the traversal of the last match logged, as Fluxion's traverser accumulates them
   * over every select of one match (e.g. {@code by_excl: exclusivity conflicts at jobspec=... :
   * vertex=core0} for each vertex a shared request met under an exclusive one, {@code dom_slot: not
   * enough slots.}), in the order logged; empty when it logged none. resource-query reports them
   * when the match fails.
   */
  public String traversalMessages() {
    return engine.traversalMessages();
  }

  /** Matches at the {@link Options#clock()} time. */
  public MatchResult match(MatchOp op, ResourceRequest request, long jobId) {
    return match(op, request, jobId, options.clock().getAsLong());
  }

  /**
   * Matches a parsed jobspec (see {@link ResourceRequest#from}) at time {@code now}.
   *
   * @throws IllegalArgumentException if {@code op} allocates and {@code jobId} is already known
   */
  public MatchResult match(
      MatchOp op, org.flux4j.policy.jobspec.Jobspec jobspec, long jobId, long now) {
    return match(op, ResourceRequest.from(jobspec), jobId, now);
  }

  /** Matches a parsed jobspec at the {@link Options#clock()} time. */
  public MatchResult match(MatchOp op, org.flux4j.policy.jobspec.Jobspec jobspec, long jobId) {
    return match(op, jobspec, jobId, options.clock().getAsLong());
  }

  /**
   * Re-creates an allocation (or, with {@code reserve}, a reservation) of {@code jobId} at {@code
   * at} for {@code duration} from {@code r}, a resource set read from an emitted R (JGF or
   * rv1exec): its vertices are matched to this graph's by containment path. All-or-nothing.
   *
   * @return Allocated/Reserved with the resources in emission order; Unsatisfiable with Fluxion's
   *     message when a vertex is unknown or not free
   */
  public MatchResult update(long jobId, ResourceGraph r, long at, long duration, boolean reserve) {
    return counted(engine.update(jobId, r, null, at, duration, reserve));
  }

  /**
   * Like {@link #update(long, ResourceGraph, long, long, boolean)} with the exclusivity of each
   * vertex of {@code r} given explicitly (e.g. JGF's {@code exclusive} key): {@code
   * exclusive.test(v)} for a vertex {@code v} of {@code r}. The overload without it infers it: the
   * leaves of {@code r} are exclusive, and so is a vertex whose every child in this graph is in
   * {@code r} and exclusive (a whole node of an rv1exec R); everything else is shared.
   *
   * @throws IllegalArgumentException if {@code jobId} exists ("existing jobid") or the time is
   *     invalid ({@code at < 0} or {@code duration <= 0}); nothing changes
   */
  public MatchResult update(
      long jobId,
      ResourceGraph r,
      java.util.function.IntPredicate exclusive,
      long at,
      long duration,
      boolean reserve) {
    return counted(engine.update(jobId, r, exclusive, at, duration, reserve));
  }

  /**
   * Like {@link #update(long, ResourceGraph, java.util.function.IntPredicate, long, long, boolean)}
   * for an R read by {@link RSubgraph}, with the update rules of the reader of its format: an
   * rv1exec R takes every vertex it names exclusively (the node too) but holds a node in its plan
   * only when R names its whole rank, and is refused when a named vertex holds any units during the
   * window.
   *
   * @throws IllegalArgumentException if {@code jobId} exists ("existing jobid") or the time is
   *     invalid ({@code at < 0} or {@code duration <= 0}); nothing changes
   */
  public MatchResult update(long jobId, RSubgraph r, long at, long duration, boolean reserve) {
    return counted(engine.update(jobId, r, at, duration, reserve));
  }

  /**
   * The message of the Fluxion reader of {@code r}'s format when it refuses an update from {@code
   * r} over {@code [at, at + duration)} at one of its vertices: the first, in R's order, whose own
   * plan holds units during the window (the window cut at the planner's horizon). The JGF reader
   * gives one line without its newline, {@code update_vtx_plan: can't add span into NAME.} when R
   * takes it exclusively and {@code update_vtx_plan: NAME is unavailable.} when R only names it;
   * the rv1exec reader gives two lines, each with its newline: {@code update_vertex: NAME is
   * unavailable.}, then {@code unpack_rank: failed unpacking rank for NAME.} for a node or {@code
   * unpack_child: failed unpacking child for NAME.} for a child. Empty when no vertex refuses.
   * Changes nothing.
   *
   * @throws IllegalArgumentException if the window is empty or starts before 0
   */
  public Optional<String> updateRefusal(RSubgraph r, long at, long duration) {
    if (at < 0 || duration <= 0) {
      throw new IllegalArgumentException("invalid time (" + at + ", " + duration + ")");
    }
    return Optional.ofNullable(engine.updateRefusal(r, at, duration));
  }

  /**
   * What Fluxion's JGF reader leaves when an update from {@code r} fails at one of its edges after
   * it read every vertex (its update does not undo the vertex plans then): each vertex {@code r}
   * names and takes exclusively holds its whole size over {@code [at, at + duration)} for good,
   * under {@code jobId} in the vertex's allocations (seen by {@code find}), while no job is
   * recorded, tagged or counted in the aggregates. Returns false, with nothing changed, when
   * Fluxion's reader would have failed before the edges (a named vertex busy during the window, a
   * vertex not found, an invalid time).
   */
  public boolean updateVerticesOnly(long jobId, RSubgraph r, long at, long duration) {
    changes++;
    return engine.updateVerticesOnly(jobId, r, at, duration);
  }

  /**
   * Drops {@code jobId} from the job table but leaves its resources held, as Fluxion's
   * resource-query does when its writer fails after a match was committed: the job is never
   * recorded, so its id is given to the next match as well, and what it holds stays held until a
   * job of the same id is cancelled. That cancel frees what each match alone held; where both
   * matches touched a vertex, Fluxion's maps keyed by job id hold only the second match's spans, so
   * the first one's stay there for good. Returns whether the job was known.
   */
  public boolean forget(long jobId) {
    changes++;
    return engine.forget(jobId);
  }

  /**
   * Frees all resources of {@code jobId}.
   *
   * @return {@link CancelStatus#CANCELLED}, {@link CancelStatus#NO_SUCH_JOB} or {@link
   *     CancelStatus#FAILED}: Fluxion's walk stopped at a vertex whose aggregate could not release
   *     the job's span (span ids left misaligned by a re-prime after a remove, as Fluxion's
   *     planner_multi_update leaves them); what was released before stays released, the job stays
   */
  public CancelStatus cancel(long jobId) {
    changes++;
    return engine.cancel(jobId);
  }

  /**
   * {@link #cancel} of each of {@code jobIds} in turn: the same statuses (by index) and the same
   * state afterwards, done for all of them at once where it can (a queue's rebuild dropping every
   * reservation: one pass over the root's spans rather than one per job).
   */
  public CancelStatus[] cancelAll(long... jobIds) {
    changes += jobIds.length;
    return engine.cancelAll(jobIds.clone());
  }

  /**
   * Frees the vertices of {@code jobId}'s allocation that {@code r} names (matched by containment
   * path), as Fluxion's partial cancel with a JGF R: each named vertex must be held by the job with
   * an allocation. Then the job's aggregate spans on the ancestors are reduced by what was freed
   * below them; an ancestor whose span is used up loses the job, and the job is fully cancelled
   * when the graph root does.
   *
   * @return {@link CancelStatus#CANCELLED}, {@link CancelStatus#PARTIALLY_CANCELLED}, {@link
   *     CancelStatus#NO_SUCH_JOB}, {@link CancelStatus#RESERVATION_NOT_SUPPORTED} or {@link
   *     CancelStatus#FAILED} (Fluxion's error: a vertex not found or not held; vertices freed
   *     before it stay freed)
   */
  public CancelStatus partialCancel(long jobId, ResourceGraph r) {
    changes++;
    return engine.partialCancel(jobId, r);
  }

  /**
   * As {@link #partialCancel(long, ResourceGraph)} with the R's vertices already looked up in this
   * query's graph, in R order: an entry of -1 stands for one Fluxion's reader cannot take (no
   * vertex at its path, or its fields differ from the vertex's) and fails the cancel there, the
   * vertices before it freed.
   *
   * @throws IndexOutOfBoundsException if a vertex is neither -1 nor one of the graph's
   */
  public CancelStatus partialCancelVertices(long jobId, int... vertices) {
    for (int v : vertices) {
      if (v != -1 && (v < 0 || v >= graph().vertexLimit() || !graph().isLive(v))) {
        throw new IndexOutOfBoundsException("no live vertex " + v);
      }
    }
    changes++;
    return engine.partialCancelVertices(jobId, vertices.clone());
  }

  /**
   * Frees every vertex of the given broker ranks that {@code jobId} holds, as Fluxion's partial
   * cancel with an rv1exec R (which names ranks only); the ancestors are then reduced as in {@link
   * #partialCancel}. Fails (with nothing changed) when a rank has no vertex, and (after freeing the
   * ranks' vertices, as Fluxion) when the job holds no allocation on one of the ranks.
   *
   * @return as {@link #partialCancel}
   */
  public CancelStatus partialCancelRanks(long jobId, int... ranks) {
    changes++;
    return engine.partialCancelRanks(jobId, ranks.clone());
  }

  /**
   * Fluxion's traverser's text, with its newline, when the reader of a partial cancel's R refuses
   * it ({@link #partialCancelMessages}); resource-query prints it on standard output.
   */
  public static final String PARTIAL_CANCEL_READER_REFUSED =
      "remove: partial_cancel returned error.\n";

  /**
   * The messages Fluxion's traverser logs when the last partial cancel ({@link #partialCancel},
   * {@link #partialCancelVertices}, {@link #partialCancelRanks}) failed, each line with its
   * newline, as resource-query prints them: {@code remove: 3 not found in rank_to_counts.} for a
   * rank where the job holds nothing, {@code remove: partial_cancel returned error.} when a JGF R's
   * reader refuses a vertex, {@code remove: rank_to_root is empty.}, and the texts of a vertex
   * whose cancel or reduction fails, or that the exhaustive visit releases when the graph root no
   * longer carries the job (with "Success", the errno the R's parse leaves). Empty after a partial
   * cancel that succeeded.
   */
  public String partialCancelMessages() {
    return engine.partialCancelMessages();
  }

  /**
   * The visit counts of the last match, cancel, partial cancel or removal of ranks (Fluxion's
   * quirks included: a removal of ranks counts none, whether it fails or not, and a match that
   * fails before its first select leaves the previous counts).
   */
  public VisitCounts visitCounts() {
    return engine.visitCounts();
  }

  // ------------------------------------------------------------------ queries

  /**
   * The vertices that satisfy a Fluxion find expression ({@code status=up|down}, {@code
   * sched-now=allocated|free}, {@code sched-future=reserved|free}, {@code agfilter=true|false},
   * {@code names=HOSTLIST}, {@code jobid-alloc|span|tag|reserved=ID}, {@code property=NAME}; {@code
   * and}, {@code or}, juxtaposition, parentheses), in emission order with their edges.
   *
   * @throws IllegalArgumentException whose message contains "invalid criteria" for a bad expression
   */
  public ResourceSet find(String expression) {
    return engine.find(expression, 0);
  }

  /**
   * {@link #find(String)}, with {@code agfilter=true}'s usage read at {@code agfilterTime}: Fluxion
   * reads it at the wall clock (seconds since the epoch), falling back to time 0 when nothing is
   * used then (for test graphs scheduled from 0). The one-argument form reads it at time 0 only.
   */
  public ResourceSet find(String expression, long agfilterTime) {
    return engine.find(expression, agfilterTime);
  }

  /** The job {@code jobId}, if known. */
  public Optional<ScheduledJob> info(long jobId) {
    return engine.info(jobId);
  }

  /** All known jobs in id order. */
  public List<ScheduledJob> jobs() {
    return engine.jobs();
  }

  /** The status of the vertex at containment path {@code path}, if there is one. */
  public Optional<Status> getStatus(String path) {
    return engine.getStatus(path);
  }

  /**
   * Sets the status of the vertex at {@code path} (a down vertex and its subtree are never matched;
   * jobs on it are unaffected). Returns false if no vertex has that path.
   */
  public boolean setStatus(String path, Status status) {
    changes++;
    return engine.setStatus(path, status);
  }

  /** The properties of the vertex at {@code path}, if there is one. */
  public Optional<SortedMap<String, String>> getProperties(String path) {
    return engine.getProperties(path);
  }

  /** Sets a property of the vertex at {@code path}; false if no vertex has that path. */
  public boolean setProperty(String path, String key, String value) {
    changes++;
    return engine.setProperty(path, key, value);
  }

  // ------------------------------------------------------------------ elasticity

  /**
   * Adds {@code subgraph} (e.g. read from JGF) to the graph and makes its vertices schedulable.
   * Returns the added vertices. As in Fluxion's resource-query {@code attach}, the count of nodes
   * up that the early feasibility check reads is not raised: a request for more nodes than were up
   * before stays busy (neither {@link #shrink} nor {@link #shrinkRanks} lowers it either).
   *
   * @throws IllegalArgumentException if it cannot be attached; nothing changes
   */
  public int[] grow(ResourceGraph subgraph) {
    changes++;
    return engine.grow(subgraph);
  }

  /**
   * Removes the subtree at containment path {@code path}. Returns false if there is no such path,
   * or its vertex was left without a parent by {@link #shrinkRanks}.
   */
  public boolean shrink(String path) {
    changes++;
    return engine.shrink(path);
  }

  /**
   * Removes the vertices of the given ranks as Fluxion's resource-query {@code remove RANKS false}
   * does: jobs on them are partially cancelled first (each ancestor of a rank loses, from every job
   * there, the units all jobs held on the rank), then exactly the vertices of the ranks go. Their
   * descendants of other ranks (a GRUG node's sockets and cores have none) stay: found by path,
   * unreachable from the root, and not removable by {@link #shrink}. Returns how many vertices were
   * removed.
   *
   * <p>Unlike the other operations, a failed removal is not all-or-nothing: it leaves what Fluxion
   * leaves, since resource-query's answers after it are the reference. Fluxion clears the ranks one
   * by one and reduces the ancestors' aggregate spans in its hash maps' order, and does not roll
   * back when a step fails.
   *
   * @throws IllegalArgumentException when Fluxion fails the removal, with the lines it writes after
   *     its first "ERROR: ": a rank no vertex ever had (the lower ranks are already cleared); a
   *     reduction beyond a job's span (the ranks are cleared, the reductions before it done); a
   *     rank without a vertex left or without a parent (the partial cancel is done). The graph is
   *     then unchanged, as in Fluxion.
   */
  public int shrinkRanks(int[] ranks) {
    changes++;
    return engine.shrinkRanks(ranks);
  }

  private MatchResult counted(MatchResult r) {
    if (r instanceof MatchResult.Allocated || r instanceof MatchResult.Reserved) {
      changes++;
    }
    return r;
  }

  // ------------------------------------------------------------------ change tracking

  /**
   * How many changes the scheduling state has seen: each match that allocated or reserved, each
   * update, cancel, partial cancel, status or property change, grow and shrink counts one (a call
   * that changed nothing may count too; a failed match never does). Two equal readings mean that
   * nothing changed in between. O(1).
   */
  public long changes() {
    return changes;
  }

  /**
   * A copy of the traversal-order state: the out-edge weights by which stop-on-first-match policies
   * ({@code first}, {@code firstnodex}) order a vertex's children, Fluxion's by_outedges key. As in
   * Fluxion, a weight is refreshed only when an allocation or reservation passes the edge, with the
   * availability at that moment, so the same spans with other weights may match differently.
   * Compare with {@link #sameOrderState}. O(edges) time and memory.
   */
  public OrderState orderState() {
    return new OrderState(engine.orderWeights());
  }

  /**
   * A reading that changes whenever the traversal-order state ({@link #orderState()}) changes: two
   * equal readings of this query mean that no out-edge weight changed in between (a copy of the
   * query gives both sides new readings). Cheaper than comparing {@link #orderState()} snapshots.
   * O(1).
   */
  public long orderStamp() {
    return engine.orderStamp();
  }

  /**
   * Whether the traversal-order state equals {@code s} (taken by {@link #orderState()}). O(edges).
   */
  public boolean sameOrderState(OrderState s) {
    return engine.sameOrderWeights(s.weights);
  }

  /**
   * Whether an allocated or reserved job starts or ends in {@code (from, to]}: if not, every
   * vertex's availability at instant {@code to} equals that at {@code from}. O(jobs).
   */
  public boolean jobBoundaryWithin(long from, long to) {
    return engine.jobBoundaryWithin(from, to);
  }

  /** A snapshot of the traversal-order state (see {@link #orderState()}); immutable. */
  public static final class OrderState {
    private final long[] weights;

    private OrderState(long[] weights) {
      this.weights = weights;
    }
  }

  /**
   * A copy of the whole scheduling state (jobs, spans, aggregates) and of the graph's mutable
   * attributes, for what-if questions; changes to either (matches, cancels, status, properties,
   * grow, shrink) do not affect the other.
   *
   * <p>O(jobs): the copy shares the graph, the per-vertex state and the traverser's topology index
   * with this query, copy-on-write, so each side pays for a part (a vertex's entries, the status
   * bits, the topology) only when it first changes it after the copy; the copy's per-match scratch
   * space is allocated on its first match. Shared parts are never written, so a query and its
   * copies may be used from different threads at the same time (each query by one thread at a
   * time).
   */
  public ResourceQuery copy() {
    return new ResourceQuery(engine.copy(), options);
  }

  /**
   * Checks internal invariants (aggregates equal the sum of leaves, no negative availability, spans
   * consistent with jobs); a hook for this package's tests, not API.
   *
   * @throws IllegalStateException naming the first violation
   */
  void checkInvariants() {
    engine.checkInvariants();
  }

  // ------------------------------------------------------------------ options

  /** The traverser kinds of resource-query's {@code -T}. */
  public enum Traverser {
    /** Fluxion's default depth-first-and-up traverser. */
    SIMPLE,
    /** Adds or-slots (jobspec alternatives). */
    FLEXIBLE
  }

  /** The options of a {@link ResourceQuery}. Immutable. */
  public static final class Options {
    private final String policyName;
    private final MatchPolicy policy;
    private final String subsystems;
    private final String pruneFilters;
    private final Traverser traverser;
    private final LongSupplier clock;
    private final boolean commitSlotPaths;
    private final boolean exactVisitCounts;
    private final boolean searchFromNow;

    private Options(Builder b) {
      this.policyName = b.policyName;
      this.policy = b.policy != null ? b.policy : MatchPolicies.byName(b.policyName);
      this.subsystems = b.subsystems;
      this.pruneFilters = b.pruneFilters;
      this.traverser = b.traverser;
      this.clock = b.clock;
      this.commitSlotPaths = b.commitSlotPaths;
      this.exactVisitCounts = b.exactVisitCounts;
      this.searchFromNow = b.searchFromNow;
    }

    /** A builder with the defaults of resource-query. */
    public static Builder builder() {
      return new Builder();
    }

    /** The match policy. */
    public MatchPolicy policy() {
      return policy;
    }

    /** The name the policy was chosen by. */
    public String policyName() {
      return policyName;
    }

    /** The matcher subsystems as resource-query names them (e.g. "CA", "C+PA"). */
    public String subsystems() {
      return subsystems;
    }

    /** The prune filter spec (e.g. "ALL:core,ALL:node"). */
    public String pruneFilters() {
      return pruneFilters;
    }

    /** The traverser kind. */
    public Traverser traverser() {
      return traverser;
    }

    /** The clock that gives "now" to the overloads without an explicit time. */
    public LongSupplier clock() {
      return clock;
    }

    /**
     * Whether a slot that matched below the vertex holding it commits the path down to it; false by
     * default, as in Fluxion. A flux4j extension, not in Fluxion: for {@code node -> slot -> core}
     * on nodes whose cores sit under sockets, the slot matches at each socket; Fluxion's select
     * succeeds, but it enforces the choice made at the node without walking up from the chosen
     * cores, so the node's edges to those sockets stay unmarked, its update commits nothing and the
     * match fails ({@link MatchResult.Uncommitted}). With this option those edges are marked too
     * and the request is allocated.
     */
    public boolean commitSlotPaths() {
      return commitSlotPaths;
    }

    /**
     * Whether every select of Fluxion's match runs, so that {@link ResourceQuery#visitCounts()}
     * gives Fluxion's counts; true by default. When false, a select at a time where the request
     * cannot fit is skipped: one where, for some resource type of the prune filters, the units of
     * the vertices of that type that are free through the job's whole window add up to less than
     * the request asks for (every vertex a select picks must be so free). The answers of matches
     * are the same; only the visit counts, and the errno and error text that skipped selects would
     * have left, differ. A reservation search on a busy machine tries many times where the subtree
     * aggregates fit but no set of vertices is free throughout, so skipping those selects makes it
     * much faster; for users that do not read visit counts, such as an instance's scheduler.
     */
    public boolean exactVisitCounts() {
      return exactVisitCounts;
    }

    /**
     * Whether the reservation search of {@link MatchOp#ALLOCATE_ORELSE_RESERVE} and {@link
     * MatchOp#WITHOUT_ALLOCATING_FUTURE} tries now itself before the later candidate times; true by
     * default. A flux4j extension: a span whose planned end is now but whose end the caller has not
     * applied yet refuses the allocation at now, and the earliest time the request fits is then now
     * (a reservation there), where Fluxion's search starts just after now and may jump to a much
     * later time, letting other jobs backfill ahead. False gives Fluxion's search, which
     * resource-query needs: the try at now is an extra select, with its own visits and messages.
     */
    public boolean searchFromNow() {
      return searchFromNow;
    }

    /** Builds {@link Options}. Not thread-safe. */
    public static final class Builder {
      private String policyName = "first";
      private MatchPolicy policy;
      private String subsystems = "CA";
      private String pruneFilters = "ALL:core,ALL:node";
      private Traverser traverser = Traverser.SIMPLE;
      private LongSupplier clock = () -> 0L;
      private boolean commitSlotPaths;
      private boolean exactVisitCounts = true;
      private boolean searchFromNow = true;

      private Builder() {}

      /**
       * The policy by name or custom attribute string (default "first").
       *
       * @throws IllegalArgumentException (at {@link #build()}) if unknown
       */
      public Builder policy(String name) {
        this.policyName = Objects.requireNonNull(name, "name");
        this.policy = null;
        return this;
      }

      /** A policy object. */
      public Builder policy(MatchPolicy p) {
        this.policy = Objects.requireNonNull(p, "policy");
        this.policyName = p.name();
        return this;
      }

      /** The subsystems (default "CA"); lower case accepted. */
      public Builder subsystems(String s) {
        this.subsystems = Objects.requireNonNull(s, "subsystems");
        return this;
      }

      /** The prune filters (default "ALL:core,ALL:node"). */
      public Builder pruneFilters(String p) {
        this.pruneFilters = Objects.requireNonNull(p, "pruneFilters");
        return this;
      }

      /** The traverser (default simple). */
      public Builder traverser(Traverser t) {
        this.traverser = Objects.requireNonNull(t, "traverser");
        return this;
      }

      /** The clock for "now" (default: always 0). */
      public Builder clock(LongSupplier c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
      }

      /** See {@link Options#commitSlotPaths()} (default false, Fluxion's behaviour). */
      public Builder commitSlotPaths(boolean commit) {
        this.commitSlotPaths = commit;
        return this;
      }

      /** See {@link Options#exactVisitCounts()} (default true, Fluxion's behaviour). */
      public Builder exactVisitCounts(boolean exact) {
        this.exactVisitCounts = exact;
        return this;
      }

      /** See {@link Options#searchFromNow()} (default true; false is Fluxion's behaviour). */
      public Builder searchFromNow(boolean fromNow) {
        this.searchFromNow = fromNow;
        return this;
      }

      /**
       * The options.
       *
       * @throws IllegalArgumentException if the policy name is unknown
       */
      public Options build() {
        return new Options(this);
      }
    }
  }
}
