package org.flux4j.policy.jobspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code attributes.system} mapping of a jobspec: the keys Fluxion interprets, and the others
 * kept as plain Java values. Immutable.
 *
 * @param duration the requested run time in seconds; 0 when not given (Fluxion: run "forever")
 * @param hasDuration whether {@code duration} was given (RFC 25 V1 requires it)
 * @param queue the queue name, or ""
 * @param cwd the working directory, or ""
 * @param environment the environment variables, in document order
 * @param constraints the RFC 31 constraint, if given
 * @param other every other system key, as plain Java values (see {@link Attributes#user()})
 */
public record SystemAttributes(
    double duration,
    boolean hasDuration,
    String queue,
    String cwd,
    Map<String, String> environment,
    Optional<Constraint> constraints,
    Map<String, Object> other) {

  /** No system attributes at all. */
  public static final SystemAttributes EMPTY =
      new SystemAttributes(0, false, "", "", Map.of(), Optional.empty(), Map.of());

  /** Copies the maps into unmodifiable ones (document order preserved). */
  public SystemAttributes {
    queue = Objects.requireNonNullElse(queue, "");
    cwd = Objects.requireNonNullElse(cwd, "");
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    constraints = Objects.requireNonNullElse(constraints, Optional.empty());
    other = Collections.unmodifiableMap(new LinkedHashMap<>(other));
  }
}
