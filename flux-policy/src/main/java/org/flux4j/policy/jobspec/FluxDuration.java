package org.flux4j.policy.jobspec;

import java.util.Locale;

/**
 * Flux Standard Duration (RFC 23): a non-negative number with an optional unit suffix {@code s},
 * {@code m}, {@code h} or {@code d} ("30", "30s", "1.5h", "2d"), or "inf"/"infinity".
 */
public final class FluxDuration {
  private FluxDuration() {}

  /**
   * Parses a duration into seconds; "inf" gives {@link Double#POSITIVE_INFINITY}.
   *
   * @throws IllegalArgumentException naming the text if it is not an RFC 23 duration
   */
  public static double parseSeconds(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("inf") || t.equals("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 's' -> t = t.substring(0, t.length() - 1);
      case 'm' -> {
        scale = 60;
        t = t.substring(0, t.length() - 1);
      }
      case 'h' -> {
        scale = 3600;
        t = t.substring(0, t.length() - 1);
      }
      case 'd' -> {
        scale = 86400;
        t = t.substring(0, t.length() - 1);
      }
      default -> {}
    }
    try {
      double v = Double.parseDouble(t);
      if (v < 0 || Double.isNaN(v) || t.startsWith("+") || t.contains("e") || t.contains("x")) {
        throw new NumberFormatException(t);
      }
      return v * scale;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Flux Standard Duration (e.g. 30, 30s, 1.5h, 2d, inf)", e);
    }
  }
}
