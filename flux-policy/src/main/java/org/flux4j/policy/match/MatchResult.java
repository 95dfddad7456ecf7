package org.flux4j.policy.match;

import java.util.Objects;

/**
 * The outcome of one match: a value, never an exception (misuse aside).
 *
 * <p>{@link Allocated}, {@link Reserved} and {@link Matched} carry the selected {@link
 * ResourceSet}; {@link Satisfiable} answers {@link MatchOp#SATISFIABILITY}; {@link Busy} means the
 * request could be met by the graph but not now (nor, for reserving operations, ever given the
 * current jobs); {@link Unsatisfiable} means the graph can never meet it; {@link RequestError}
 * means the request itself is invalid for this graph (Fluxion's "Jobspec error"); {@link
 * Uncommitted} is Fluxion's failed update after a successful select.
 */
public sealed interface MatchResult {
  /** The job id the match was made for. */
  long jobId();

  /** Whether resources were found (allocated, reserved, matched or satisfiable). */
  default boolean isSuccess() {
    return this instanceof Allocated
        || this instanceof Reserved
        || this instanceof Matched
        || this instanceof Satisfiable;
  }

  /** The selected resources of an allocated, reserved or matched result; empty otherwise. */
  default java.util.Optional<ResourceSet> resourceSet() {
    if (this instanceof Allocated a) {
      return java.util.Optional.of(a.resources());
    }
    if (this instanceof Reserved r) {
      return java.util.Optional.of(r.resources());
    }
    if (this instanceof Matched m) {
      return java.util.Optional.of(m.resources());
    }
    return java.util.Optional.empty();
  }

  /** The scheduled start time, or -1 when nothing was selected. */
  default long at() {
    return resourceSet().map(ResourceSet::startTime).orElse(-1L);
  }

  /** Resources allocated now ({@code resources.startTime()} is the "now" of the match). */
  record Allocated(long jobId, ResourceSet resources) implements MatchResult {
    /** Checks arguments. */
    public Allocated {
      Objects.requireNonNull(resources, "resources");
    }
  }

  /** Resources reserved from {@code resources.startTime()}, later than "now". */
  record Reserved(long jobId, ResourceSet resources) implements MatchResult {
    /** Checks arguments. */
    public Reserved {
      Objects.requireNonNull(resources, "resources");
    }
  }

  /**
   * Resources that would be selected, without changing any state ({@link
   * MatchOp#WITHOUT_ALLOCATING}, {@link MatchOp#WITHOUT_ALLOCATING_FUTURE}).
   */
  record Matched(long jobId, ResourceSet resources) implements MatchResult {
    /** Checks arguments. */
    public Matched {
      Objects.requireNonNull(resources, "resources");
    }
  }

  /** The request is satisfiable by the whole graph ({@link MatchOp#SATISFIABILITY}). */
  record Satisfiable(long jobId) implements MatchResult {}

  /**
   * The graph could meet the request but the current jobs prevent it. {@code leftoverErrno} is the
   * errno Fluxion's schedule left, which decides how resource-query reports the failure: EBUSY (16)
   * nearly always; the flexible traverser's satisfiability select may leave ERANGE (34) from an
   * or-slot the subtree of some vertex could never hold while a sibling or-slot fitted there, and
   * resource-query then stops with an error before its job counter moves (see {@link Uncommitted}).
   */
  record Busy(long jobId, int leftoverErrno) implements MatchResult {
    /** Fluxion's errno for a request the current jobs prevent. */
    public static final int EBUSY = 16;

    /** A busy result with the usual errno, EBUSY. */
    public Busy(long jobId) {
      this(jobId, EBUSY);
    }
  }

  /**
   * Fluxion's select found resources but its update committed none, so the match failed: a slot
   * matched below the vertex that holds it ({@code node -> slot -> core} on nodes whose cores sit
   * under sockets) leaves the edges down to it unmarked (see {@link
   * ResourceQuery.Options#commitSlotPaths()}). Nothing changed. {@code leftoverErrno} is the errno
   * Fluxion's traversal left behind, which decides how resource-query reports the failure: 0 when
   * neither the match nor one before it since {@link ResourceQuery#clearErrno()} set one, else
   * EBUSY (16: some vertex was pruned on the way), ENODEV (19) or ENOENT (2: the reservation search
   * ran out of candidate times).
   */
  record Uncommitted(long jobId, int leftoverErrno) implements MatchResult {}

  /** The graph can never meet the request; {@code reason} says why (Fluxion's message). */
  record Unsatisfiable(long jobId, String reason) implements MatchResult {
    /** Checks arguments. */
    public Unsatisfiable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The request is invalid for this graph (e.g. it asks for a resource type the graph does not
   * have, other than Fluxion's built-in types such as gpu); {@code message} is the reason only
   * (resource-query prints it as {@code match_allocate: ERROR: Jobspec error for N: <reason>}).
   */
  record RequestError(long jobId, String message) implements MatchResult {
    /** Checks arguments. */
    public RequestError {
      Objects.requireNonNull(message, "message");
    }
  }
}
