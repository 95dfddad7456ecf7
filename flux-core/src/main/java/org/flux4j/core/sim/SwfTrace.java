package org.flux4j.core.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed SWF trace: its header comments, its job records in file order, and the lines that were
 * skipped as malformed (when not read strictly).
 *
 * @param source the file name or label
 * @param header the {@code ; Key: value} header comments, in file order
 * @param jobs the job records, in file order
 * @param skipped one message per skipped line ("line N: problem")
 */
public record SwfTrace(
    String source, Map<String, String> header, List<SwfJob> jobs, List<String> skipped) {

  /** Copies the collections. */
  public SwfTrace {
    header = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(header));
    jobs = List.copyOf(jobs);
    skipped = List.copyOf(skipped);
  }

  /** The value of a header key (case-sensitive, as written), if present. */
  public Optional<String> headerValue(String key) {
    return Optional.ofNullable(header.get(key));
  }

  /** The header's MaxNodes, if present and a positive number. */
  public OptionalLong maxNodes() {
    return positive("MaxNodes");
  }

  /** The header's MaxProcs, if present and a positive number. */
  public OptionalLong maxProcs() {
    return positive("MaxProcs");
  }

  private OptionalLong positive(String key) {
    String v = header.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(v.trim().split("\\s+", 0)[0]);
      return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
