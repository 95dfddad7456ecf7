package org.flux4j.policy.jobspec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a {@link Jobspec} as canonical RFC 14 JSON that {@link Jobspec#parse(String, String)}
 * reads back to an equal jobspec: fixed counts as integers, other counts in full; keys that are
 * absent (empty) in the model are left out.
 */
final class JobspecWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobspecWriter() {}

  static String toJson(Jobspec js) {
    ObjectNode top = MAPPER.createObjectNode();
    top.put("version", js.version());
    ArrayNode res = top.putArray("resources");
    for (Resource r : js.resources()) {
      res.add(resource(r));
    }
    ArrayNode tasks = top.putArray("tasks");
    for (Task t : js.tasks()) {
      tasks.add(task(t));
    }
    top.set("attributes", attributes(js.attributes()));
    try {
      return MAPPER.writeValueAsString(top);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode resource(Resource r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", r.type());
    Count c = r.count();
    if (c.isFixed() && c.operator() == Count.Operator.ADD && c.operand() == 1) {
      o.put("count", c.min());
    } else {
      ObjectNode cn = o.putObject("count");
      cn.put("min", c.min());
      cn.put("max", c.max());
      cn.put("operator", String.valueOf(c.operator().symbol()));
      cn.put("operand", c.operand());
    }
    putUnlessEmpty(o, "unit", r.unit());
    if (r.exclusive() != Exclusive.UNSPECIFIED) {
      o.put("exclusive", r.exclusive() == Exclusive.TRUE);
    }
    putUnlessEmpty(o, "label", r.label());
    putUnlessEmpty(o, "id", r.id());
    if (!r.with().isEmpty()) {
      ArrayNode w = o.putArray("with");
      for (Resource child : r.with()) {
        w.add(resource(child));
      }
    }
    return o;
  }

  private static ObjectNode task(Task t) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode cmd = o.putArray("command");
    t.command().forEach(cmd::add);
    o.put("slot", t.slot());
    if (!t.count().isEmpty()) {
      ObjectNode cn = o.putObject("count");
      for (Map.Entry<String, String> e : t.count().entrySet()) {
        putScalar(cn, e.getKey(), e.getValue());
      }
    }
    putUnlessEmpty(o, "distribution", t.distribution());
    if (!t.attributes().isEmpty()) {
      ObjectNode a = o.putObject("attributes");
      t.attributes().forEach(a::put);
    }
    return o;
  }

  /** Writes a Fluxion string value as an integer when it is one (as it was in the source). */
  private static void putScalar(ObjectNode o, String key, String value) {
    try {
      o.put(key, Long.parseLong(value));
    } catch (NumberFormatException e) {
      o.put(key, value);
    }
  }

  private static ObjectNode attributes(Attributes a) {
    ObjectNode o = MAPPER.createObjectNode();
    SystemAttributes s = a.system();
    ObjectNode sys = MAPPER.createObjectNode();
    if (s.hasDuration()) {
      double d = s.duration();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sys.put("duration", (long) d);
      } else {
        sys.put("duration", d);
      }
    }
    putUnlessEmpty(sys, "queue", s.queue());
    putUnlessEmpty(sys, "cwd", s.cwd());
    if (!s.environment().isEmpty()) {
      ObjectNode env = sys.putObject("environment");
      s.environment().forEach(env::put);
    }
    if (s.constraints().isPresent()) {
      try {
        sys.set("constraints", MAPPER.readTree(s.constraints().get().toJson()));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    s.other().forEach((k, v) -> sys.set(k, plainToTree(v)));
    if (!sys.isEmpty()) {
      o.set("system", sys);
    }
    if (!a.user().isEmpty()) {
      o.set("user", plainToTree(a.user()));
    }
    return o;
  }

  private static JsonNode plainToTree(Object v) {
    return MAPPER.valueToTree(v);
  }

  /**
   * Puts {@code key: value} into {@code o} unless {@code value} is empty (the jobspec's "unset").
   */
  private static void putUnlessEmpty(ObjectNode o, String key, String value) {
    if (!value.isEmpty()) {
      o.put(key, value);
    }
  }
}
