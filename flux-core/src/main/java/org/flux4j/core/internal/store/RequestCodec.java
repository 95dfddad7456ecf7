package org.flux4j.core.internal.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flux4j.core.JobRequest;
import org.flux4j.policy.jobspec.Jobspec;

/**
 * A {@link JobRequest} as one JSON object and back: every field a request has, its jobspec as
 * canonical RFC 14 JSON. An in-process task is Java code and cannot be written: the object only
 * says that the request had one ({@code "task":true}), and {@link #read} gives a request without
 * it. Stateless and thread-safe.
 */
public final class RequestCodec {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestCodec() {}

  /** The request as JSON. */
  public static String write(JobRequest r) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("name", r.name());
      if (!r.queue().isEmpty()) {
        g.writeStringField("queue", r.queue());
      }
      g.writeNumberField("nodes", r.nodes());
      g.writeNumberField("slots", r.slots());
      g.writeNumberField("cores", r.coresPerSlot());
      g.writeNumberField("gpus", r.gpusPerSlot());
      g.writeNumberField("tasks", r.tasksPerSlot());
      g.writeBooleanField("exclusive", r.exclusive());
      g.writeNumberField("duration", r.duration().toMillis());
      g.writeNumberField("runtime", r.runtime().toMillis());
      g.writeNumberField("urgency", r.urgency());
      strings(g, "dependencies", r.dependencies());
      strings(g, "command", r.command());
      if (!r.environment().isEmpty()) {
        g.writeObjectFieldStart("env");
        for (Map.Entry<String, String> e : r.environment().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      if (r.task().isPresent()) {
        g.writeBooleanField("task", true);
      }
      if (r.jobspec().isPresent()) {
        g.writeStringField("jobspec", r.jobspec().get().toJson());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void strings(JsonGenerator g, String key, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(key);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Whether the JSON of {@link #write} says the request had an in-process task. */
  public static boolean hadTask(String json) {
    return json.contains("\"task\":true");
  }

  /**
   * The request that {@code json} describes, without its in-process task if it had one.
   *
   * @throws IllegalArgumentException if the JSON is not a request written by {@link #write}
   */
  public static JobRequest read(String json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored request is not JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject() || !n.has("slots")) {
      throw new IllegalArgumentException("a stored request is not a request object: " + json);
    }
    JobRequest.Builder b;
    int inherited = 0;
    if (n.has("jobspec")) {
      Jobspec js = Jobspec.parse(n.get("jobspec").asText(), "stored jobspec");
      b = JobRequest.builder(js);
      inherited = JobRequest.builder(js).build().dependencies().size();
    } else {
      b =
          JobRequest.builder()
              .nodes(n.get("nodes").asInt())
              .tasks(n.get("slots").asInt())
              .coresPerTask(n.get("cores").asInt())
              .gpusPerTask(n.get("gpus").asInt())
              .tasksPerSlot(n.get("tasks").asInt());
    }
    b.name(n.get("name").asText())
        .queue(n.path("queue").asText(""))
        .exclusive(n.get("exclusive").asBoolean())
        .duration(Duration.ofMillis(n.get("duration").asLong()))
        .runtime(Duration.ofMillis(n.get("runtime").asLong()))
        .urgency(n.get("urgency").asInt());
    List<String> deps = texts(n.path("dependencies"));
    for (String d : deps.subList(Math.min(inherited, deps.size()), deps.size())) {
      b.dependency(d);
    }
    b.command(texts(n.path("command")));
    for (Map.Entry<String, JsonNode> e : n.path("env").properties()) {
      b.env(e.getKey(), e.getValue().asText());
    }
    return b.build();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode v : array) {
      out.add(v.asText());
    }
    return out;
  }
}
