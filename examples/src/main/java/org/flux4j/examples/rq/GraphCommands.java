package org.flux4j.examples.rq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;

/**
 * The graph commands of a session: {@code find}, {@code attach}, {@code remove}, {@code
 * set-property}, {@code get-property}, {@code set-status} and {@code get-status}. Vertices are
 * looked up by path in every subsystem, as Fluxion's {@code by_path} index does. One per session;
 * not thread-safe.
 */
final class GraphCommands {
  private static final String RULE = SessionIo.RULE;

  private final SessionIo io;
  private final Backend backend;

  GraphCommands(SessionIo io, Backend backend) {
    this.io = io;
    this.backend = backend;
  }

  boolean find(List<String> args) {
    if (args.size() < 2) {
      io.errLine("ERROR: malformed command: ");
      return true;
    }
    String criteria = String.join(" ", args.subList(1, args.size()));
    Backend.FindReply reply = backend.find(criteria);
    if (!reply.ok()) {
      io.errText(reply.error());
      return true;
    }
    io.outText(reply.r());
    io.outLine(RULE);
    io.outLine("INFO: EXPRESSION=\"" + criteria + "\"");
    io.outLine(RULE);
    return true;
  }

  boolean attach(List<String> args) {
    if (args.size() != 2) {
      return io.malformed();
    }
    String text = io.readFileOrReport(args.get(1));
    if (text == null) {
      return true;
    }
    String error = backend.attach(text);
    if (error != null) {
      io.errLine("ERROR: can't attach JGF subgraph ");
      io.errText("ERROR: " + error);
    }
    return true;
  }

  boolean remove(List<String> args) {
    if (args.size() != 3) {
      return io.malformed();
    }
    String target = args.get(1);
    String isPath = args.get(2);
    if (isPath.equals("true")) {
      String error = backend.removeSubgraph(target);
      if (error != null) {
        io.errLine("ERROR: can't remove subgraph ");
        io.errText("ERROR: " + error);
      }
    } else if (isPath.equals("false")) {
      SortedSet<Long> ranks = decodeIdset(target);
      if (ranks == null) {
        io.errText("ERROR: failed to decode ranks.\n");
        return true;
      }
      String error = backend.removeRanks(ranks);
      if (error != null) {
        io.errText(error);
      }
    } else {
      io.errLine("ERROR: invalid path boolean input ");
    }
    return true;
  }

  /**
   * Decodes an RFC 22 idset ("0-3,7", optionally in brackets); null if malformed. Ids are
   * non-negative and ranges ascend.
   */
  static SortedSet<Long> decodeIdset(String s) {
    String body = s;
    if (body.startsWith("[") && body.endsWith("]") && body.length() >= 2) {
      body = body.substring(1, body.length() - 1);
    }
    SortedSet<Long> ids = new TreeSet<>();
    if (body.isEmpty()) {
      return ids;
    }
    for (String part : body.split(",", -1)) {
      int dash = part.indexOf('-');
      String lo = dash < 0 ? part : part.substring(0, dash);
      String hi = dash < 0 ? part : part.substring(dash + 1);
      if (!isDigits(lo) || !isDigits(hi)) {
        return null;
      }
      long a;
      long b;
      try {
        a = Long.parseLong(lo);
        b = Long.parseLong(hi);
      } catch (NumberFormatException e) {
        return null;
      }
      if (b < a || b - a > 100_000_000L) {
        return null;
      }
      for (long x = a; x <= b; x++) {
        ids.add(x);
      }
    }
    return ids;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  boolean setProperty(List<String> args) {
    if (args.size() != 3) {
      return io.malformed();
    }
    String path = args.get(1);
    String kv = args.get(2);
    int pos = kv.indexOf('=');
    if (pos <= 0 || pos == kv.length() - 1) {
      io.outLine("Incorrect input format. ");
      io.outLine("Please use `set-property <resource> PROPERTY=VALUE`.");
      return true;
    }
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      io.outLine("Couldn't find path " + path + " in resource graph.");
      return true;
    }
    backend.setProperty(path, kv.substring(0, pos), kv.substring(pos + 1));
    return true;
  }

  boolean getProperty(List<String> args) {
    if (args.size() != 2) {
      return io.malformed();
    }
    String path = args.get(1);
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      io.outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    ResourceGraph g = backend.graph();
    for (int v : vs) {
      Map<String, String> props = g.properties(v);
      if (props.isEmpty()) {
        io.outLine(
            "No properties were found for " + path + " (vtx's uniq_id=" + g.uniqId(v) + ").");
      } else {
        for (Map.Entry<String, String> e : props.entrySet()) {
          io.outLine(e.getKey() + "=" + e.getValue());
        }
      }
    }
    return true;
  }

  boolean setStatus(List<String> args) {
    if (args.size() != 3) {
      return io.malformed();
    }
    String path = args.get(1);
    if (verticesAt(path).isEmpty()) {
      io.outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    String status = args.get(2);
    if (!status.equals("up") && !status.equals("down")) {
      io.errLine("ERROR: unrecognized status");
      return true;
    }
    return backend.markStatus(path, status.equals("up")) == 0;
  }

  boolean getStatus(List<String> args) {
    if (args.size() != 2) {
      return io.malformed();
    }
    String path = args.get(1);
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      io.outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    for (int v : vs) {
      io.outLine(path + " is " + (backend.graph().status(v) == Status.UP ? "up" : "down"));
    }
    return true;
  }

  private List<Integer> verticesAt(String path) {
    ResourceGraph g = backend.graph();
    List<Integer> found = new ArrayList<>();
    List<String> subsystems = g.subsystems();
    for (int s = 0; s < subsystems.size(); s++) {
      g.vertexByPath(s, path)
          .ifPresent(
              v -> {
                if (!found.contains(v)) {
                  found.add(v);
                }
              });
    }
    return found;
  }
}
