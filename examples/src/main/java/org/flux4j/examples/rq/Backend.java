package org.flux4j.examples.rq;

import java.util.SortedSet;
import org.flux4j.graph.ResourceGraph;

/**
 * What a resource-query session needs from the graph scheduler: one loaded graph with its matcher
 * and its match writer. Results come back as text in the session's {@code -F} format, with the
 * library's diagnostics, so that the session only decides what goes where.
 *
 * <p>An implementation belongs to one session and is used from one thread.
 */
interface Backend {

  /** The match operations, by the words of the {@code match} command. */
  enum Op {
    /** Match now and allocate. */
    ALLOCATE("allocate", true),
    /** Allocate now, or else reserve at the earliest time it fits. */
    ALLOCATE_ORELSE_RESERVE("allocate_orelse_reserve", true),
    /** Allocate now; on failure, say whether it could ever be satisfied. */
    ALLOCATE_WITH_SATISFIABILITY("allocate_with_satisfiability", true),
    /** Only check whether the graph could ever satisfy the request. */
    SATISFIABILITY("satisfiability", false),
    /** Match now but change nothing. */
    WITHOUT_ALLOCATING("without_allocating", false),
    /** Match now or in the future but change nothing. */
    WITHOUT_ALLOCATING_FUTURE("without_allocating_future", false);

    private final String word;
    private final boolean allocates;

    Op(String word, boolean allocates) {
      this.word = word;
      this.allocates = allocates;
    }

    /** The subcommand word. */
    String word() {
      return word;
    }

    /** Whether a successful match is recorded as a job (and an attempt uses a job id). */
    boolean allocates() {
      return allocates;
    }

    /** The operation named {@code word}, or null. */
    static Op byWord(String word) {
      for (Op op : values()) {
        if (op.word.equals(word)) {
          return op;
        }
      }
      return null;
    }
  }

  /** How a match ended. */
  enum Outcome {
    /** Resources were selected (allocated, reserved, or matched without allocating). */
    MATCHED,
    /** A satisfiability check found the request satisfiable. */
    SATISFIABLE,
    /** Not now: the resources exist but are busy. */
    BUSY,
    /** Never: the graph cannot satisfy the request. */
    UNSATISFIABLE,
    /** The request names resources the graph lacks; reported as unsatisfiable, no job id used. */
    NO_SUCH_RESOURCE,
    /** The jobspec could not be parsed; no job id used. */
    REQUEST_ERROR,
    /** The writer could not emit the result; no job id used. */
    EMIT_ERROR,
    /**
     * The writer could not emit the result for lack of vertices or edges (ENOENT, which
     * resource-query reads as unsatisfiable); no job id used.
     */
    EMIT_ENOENT,
    /** Another failure of the traversal; no job id used. */
    ERROR
  }

  /**
   * The result of a match.
   *
   * @param outcome how it ended
   * @param r the emitted resource set in the session's format, with its trailing newline; empty
   *     when nothing is emitted
   * @param at the scheduled start time (0 = now)
   * @param error library diagnostics for stderr, each line ending with a newline; empty if none
   */
  record MatchReply(Outcome outcome, String r, long at, String error) {}

  /**
   * The result of an update (re-creating an allocation from an emitted R).
   *
   * @param ok whether the allocation was re-created
   * @param r the emitted resource set in the session's format; empty on failure
   * @param detail the traverser's error message on failure (possibly empty), ending with a newline
   */
  record UpdateReply(boolean ok, String r, String detail) {}

  /**
   * The result of a partial cancel.
   *
   * @param ok whether the release succeeded
   * @param full whether nothing of the job is left
   * @param detail the traverser's message on failure (printed on stdout), possibly empty
   */
  record PartialReply(boolean ok, boolean full, String detail) {}

  /**
   * The result of a find.
   *
   * @param ok whether the criteria were valid
   * @param r the matching vertices in the session's format, with a trailing newline; empty if none
   * @param error the diagnostics for stderr when not ok
   */
  record FindReply(boolean ok, String r, String error) {}

  /** The graph (for paths, properties, status and the load statistics). */
  ResourceGraph graph();

  /**
   * A command line was read: Fluxion's errno is then ENOTTY, whatever the matches before it left
   * (see {@link org.flux4j.policy.match.ResourceQuery#clearErrno()}).
   */
  default void newCommandLine() {}

  /** Matches {@code jobspec} (the file's text) as job {@code jobId}. */
  MatchReply match(Op op, String jobspec, long jobId);

  /**
   * Re-creates the allocation described by {@code text} (read with {@code reader}: jgf,
   * jgf_shorthand or rv1exec) as job {@code jobId} at {@code at} for {@code duration} seconds.
   */
  UpdateReply update(String reader, String text, long jobId, long at, long duration);

  /** Cancels a job that the session knows; returns whether the engine freed it. */
  boolean cancel(long jobId);

  /** Releases the part of allocation {@code jobId} described by {@code text}. */
  PartialReply partialCancel(long jobId, String reader, String text);

  /** Finds the vertices that satisfy {@code criteria}. */
  FindReply find(String criteria);

  /** Grows the graph by a JGF subgraph; returns null or the error detail (newline-terminated). */
  String attach(String jgf);

  /** Removes the subtree at a containment path; returns null or the error detail. */
  String removeSubgraph(String path);

  /**
   * Removes the vertices of the given ranks after releasing the allocations on them; returns null
   * or the full diagnostics for stderr.
   */
  String removeRanks(SortedSet<Long> ranks);

  /** Sets (replaces) a property on the vertices at {@code path}. */
  void setProperty(String path, String key, String value);

  /** Marks the vertex at {@code path} (and what the engine derives from it) up or down. */
  int markStatus(String path, boolean up);

  /** Vertices entered by the last traversal (match, cancel or partial cancel). */
  long preorderCount();

  /** Vertices finished by the last traversal. */
  long postorderCount();
}
