package org.flux4j.policy.writer;

import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "simple" and "pretty_simple" writers: one line per vertex, {@code
 * <indent><name>[<count> :<mode>]}. The indent is six spaces and three dashes per level of
 * containment depth (the root is level 1), plus the entry's {@link ResourceSet#levelShift(int)
 * level shift}. "simple" writes the set's (post-)order with modes x/s; "pretty_simple" writes the
 * lines in exactly the reverse order with modes exclusive/shared.
 */
final class SimpleMatchWriter implements MatchWriter {
  private final boolean pretty;

  SimpleMatchWriter(boolean pretty) {
    this.pretty = pretty;
  }

  @Override
  public String name() {
    return pretty ? "pretty_simple" : "simple";
  }

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    int n = set.size();
    if (pretty) {
      for (int i = n - 1; i >= 0; i--) {
        line(set, i, out);
      }
    } else {
      for (int i = 0; i < n; i++) {
        line(set, i, out);
      }
    }
  }

  private void line(ResourceSet set, int i, StringBuilder out) {
    ResourceGraph g = set.graph();
    int v = set.vertex(i);
    out.append("      ");
    for (int d = depth(g, v, set.dominantSubsystem()) + set.levelShift(i); d > 0; d--) {
      out.append("---");
    }
    out.append(g.name(v)).append('[').append(set.count(i)).append(':');
    if (pretty) {
      out.append(set.exclusive(i) ? "exclusive" : "shared");
    } else {
      out.append(set.exclusive(i) ? 'x' : 's');
    }
    out.append("]\n");
  }

  /** The level of {@code v} in subsystem {@code s}: 1 for a root. O(depth). */
  static int depth(ResourceGraph g, int v, int s) {
    int d = 1;
    for (int p = g.pathParent(v, s); p != ResourceGraph.NONE; p = g.pathParent(p, s)) {
      d++;
    }
    return d;
  }
}
