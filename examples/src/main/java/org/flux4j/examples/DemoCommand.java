package org.flux4j.examples;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flux4j demo}: builds a preset virtual cluster in memory and prints what it holds. */
@Command(
    name = "demo",
    description = "Build a preset virtual cluster in memory and summarize it.",
    mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      defaultValue = "medium",
      paramLabel = "NAME",
      description = "tiny, small, medium (default), 10k or 16k")
  String preset;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ResourceGraph cluster;
    try {
      cluster = VirtualClusters.byName(preset);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("flux4j demo: " + e.getMessage());
      return 1;
    }
    Map<String, Integer> types = cluster.countByType();
    out.printf(
        Locale.ROOT,
        "virtual cluster %s (%s): %d vertices, %d edges%n",
        preset,
        cluster.name(cluster.roots()[0]),
        cluster.vertexCount(),
        cluster.edgeCount());
    types.forEach((type, n) -> out.printf(Locale.ROOT, "  %-8s %d%n", type, n));
    out.flush();
    return 0;
  }
}
