package org.flux4j.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a job eventlog (RFC 18 format, RFC 21 events): a timestamp, a name such as {@code
 * submit} or {@code alloc}, and a context object whose keys keep their insertion order.
 *
 * @param timestamp milliseconds since the epoch, from the instance's clock
 * @param name the event name
 * @param context the event's context; empty if it has none. Values are String, Number, Boolean or
 *     nested maps of those.
 */
public record JobEvent(long timestamp, String name, Map<String, Object> context) {
  /** Validates the fields. */
  public JobEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(context, "context");
  }

  /** The timestamp in seconds, as RFC 18 writes it. */
  public double seconds() {
    return timestamp / 1000.0;
  }

  /**
   * This event as one line of RFC 18 JSON, e.g. {@code
   * {"timestamp":12.5,"name":"finish","context":{"status":0}}}; no context key when it is empty.
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(64);
    sb.append("{\"timestamp\":").append(formatSeconds(timestamp));
    sb.append(",\"name\":");
    quote(sb, name);
    if (!context.isEmpty()) {
      sb.append(",\"context\":");
      appendValue(sb, context);
    }
    return sb.append('}').toString();
  }

  private static String formatSeconds(long millis) {
    if (millis % 1000 == 0) {
      return Long.toString(millis / 1000) + ".0";
    }
    if (millis > 0) { // the same text as %.3f, without a Formatter (eventlogs are written per job)
      long frac = millis % 1000;
      return (millis / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        appendValue(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v == null) {
      sb.append("null");
    } else {
      quote(sb, v.toString());
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
