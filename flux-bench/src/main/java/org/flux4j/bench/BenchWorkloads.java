package org.flux4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ResourceRequest.Item;

/**
 * The workloads of ../shared/bench (FLUXION.md): the generated clusters and the four jobspecs,
 * shared by the benchmarks so that every figure is measured on exactly Fluxion's inputs.
 */
final class BenchWorkloads {
  /** The duration of every benchmark jobspec (attributes.system.duration). */
  static final long DURATION = 3600;

  private BenchWorkloads() {}

  /**
   * The folder holding grugs/, jobspecs/ and cmds/: the system property {@code flux4j.bench.dir},
   * else the first {@code shared/bench} found walking up from the working directory.
   */
  static Path benchDir() {
    String prop = System.getProperty("flux4j.bench.dir");
    if (prop != null) {
      return Paths.get(prop);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared").resolve("bench");
      if (Files.isDirectory(c.resolve("grugs"))) {
        return c;
      }
    }
    throw new IllegalStateException(
        "cannot find shared/bench above "
            + Paths.get("").toAbsolutePath()
            + ": set -Dflux4j.bench.dir=/path/to/shared/bench");
  }

  /** Loads grugs/{@code name}.graphml (n100, n1k or n10k). */
  static ResourceGraph graph(String name) {
    return GraphReaders.read(
        benchDir().resolve("grugs").resolve(name + ".graphml"), GraphFormat.GRUG);
  }

  /** The jobspec of that name as a request, equal to jobspecs/{@code name}.yaml. */
  static ResourceRequest request(String name) {
    switch (name) {
      case "core1":
        return ResourceRequest.of(DURATION, Item.slot(1, "default", Item.of("core", 1)));
      case "node_x1":
        return ResourceRequest.of(DURATION, Item.slot(1, "default", Item.of("node", 1)));
      case "slot_2c1g":
        return ResourceRequest.of(
            DURATION, Item.slot(1, "default", Item.of("core", 2), Item.of("gpu", 1)));
      case "node4_socket2":
        return ResourceRequest.of(
            DURATION,
            Item.of("node", 4, Item.slot(1, "default", Item.of("socket", 2, Item.of("core", 22)))));
      default:
        throw new IllegalArgumentException("unknown bench jobspec " + name);
    }
  }
}
