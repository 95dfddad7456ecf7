package org.flux4j.graph.io;

import java.util.Locale;
import java.util.Optional;

/** The graph file formats that flux4j reads, by the names Fluxion's {@code -f} option uses. */
public enum GraphFormat {
  /** A GRUG GraphML recipe, expanded into a graph. */
  GRUG("grug"),
  /** Fluxion's JSON Graph Format. */
  JGF("jgf"),
  /** JGF as written by Fluxion's shorthand writer (exclusively allocated node contents omitted). */
  JGF_SHORTHAND("jgf_shorthand"),
  /** hwloc XML of one node. */
  HWLOC("hwloc"),
  /**
   * RFC 20 R version 1, built from its execution key as resource-query does (the Fluxion module
   * prefers a complete scheduling key: {@link Rv1ExecReader#readPreferringScheduling}).
   */
  RV1EXEC("rv1exec"),
  /** RFC 20 R version 1, built from its execution key only. */
  RV1EXEC_FORCE("rv1exec_force");

  private final String cliName;

  GraphFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name Fluxion's tools use, e.g. "jgf_shorthand". */
  public String cliName() {
    return cliName;
  }

  /** The format with this name (case-insensitive), if any. */
  public static Optional<GraphFormat> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (GraphFormat f : values()) {
      if (f.cliName.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
