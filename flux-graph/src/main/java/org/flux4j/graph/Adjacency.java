package org.flux4j.graph;

/**
 * The out-edges of one subsystem in compressed sparse row form, for hot loops.
 *
 * <p>The out-edges of vertex {@code v} are the slots {@code start(v) <= i < end(v)}; {@link
 * #target(int)} gives the head of slot {@code i} and {@link #relation(int)} its interned relation.
 * Slots keep the order in which the edges were added, which is the order Fluxion's readers create
 * them and so the order its traversers visit children in. A snapshot: it does not change when the
 * graph is later grown or shrunk; ask the graph for a fresh one then. Safe to share between
 * threads.
 */
public final class Adjacency {
  private final int[] offsets;
  private final int[] targets;
  private final int[] relations;

  Adjacency(int[] offsets, int[] targets, int[] relations) {
    this.offsets = offsets;
    this.targets = targets;
    this.relations = relations;
  }

  /** The first slot of {@code v}'s out-edges. */
  public int start(int v) {
    return offsets[v];
  }

  /** One past the last slot of {@code v}'s out-edges. */
  public int end(int v) {
    return offsets[v + 1];
  }

  /** The out-degree of {@code v}. */
  public int degree(int v) {
    return offsets[v + 1] - offsets[v];
  }

  /** The head vertex of slot {@code i}. */
  public int target(int i) {
    return targets[i];
  }

  /** The interned relation of slot {@code i} (see {@link ResourceGraph#relationName(int)}). */
  public int relation(int i) {
    return relations[i];
  }

  /** How many edges this adjacency holds. */
  public int edgeCount() {
    return targets.length;
  }
}
