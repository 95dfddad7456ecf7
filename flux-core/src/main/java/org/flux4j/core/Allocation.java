package org.flux4j.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The resources allocated to one job: its slots, each on one node (execution target), with the
 * logical ids of the cores and GPUs it holds, and the graph vertices behind them. Immutable and
 * thread-safe.
 */
public final class Allocation {
  private final List<Slot> slots;
  private final int[] ranks;
  private final int[] vertices;

  /**
   * An allocation.
   *
   * @param slots the slots, in task order
   * @param vertices every graph vertex allocated (nodes held whole, cores, GPUs), ascending
   */
  public Allocation(List<Slot> slots, int[] vertices) {
    this.slots = List.copyOf(slots);
    this.vertices = vertices.clone();
    Arrays.sort(this.vertices);
    int[] r = new int[this.slots.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = this.slots.get(i).rank;
    }
    Arrays.sort(r);
    int n = 0;
    for (int i = 0; i < r.length; i++) {
      if (n == 0 || r[n - 1] != r[i]) {
        r[n++] = r[i];
      }
    }
    this.ranks = Arrays.copyOf(r, n);
  }

  /** The slots, in task order. */
  public List<Slot> slots() {
    return slots;
  }

  /** The distinct execution target ranks, ascending. */
  public int[] ranks() {
    return ranks.clone();
  }

  /** How many distinct nodes the allocation spans. */
  public int nnodes() {
    return ranks.length;
  }

  /** Whether {@code rank} is one of the allocation's execution targets. */
  public boolean hasRank(int rank) {
    return Arrays.binarySearch(ranks, rank) >= 0;
  }

  /** Every allocated graph vertex, ascending (a copy). */
  public int[] vertices() {
    return vertices.clone();
  }

  /** The total number of cores. */
  public int coreCount() {
    int n = 0;
    for (Slot s : slots) {
      n += s.cores.length;
    }
    return n;
  }

  /** The total number of GPUs. */
  public int gpuCount() {
    int n = 0;
    for (Slot s : slots) {
      n += s.gpus.length;
    }
    return n;
  }

  @Override
  public String toString() {
    return "Allocation" + slots;
  }

  /** One slot: cores and GPUs on one node. Immutable. */
  public static final class Slot {
    private final int rank;
    private final String hostname;
    private final int[] cores;
    private final int[] gpus;

    /**
     * A slot.
     *
     * @param rank the node's execution target rank
     * @param hostname the node's name
     * @param cores logical ids of the cores (their ids within the graph)
     * @param gpus logical ids of the GPUs
     */
    public Slot(int rank, String hostname, int[] cores, int[] gpus) {
      this.rank = rank;
      this.hostname = Objects.requireNonNull(hostname, "hostname");
      this.cores = cores.clone();
      this.gpus = gpus.clone();
    }

    /** The node's execution target rank. */
    public int rank() {
      return rank;
    }

    /** The node's name. */
    public String hostname() {
      return hostname;
    }

    /** The logical core ids (a copy). */
    public int[] cores() {
      return cores.clone();
    }

    /** The logical GPU ids (a copy). */
    public int[] gpus() {
      return gpus.clone();
    }

    @Override
    public String toString() {
      return "rank" + rank + "/core" + Arrays.toString(cores) + "/gpu" + Arrays.toString(gpus);
    }
  }
}
