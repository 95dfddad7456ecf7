package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every graph file of {@code shared/bench/graph-counts.tsv} against the counts Fluxion's
 * resource-query reports after loading it: vertices, edges, distinct types, names and (subsystem,
 * path) pairs, and ranked vertices. Rows whose format has no reader yet are aborted; {@code
 * load-error} rows must be refused. The subsystems column (the matcher's subsystems) does not
 * change what a reader loads and is not used.
 */
class GraphCountsTest {

  static Stream<Arguments> rows() throws IOException {
    Path tsv = SharedData.root().map(r -> r.resolve("bench/graph-counts.tsv")).orElse(null);
    if (tsv == null || !Files.exists(tsv)) {
      // one row that is skipped with SharedData's message, rather than an empty container
      return Stream.of(Arguments.of((Object) new String[] {"(shared/bench/graph-counts.tsv)"}));
    }
    List<String> lines = Files.readAllLines(tsv);
    List<Arguments> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arguments.of((Object) line.split("\t", -1)));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void read_matchesFluxionCounts(String[] row) {
    SharedData.require("bench/graph-counts.tsv");
    Path file = SharedData.require("conformance/flux-sched/" + row[0]);
    GraphFormat format =
        GraphFormat.byName(row[1])
            .orElseThrow(() -> new AssertionError("unknown format in graph-counts.tsv: " + row[1]));
    if (row[3].equals("load-error")) {
      try {
        GraphReaders.read(file, format);
      } catch (UnsupportedOperationException e) {
        abort(e.getMessage());
      } catch (GraphParseException e) {
        assertThat(e.source()).contains(file.getFileName().toString());
        return;
      }
      throw new AssertionError("Fluxion refuses " + row[0] + " but the reader loaded it");
    }
    ResourceGraph g = readOrAbort(file, format);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(g.vertexCount()).as("vertices").isEqualTo(Integer.parseInt(row[3]));
    soft.assertThat(g.edgeCount()).as("edges").isEqualTo(Integer.parseInt(row[4]));
    soft.assertThat(distinct(g, g::type)).as("by_type").isEqualTo(Integer.parseInt(row[5]));
    soft.assertThat(distinct(g, g::name)).as("by_name").isEqualTo(Integer.parseInt(row[6]));
    soft.assertThat(pathCount(g)).as("by_path").isEqualTo(Integer.parseInt(row[7]));
    soft.assertThat(rankedVertices(g)).as("ranked_vertices").isEqualTo(Integer.parseInt(row[8]));
    soft.assertAll();
  }

  private static ResourceGraph readOrAbort(Path file, GraphFormat format) {
    try {
      return GraphReaders.read(file, format);
    } catch (UnsupportedOperationException e) {
      return abort(e.getMessage());
    }
  }

  /** How many different values {@code attribute} takes over the live vertices. */
  private static int distinct(ResourceGraph g, IntFunction<String> attribute) {
    Set<String> s = new HashSet<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v)) {
        s.add(attribute.apply(v));
      }
    }
    return s.size();
  }

  /** Distinct (subsystem, path) pairs, former paths included (Fluxion's by_path index). */
  static int pathCount(ResourceGraph g) {
    Set<String> s = new HashSet<>();
    List<String> subs = g.subsystems();
    for (int sub = 0; sub < subs.size(); sub++) {
      for (int v = 0; v < g.vertexLimit(); v++) {
        if (g.isLive(v) && g.isMember(v, sub)) {
          s.add(subs.get(sub) + '\0' + g.path(v, sub));
          for (String former : g.formerPaths(v, sub)) {
            s.add(subs.get(sub) + '\0' + former);
          }
        }
      }
    }
    return s.size();
  }

  private static int rankedVertices(ResourceGraph g) {
    int n = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.rank(v) >= 0) {
        n++;
      }
    }
    return n;
  }
}
