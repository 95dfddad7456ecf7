package org.flux4j.examples.rq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.SortedSet;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.graph.io.IdSet;

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
    io.errFailure("ERROR: can't attach JGF subgraph ", error);
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
      io.errFailure("ERROR: can't remove subgraph ", error);
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
   * Decodes an RFC 22 idset as resource-query does ({@code idset_decode}, through flux-graph's
   * {@link IdSet#decode}); null if malformed or larger than 100,000,000 ids.
   */
  static SortedSet<Long> decodeIdset(String s) {
    IdSet ids;
    try {
      ids = IdSet.decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (ids.size() > 100_000_000L) {
      return null;
    }
    SortedSet<Long> out = new TreeSet<>();
    for (PrimitiveIterator.OfLong it = ids.ids(); it.hasNext(); ) {
      out.add(it.nextLong());
    }
    return out;
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
