package org.flux4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flux4j graph}: loads a graph file or builds a preset virtual cluster and reports its size
 * (vertices and edges in total, per type and per subsystem, ranks), the load time and the heap the
 * graph retains.
 */
@Command(
    name = "graph",
    description = {
      "Load a resource graph (a file, or a preset virtual cluster) and report its size,",
      "load time and retained heap."
    },
    customSynopsis =
        "flux4j graph (FILE [--format grug|jgf|jgf_shorthand|hwloc|rv1exec] | --preset NAME) [--json]",
    mixinStandardHelpOptions = true)
public final class GraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the graph file")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "grug",
      paramLabel = "FORMAT",
      description = "grug (default), jgf, jgf_shorthand, hwloc, rv1exec or rv1exec_force")
  String format;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "a preset virtual cluster: tiny, small, medium, 10k or 16k")
  String preset;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ((file == null) == (preset == null)) {
      throw new ParameterException(spec.commandLine(), "give either a FILE or --preset NAME");
    }
    GraphFormat fmt = null;
    if (file != null) {
      fmt =
          GraphFormat.byName(format)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(), "unknown format '" + format + "'"));
      if (!Files.isRegularFile(file)) {
        return fail("no such file: " + file);
      }
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedHeapAfterGc(memory);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    ResourceGraph graph;
    try {
      graph = file != null ? GraphReaders.read(file, fmt) : VirtualClusters.byName(preset);
    } catch (GraphParseException | UnsupportedOperationException | IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    // the graph stays reachable through the measurement: Summary.of reads it afterwards
    long heap = Math.max(0, usedHeapAfterGc(memory) - before);
    Summary s = Summary.of(graph);
    String what = file != null ? file.toString() : "preset " + preset;
    String fmtName = file != null ? fmt.cliName() : "preset";
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(s.toJson(what, fmtName, seconds, cpuSeconds, heap));
    } else {
      s.print(out, what, fmtName, seconds, cpuSeconds, heap);
    }
    out.flush();
    return 0;
  }

  private int fail(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("flux4j graph: " + message.replace('\n', ' '));
    err.flush();
    return 1;
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** The counts that {@code flux4j graph} reports. */
  static final class Summary {
    final int vertices;
    final int edges;
    final int ranks;
    final Map<String, Integer> byType;
    final Map<String, int[]> bySubsystem;

    private Summary(
        int vertices,
        int edges,
        int ranks,
        Map<String, Integer> byType,
        Map<String, int[]> bySubsystem) {
      this.vertices = vertices;
      this.edges = edges;
      this.ranks = ranks;
      this.byType = byType;
      this.bySubsystem = bySubsystem;
    }

    static Summary of(ResourceGraph g) {
      IntHashSet ranks = new IntHashSet();
      for (int v = 0; v < g.vertexLimit(); v++) {
        if (g.isLive(v) && g.rank(v) >= 0) {
          ranks.add(g.rank(v));
        }
      }
      Map<String, int[]> bySubsystem = new LinkedHashMap<>();
      List<String> subsystems = g.subsystems();
      for (int s = 0; s < subsystems.size(); s++) {
        int members = 0;
        for (int v = 0; v < g.vertexLimit(); v++) {
          if (g.isLive(v) && g.isMember(v, s)) {
            members++;
          }
        }
        bySubsystem.put(subsystems.get(s), new int[] {members, g.edgeCount(s)});
      }
      return new Summary(
          g.vertexCount(), g.edgeCount(), ranks.size(), g.countByType(), bySubsystem);
    }

    String toJson(String source, String format, double seconds, double cpu, long heap) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode o = mapper.createObjectNode();
      o.put("source", source);
      o.put("format", format);
      o.put("vertices", vertices);
      o.put("edges", edges);
      o.put("ranks", ranks);
      o.put("load_seconds", Math.round(seconds * 1e6) / 1e6);
      o.put("load_cpu_seconds", Math.round(cpu * 1e6) / 1e6);
      o.put("heap_bytes", heap);
      ObjectNode types = o.putObject("by_type");
      byType.forEach(types::put);
      ObjectNode subs = o.putObject("by_subsystem");
      bySubsystem.forEach(
          (name, c) -> subs.putObject(name).put("vertices", c[0]).put("edges", c[1]));
      return o.toString();
    }

    void print(
        PrintWriter out, String source, String format, double seconds, double cpu, long heap) {
      out.printf(Locale.ROOT, "graph:        %s (%s)%n", source, format);
      out.printf(Locale.ROOT, "vertices:     %d%n", vertices);
      out.printf(Locale.ROOT, "edges:        %d%n", edges);
      out.printf(Locale.ROOT, "ranks:        %d%n", ranks);
      out.printf(Locale.ROOT, "load seconds: %.3f (%.3f CPU seconds)%n", seconds, cpu);
      out.printf(Locale.ROOT, "heap bytes:   %d (%.1f MiB)%n", heap, heap / (1024.0 * 1024.0));
      out.println("by type:");
      byType.forEach((t, n) -> out.printf(Locale.ROOT, "  %-12s %d%n", t, n));
      out.println("by subsystem:");
      bySubsystem.forEach(
          (s, c) -> out.printf(Locale.ROOT, "  %-12s %d vertices, %d edges%n", s, c[0], c[1]));
    }
  }
}
