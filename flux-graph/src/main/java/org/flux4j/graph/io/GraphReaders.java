package org.flux4j.graph.io;

import java.nio.file.Path;
import java.util.Set;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;

/**
 * Reads a resource graph file in any of the {@link GraphFormat}s, choosing the reader by format
 * (Fluxion's {@code -f} option).
 *
 * <p>Every reader either returns a complete graph or throws {@link GraphParseException} naming the
 * source, the location and the problem. A format whose reader is not available throws {@link
 * UnsupportedOperationException}. Stateless and thread-safe.
 */
public final class GraphReaders {
  private GraphReaders() {}

  /**
   * Reads a graph file.
   *
   * @throws GraphParseException if the file cannot be read or is not valid in that format
   * @throws UnsupportedOperationException if no reader for the format is available
   */
  public static ResourceGraph read(Path file, GraphFormat format) {
    return read(file, format, Set.of());
  }

  /**
   * Reads a graph file, keeping only the given hwloc object types (Fluxion's {@code -W}; an empty
   * set keeps the reader's default types; ignored by the other formats).
   */
  public static ResourceGraph read(Path file, GraphFormat format, Set<String> hwlocTypes) {
    switch (format) {
      case GRUG:
        return GrugReader.read(file);
      case JGF:
      case JGF_SHORTHAND:
        return JgfReader.read(file);
      case HWLOC:
        return HwlocReader.read(file, hwlocAllowList(hwlocTypes));
      case RV1EXEC:
      case RV1EXEC_FORCE:
        return Rv1ExecReader.read(file);
      default:
        throw new UnsupportedOperationException(format.cliName() + " reader is not available yet");
    }
  }

  /** resource-query's -W: "cluster," followed by the user's types; "" (everything) when none. */
  private static String hwlocAllowList(Set<String> hwlocTypes) {
    return hwlocTypes.isEmpty()
        ? ""
        : HwlocReader.resourceQueryAllowList(String.join(",", new java.util.TreeSet<>(hwlocTypes)));
  }

  /**
   * Reads a graph from a string.
   *
   * @param content the file's content
   * @param sourceName the name used in error messages
   */
  public static ResourceGraph read(String content, String sourceName, GraphFormat format) {
    return read(content, sourceName, format, Set.of());
  }

  /** Reads a graph from a string, keeping only the given hwloc types (see above). */
  public static ResourceGraph read(
      String content, String sourceName, GraphFormat format, Set<String> hwlocTypes) {
    java.io.InputStream in =
        new java.io.ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    switch (format) {
      case GRUG:
        return GrugReader.read(content, sourceName);
      case JGF:
      case JGF_SHORTHAND:
        return JgfReader.read(sourceName, in);
      case HWLOC:
        return HwlocReader.read(sourceName, in, hwlocAllowList(hwlocTypes));
      case RV1EXEC:
      case RV1EXEC_FORCE:
        return Rv1ExecReader.read(sourceName, in);
      default:
        throw new UnsupportedOperationException(format.cliName() + " reader is not available yet");
    }
  }
}
