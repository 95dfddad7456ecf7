package org.flux4j.graph.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flux4j.graph.GraphParseException;

/**
 * One JGF node with Fluxion's defaults applied (the reader's {@code fetch_helper_t}), for {@link
 * JgfReader} and {@link GraphSelection}.
 */
final class JgfNode {
  String vid;
  String type;
  String basename;
  String name;
  long id;
  long uniqId;
  boolean uniqIdGiven;
  long rank;
  long size;
  String unit;
  boolean exclusive;
  boolean down;

  /** subsystems and their paths, in document order. */
  final List<String> subsystems = new ArrayList<>(2);

  final List<String> pathValues = new ArrayList<>(2);
  final TreeMap<String, String> properties = new TreeMap<>();

  private final String source;
  private final String prefix;

  private JgfNode(String source, String prefix) {
    this.source = source;
    this.prefix = prefix;
  }

  private GraphParseException fail(String pointer, String problem) {
    return new GraphParseException(source, prefix + pointer, problem);
  }

  /**
   * Validates node {@code i} of a JGF document and applies Fluxion's defaults.
   *
   * @throws GraphParseException naming {@code prefix + "/graph/nodes/" + i ...} and the problem
   */
  static JgfNode parse(String source, String prefix, JsonNode node, int i) {
    JgfNode n = new JgfNode(source, prefix);
    n.read(node, i);
    return n;
  }

  private void read(JsonNode node, int i) {
    String at = "/graph/nodes/" + i;
    if (!node.isObject()) {
      throw fail(at, "a JGF node must be an object");
    }
    JsonNode jid = node.get("id");
    if (jid == null) {
      throw fail(at, "JGF vertex id key is not found in a node");
    }
    if (!jid.isTextual()) {
      throw fail(at + "/id", "the node \"id\" must be a string");
    }
    vid = jid.textValue();
    JsonNode md = node.get("metadata");
    if (md == null) {
      throw fail(at, "key \"metadata\" is not found in the JGF node " + vid);
    }
    if (!md.isObject()) {
      throw fail(at + "/metadata", "\"metadata\" must be an object");
    }
    String m = at + "/metadata";
    type = requiredString(source, prefix, md, "type", m);
    basename = optString(source, prefix, md, "basename", m, null);
    name = optString(source, prefix, md, "name", m, null);
    // Fluxion's reader takes id -2, uniq_id -1 and size -1 for "absent" (its sentinels)
    id = optLong(md, "id", m, Long.MIN_VALUE);
    if (id == -2) {
      id = Long.MIN_VALUE;
    }
    uniqId = optLong(md, "uniq_id", m, Long.MIN_VALUE);
    if (uniqId == -1) {
      uniqId = Long.MIN_VALUE;
    }
    uniqIdGiven = uniqId != Long.MIN_VALUE;
    rank = optLong(md, "rank", m, -1);
    long status = optLong(md, "status", m, 0);
    JsonNode x = md.get("exclusive");
    if (x != null && !x.isBoolean()) {
      throw fail(m + "/exclusive", "\"exclusive\" must be a boolean");
    }
    exclusive = x != null && x.booleanValue();
    unit = optString(source, prefix, md, "unit", m, "");
    size = optLong(md, "size", m, 1);
    if (size == -1) {
      size = 1;
    }
    JsonNode paths = md.get("paths");
    if (paths == null) {
      throw fail(m, "key \"paths\" is required in the metadata of JGF node " + vid);
    }
    if (!paths.isObject()) {
      throw fail(m + "/paths", "\"paths\" must be an object of subsystem -> path strings");
    }
    JsonNode props = md.get("properties");
    if (props != null && !props.isNull() && !props.isObject()) {
      throw fail(m + "/properties", "\"properties\" must be an object or null");
    }
    if (rank < Integer.MIN_VALUE || rank > Integer.MAX_VALUE) {
      throw fail(m + "/rank", "rank " + rank + " is out of range");
    }
    if (size < 0) {
      throw fail(m + "/size", "negative size " + size);
    }
    if (status != 0 && status != 1) {
      throw fail(m + "/status", "status must be 0 (up) or 1 (down), not " + status);
    }
    down = status == 1;
    if (!uniqIdGiven) {
      uniqId = leadingInteger(vid, at + "/id");
    }
    if (id == Long.MIN_VALUE) {
      id = uniqId;
      if ("node".equals(type) && name != null) {
        long suffix = JgfReader.nameSuffix(name);
        if (suffix != Long.MIN_VALUE) {
          id = suffix;
        }
      }
    }
    if (basename == null) {
      basename = type;
    }
    if (name == null) {
      name = basename + id;
    }
    for (Map.Entry<String, JsonNode> e : paths.properties()) {
      if (!e.getValue().isTextual()) {
        throw fail(m + "/paths/" + JgfReader.escape(e.getKey()), "a path must be a string");
      }
      subsystems.add(e.getKey());
      pathValues.add(e.getValue().textValue());
    }
    if (props != null && props.isObject()) {
      for (Map.Entry<String, JsonNode> e : props.properties()) {
        if (!e.getValue().isTextual()) {
          throw fail(
              m + "/properties/" + JgfReader.escape(e.getKey()),
              "a property value must be a string");
        }
        properties.put(e.getKey(), e.getValue().textValue());
      }
    }
  }

  private long leadingInteger(String s, String at) {
    // std::stoll semantics: optional blanks and sign, then at least one digit
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == digits) {
      throw fail(
          at, "key \"uniq_id\" is absent and could not be inferred from the node id \"" + s + "\"");
    }
    try {
      return Long.parseLong(s.substring(start, i));
    } catch (NumberFormatException e) {
      throw fail(at, "the node id \"" + s + "\" is out of range for a uniq_id");
    }
  }

  /** The string at {@code key} of {@code obj}; fails naming {@code at} if missing or not one. */
  static String requiredString(String source, String prefix, JsonNode obj, String key, String at) {
    JsonNode n = obj.get(key);
    if (n == null) {
      throw new GraphParseException(source, prefix + at, "required key \"" + key + "\" is missing");
    }
    if (!n.isTextual()) {
      throw new GraphParseException(
          source, prefix + at + "/" + key, "\"" + key + "\" must be a string");
    }
    return n.textValue();
  }

  /** The string at {@code key} of {@code obj}, or {@code dflt} if absent; fails if not one. */
  static String optString(
      String source, String prefix, JsonNode obj, String key, String at, String dflt) {
    JsonNode n = obj.get(key);
    if (n == null) {
      return dflt;
    }
    if (!n.isTextual()) {
      throw new GraphParseException(
          source, prefix + at + "/" + key, "\"" + key + "\" must be a string");
    }
    return n.textValue();
  }

  private long optLong(JsonNode obj, String key, String at, long dflt) {
    JsonNode n = obj.get(key);
    if (n == null) {
      return dflt;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw fail(at + "/" + key, "\"" + key + "\" must be an integer");
    }
    return n.longValue();
  }
}
