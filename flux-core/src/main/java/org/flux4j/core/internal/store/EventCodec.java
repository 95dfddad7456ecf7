package org.flux4j.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flux4j.core.JobEvent;

/**
 * Reads back an eventlog entry that {@link JobEvent#toJson()} wrote (RFC 18): the timestamp in
 * seconds with millisecond precision, the name and the context, its keys in their order. Integral
 * numbers come back as Integer when they fit, else Long. Thread-safe.
 */
final class EventCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventCodec() {}

  /**
   * The event that {@code line} describes.
   *
   * @throws IllegalArgumentException if it is not an RFC 18 entry
   */
  static JobEvent read(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored event is not JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.path("timestamp").isNumber() || !n.path("name").isTextual()) {
      throw new IllegalArgumentException("a stored event is not an RFC 18 entry: " + line);
    }
    long millis = Math.round(n.get("timestamp").asDouble() * 1000);
    JsonNode c = n.get("context");
    Map<String, Object> context = c == null ? Collections.emptyMap() : map(c);
    return new JobEvent(millis, n.get("name").asText(), context);
  }

  private static Map<String, Object> map(JsonNode o) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      m.put(e.getKey(), value(e.getValue()));
    }
    return Collections.unmodifiableMap(m);
  }

  private static Object value(JsonNode v) {
    if (v.isObject()) {
      return map(v);
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNull()) {
      return "null";
    }
    return v.asText();
  }
}
