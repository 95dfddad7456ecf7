package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.core.JobId;

/**
 * One parsed RFC 26 dependency, from its URI form {@code scheme:value}. Schemes: {@code after}
 * (alias {@code afterstart}), {@code afterany}, {@code afterok}, {@code afternotok}, {@code
 * afterexcept}, {@code begin-time} (value: seconds since the epoch) and {@code singleton} (no
 * value). Immutable.
 *
 * @param scheme the canonical scheme name
 * @param target the antecedent job for the {@code after*} schemes, else null
 * @param beginMillis the begin time for {@code begin-time}, else 0
 * @param description the text of the {@code dependency-add} and {@code dependency-remove} events
 */
public record Dependency(String scheme, JobId target, long beginMillis, String description) {

  /**
   * Parses every dependency URI.
   *
   * @throws IllegalArgumentException naming the URI and what is wrong with it
   */
  public static List<Dependency> parseAll(List<String> uris) {
    List<Dependency> out = new ArrayList<>(uris.size());
    for (String u : uris) {
      out.add(parse(u));
    }
    return out;
  }

  /** Parses one dependency URI. */
  public static Dependency parse(String uri) {
    String s = uri.strip();
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int colon = s.indexOf(':');
    String scheme = colon < 0 ? s : s.substring(0, colon);
    String value = colon < 0 ? "" : s.substring(colon + 1);
    switch (scheme) {
      case "singleton":
        if (!value.isEmpty()) {
          throw new IllegalArgumentException("dependency '" + uri + "': singleton takes no value");
        }
        return new Dependency("singleton", null, 0, "singleton");
      case "begin-time":
        try {
          double secs = Double.parseDouble(value);
          if (!(secs >= 0) || Double.isInfinite(secs)) {
            throw new NumberFormatException();
          }
          long ms = Math.round(secs * 1000);
          return new Dependency("begin-time", null, ms, "begin-time=" + value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "dependency '"
                  + uri
                  + "': begin-time needs seconds since the epoch, got '"
                  + value
                  + "'");
        }
      case "after":
      case "afterstart":
      case "afterany":
      case "afterok":
      case "afternotok":
      case "afterexcept":
        if (value.isEmpty()) {
          throw new IllegalArgumentException(
              "dependency '" + uri + "': " + scheme + " needs a job id");
        }
        JobId id;
        try {
          id = JobId.parse(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("dependency '" + uri + "': " + e.getMessage(), e);
        }
        String canon = scheme.equals("afterstart") ? "after" : scheme;
        return new Dependency(canon, id, 0, canon + "=" + id.decimal());
      default:
        throw new IllegalArgumentException(
            "dependency '"
                + uri
                + "': unknown scheme '"
                + scheme
                + "' (after, afterstart, afterany, afterok, afternotok, afterexcept, begin-time,"
                + " singleton)");
    }
  }
}
