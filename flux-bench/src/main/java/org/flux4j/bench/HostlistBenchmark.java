package org.flux4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flux4j.graph.io.Hostlist;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A hostlist constraint tested at every node vertex, as a match does: {@link Hostlist#containsHost}
 * on a list parsed once (the index, no expansion) against what flux4j did before issue 17, which
 * expanded the hostlist text into a list of names at each test and searched it.
 *
 * <p>Run e.g. {@code java -jar flux-bench/target/benchmarks.jar HostlistBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HostlistBenchmark {
  /** How many nodes the constraint names: "node[0-(n-1)],login[1-2]". */
  @Param({"16", "1024"})
  public int hosts;

  private String text;
  private Hostlist parsed;
  private String[] probes;

  /** Builds the constraint text and the names tested (half in the list, half not). */
  @Setup
  public void setUp() {
    text = "node[0-" + (hosts - 1) + "],login[1-2]";
    parsed = Hostlist.decode(text);
    probes = new String[64];
    for (int i = 0; i < probes.length; i++) {
      probes[i] = "node" + (i * (2L * hosts) / probes.length);
    }
  }

  /** The test on the parsed list, as Constraints and jobspec constraints now do. */
  @Benchmark
  public void containsHost(Blackhole bh) {
    for (String p : probes) {
      bh.consume(parsed.containsHost(p));
    }
  }

  /** The former per-test expansion: decode, list every name, search. */
  @Benchmark
  public void expandPerTest(Blackhole bh) {
    for (String p : probes) {
      List<String> names = new ArrayList<>(Hostlist.decode(text));
      bh.consume(names.contains(p));
    }
  }
}
