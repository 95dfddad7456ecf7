package org.flux4j.policy.jobspec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Turns a {@link SourceTree} into a {@link Jobspec}, applying Fluxion's rules in Fluxion's order so
 * that the first error reported is the one Fluxion reports, with Fluxion's text as the reason.
 *
 * <p>Implementation notes: scalars are converted from their source text as yaml-cpp converts them
 * ({@code as<unsigned>}, {@code as<int>}, {@code as<char>}, {@code as<double>}, {@code
 * as<std::string>}); a failed conversion is yaml-cpp's "bad conversion" with the scalar's line and
 * column. Presence of a key (not its value) is what Fluxion's {@code !node[key]} tests, so a key
 * with a null value is present. Single use, not thread-safe.
 */
final class JobspecReader {
  private static final String BAD_CONVERSION = "bad conversion";
  private static final String INVALID_NODE =
      "invalid node; this may result from using a map iterator as a sequence iterator, or"
          + " vice-versa";

  private final SourceTree tree;
  private final String source;
  private final Predicate<String> knownTypes;

  JobspecReader(SourceTree tree, String source, Predicate<String> knownTypes) {
    this.tree = tree;
    this.source = source;
    this.knownTypes = knownTypes;
  }

  Jobspec read() {
    JsonNode top = tree.root();
    if (!top.isObject()) {
      throw error("", "Top level of jobspec is not a mapping");
    }
    if (!top.has("version")) {
      throw error("", "Missing key \"version\" in top level mapping");
    }
    if (!top.has("resources")) {
      throw error(
          "",
          "Missing key \"resources\" in top level mapping",
          "Missing key \"resource\" in top" + " level mapping");
    }
    if (!top.has("tasks")) {
      throw error("", "Missing key \"tasks\" in top level mapping");
    }
    if (!top.has("attributes")) {
      throw error("", "Missing key \"attributes\" in top level mapping");
    }
    if (tree.size("", top) != 4) {
      throw error("", "Top mapping in jobspec must have exactly four entries");
    }
    JsonNode versionNode = top.get("version");
    if (!isScalar(versionNode)) {
      throw error("/version", "\"version\" must be an unsigned integer");
    }
    long version = asUnsigned("/version", versionNode);
    if (version < 1 || version > 9999) {
      throw error("/version", "Only jobspec \"version\" 1-9999 is supported");
    }
    Attributes attributes = Attributes.EMPTY;
    JsonNode attrs = top.get("attributes");
    if (!attrs.isNull()) {
      attributes = attributes("/attributes", attrs);
    }
    List<Resource> resources = resources("/resources", top.get("resources"));
    List<Task> tasks = tasks("/tasks", top.get("tasks"));
    return new Jobspec((int) version, resources, tasks, attributes);
  }

  // ---------------------------------------------------------------- resources

  private List<Resource> resources(String ptr, JsonNode node) {
    return sequence(ptr, node, "resources", this::resource);
  }

  /** The elements of the sequence {@code key} at {@code ptr}, each read by {@code element}. */
  private <T> List<T> sequence(
      String ptr, JsonNode node, String key, BiFunction<String, JsonNode, T> element) {
    if (!node.isArray()) {
      throw error(ptr, "\"" + key + "\" is not a sequence");
    }
    List<T> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(element.apply(ptr + "/" + i, node.get(i)));
    }
    return out;
  }

  private Resource resource(String ptr, JsonNode node) {
    if (!node.isObject()) {
      throw error(ptr, "resource is not a mapping");
    }
    int fields = 0;
    String type = scalarField(ptr, node, "type");
    if (type == null) {
      throw error(ptr, "Key \"type\" missing from resource");
    }
    if (type.isEmpty() || (knownTypes != null && !knownTypes.test(type))) {
      throw error(
          ptr + "/type",
          "resource type \"" + type + "\" is unknown to the resource graph",
          "Value of \"type\" must be a resource type known to fluxion");
    }
    fields++;
    if (!node.has("count")) {
      throw error(ptr, "Key \"count\" missing from resource");
    }
    Count count = count(ptr + "/count", node.get("count"));
    fields++;
    String unit = scalarField(ptr, node, "unit");
    if (unit != null) {
      fields++;
    } else {
      unit = "";
    }
    Exclusive exclusive = Exclusive.UNSPECIFIED;
    String v = scalarField(ptr, node, "exclusive");
    if (v != null) {
      fields++;
      if (v.equals("false")) {
        exclusive = Exclusive.FALSE;
      } else if (v.equals("true")) {
        exclusive = Exclusive.TRUE;
      } else {
        throw error(
            ptr + "/exclusive", "Value of \"exclusive\" must be either \"true\" or \"false\"");
      }
    }
    List<Resource> with = List.of();
    if (node.has("with")) {
      fields++;
      with = resources(ptr + "/with", node.get("with"));
    }
    String label = scalarField(ptr, node, "label");
    if (label != null) {
      fields++;
    } else if (Resource.SLOT.equals(type)) {
      throw error(ptr, "All slots must be labeled");
    } else {
      label = "";
    }
    String id = scalarField(ptr, node, "id");
    if (id != null) {
      fields++;
    } else {
      id = "";
    }
    if (fields != tree.size(ptr, node)) {
      String unknown = "";
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!List.of("type", "count", "unit", "exclusive", "with", "label", "id").contains(k)) {
          unknown = k;
          break;
        }
      }
      throw error(
          ptr + "/" + SourceTree.escape(unknown),
          "Unrecognized key \""
              + unknown
              + "\" in resource mapping (allowed: type, count, unit, exclusive, with, label, id)",
          "Unrecognized key in resource mapping");
    }
    if (Resource.SLOT.equals(type) && label.isEmpty()) {
      // Fluxion accepts an empty label; the model keeps "" for "no label", so refuse it clearly.
      throw error(ptr + "/label", "a slot label must not be empty", "All slots must be labeled");
    }
    return new Resource(type, count, unit, exclusive, label, id, with);
  }

  /**
   * The scalar {@code key} of the mapping {@code node} (at {@code ptr}) as text; null if absent.
   */
  private String scalarField(String ptr, JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return null;
    }
    if (!isScalar(value)) {
      throw error(ptr + "/" + key, "Value of \"" + key + "\" must be a scalar");
    }
    return asString(ptr + "/" + key, value);
  }

  private Count count(String ptr, JsonNode node) {
    if (isScalar(node)) {
      long n = asUnsigned(ptr, node);
      return Count.exactly(n);
    }
    if (!node.isObject()) {
      throw error(ptr, "count is not a mapping");
    }
    if (!node.has("min")) {
      throw error(ptr, "Key \"min\" missing from count");
    }
    if (!isScalar(node.get("min"))) {
      throw error(ptr + "/min", "Value of \"min\" must be a scalar");
    }
    long max = Count.UNBOUNDED;
    char op = '+';
    long operand = 1;
    boolean hasMax = node.has("max");
    if (hasMax || node.has("operator") || node.has("operand")) {
      if (!hasMax || !node.has("operator") || !node.has("operand")) {
        throw error(ptr, "All or none of \"max\", \"operator\", and \"operand\" must be specified");
      }
      if (!isScalar(node.get("max"))) {
        throw error(ptr + "/max", "Value of \"max\" must be a scalar");
      }
      if (!isScalar(node.get("operator"))) {
        throw error(ptr + "/operator", "Value of \"operator\" must be a scalar");
      }
      if (!isScalar(node.get("operand"))) {
        throw error(ptr + "/operand", "Value of \"operand\" must be a scalar");
      }
      max = asUnsigned(ptr + "/max", node.get("max"));
      op = asChar(ptr + "/operator", node.get("operator"));
      operand = asInt(ptr + "/operand", node.get("operand"));
    }
    long min = asUnsigned(ptr + "/min", node.get("min"));
    if (min < 1) {
      throw error(ptr + "/min", "\"min\" must be greater than zero");
    }
    if (hasMax && max < min) {
      throw error(ptr + "/max", "\"max\" must be greater than or equal to \"min\"");
    }
    switch (op) {
      case '+':
        if (operand < 1) {
          throw error(ptr + "/operand", "\"operand\" must be greater than zero for addition '+'");
        }
        break;
      case '*':
        if (operand < 2) {
          throw error(
              ptr + "/operand", "\"operand\" must be greater than one for multiplication '*'");
        }
        break;
      case '^':
        if (operand < 2) {
          throw error(
              ptr + "/operand", "\"operand\" must be greater than one for exponentiation '^'");
        }
        if (min < 2) {
          throw error(ptr + "/min", "\"min\" must be greater than one for exponentiation '^'");
        }
        break;
      default:
        throw error(
            ptr + "/operator",
            "Invalid count operator '" + op + "' (use '+', '*' or '^')",
            "Invalid count operator");
    }
    return new Count(min, max, Count.Operator.of(op), (int) operand);
  }

  // ---------------------------------------------------------------- tasks

  private List<Task> tasks(String ptr, JsonNode node) {
    return sequence(ptr, node, "tasks", this::task);
  }

  private Task task(String ptr, JsonNode node) {
    if (!node.isObject()) {
      throw error(ptr, "task is not a mapping");
    }
    if (!node.has("command")) {
      throw error(ptr, "Key \"command\" missing from task");
    }
    JsonNode cmd = node.get("command");
    if (!cmd.isArray()) {
      throw error(ptr + "/command", "\"command\" value must be a sequence");
    }
    List<String> command = new ArrayList<>(cmd.size());
    for (int i = 0; i < cmd.size(); i++) {
      command.add(asString(ptr + "/command/" + i, cmd.get(i)));
    }
    if (!node.has("slot")) {
      throw error(ptr, "Key \"slot\" missing from task");
    }
    if (!isScalar(node.get("slot"))) {
      throw error(ptr + "/slot", "Value of task \"slot\" must be a YAML scalar");
    }
    String slot = asString(ptr + "/slot", node.get("slot"));
    Map<String, String> count = new LinkedHashMap<>();
    if (node.has("count")) {
      JsonNode c = node.get("count");
      if (!c.isObject()) {
        throw error(ptr + "/count", "\"count\" in task is not a mapping");
      }
      if (tree.size(ptr + "/count", c) != 1) {
        throw error(ptr + "/count", "\"count\" in task must have exactly one entry");
      }
      tree.entries(ptr + "/count", c)
          .forEach(
              e ->
                  count.put(
                      e.getKey(),
                      asString(ptr + "/count/" + SourceTree.escape(e.getKey()), e.getValue())));
    }
    String distribution = "";
    if (node.has("distribution")) {
      if (!isScalar(node.get("distribution"))) {
        throw error(ptr + "/distribution", "Value of task \"distribution\" must be a YAML scalar");
      }
      distribution = asString(ptr + "/distribution", node.get("distribution"));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (node.has("attributes")) {
      JsonNode a = node.get("attributes");
      if (!a.isObject()) {
        throw error(ptr + "/attributes", "\"attributes\" in task is not a mapping");
      }
      tree.entries(ptr + "/attributes", a)
          .forEach(
              e ->
                  attributes.put(
                      e.getKey(),
                      asString(
                          ptr + "/attributes/" + SourceTree.escape(e.getKey()), e.getValue())));
    }
    int entries = tree.size(ptr, node);
    if (entries < 3 || entries > 5) {
      throw error(
          ptr,
          "a task needs \"command\", \"slot\" and \"count\" (and at most \"distribution\" and"
              + " \"attributes\"), it has "
              + entries
              + " entries",
          "impossible number of entries in task mapping");
    }
    return new Task(command, slot, count, distribution, attributes);
  }

  // ---------------------------------------------------------------- attributes

  private Attributes attributes(String ptr, JsonNode node) {
    if (!node.isObject()) {
      throw error(ptr, "\"attributes\" is not a map");
    }
    Map<String, Object> user = Map.of();
    SystemAttributes system = SystemAttributes.EMPTY;
    for (Map.Entry<String, JsonNode> kv : tree.entries(ptr, node)) {
      String p = ptr + "/" + SourceTree.escape(kv.getKey());
      if (kv.getKey().equals("user")) {
        Object u = plain(kv.getValue());
        if (u instanceof Map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) u;
          user = m;
        } else {
          Map<String, Object> m = new LinkedHashMap<>();
          if (u != null) {
            m.put("", u);
          }
          user = m;
        }
      } else if (kv.getKey().equals("system")) {
        system = system(p, kv.getValue());
      } else {
        throw error(
            p,
            "Unknown key \"" + kv.getKey() + "\" in \"attributes\" (allowed: system, user)",
            "Unknown key in \"attributes\"");
      }
    }
    return new Attributes(system, user);
  }

  private SystemAttributes system(String ptr, JsonNode node) {
    if (node.isArray() && node.size() > 0) {
      throw error(ptr, "\"system\" must be a mapping", INVALID_NODE);
    }
    double duration = 0;
    boolean hasDuration = false;
    String queue = "";
    String cwd = "";
    Map<String, String> environment = new LinkedHashMap<>();
    Optional<Constraint> constraints = Optional.empty();
    Map<String, Object> other = new LinkedHashMap<>();
    if (!node.isObject()) {
      return SystemAttributes.EMPTY;
    }
    for (Map.Entry<String, JsonNode> s : tree.entries(ptr, node)) {
      String p = ptr + "/" + SourceTree.escape(s.getKey());
      JsonNode v = s.getValue();
      switch (s.getKey()) {
        case "duration":
          duration = asDouble(p, v);
          hasDuration = true;
          break;
        case "queue":
          queue = asString(p, v);
          break;
        case "cwd":
          cwd = asString(p, v);
          break;
        case "environment":
          if (v.isArray() && v.size() > 0) {
            throw error(p, "\"environment\" must be a mapping", INVALID_NODE);
          }
          environment.clear();
          if (v.isObject()) {
            for (Map.Entry<String, JsonNode> kv : tree.entries(p, v)) {
              environment.put(
                  kv.getKey(), asString(p + "/" + SourceTree.escape(kv.getKey()), kv.getValue()));
            }
          }
          break;
        case "constraints":
          constraints = Optional.of(constraint(p, v));
          break;
        default:
          other.put(s.getKey(), plain(v));
          break;
      }
    }
    return new SystemAttributes(duration, hasDuration, queue, cwd, environment, constraints, other);
  }

  private Constraint constraint(String ptr, JsonNode node) {
    if (!node.isObject()) {
      throw error(ptr, "constraint is not a mapping");
    }
    if (node.size() > 1) {
      throw error(ptr, "constraint map may not contain > 1 operation");
    }
    if (node.size() == 0) {
      return Constraint.any();
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    String op = only.getKey();
    String p = ptr + "/" + SourceTree.escape(op);
    JsonNode operands = only.getValue();
    if (!operands.isArray()) {
      throw error(p, op + " operator value must be an array");
    }
    switch (op) {
      case "properties":
        {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < operands.size(); i++) {
            JsonNode v = operands.get(i);
            if (!v.isTextual() || !tree.isQuoted(p + "/" + i)) {
              throw error(
                  p + "/" + i,
                  "a property must be a quoted string, got " + tree.text(p + "/" + i, v),
                  "non-string property specified");
            }
            values.add(v.asText());
          }
          try {
            return Constraint.Properties.of(values);
          } catch (JobspecException e) {
            throw e.at(source, p);
          }
        }
      case "hostlist":
      case "ranks":
        {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < operands.size(); i++) {
            String v = asString(p + "/" + i, operands.get(i));
            try {
              if (op.equals("hostlist")) {
                Constraint.Hosts.parse(v);
              } else {
                Constraint.Ranks.parse(v);
              }
            } catch (JobspecException e) {
              throw e.at(source, p + "/" + i);
            }
            values.add(v);
          }
          return op.equals("hostlist") ? Constraint.Hosts.of(values) : Constraint.Ranks.of(values);
        }
      case "and":
      case "or":
      case "not":
        {
          List<Constraint> values = new ArrayList<>();
          for (int i = 0; i < operands.size(); i++) {
            values.add(constraint(p + "/" + i, operands.get(i)));
          }
          return op.equals("and")
              ? new Constraint.And(values)
              : op.equals("or") ? new Constraint.Or(values) : new Constraint.Not(values);
        }
      default:
        throw error(
            ptr,
            "unknown constraint operator: "
                + op
                + " (use properties, hostlist, ranks, and, or,"
                + " not)",
            "unknown constraint operator: " + op);
    }
  }

  // ---------------------------------------------------------------- scalars

  private static boolean isScalar(JsonNode node) {
    return node.isValueNode() && !node.isNull();
  }

  /** yaml-cpp {@code as<std::string>}: the text of a scalar, "null" for null, else an error. */
  private String asString(String ptr, JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (!node.isValueNode()) {
      throw badConversion(ptr, "a scalar");
    }
    return tree.text(ptr, node);
  }

  /** yaml-cpp {@code as<unsigned>}: decimal (or 0x hex) digits, within 0..UINT_MAX. */
  private long asUnsigned(String ptr, JsonNode node) {
    BigInteger v = integer(ptr, node, "an unsigned integer");
    if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(Count.UNBOUNDED)) > 0) {
      throw badConversion(ptr, "an unsigned integer");
    }
    return v.longValueExact();
  }

  /** yaml-cpp {@code as<int>}. */
  private long asInt(String ptr, JsonNode node) {
    BigInteger v = integer(ptr, node, "an integer");
    if (v.bitLength() > 31) {
      throw badConversion(ptr, "an integer");
    }
    return v.longValueExact();
  }

  private BigInteger integer(String ptr, JsonNode node, String expected) {
    if (!isScalar(node) || node.isBoolean()) {
      throw badConversion(ptr, expected);
    }
    String s = tree.text(ptr, node).strip();
    boolean negative = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    int radix = 10;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      radix = 16;
      s = s.substring(2);
    }
    if (s.isEmpty()) {
      throw badConversion(ptr, expected);
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0) {
        throw badConversion(ptr, expected);
      }
    }
    BigInteger v = new BigInteger(s, radix);
    return negative ? v.negate() : v;
  }

  /** yaml-cpp {@code as<char>}: a one-character scalar. */
  private char asChar(String ptr, JsonNode node) {
    String s = asString(ptr, node);
    if (s.length() != 1) {
      throw badConversion(ptr, "a single character");
    }
    return s.charAt(0);
  }

  /** yaml-cpp {@code as<double>}. */
  private double asDouble(String ptr, JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (isScalar(node) && !node.isBoolean()) {
      String s = tree.text(ptr, node).strip();
      switch (s) {
        case ".inf":
        case ".Inf":
        case ".INF":
        case "+.inf":
        case "+.Inf":
        case "+.INF":
          return Double.POSITIVE_INFINITY;
        case "-.inf":
        case "-.Inf":
        case "-.INF":
          return Double.NEGATIVE_INFINITY;
        case ".nan":
        case ".NaN":
        case ".NAN":
          return Double.NaN;
        default:
          break;
      }
      try {
        if (!s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
          return Double.parseDouble(s);
        }
      } catch (NumberFormatException e) {
        // fall through to the conversion error
      }
    }
    throw badConversion(ptr, "a number");
  }

  // ---------------------------------------------------------------- plain values

  /** A JSON tree as plain, unmodifiable Java values. */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      node.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return java.util.Collections.unmodifiableMap(m);
    }
    if (node.isArray()) {
      List<Object> l = new ArrayList<>();
      node.forEach(e -> l.add(plain(e)));
      return java.util.Collections.unmodifiableList(l);
    }
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  // ---------------------------------------------------------------- errors

  private JobspecException error(String ptr, String reason) {
    return new JobspecException(source, ptr, reason, reason);
  }

  private JobspecException error(String ptr, String problem, String reason) {
    return new JobspecException(source, ptr, problem, reason);
  }

  private JobspecException badConversion(String ptr, String expected) {
    String at = tree.location(ptr);
    return new JobspecException(
        source,
        ptr,
        "cannot convert the value to " + expected,
        at.isEmpty() ? BAD_CONVERSION : "yaml-cpp: error at " + at + ": " + BAD_CONVERSION);
  }
}
