package org.flux4j.examples.rq;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;
import org.flux4j.graph.io.RSubgraph;
import org.flux4j.graph.io.Rv1ExecReader;
import org.flux4j.policy.jobspec.Constraint;
import org.flux4j.policy.jobspec.Jobspec;
import org.flux4j.policy.jobspec.JobspecException;
import org.flux4j.policy.match.CancelStatus;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceSet;
import org.flux4j.policy.match.UncaughtFluxionException;
import org.flux4j.policy.match.VisitCounts;
import org.flux4j.policy.writer.MatchWriter;
import org.flux4j.policy.writer.MatchWriters;

/**
 * The {@link Backend} over flux4j: {@link GraphReaders} load the graph, {@link ResourceQuery}
 * matches, and the {@code -F} writer renders resource sets. It turns the library's values and
 * exceptions into the texts that Fluxion's reapi layer prints.
 */
final class EngineBackend implements Backend {
  private final ResourceQuery rq;
  private final MatchWriter writer;
  private final Set<String> filterTypes;
  private Jobspec.Parser parser;

  /**
   * Whether Fluxion's errno is 0 rather than the ENOTTY of reading the command line, as far as the
   * matches since left none: an R writer emitted a host name with a numeric suffix (flux-core's
   * hostname_create zeroes errno before its strtoul), see {@link #emit}.
   */
  private boolean errnoZeroed;

  /**
   * Parsed requests by jobspec text, most recent last: a session matches the same few files over
   * and over, and a request is an immutable value, so parsing one text once is enough. Cleared when
   * the known types change.
   */
  private final Map<String, ResourceRequest> parsed =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ResourceRequest> eldest) {
          return size() > PARSED_CACHE_SIZE;
        }
      };

  private static final int PARSED_CACHE_SIZE = 64;

  private EngineBackend(ResourceQuery rq, String matchFormat, String pruneFilters) {
    this.rq = rq;
    this.writer = MatchWriters.require(matchFormat);
    this.filterTypes = new HashSet<>();
    for (String spec : pruneFilters.split(",", 0)) {
      for (String t : spec.split(":", 0)) {
        if (!t.isEmpty() && !t.equals("ALL")) {
          filterTypes.add(t);
        }
      }
    }
    refreshKnownTypes();
  }

  /** Fluxion knows the built-in types, the graph's types and the prune filters' types. */
  private void refreshKnownTypes() {
    Set<String> types = new HashSet<>(filterTypes);
    types.addAll(rq.graph().countByType().keySet());
    parser = Jobspec.parser().knownTypes(types);
    parsed.clear();
  }

  /** Loads the graph and builds the matcher for a session. */
  static Backend open(RqOptions options, String graphText, Path cwd)
      throws ResourceQueryMain.SetupException {
    ResourceQuery.Options queryOptions;
    try {
      queryOptions =
          ResourceQuery.Options.builder()
              .policy(options.matchPolicy())
              .subsystems(options.matchSubsystems())
              .pruneFilters(options.effectivePruneFilters())
              .traverser(
                  options.traverserPolicy().equals("flexible")
                      ? ResourceQuery.Traverser.FLEXIBLE
                      : ResourceQuery.Traverser.SIMPLE)
              // Fluxion's reservation search starts after now
              .searchFromNow(false)
              .build();
    } catch (IllegalArgumentException e) {
      throw new ResourceQueryMain.SetupException(
          "resource_query_t: ERROR: can't create matcher\n" + line(e.getMessage()));
    }
    GraphFormat format =
        GraphFormat.byName(options.loadFormat())
            .orElseThrow(
                () ->
                    new ResourceQueryMain.SetupException(
                        "resource_query_t: ERROR: can't create reader\n"));
    Set<String> allow = new LinkedHashSet<>();
    for (String t : options.loadAllowlist().split(",", 0)) {
      if (!t.isEmpty()) {
        allow.add(t);
      }
    }
    ResourceGraph graph;
    try {
      graph = GraphReaders.read(graphText, options.loadFile(), format, allow);
    } catch (GraphParseException | UnsupportedOperationException e) {
      throw new ResourceQueryMain.SetupException(
          "resource_query_t: ERROR: "
              + line(e.getMessage())
              + "ERROR: error generating resources\n");
    }
    try {
      return new EngineBackend(
          ResourceQuery.create(graph, queryOptions),
          options.matchFormat(),
          options.effectivePruneFilters());
    } catch (IllegalArgumentException e) {
      throw new ResourceQueryMain.SetupException(line(e.getMessage()));
    } catch (UnsupportedOperationException e) {
      throw new ResourceQueryMain.SetupException(
          line("resource_query_t: ERROR: " + e.getMessage()));
    }
  }

  /** {@code s} with exactly one trailing newline. */
  private static String line(String s) {
    String t = s == null ? "" : s;
    return t.endsWith("\n") ? t : t + "\n";
  }

  @Override
  public ResourceGraph graph() {
    return rq.graph();
  }

  // ------------------------------------------------------------------ jobspecs and writers

  /** Thrown when a jobspec cannot be turned into a request; the message is Fluxion's reason. */
  private static final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    RequestException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Thrown when the writer cannot emit a set ({@link MatchWriter#lastError()}). */
  private static final class EmitException extends Exception {
    private static final long serialVersionUID = 1L;

    EmitException(String reason) {
      super(reason, null, false, false);
    }
  }

  private ResourceRequest parseRequest(String jobspec) throws RequestException {
    ResourceRequest known = parsed.get(jobspec);
    if (known != null) {
      return known;
    }
    try {
      ResourceRequest r = ResourceRequest.from(parser.parse(jobspec, "jobspec"));
      parsed.put(jobspec, r);
      return r;
    } catch (JobspecException e) {
      throw new RequestException(e.reason());
    } catch (IllegalArgumentException e) {
      throw new RequestException(e.getMessage());
    }
  }

  /**
   * Whether Fluxion's parse of a jobspec with constraint {@code c} leaves errno 0 (rq-diff seed
   * 670874): flux-core's {@code hostlist_append} counts each range it appends ({@code
   * hostrange_count} sets errno to 0), and {@code idset_decode} clears errno before it reads each
   * id ({@code strtoul_check}), so a {@code hostlist} or {@code ranks} operand naming at least one
   * host or rank zeroes whatever errno the command line left, before the traversal runs.
   */
  static boolean parseZeroesErrno(Constraint c) {
    if (c instanceof Constraint.Hosts h) {
      return h.hostlists().stream().anyMatch(t -> !Hostlist.decode(t).isEmpty());
    }
    if (c instanceof Constraint.Ranks r) {
      return r.idsets().stream().anyMatch(t -> !IdSet.decode(t).isEmpty());
    }
    List<Constraint> operands =
        c instanceof Constraint.And a
            ? a.operands()
            : c instanceof Constraint.Or o
                ? o.operands()
                : c instanceof Constraint.Not n ? n.operands() : List.of();
    return operands.stream().anyMatch(EngineBackend::parseZeroesErrno);
  }

  private String emit(ResourceSet set) throws EmitException {
    String text = writer.format(set);
    String error = writer.lastError();
    if (!error.isEmpty()) {
      throw new EmitException(error);
    }
    if (!text.isEmpty() && R_WRITERS.contains(writer.name()) && namesNumberedHost(set)) {
      rq.clearErrno();
      errnoZeroed = true;
    }
    return text;
  }

  /**
   * The writers whose emit passes the set's host names through flux-core's hostlist (the nodelist
   * of an RFC 20 R). Not rlite: its R_lite entries name ranks and ids only, through idset, which
   * keeps errno (rq-diff seed 673901).
   */
  private static final Set<String> R_WRITERS = Set.of("rv1", "rv1_nosched", "rv1_shorthand");

  /** Whether a node of {@code set} has a name ending in a digit (e.g. "node2"). */
  private static boolean namesNumberedHost(ResourceSet set) {
    ResourceGraph g = set.graph();
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      String name = g.name(v);
      if (g.type(v).equals("node")
          && !name.isEmpty()
          && Character.isDigit(name.charAt(name.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fluxion's emit after a match that selected nothing (busy, unsatisfiable, a satisfiability
   * check): the writer emits what it still holds, and fails where that failed (rlite with no node).
   */
  private String emitEmpty() throws EmitException {
    return emit(ResourceSet.builder(rq.graph()).build());
  }

  // ------------------------------------------------------------------ operations

  @Override
  public void newCommandLine() {
    rq.clearErrno();
    errnoZeroed = false;
  }

  @Override
  public MatchReply match(Op op, String jobspec, long jobId) {
    ResourceRequest request;
    try {
      request = parseRequest(jobspec);
    } catch (RequestException e) {
      return new MatchReply(
          Outcome.REQUEST_ERROR,
          "",
          0,
          "match_allocate: ERROR: Jobspec error for " + jobId + ": " + line(e.getMessage()));
    }
    if (request.constraint().orElse(null) instanceof ResourceRequest.TargetConstraint.OfJobspec j
        && parseZeroesErrno(j.constraint())) {
      rq.clearErrno();
      errnoZeroed = true;
    }
    if (rq.info(jobId).isPresent()) {
      // resource-query matches under its job counter even where an update took that id: the new
      // match's spans are keyed by the same id, and what the earlier job holds stays (see forget)
      rq.forget(jobId);
    }
    MatchResult result = rq.match(MatchOp.byWord(op.word()), request, jobId);
    try {
      if (result instanceof MatchResult.RequestError) {
        // what the engine refuses after parsing (no resources, a duration out of range) Fluxion's
        // traverser refuses with EINVAL and no message of its own
        return new MatchReply(
            Outcome.REQUEST_ERROR, "", 0, "match_allocate: ERROR: traverser: Invalid argument\n");
      }
      if (result instanceof MatchResult.Satisfiable) {
        // Fluxion's match_allocate emits after a satisfiability check too
        return new MatchReply(Outcome.SATISFIABLE, emitEmpty(), 0, "");
      }
      if (result instanceof MatchResult.Busy b) {
        // Fluxion's match_allocate reads the errno its schedule left as after a failed update
        return withMessages(uncommitted(b.leftoverErrno()));
      }
      if (result instanceof MatchResult.Unsatisfiable) {
        return withMessages(new MatchReply(Outcome.UNSATISFIABLE, emitEmpty(), 0, ""));
      }
      if (result instanceof MatchResult.Uncommitted u) {
        return withMessages(uncommitted(u.leftoverErrno()));
      }
      ResourceSet set = result.resourceSet().orElseThrow();
      return new MatchReply(Outcome.MATCHED, emit(set), set.startTime(), "");
    } catch (EmitException e) {
      if (result instanceof MatchResult.Allocated || result instanceof MatchResult.Reserved) {
        // Fluxion committed the match before its writer failed, and records no job
        rq.forget(jobId);
      }
      boolean failed =
          result instanceof MatchResult.Busy
              || result instanceof MatchResult.Unsatisfiable
              || result instanceof MatchResult.Uncommitted;
      return new MatchReply(
          e.getMessage().equals(ENOENT_TEXT) ? Outcome.EMIT_ENOENT : Outcome.EMIT_ERROR,
          "",
          0,
          (failed ? messages() : "")
              + "match_allocate: ERROR: match writer emit: "
              + line(e.getMessage()));
    }
  }

  /**
   * {@code reply} to a failed traversal with what the traversal logged ({@link
   * ResourceQuery#traversalMessages()}): Fluxion's match_allocate reports those messages in place
   * of the errno's text, which it gives only when the traverser logged nothing.
   */
  private MatchReply withMessages(MatchReply reply) {
    String logged = messages();
    if (logged.isEmpty()) {
      return reply;
    }
    boolean errnoText =
        reply.outcome() == Outcome.ERROR || reply.outcome() == Outcome.NO_SUCH_RESOURCE;
    return new MatchReply(
        reply.outcome(), reply.r(), reply.at(), logged + (errnoText ? "" : reply.error()));
  }

  /** The traversal's messages as match_allocate reports them, or "" when it logged none. */
  private String messages() {
    String logged = rq.traversalMessages();
    return logged.isEmpty() ? "" : "match_allocate: ERROR: " + logged + "\n";
  }

  /**
   * Fluxion's report of a failed schedule or update (see {@link MatchResult.Busy} and {@link
   * MatchResult.Uncommitted}): its match_allocate goes on as for a busy or unsatisfiable match when
   * the traversal left EBUSY or ENODEV in errno, and otherwise stops with the traverser's error,
   * before the job counter moves; resource-query then prints "Unsatisfiable request" for ENOENT. A
   * match that set no errno leaves the ENOTTY of reading the command line, or the 0 an R writer's
   * emit left since ({@link #errnoZeroed}).
   */
  private MatchReply uncommitted(int errno) throws EmitException {
    switch (errno) {
      case EBUSY:
        return new MatchReply(Outcome.BUSY, emitEmpty(), 0, "");
      case ENODEV:
        return new MatchReply(Outcome.UNSATISFIABLE, emitEmpty(), 0, "");
      case ENOENT:
        return new MatchReply(
            Outcome.NO_SUCH_RESOURCE,
            "",
            0,
            "match_allocate: ERROR: traverser: No such file or directory\n");
      default:
        String text = errno == 0 && errnoZeroed ? "Success" : strerror(errno);
        return new MatchReply(
            Outcome.ERROR, "", 0, "match_allocate: ERROR: traverser: " + text + "\n");
    }
  }

  private static final int ENOENT = 2;

  /** strerror(ENOENT): after a failed emit resource-query reads it as unsatisfiable. */
  private static final String ENOENT_TEXT = "No such file or directory";

  private static final int EBUSY = 16;
  private static final int ENODEV = 19;

  /** glibc's strerror for the codes a match may leave (ENOTTY: none of them, see above). */
  private static String strerror(int errno) {
    return switch (errno) {
      case 22 -> "Invalid argument";
      case 34 -> "Numerical result out of range";
      case 75 -> "Value too large for defined data type";
      default -> "Inappropriate ioctl for device";
    };
  }

  private static GraphFormat readerFormat(String reader) {
    return GraphFormat.byName(reader).orElseThrow();
  }

  @Override
  public UpdateReply update(String reader, String text, long jobId, long at, long duration) {
    MatchResult result;
    GraphFormat format = readerFormat(reader);
    try {
      RSubgraph r = RSubgraph.read(rq.graph(), "update", text, format);
      result = rq.update(jobId, r, at, duration, at > 0);
    } catch (GraphParseException e) {
      // asked before the vertex plans below are written: those are this update's own
      String busy =
          format == GraphFormat.JGF
              ? firstBusyNode(text, at, duration)
              : format == GraphFormat.RV1EXEC ? rv1ExecStop(text, at, duration) : null;
      if (format != GraphFormat.RV1EXEC && !rq.info(jobId).isPresent()) {
        // a JGF R whose vertices read but whose edges do not: Fluxion's reader keeps the vertex
        // plans it wrote before it failed at the edge
        try {
          RSubgraph vertices = RSubgraph.readVertices(rq.graph(), "update", text, format);
          rq.updateVerticesOnly(jobId, vertices, at, duration);
        } catch (GraphParseException | IllegalArgumentException notEdges) {
          // the vertices fail too: nothing was written
        }
      }
      return new UpdateReply(false, "", busy != null ? busy : readerText(e));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return new UpdateReply(false, "", line(e.getMessage()));
    }
    if (result instanceof MatchResult.Unsatisfiable u) {
      return new UpdateReply(false, "", line(u.reason()));
    }
    if (result.resourceSet().isEmpty()) {
      return new UpdateReply(false, "", "");
    }
    try {
      return new UpdateReply(true, emit(result.resourceSet().get()), "");
    } catch (EmitException e) {
      // Fluxion's update_run ignores what its writer's emit returns: the update stands (the job is
      // recorded as allocated or reserved) and prints no R, while the writer keeps what it could
      // not emit (an rlite writer's cores without their node) for the next emit
      return new UpdateReply(true, "", "");
    }
  }

  /**
   * Fluxion's JGF reader's text for two refusals that flux4j's reader words with a JSON pointer: a
   * node whose path the graph lacks ({@code exist}) and an edge between vertices R does not have
   * ({@code unpack_edge}, which prints the ids without a separator); other refusals keep flux4j's
   * text.
   */
  private static String readerText(GraphParseException e) {
    String p = e.problem();
    if (p.startsWith(NONEXISTENT_PATH)) {
      return "exist: " + p + ".\n";
    }
    if (p.startsWith(EDGE_NOT_FOUND + ": ")) {
      return "unpack_edge: " + EDGE_NOT_FOUND + p.substring(EDGE_NOT_FOUND.length() + 2) + ".\n";
    }
    return line(e.getMessage());
  }

  /**
   * Where Fluxion's JGF reader stops an update before a node or an edge flux4j's reader refused: it
   * checks each node's vertex plan as it reads the node, before the next node and before any edge,
   * so a busy vertex among the nodes ahead of the refused one gives the reader's message ({@link
   * ResourceQuery#updateRefusal}); null when none does.
   */
  private String firstBusyNode(String text, long at, long duration) {
    if (at < 0 || duration <= 0) {
      return null;
    }
    try {
      RSubgraph ahead = RSubgraph.readVerticesUntilRefused(rq.graph(), "update", text);
      return rq.updateRefusal(ahead, at, duration).map(m -> m + "\n").orElse(null);
    } catch (GraphParseException e) {
      return null;
    }
  }

  /**
   * Fluxion's rv1exec reader's message for an update it stops at a vertex whatever the state
   * ({@link RSubgraph#rv1ExecStop}): a vertex ahead of it in R's order whose plan is busy gives
   * that vertex's message ({@link ResourceQuery#updateRefusal}); else the stop's own, which names
   * the vertex and the function of the reader that gave up on it, then the one that called it. Null
   * when the reader would read every vertex (R is refused for another reason).
   */
  private String rv1ExecStop(String text, long at, long duration) {
    if (at < 0 || duration <= 0) {
      return null;
    }
    Optional<RSubgraph.Rv1ExecStop> found;
    try {
      found = RSubgraph.rv1ExecStop(rq.graph(), "update", text);
    } catch (GraphParseException e) {
      return null;
    }
    if (found.isEmpty()) {
      return null;
    }
    RSubgraph.Rv1ExecStop stop = found.get();
    Optional<String> busy = rq.updateRefusal(stop.ahead(), at, duration);
    if (busy.isPresent()) {
      return busy.get();
    }
    return stop.message();
  }

  private static final String NONEXISTENT_PATH = "inconsistent input vertex: nonexistent path (";
  private static final String EDGE_NOT_FOUND = "source and/or target vertex not found";

  /** The broker ranks an rv1exec R names (its R_lite entries), in increasing order. */
  private static int[] ranks(String text) {
    IdSet ranks = Rv1ExecReader.ranks("partial-cancel", text);
    int[] out = new int[(int) ranks.size()];
    int i = 0;
    for (long r : ranks) {
      out[i++] = (int) r;
    }
    return out;
  }

  @Override
  public boolean cancel(long jobId) {
    return rq.cancel(jobId) == CancelStatus.CANCELLED;
  }

  @Override
  public PartialReply partialCancel(long jobId, String reader, String text) {
    CancelStatus s;
    try {
      GraphFormat format = readerFormat(reader);
      if (format == GraphFormat.JGF) {
        // Fluxion's partial cancel reads only the vertices of a JGF R (its edges are not checked),
        // one by one: a node its reader refuses fails the cancel there, after the ones before it
        s =
            rq.partialCancelVertices(
                jobId, RSubgraph.jgfVerticesUntilRefused(rq.graph(), "update", text));
      } else {
        // an rv1exec R is read for its ranks only
        s = rq.partialCancelRanks(jobId, ranks(text));
      }
    } catch (GraphParseException | IllegalArgumentException | UnsupportedOperationException e) {
      if (e instanceof UncaughtFluxionException uncaught) {
        // partial-cancel does not catch the std::out_of_range its reduction throws
        throw new FluxionAbort(uncaught.cxxType(), uncaught.what());
      }
      if (e instanceof GraphParseException) {
        // the reader refuses R before anything is cancelled
        return new PartialReply(false, false, ResourceQuery.PARTIAL_CANCEL_READER_REFUSED);
      }
      return new PartialReply(false, false, line(e.getMessage()));
    }
    switch (s) {
      case CANCELLED:
        return new PartialReply(true, true, "");
      case PARTIALLY_CANCELLED:
        return new PartialReply(true, false, "");
      default:
        return new PartialReply(false, false, rq.partialCancelMessages());
    }
  }

  @Override
  public FindReply find(String criteria) {
    ResourceSet set;
    try {
      // Fluxion's find reads agfilter usage at the wall clock (seconds since the epoch)
      set = rq.find(criteria, System.currentTimeMillis() / 1000);
    } catch (IllegalArgumentException e) {
      return new FindReply(false, "", "find" + line(e.getMessage()));
    }
    try {
      return new FindReply(true, set.isEmpty() ? emitEmpty() : emit(set), "");
    } catch (EmitException e) {
      return new FindReply(false, "", "find: ERROR: find writer emit: " + line(e.getMessage()));
    }
  }

  @Override
  public String attach(String jgf) {
    try {
      ResourceGraph sub = GraphReaders.read(jgf, "attach", GraphFormat.JGF);
      String duplicate = duplicateRoot(rq.graph(), sub);
      if (duplicate != null) {
        throw new IllegalArgumentException(
            "add_graph_metadata: failed to add root metadata for "
                + duplicate
                + " subsystem. Possible duplicate root.");
      }
      rq.grow(sub);
      refreshKnownTypes();
      return null;
    } catch (GraphParseException | IllegalArgumentException e) {
      return "add_subgraph: ERROR: add subgraph error: Invalid argument\n"
          + "add_subgraph: ERROR: reader returned error: "
          + line(e.getMessage())
          + "\n\n";
    }
  }

  /**
   * The first subsystem in which {@code sub} brings a new root while {@code g} already has one
   * (Fluxion's JGF reader refuses that), or null.
   */
  private static String duplicateRoot(ResourceGraph g, ResourceGraph sub) {
    java.util.List<String> names = sub.subsystems();
    for (int v = 0; v < sub.vertexLimit(); v++) {
      if (!sub.isLive(v)) {
        continue;
      }
      for (int s = 0; s < names.size(); s++) {
        if (!sub.isMember(v, s) || sub.pathParent(v, s) != ResourceGraph.NONE) {
          continue;
        }
        int gs = g.subsystemId(names.get(s));
        if (gs < 0 || g.vertexByPath(gs, sub.path(v, s)).isPresent()) {
          continue;
        }
        for (int u = 0; u < g.vertexLimit(); u++) {
          if (g.isLive(u) && g.isMember(u, gs) && g.pathParent(u, gs) == ResourceGraph.NONE) {
            return names.get(s);
          }
        }
      }
    }
    return null;
  }

  @Override
  public String removeSubgraph(String path) {
    if (rq.shrink(path)) {
      return null;
    }
    // Fluxion's traverser fails without a message, and without setting errno, when the path is
    // unknown: the report reads the ENOTTY that reading the command line left
    return "remove_subgraph: ERROR: remove_subgraph error: Inappropriate ioctl for device\n"
        + "remove_subgraph: ERROR: traverser returned error: \n\n";
  }

  @Override
  public String removeRanks(SortedSet<Long> ranks) {
    int[] r = new int[ranks.size()];
    int i = 0;
    for (long x : ranks) {
      r[i++] = (int) x;
    }
    try {
      rq.shrinkRanks(r);
      return null;
    } catch (IllegalArgumentException e) {
      return "ERROR: " + e.getMessage();
    }
  }

  @Override
  public void setProperty(String path, String key, String value) {
    rq.setProperty(path, key, value);
  }

  @Override
  public int markStatus(String path, boolean up) {
    return rq.setStatus(path, up ? Status.UP : Status.DOWN) ? 0 : -1;
  }

  @Override
  public long preorderCount() {
    VisitCounts c = rq.visitCounts();
    return c.preorder();
  }

  @Override
  public long postorderCount() {
    return rq.visitCounts().postorder();
  }
}
