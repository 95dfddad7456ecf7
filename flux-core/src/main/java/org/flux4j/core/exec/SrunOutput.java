package org.flux4j.core.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flux4j.graph.io.IdSet;

/**
 * What one {@code srun --label --verbose} step printed, taken apart: each task's standard output
 * and error (the lines labelled {@code "T: "}), each task's end as srun reports it ({@code srun:
 * error: n3: task 3: Exited with exit code 3}, {@code ... Killed by signal 9}, {@code _task_finish:
 * n1: task 0: Completed}), the step id, a {@code Node failure on HOST}, and srun's other errors.
 * Immutable once parsed.
 */
final class SrunOutput {
  /** The wait status of a task srun did not report on. */
  static final int UNKNOWN = -1;

  private static final Pattern LABEL = Pattern.compile("^\\s*(\\d+): ?(.*)$");
  private static final Pattern STEP = Pattern.compile("StepId=(\\d+\\.\\d+)");
  private static final Pattern TASK_END = Pattern.compile("(\\S+): tasks? ([0-9,\\-]+): (.*)$");
  private static final Pattern EXIT = Pattern.compile("Exited with exit code (\\d+)");
  private static final Pattern SIGNAL = Pattern.compile("(?i)signal (\\d+)");
  private static final Pattern NODE_FAILURE = Pattern.compile("Node failure on (\\S+)");

  private final StringBuilder[] stdout;
  private final StringBuilder[] stderr;
  private final int[] status;
  private final String[] hostOf;
  private final List<String> errors = new ArrayList<>();
  private String stepId;
  private String failedNode;

  private SrunOutput(int tasks) {
    stdout = new StringBuilder[tasks];
    stderr = new StringBuilder[tasks];
    for (int t = 0; t < tasks; t++) {
      stdout[t] = new StringBuilder();
      stderr[t] = new StringBuilder();
    }
    status = new int[tasks];
    Arrays.fill(status, UNKNOWN);
    hostOf = new String[tasks];
  }

  /** Parses a step of {@code tasks} tasks from what srun wrote to its stdout and stderr. */
  static SrunOutput parse(String out, String err, int tasks) {
    SrunOutput o = new SrunOutput(tasks);
    for (String line : (Iterable<String>) out.lines()::iterator) {
      o.taskLine(line, o.stdout);
    }
    for (String line : (Iterable<String>) err.lines()::iterator) {
      if (line.startsWith("srun: ")) {
        o.srunLine(line.substring(6));
      } else {
        o.taskLine(line, o.stderr);
      }
    }
    return o;
  }

  /** Just the step id ({@code JOB.STEP}) if srun has printed it yet. */
  static Optional<String> stepId(String err) {
    Matcher m = STEP.matcher(err);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private void taskLine(String line, StringBuilder[] to) {
    Matcher m = LABEL.matcher(line);
    int t = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    if (t >= 0 && t < to.length) {
      to[t].append(m.group(2)).append('\n');
    } else if (to.length > 0) {
      to[0].append(line).append('\n');
    }
  }

  private void srunLine(String line) {
    Matcher step = STEP.matcher(line);
    if (stepId == null && step.find()) {
      stepId = step.group(1);
    }
    Matcher nf = NODE_FAILURE.matcher(line);
    if (nf.find()) {
      if (failedNode == null) {
        failedNode = nf.group(1);
      }
      return;
    }
    Matcher end = TASK_END.matcher(line);
    if (end.find()) {
      IdSet ids;
      try {
        ids = IdSet.decode(end.group(2));
      } catch (IllegalArgumentException e) {
        ids = IdSet.empty();
      }
      int s = taskStatus(end.group(3));
      if (s != UNKNOWN) {
        for (long id : ids.toArray()) {
          if (id < status.length) {
            status[(int) id] = s;
            hostOf[(int) id] = end.group(1);
          }
        }
        return;
      }
    }
    if (line.startsWith("error: ")) {
      errors.add(line.substring(7));
    }
  }

  private static int taskStatus(String what) {
    Matcher exit = EXIT.matcher(what);
    if (exit.find()) {
      return Integer.parseInt(exit.group(1)) << 8;
    }
    if (what.startsWith("Completed")) {
      return 0;
    }
    Matcher sig = SIGNAL.matcher(what);
    if (sig.find()) {
      return Integer.parseInt(sig.group(1));
    }
    if (what.startsWith("Killed")) {
      return 9;
    }
    if (what.startsWith("Terminated")) {
      return 15;
    }
    return UNKNOWN;
  }

  /** The step id, {@code JOB.STEP}, if srun printed it. */
  Optional<String> stepId() {
    return Optional.ofNullable(stepId);
  }

  /** The node of a {@code Node failure on HOST} message, if any. */
  Optional<String> failedNode() {
    return Optional.ofNullable(failedNode);
  }

  /** srun's own error messages other than task ends and node failures, in order. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  /** The wait status of task {@code t} as srun reported it, or {@link #UNKNOWN}. */
  int status(int t) {
    return status[t];
  }

  /** The node srun named for task {@code t}'s end, or null. */
  String host(int t) {
    return hostOf[t];
  }

  /** The captured output of every task, by task rank. */
  List<TaskOutput> outputs(int limit) {
    List<TaskOutput> out = new ArrayList<>(stdout.length);
    for (int t = 0; t < stdout.length; t++) {
      out.add(new TaskOutput(t, cut(stdout[t], limit), cut(stderr[t], limit)));
    }
    return out;
  }

  private static String cut(StringBuilder sb, int limit) {
    return sb.length() > limit ? sb.substring(0, limit) : sb.toString();
  }
}
