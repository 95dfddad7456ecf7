package org.flux4j.graph;

import java.util.List;
import java.util.Locale;

/**
 * Named virtual clusters shared by tests, benchmarks and examples.
 *
 * <ul>
 *   <li>{@code tiny}, {@code small}, {@code medium}: exactly the graphs of flux-sched's {@code
 *       tiny.graphml} (100 vertices), {@code small.graphml} (378) and {@code medium.graphml}
 *       (3,533) recipes: same vertices, names, ids, uniq_ids, ranks and paths.
 *   <li>{@code 10k}: cluster0 → 200 racks → 50 nodes → 2 sockets → {22 cores, 1 gpu, 1 memory of 96
 *       GB}: 10,000 nodes, 440,000 cores, 510,201 vertices (the benchmark recipe {@code
 *       n10k.graphml}).
 *   <li>{@code 16k}: cluster0 → 128 racks → 128 nodes → 2 sockets → {32 cores, 2 gpus, 16 memory of
 *       16 GB}: 16,384 nodes with 64 cores and 4 GPUs each; 1 + 128 + 16,384 × 103 = 1,687,681
 *       vertices and 1,687,680 edges.
 * </ul>
 *
 * <p>Each call builds a new graph. Thread-safe.
 */
public final class VirtualClusters {
  /** The preset names, smallest first. */
  public static final List<String> NAMES = List.of("tiny", "small", "medium", "10k", "16k");

  private VirtualClusters() {}

  /**
   * Builds the preset with this name (case-insensitive).
   *
   * @throws IllegalArgumentException if there is no such preset
   */
  public static ResourceGraph byName(String name) {
    return recipe(name).build();
  }

  /**
   * The builder of the preset with this name, to build or extend.
   *
   * @throws IllegalArgumentException if there is no such preset
   */
  public static VirtualCluster.Level recipe(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny":
        return tinyRecipe();
      case "small":
        return smallRecipe();
      case "medium":
        return mediumRecipe();
      case "10k":
        return nodes10kRecipe();
      case "16k":
        return nodes16kRecipe();
      default:
        throw new IllegalArgumentException(
            "no virtual cluster preset '" + name + "'; the presets are " + NAMES);
    }
  }

  /** flux-sched's tiny.graphml: 1 rack, 2 nodes, 2 sockets each of 18 cores, 1 gpu, 4 x 2 GB. */
  public static ResourceGraph tiny() {
    return tinyRecipe().build();
  }

  /** flux-sched's small.graphml: 1 rack, 8 nodes, 2 sockets each of 18 cores and 4 x 32 GB. */
  public static ResourceGraph small() {
    return smallRecipe().build();
  }

  /** flux-sched's medium.graphml: 4 racks of 18 nodes, 2 sockets of 18 cores, 1 gpu, 4 x 32 GB. */
  public static ResourceGraph medium() {
    return mediumRecipe().build();
  }

  /** 10,000 nodes (510,201 vertices), as the benchmark recipe n10k.graphml. */
  public static ResourceGraph nodes10k() {
    return nodes10kRecipe().build();
  }

  /** 16,384 nodes of 64 cores and 4 GPUs (1,687,681 vertices). */
  public static ResourceGraph nodes16k() {
    return nodes16kRecipe().build();
  }

  private static VirtualCluster.Level fluxionShape(
      String basename,
      int racks,
      int nodesPerRack,
      int coresPerSocket,
      int gpusPerSocket,
      int memoriesPerSocket,
      long memorySize) {
    return VirtualCluster.builder("cluster")
        .basename(basename)
        .child(
            "rack",
            racks,
            rack ->
                rack.child(
                    "node",
                    nodesPerRack,
                    node ->
                        node.idScope(1)
                            .child(
                                "socket",
                                2,
                                socket -> {
                                  socket.child("core", coresPerSocket, c -> c.idScope(1));
                                  if (gpusPerSocket > 0) {
                                    socket.child("gpu", gpusPerSocket, g -> g.idScope(1));
                                  }
                                  socket.child(
                                      "memory",
                                      memoriesPerSocket,
                                      m -> m.idScope(1).size(memorySize).unit("GB"));
                                })));
  }

  private static VirtualCluster.Level tinyRecipe() {
    return fluxionShape("tiny", 1, 2, 18, 1, 4, 2);
  }

  private static VirtualCluster.Level smallRecipe() {
    return fluxionShape("small", 1, 8, 18, 0, 4, 32);
  }

  private static VirtualCluster.Level mediumRecipe() {
    return fluxionShape("medium", 4, 18, 18, 1, 4, 32);
  }

  private static VirtualCluster.Level nodes10kRecipe() {
    return fluxionShape("cluster", 200, 50, 22, 1, 1, 96);
  }

  private static VirtualCluster.Level nodes16kRecipe() {
    return fluxionShape("cluster", 128, 128, 32, 2, 16, 16);
  }
}
