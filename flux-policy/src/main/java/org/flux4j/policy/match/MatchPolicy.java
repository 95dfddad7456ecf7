package org.flux4j.policy.match;

import org.flux4j.graph.ResourceGraph;

/**
 * How the traverser ranks candidate resources: the SPI behind Fluxion's match callbacks ({@code
 * dfu_match_cb_t}).
 *
 * <p>After the traverser has matched a vertex {@code v} (its subtree meets the request), it asks
 * {@link #score} for the vertex's score; among the candidates of one type under one parent it then
 * takes the best ones first: the highest scores when {@link #higherFirst()} is true, else the
 * lowest. A vertex may contribute a {@link #factor} to the scores of everything below it (Fluxion's
 * multi-level score factors: with {@code node_centric=true} a node contributes so that resources
 * pack by node). Implementations must be stateless and thread-safe (one instance may be shared by
 * many {@link ResourceQuery} objects) and must not allocate: they run in the inner loop.
 *
 * <p>Register a custom policy with {@link MatchPolicies#register} or a {@link
 * MatchPolicies.Provider} found by {@link java.util.ServiceLoader}.
 */
public interface MatchPolicy {
  /** The name under which the policy was created (e.g. "first", or a custom attribute string). */
  String name();

  /** Whether higher scores are preferred (Fluxion's {@code fold::greater}) or lower ones. */
  boolean higherFirst();

  /**
   * The score of matched vertex {@code v} whose ancestors contributed {@code ancestorFactors} (the
   * sum of their {@link #factor}s). Fluxion's id policies return {@code 1 + ancestorFactors + id +
   * 1}.
   */
  long score(ResourceGraph graph, int v, long ancestorFactors);

  /**
   * What vertex {@code v} adds to the scores of the vertices below it; 0 for most policies.
   * Negative values are not allowed.
   */
  default long factor(ResourceGraph graph, int v) {
    return 0;
  }

  /** Whether the search stops at the first complete match instead of scoring all candidates. */
  default boolean stopOnFirstMatch() {
    return false;
  }

  /**
   * Whether every vertex of the interned type {@code typeName} that contributes to a match is taken
   * exclusively, with everything below it (Fluxion's {@code node_exclusive=true} for "node").
   */
  default boolean isExclusiveType(String typeName) {
    return false;
  }

  /**
   * The ordering used when the top-level request is chosen among all candidates of the graph
   * (Fluxion's {@code dom_finish_graph}); by default {@link #higherFirst()}.
   */
  default boolean higherFirstAtTop() {
    return higherFirst();
  }

  /**
   * The ordering used inside a slot (Fluxion's {@code dom_finish_slot}); by default {@link
   * #higherFirst()}.
   */
  default boolean higherFirstInSlots() {
    return higherFirst();
  }

  /**
   * Whether candidates whose scores tie keep the order the traversal met them in (a stable sort);
   * false by default, as in Fluxion. A flux4j extension, not in Fluxion: Fluxion orders candidates
   * with {@code std::sort}, which is not stable, and flux4j replays that sort move by move so that
   * tied candidates come out as Fluxion's do. A policy that answers true gives up that identity
   * wherever scores tie, for speed: choosing the best few of many tied candidates then needs one
   * scan instead of a replay of the sort (one core under {@code high} on a 10,000-node graph). The
   * built-in id policies take it as the option {@code stable_ties=true}.
   */
  default boolean stableTies() {
    return false;
  }

  /**
   * Whether the top-level candidates are ranked by locality (Fluxion's {@code locality} policy:
   * contiguous intervals of scores first). Only the built-in locality policy returns true.
   */
  default boolean localityRanking() {
    return false;
  }
}
