package org.flux4j.policy.writer;

import java.io.IOException;
import org.flux4j.policy.match.ResourceSet;

/**
 * Writes the resources of one match (or find) in one of Fluxion's output formats, byte for byte as
 * resource-query prints them with {@code -F <name>}.
 *
 * <p>An empty set adds nothing, but like Fluxion's emit after a match that found nothing, writing
 * it still emits what the writer holds from earlier sets, and fails again where that failed before
 * (see {@link #lastError()}). Obtain one by name from {@link MatchWriters#byName}; each call there
 * returns a new instance. Like Fluxion's writers, an instance may keep state from one set to the
 * next (the shorthand JGF writers remember once they have left vertices out), so use one instance
 * per output stream and do not share it between threads.
 */
public interface MatchWriter {

  /** The format name, as given to resource-query's {@code -F}, e.g. "pretty_simple". */
  String name();

  /**
   * Appends the text for {@code set} to {@code out}, including the trailing newline Fluxion prints;
   * appends nothing if the set is empty or the format has nothing to say about it (e.g. R_lite for
   * a set without nodes).
   */
  void write(ResourceSet set, StringBuilder out);

  /**
   * Why the last {@link #write} failed as Fluxion's writer emit fails (it then returns -1 and
   * resource-query reports {@code match writer emit: <reason>}), or "" if it did not: "Invalid
   * argument" when an R_lite has no node with cores or gpus or a node has a negative rank, "No such
   * file or directory" when a JGF document has vertices but no edges (or edges but no vertices).
   */
  default String lastError() {
    return "";
  }

  /** As {@link #write(ResourceSet, StringBuilder)}, to any {@link Appendable}. */
  default void write(ResourceSet set, Appendable out) throws IOException {
    StringBuilder sb = new StringBuilder();
    write(set, sb);
    out.append(sb);
  }

  /** The text for {@code set} as a string ("" when nothing is written). */
  default String format(ResourceSet set) {
    StringBuilder sb = new StringBuilder();
    write(set, sb);
    return sb.toString();
  }
}
