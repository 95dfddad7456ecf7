package org.flux4j.policy.jobspec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML or JSON document read into a Jackson {@link JsonNode} tree, with the line and column and
 * the source text of every scalar, keyed by JSON pointer.
 *
 * <p>Implementation notes: the tree is built token by token from a Jackson streaming parser (YAML
 * via {@link YAMLFactory}, which only ever yields maps, sequences and scalars: tags such as {@code
 * !!java.lang.Runtime} are ignored and nothing is instantiated). The source text of a scalar is
 * kept because Fluxion (yaml-cpp) converts scalars from their text: {@code True} is not the string
 * {@code true}. Only the first document of a multi-document stream is read, as yaml-cpp's {@code
 * Load} does.
 */
final class SourceTree {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, String> text = new HashMap<>();
  private final Map<String, long[]> where = new HashMap<>();
  private final java.util.Set<String> quoted = new java.util.HashSet<>();

  /** Every entry, in document order, of each mapping that repeats a key (by JSON pointer). */
  private final Map<String, java.util.List<Map.Entry<String, JsonNode>>> repeated = new HashMap<>();

  private String document = "";

  private SourceTree(String document, String source) {
    String trimmed = document.stripLeading();
    boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
    JsonNode r;
    if (json) {
      try {
        r = parse(JSON, document);
      } catch (JsonProcessingException e) {
        // Not strict JSON: a YAML flow document such as {version: 1, ...}? Try YAML; if that
        // fails too, report the JSON error, which is the more telling one for a JSON file.
        text.clear();
        where.clear();
        quoted.clear();
        repeated.clear();
        try {
          r = parse(YAML, document);
        } catch (IOException ignored) {
          throw malformed(source, true, e);
        }
      } catch (IOException e) {
        throw unreadable(source, e);
      }
    } else {
      try {
        r = parse(YAML, document);
      } catch (JsonProcessingException e) {
        throw malformed(source, false, e);
      } catch (IOException e) {
        throw unreadable(source, e);
      }
    }
    root = r;
  }

  private JsonNode parse(JsonFactory factory, String doc) throws IOException {
    this.document = doc;
    try (JsonParser p = factory.createParser(doc)) {
      JsonToken t = p.nextToken();
      return t == null ? NODES.nullNode() : read(p, "");
    }
  }

  /** The error for a document the parser could not read at all. */
  private static JobspecException unreadable(String source, IOException e) {
    return new JobspecException(source, "", "cannot read: " + e.getMessage(), e.toString(), e);
  }

  private static JobspecException malformed(
      String source, boolean json, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String at = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String msg = e.getOriginalMessage();
    return new JobspecException(
        source,
        "",
        (json ? "malformed JSON" : "malformed YAML")
            + (at.isEmpty() ? "" : " at " + at)
            + ": "
            + msg,
        at.isEmpty() ? msg : "error at " + at + ": " + msg,
        e);
  }

  /**
   * Reads {@code document}: as JSON if it starts with a brace or bracket (falling back to YAML for
   * flow-style YAML), else as YAML.
   */
  static SourceTree read(String document, String source) {
    return new SourceTree(document, source);
  }

  /** The document's root ({@code NullNode} for an empty document). */
  JsonNode root() {
    return root;
  }

  /** The source text of the scalar at {@code pointer}, or its value as text if unknown. */
  String text(String pointer, JsonNode node) {
    String s = text.get(pointer);
    return s != null ? s : node.asText();
  }

  /**
   * Whether the scalar at {@code pointer} was written in quotes (yaml-cpp's tag "!"): Fluxion
   * accepts only quoted strings as property constraints.
   */
  boolean isQuoted(String pointer) {
    return quoted.contains(pointer);
  }

  /**
   * The number of entries of the mapping {@code node} at {@code pointer} as yaml-cpp counts them: a
   * repeated key counts each time (the tree itself keeps the first value of a repeated key, which
   * is what yaml-cpp's lookup finds).
   */
  int size(String pointer, JsonNode node) {
    var all = repeated.get(pointer);
    return all != null ? all.size() : node.size();
  }

  /** The entries of the mapping {@code node} at {@code pointer} in document order, repeats kept. */
  Iterable<Map.Entry<String, JsonNode>> entries(String pointer, JsonNode node) {
    var all = repeated.get(pointer);
    return all != null ? all : node.properties();
  }

  /** "line L, column C" of the node at {@code pointer} (1-based), or "" if unknown. */
  String location(String pointer) {
    long[] lc = where.get(pointer);
    return lc == null ? "" : "line " + lc[0] + ", column " + lc[1];
  }

  private JsonNode read(JsonParser p, String pointer) throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    where.put(pointer, new long[] {loc.getLineNr(), loc.getColumnNr()});
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          ObjectNode o = NODES.objectNode();
          java.util.List<Map.Entry<String, JsonNode>> all = new java.util.ArrayList<>();
          boolean dup = false;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (o.has(name)) {
              // yaml-cpp keeps a repeated key as one more entry; a lookup finds the first one
              dup = true;
              all.add(Map.entry(name, read(p, pointer + "/" + escape(name) + "#" + all.size())));
            } else {
              JsonNode v = read(p, pointer + "/" + escape(name));
              o.set(name, v);
              all.add(Map.entry(name, v));
            }
          }
          if (dup) {
            repeated.put(pointer, all);
          }
          return o;
        }
      case START_ARRAY:
        {
          ArrayNode a = NODES.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(read(p, pointer + "/" + i++));
          }
          return a;
        }
      default:
        break;
    }
    text.put(pointer, p.getText());
    long offset = loc.getCharOffset();
    if (t == JsonToken.VALUE_STRING && offset >= 0 && offset < document.length()) {
      char c = document.charAt((int) offset);
      if (c == '"' || c == '\'') {
        quoted.add(pointer);
      }
    }
    switch (t) {
      case VALUE_NUMBER_INT:
        return NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return NODES.textNode(p.getText());
    }
  }

  /** Escapes a key for a JSON pointer (RFC 6901). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
