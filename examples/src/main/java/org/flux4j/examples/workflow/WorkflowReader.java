package org.flux4j.examples.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.flux4j.policy.jobspec.FluxDuration;

/**
 * Reads and checks a workflow file (YAML; JSON is YAML):
 *
 * <pre>{@code
 * jobs:
 *   - name: prepare                      # unique; how dependencies refer to it
 *     command: ["sh", "-c", "echo hi"]   # argv
 *     nodes: 1                           # optional: whole-node count
 *     tasks: 4                           # default 1
 *     cores-per-task: 1                  # default 1
 *     gpus-per-task: 0                   # default 0
 *     duration: 10m                      # Flux Standard Duration (RFC 23): the time limit
 *     dependencies: ["afterok:other"]    # RFC 26 types with job names
 *     env: {KEY: value}
 * }</pre>
 *
 * <p>Everything is checked before a workflow is returned, and the first problem is thrown as a
 * {@link WorkflowException} naming its line: malformed YAML, an unknown or repeated field, a value
 * of the wrong type or range, a duplicate job name, a dependency of an unknown type or on an
 * unknown job, and dependency cycles.
 *
 * <p>Implementation notes: the file is read token by token with Jackson's streaming YAML parser,
 * which only yields mappings, sequences and scalars (tags are ignored, no class is ever
 * instantiated), so every value keeps the line it came from. Stateless and thread-safe.
 */
public final class WorkflowReader {
  /** The fields of a job, in the order the file format documents them. */
  public static final List<String> JOB_FIELDS =
      List.of(
          "name",
          "command",
          "nodes",
          "tasks",
          "cores-per-task",
          "gpus-per-task",
          "duration",
          "dependencies",
          "env");

  private static final YAMLFactory YAML = new YAMLFactory();

  private WorkflowReader() {}

  /**
   * Reads a workflow file.
   *
   * @throws WorkflowException naming the file, the line and what is wrong, or that it cannot be
   *     read
   */
  public static Workflow read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkflowException(file.toString(), 0, "cannot read: " + e.getMessage());
    }
    return read(text, file.toString());
  }

  /**
   * Reads a workflow from its text.
   *
   * @param source the name used in error messages
   * @throws WorkflowException naming the line and what is wrong
   */
  public static Workflow read(String text, String source) {
    List<WorkflowJob> jobs = new Parse(source).document(text);
    return check(source, jobs);
  }

  // ---- token-level parsing --------------------------------------------------------------------

  private static final class Parse {
    final String source;
    JsonParser p;

    Parse(String source) {
      this.source = source;
    }

    WorkflowException error(int line, String what) {
      return new WorkflowException(source, line, what);
    }

    int line() {
      JsonLocation loc = p.currentTokenLocation();
      return loc == null ? 0 : loc.getLineNr();
    }

    /** The line of the field {@link #nextField} returned last. */
    int fieldLine;

    /**
     * Moves to the next field of the current mapping and onto its value, refusing a repeated key.
     *
     * @return the key, or null at the end of the mapping
     */
    String nextField(Set<String> seen) throws IOException {
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        return null;
      }
      String key = p.currentName();
      fieldLine = line();
      if (!seen.add(key)) {
        throw error(fieldLine, "duplicate field '" + key + "'");
      }
      p.nextToken();
      return key;
    }

    List<WorkflowJob> document(String text) {
      try (JsonParser parser = YAML.createParser(text)) {
        p = parser;
        JsonToken t = p.nextToken();
        if (t == null) {
          throw error(0, "the file is empty: a workflow is a mapping with a 'jobs' list");
        }
        if (t != JsonToken.START_OBJECT) {
          throw error(line(), "the top level must be a mapping with a 'jobs' list");
        }
        int top = line();
        List<WorkflowJob> jobs = null;
        Set<String> seen = new HashSet<>();
        String key;
        while ((key = nextField(seen)) != null) {
          int line = fieldLine;
          if (!key.equals("jobs")) {
            throw error(line, "unknown field '" + key + "' (a workflow has only 'jobs')");
          }
          jobs = jobs(line);
        }
        if (jobs == null) {
          throw error(top, "no 'jobs' list");
        }
        if (p.nextToken() != null) {
          throw error(line(), "a workflow file holds one YAML document; found a second one");
        }
        return jobs;
      } catch (JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        throw error(
            loc == null ? 0 : loc.getLineNr(),
            "malformed YAML: " + oneLine(e.getOriginalMessage()));
      } catch (IOException e) {
        throw error(0, "cannot read: " + e.getMessage());
      }
    }

    /** SnakeYAML's message without its echo of the source line and caret: one line. */
    static String oneLine(String message) {
      List<String> kept = new ArrayList<>();
      for (String l : (Iterable<String>) message.lines()::iterator) {
        String t = l.strip();
        if (!t.isEmpty() && !t.equals("^") && !l.startsWith(" in ") && !l.startsWith("    ")) {
          kept.add(t);
        }
      }
      return String.join("; ", kept);
    }

    List<WorkflowJob> jobs(int line) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(line, "'jobs' must be a list of jobs");
      }
      List<WorkflowJob> jobs = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw error(line(), "each job must be a mapping with at least 'name' and 'command'");
        }
        jobs.add(job());
      }
      if (jobs.isEmpty()) {
        throw error(line, "'jobs' is empty");
      }
      return jobs;
    }

    WorkflowJob job() throws IOException {
      int start = line();
      Set<String> seen = new HashSet<>();
      String name = null;
      List<String> command = null;
      int nodes = 0;
      int tasks = 1;
      int cores = 1;
      int gpus = 0;
      Duration duration = Duration.ZERO;
      List<WorkflowDependency> deps = List.of();
      Map<String, String> env = Map.of();
      String key;
      while ((key = nextField(seen)) != null) {
        int line = fieldLine;
        switch (key) {
          case "name" -> {
            name = scalar(key, line);
            if (name.isBlank()) {
              throw error(line, "'name' must not be empty");
            }
          }
          case "command" -> command = strings(key, line, "an argv list, e.g. [sh, -c, 'echo hi']");
          case "nodes" -> nodes = integer(key, line, 0);
          case "tasks" -> tasks = integer(key, line, 1);
          case "cores-per-task" -> cores = integer(key, line, 1);
          case "gpus-per-task" -> gpus = integer(key, line, 0);
          case "duration" -> duration = duration(line);
          case "dependencies" -> deps = dependencies(line);
          case "env" -> env = env(line);
          default ->
              throw error(
                  line,
                  "unknown field '" + key + "' (known: " + String.join(", ", JOB_FIELDS) + ")");
        }
      }
      if (name == null) {
        throw error(start, "a job without 'name'");
      }
      if (command == null || command.isEmpty()) {
        throw error(start, "job '" + name + "' has no 'command'");
      }
      if (nodes > tasks) {
        throw error(
            start,
            "job '" + name + "': nodes (" + nodes + ") must not exceed tasks (" + tasks + ")");
      }
      if (nodes > 0 && tasks % nodes != 0) {
        throw error(
            start,
            "job '"
                + name
                + "': tasks ("
                + tasks
                + ") must be a multiple of nodes ("
                + nodes
                + ")");
      }
      return new WorkflowJob(name, command, nodes, tasks, cores, gpus, duration, deps, env, start);
    }

    boolean isScalar() {
      JsonToken t = p.currentToken();
      return t.isScalarValue() && t != JsonToken.VALUE_NULL;
    }

    String scalar(String key, int line) throws IOException {
      if (!isScalar()) {
        throw error(line, "'" + key + "' must be a string");
      }
      return p.getText();
    }

    int integer(String key, int line, int min) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() < min) {
        throw error(
            line, "'" + key + "' must be an integer of at least " + min + ", got '" + text() + "'");
      }
      return p.getIntValue();
    }

    String text() throws IOException {
      JsonToken t = p.currentToken();
      return t.isScalarValue() ? p.getText() : t.isStructStart() ? "a list or mapping" : "?";
    }

    List<String> strings(String key, int line, String expected) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(line, "'" + key + "' must be " + expected);
      }
      List<String> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (!isScalar()) {
          throw error(line(), "'" + key + "' must be " + expected + ": an item is not a string");
        }
        out.add(p.getText());
      }
      return out;
    }

    Duration duration(int line) throws IOException {
      if (!isScalar()) {
        throw error(line, "'duration' must be a Flux Standard Duration such as 30s, 10m, 1.5h");
      }
      double seconds;
      try {
        seconds = FluxDuration.parseSeconds(p.getText());
      } catch (IllegalArgumentException e) {
        throw error(line, "'duration': " + e.getMessage());
      }
      return Double.isInfinite(seconds)
          ? Duration.ZERO
          : Duration.ofMillis(Math.round(seconds * 1000));
    }

    List<WorkflowDependency> dependencies(int line) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw error(line, "'dependencies' must be a list such as [\"afterok:prepare\"]");
      }
      List<WorkflowDependency> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        int at = line();
        if (!isScalar()) {
          throw error(at, "a dependency must be a string TYPE:NAME such as afterok:prepare");
        }
        String d = p.getText().strip();
        int colon = d.indexOf(':');
        String type = colon < 0 ? d : d.substring(0, colon);
        String target = colon < 0 ? "" : d.substring(colon + 1);
        if (!WorkflowDependency.TYPES.contains(type)) {
          throw error(
              at,
              "dependency '"
                  + d
                  + "': unknown type '"
                  + type
                  + "' (known: "
                  + String.join(", ", WorkflowDependency.TYPES)
                  + ")");
        }
        if (target.isEmpty()) {
          throw error(at, "dependency '" + d + "' names no job (TYPE:NAME, e.g. afterok:prepare)");
        }
        out.add(new WorkflowDependency(type, target, at));
      }
      return out;
    }

    Map<String, String> env(int line) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error(line, "'env' must be a mapping of variable names to values");
      }
      Map<String, String> out = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int at = line();
        p.nextToken();
        if (!isScalar()) {
          throw error(at, "env variable '" + key + "' must have a string value");
        }
        if (key.isEmpty() || key.contains("=")) {
          throw error(at, "env variable name '" + key + "' is empty or contains '='");
        }
        if (out.put(key, p.getText()) != null) {
          throw error(at, "duplicate env variable '" + key + "'");
        }
      }
      return out;
    }
  }

  // ---- whole-workflow checks ------------------------------------------------------------------

  private static Workflow check(String source, List<WorkflowJob> jobs) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      WorkflowJob j = jobs.get(i);
      Integer prev = index.putIfAbsent(j.name(), i);
      if (prev != null) {
        throw new WorkflowException(
            source,
            j.line(),
            "duplicate job name '" + j.name() + "' (first at line " + jobs.get(prev).line() + ")");
      }
    }
    for (WorkflowJob j : jobs) {
      for (WorkflowDependency d : j.dependencies()) {
        if (!index.containsKey(d.name())) {
          throw new WorkflowException(
              source,
              d.line(),
              "job '" + j.name() + "' depends on '" + d.name() + "', which is not in the workflow");
        }
      }
    }
    return new Workflow(source, jobs, order(source, jobs, index));
  }

  /** Kahn's algorithm, taking the earliest job in the file among the ready ones. */
  private static List<WorkflowJob> order(
      String source, List<WorkflowJob> jobs, Map<String, Integer> index) {
    int n = jobs.size();
    int[] waiting = new int[n];
    List<List<Integer>> dependents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (WorkflowDependency d : jobs.get(i).dependencies()) {
        dependents.get(index.get(d.name())).add(i);
        waiting[i]++;
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<WorkflowJob> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(jobs.get(i));
      for (int k : dependents.get(i)) {
        if (--waiting[k] == 0) {
          ready.add(k);
        }
      }
    }
    if (order.size() < n) {
      List<String> cycle = cycle(jobs, index, waiting);
      WorkflowJob first = jobs.get(index.get(cycle.get(0)));
      throw new WorkflowException(
          source, first.line(), "dependency cycle: " + String.join(" -> ", cycle));
    }
    return order;
  }

  /**
   * One cycle among the jobs left waiting: from the first such job in the file, follow a dependency
   * that is itself still waiting until a job repeats.
   */
  private static List<String> cycle(
      List<WorkflowJob> jobs, Map<String, Integer> index, int[] waiting) {
    int start = 0;
    while (waiting[start] == 0) {
      start++;
    }
    List<Integer> path = new ArrayList<>();
    Map<Integer, Integer> at = new HashMap<>();
    int cur = start;
    while (!at.containsKey(cur)) {
      at.put(cur, path.size());
      path.add(cur);
      int next = -1;
      for (WorkflowDependency d : jobs.get(cur).dependencies()) {
        int k = index.get(d.name());
        if (waiting[k] > 0) {
          next = k;
          break;
        }
      }
      cur = next;
    }
    List<String> names = new ArrayList<>();
    for (int i = at.get(cur); i < path.size(); i++) {
      names.add(jobs.get(path.get(i)).name());
    }
    names.add(jobs.get(cur).name());
    return names;
  }
}
