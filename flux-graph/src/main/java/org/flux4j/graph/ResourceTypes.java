package org.flux4j.graph;

import java.util.List;

/** Resource type names with a fixed meaning in Fluxion. */
public final class ResourceTypes {
  /**
   * The types Fluxion's resource schema knows before any graph is loaded, in its declaration order
   * (flux-sched resource/schema/data_std.cpp). A jobspec may ask for these even when the graph has
   * none; their order is also the order of Fluxion's interned type ids.
   */
  public static final List<String> FLUXION_BUILTIN =
      List.of(
          "cluster",
          "core",
          "socket",
          "gpu",
          "node",
          "rack",
          "slot",
          "xor_slot",
          "ssd",
          "storage_node");

  private ResourceTypes() {}
}
