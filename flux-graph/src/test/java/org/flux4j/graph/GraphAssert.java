package org.flux4j.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Assertions over whole resource graphs. */
public final class GraphAssert {
  private GraphAssert() {}

  /** One line per vertex with every attribute and path, for readable diffs. */
  public static List<String> describeVertices(ResourceGraph g) {
    List<String> out = new ArrayList<>(g.vertexLimit());
    List<String> subs = g.subsystems();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      sb.append(g.uniqId(v))
          .append(' ')
          .append(g.type(v))
          .append(' ')
          .append(g.basename(v))
          .append(' ')
          .append(g.name(v))
          .append(" id=")
          .append(g.id(v))
          .append(" rank=")
          .append(g.rank(v))
          .append(" size=")
          .append(g.size(v))
          .append(g.unit(v));
      for (int s = 0; s < subs.size(); s++) {
        if (g.isMember(v, s)) {
          sb.append(' ').append(subs.get(s)).append(':').append(g.path(v, s));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** One line per edge, per subsystem in insertion order. */
  public static List<String> describeEdges(ResourceGraph g) {
    List<String> out = new ArrayList<>();
    List<String> subs = g.subsystems();
    for (int s = 0; s < subs.size(); s++) {
      String name = subs.get(s);
      g.forEachEdge(
          s,
          (a, b, rel) ->
              out.add(name + ' ' + g.uniqId(a) + "->" + g.uniqId(b) + ' ' + g.relationName(rel)));
    }
    return out;
  }

  private static void assertSameLines(List<String> actual, List<String> expected) {
    if (!actual.equals(expected)) {
      int i = 0;
      while (i < actual.size() && i < expected.size() && actual.get(i).equals(expected.get(i))) {
        i++;
      }
      assertThat(actual.subList(i, Math.min(actual.size(), i + 5)))
          .as("first difference at line %d", i)
          .isEqualTo(expected.subList(i, Math.min(expected.size(), i + 5)));
      assertThat(actual).hasSameSizeAs(expected);
    }
  }

  /** Asserts that two graphs have the same vertices (all attributes and paths) and edges. */
  public static void assertSameGraph(ResourceGraph actual, ResourceGraph expected) {
    assertThat(actual.vertexCount()).isEqualTo(expected.vertexCount());
    assertSameLines(describeVertices(actual), describeVertices(expected));
    assertSameLines(describeEdges(actual), describeEdges(expected));
  }
}
