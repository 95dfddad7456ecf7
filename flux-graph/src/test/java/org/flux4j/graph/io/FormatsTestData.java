package org.flux4j.graph.io;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.ResourceGraph;

/** Locates Fluxion's conformance data and computes the counts resource-query -e reports. */
final class FormatsTestData {

  private FormatsTestData() {}

  /** A file under flux-sched's root; the test is skipped when the data is not present. */
  static Path file(String relative) {
    Path root =
        SharedData.root()
            .map(r -> r.resolve("conformance/flux-sched"))
            .orElse(Path.of("/nonexistent"));
    Path p = root.resolve(relative);
    assumeThat(Files.isRegularFile(p)).as("conformance data %s", p).isTrue();
    return p;
  }

  /** vertices, edges, by_type, by_name, by_path, ranked vertices, as in graph-counts.tsv. */
  static long[] counts(ResourceGraph g) {
    Set<String> types = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<String> paths = new HashSet<>();
    long ranked = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      types.add(g.type(v));
      names.add(g.name(v));
      for (int s = 0; s < g.subsystems().size(); s++) {
        if (g.isMember(v, s)) {
          paths.add(g.path(v, s));
        }
      }
      if (g.rank(v) != -1) {
        ranked++;
      }
    }
    return new long[] {
      g.vertexCount(), g.edgeCount(), types.size(), names.size(), paths.size(), ranked
    };
  }
}
