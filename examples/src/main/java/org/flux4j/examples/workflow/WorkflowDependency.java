package org.flux4j.examples.workflow;

import java.util.List;

/**
 * One RFC 26 dependency of a workflow job on another, by name: {@code afterok:prepare}.
 *
 * @param type one of {@link #TYPES}
 * @param name the name of the job depended on
 * @param line the line of the dependency in the file (0 if not from a file)
 */
public record WorkflowDependency(String type, String name, int line) {
  /**
   * The RFC 26 job dependency types: {@code after} (alias {@code afterstart}: once it started),
   * {@code afterany} (once it ended), {@code afterok} (once it completed successfully), {@code
   * afternotok} (once it ended without success), {@code afterexcept} (once it ended with an
   * exception).
   */
  public static final List<String> TYPES =
      List.of("after", "afterstart", "afterany", "afterok", "afternotok", "afterexcept");

  /** The RFC 26 URI of this dependency on the job with id text {@code id}. */
  public String uri(String id) {
    return type + ":" + id;
  }
}
