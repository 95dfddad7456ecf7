package org.flux4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualClusters;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading resource graphs: reading the benchmark GRUG recipes (Fluxion's resource-query loads
 * n10k.graphml, 510,201 vertices, in 2.53 s; see shared/bench/FLUXION.md) and building the preset
 * virtual clusters.
 *
 * <p>Single-shot: each invocation builds a whole graph. Run e.g. {@code java -jar
 * flux-bench/target/benchmarks.jar GraphLoadBenchmark -f 1 -wi 2 -i 3}; the recipes are found in
 * {@code shared/bench/grugs} above the working directory, or under {@code -Dflux4j.shared=DIR}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g"})
public class GraphLoadBenchmark {

  /** Which recipe file to read. */
  @State(Scope.Benchmark)
  public static class RecipeFile {
    /** The benchmark recipe, under shared/bench/grugs. */
    @Param({"n10k.graphml"})
    public String recipe;

    Path file;

    /** Locates the recipe file. */
    @Setup
    public void locate() {
      file = shared().resolve("bench/grugs").resolve(recipe);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("benchmark recipe not found: " + file);
      }
    }
  }

  /** Which preset to build. */
  @State(Scope.Benchmark)
  public static class Preset {
    /** The preset virtual cluster to build. */
    @Param({"10k", "16k"})
    public String preset;
  }

  /** Reads and expands the GRUG recipe. */
  @Benchmark
  public ResourceGraph readGrug(RecipeFile r) {
    return GraphReaders.read(r.file, GraphFormat.GRUG);
  }

  /** Builds the preset virtual cluster. */
  @Benchmark
  public ResourceGraph buildPreset(Preset p) {
    return VirtualClusters.byName(p.preset);
  }

  static Path shared() {
    String configured = System.getProperty("flux4j.shared");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("bench"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no shared/bench above " + Path.of("").toAbsolutePath());
  }
}
