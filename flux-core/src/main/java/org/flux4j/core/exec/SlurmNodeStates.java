package org.flux4j.core.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm node states as {@code scontrol show node -o} prints them, one node per line ({@code
 * NodeName=n2 ... State=ALLOCATED+NOT_RESPONDING ...}), and which of them mean a lost node.
 * Stateless.
 */
final class SlurmNodeStates {
  private static final Pattern NAME = Pattern.compile("(?:^|\\s)NodeName=(\\S+)");
  private static final Pattern STATE = Pattern.compile("(?:^|\\s)State=(\\S+)");

  private SlurmNodeStates() {}

  /** The state of every node in {@code output}, by node name, in output order. */
  static Map<String, String> parse(String output) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : (Iterable<String>) output.lines()::iterator) {
      Matcher n = NAME.matcher(line);
      Matcher s = STATE.matcher(line);
      if (n.find() && s.find()) {
        out.put(n.group(1), s.group(1));
      }
    }
    return out;
  }

  /**
   * Whether a state means the node is lost: its base state or a flag is DOWN, or it is flagged
   * NOT_RESPONDING (also written with a trailing {@code *}), or FAIL. DRAIN alone is not a loss:
   * running work continues there.
   */
  static boolean isLost(String state) {
    if (state.endsWith("*")) {
      return true;
    }
    for (String part : state.split("\\+", -1)) {
      if (part.equals("DOWN") || part.equals("NOT_RESPONDING") || part.equals("FAIL")) {
        return true;
      }
    }
    return false;
  }
}
