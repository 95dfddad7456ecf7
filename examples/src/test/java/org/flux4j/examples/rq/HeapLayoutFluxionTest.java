package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flux4j.examples.rqdiff.Differ;
import org.flux4j.examples.rqdiff.FluxionBinary;
import org.flux4j.examples.rqdiff.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence behind the scenarios rq-diff skips as non-deterministic although Fluxion answers the
 * same on every run: each folder {@code src/test/resources/fluxion-heap/case-*} is a shrunk
 * scenario (laid out as the divergence cases) on which Fluxion's {@code -t} output changes when
 * only the spelling of the {@code -t} path changes ({@link Differ#heapShifted}), so its answer
 * depends on its memory layout. {@code expected.out} and {@code expected-shifted.out} hold the two
 * outputs recorded once. Runs only when {@code FLUXION_RQ} names Fluxion's resource-query (skipped
 * with a message otherwise).
 *
 * <p>case-307680 (rq-diff seed 307680): {@code remove} of a node in a graph with a power subsystem
 * erases the node's edges but leaves the power parent's out-edge entry for it in Fluxion's {@code
 * by_outedges}; the next select's explore reads that freed edge in {@code in_subsystem} (valgrind:
 * "Invalid read of size 1" at dfu_impl.cpp:51 from explore_dynamically), and whether the garbage
 * passes for a containment edge decides whether a child visit fails, hence the errno the match
 * leaves and the job counter.
 */
class HeapLayoutFluxionTest {
  @Test
  void fluxionsAnswer_changesWithItsHeapLayoutAlone(@TempDir Path tmp) throws IOException {
    Path ref = FluxionBinary.orSkip("heap-layout evidence");
    Path cases = ConformanceTest.repoRoot().resolve("examples/src/test/resources/fluxion-heap");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(cases)) {
      dirs = s.filter(p -> p.getFileName().toString().startsWith("case-")).sorted().toList();
    }
    assertThat(dirs).isNotEmpty();
    for (Path src : dirs) {
      Path dir = Files.createDirectories(tmp.resolve(src.getFileName()));
      try (Stream<Path> s = Files.list(src)) {
        for (Path f : s.toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      List<String> args =
          DivergenceRegressionTest.arguments(Files.readString(dir.resolve("run.sh")));
      Runs.Outcome plain = Runs.fluxion(ref, dir, args, 30_000);
      Runs.Outcome shifted = Runs.fluxion(ref, dir, Differ.heapShifted(args), 30_000);
      assertThat(plain.out()).as("%s", src).isEqualTo(read(src.resolve("expected.out")));
      assertThat(shifted.out()).as("%s", src).isEqualTo(read(src.resolve("expected-shifted.out")));
      assertThat(shifted.out()).as("%s", src).isNotEqualTo(plain.out());
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.ISO_8859_1);
  }
}
