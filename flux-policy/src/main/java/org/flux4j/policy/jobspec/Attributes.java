package org.flux4j.policy.jobspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code attributes} of a jobspec: {@code system} (interpreted) and {@code user} (opaque).
 *
 * <p>Opaque values are plain Java values: {@code Map<String, Object>} (document order), {@code
 * List<Object>}, {@code String}, {@code Long} or {@code BigInteger}, {@code Double}, {@code
 * Boolean}, and {@code null} for a YAML/JSON null; all collections unmodifiable. Fluxion accepts
 * any value for {@code user}; one that is not a mapping is kept under the key "".
 *
 * @param system the system attributes
 * @param user the user attributes (empty when not given)
 */
public record Attributes(SystemAttributes system, Map<String, Object> user) {
  /** No attributes. */
  public static final Attributes EMPTY = new Attributes(SystemAttributes.EMPTY, Map.of());

  /** Copies the user map into an unmodifiable one. */
  public Attributes {
    Objects.requireNonNull(system, "system");
    user = Collections.unmodifiableMap(new LinkedHashMap<>(user));
  }
}
