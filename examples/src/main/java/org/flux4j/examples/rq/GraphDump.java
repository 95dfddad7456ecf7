package org.flux4j.examples.rq;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.flux4j.graph.ResourceGraph;

/**
 * Writes the whole resource graph for {@code -o}: Graphviz dot (vertices labelled by name, edges by
 * subsystem) or GraphML (vertex attributes as data keys), in the layout Boost's writers use.
 */
final class GraphDump {
  private GraphDump() {}

  /** Writes {@code g} in Graphviz dot; vertices are numbered in index order. */
  static void dot(ResourceGraph g, Writer w) throws IOException {
    int[] index = dense(g);
    w.write("digraph G {\n");
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v)) {
        w.write(index[v] + "[label=\"" + escape(g.name(v)) + "\"];\n");
      }
    }
    List<String> subsystems = g.subsystems();
    for (int s = 0; s < subsystems.size(); s++) {
      String label = subsystems.get(s);
      int ss = s;
      IOException[] failure = new IOException[1];
      g.forEachEdge(
          ss,
          (a, b, rel) -> {
            try {
              w.write(index[a] + "->" + index[b] + " [label=\"" + escape(label) + "\"];\n");
            } catch (IOException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    w.write("}\n");
  }

  /** Writes {@code g} in GraphML with the vertex attributes Fluxion dumps. */
  static void graphml(ResourceGraph g, Writer w) throws IOException {
    int[] index = dense(g);
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.write(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
            + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    String[] vkeys = {
      "basename", "id", "member_of", "name", "paths", "props", "size", "type", "uniq_id", "unit"
    };
    String[] vtypes = {
      "string", "long", "string", "string", "string", "string", "long", "string", "long", "string"
    };
    int k = 0;
    w.write(
        "  <key id=\"key"
            + k++
            + "\" for=\"edge\" attr.name=\"member_of\" attr.type=\"string\" />\n");
    for (int i = 0; i < vkeys.length; i++) {
      w.write(
          "  <key id=\"key"
              + k++
              + "\" for=\"node\" attr.name=\""
              + vkeys[i]
              + "\" attr.type=\""
              + vtypes[i]
              + "\" />\n");
    }
    w.write(
        "  <graph id=\"G\" edgedefault=\"directed\" parse.nodeids=\"canonical\""
            + " parse.edgeids=\"canonical\" parse.order=\"nodesfirst\">\n");
    List<String> subsystems = g.subsystems();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      StringBuilder paths = new StringBuilder("{");
      StringBuilder member = new StringBuilder("{");
      for (int s = 0; s < subsystems.size(); s++) {
        if (g.isMember(v, s)) {
          if (paths.length() > 1) {
            paths.append(',');
            member.append(',');
          }
          paths.append(subsystems.get(s)).append('=').append(g.path(v, s));
          member.append(subsystems.get(s)).append('=').append(subsystems.get(s));
        }
      }
      paths.append('}');
      member.append('}');
      StringBuilder props = new StringBuilder("{");
      for (Map.Entry<String, String> e : g.properties(v).entrySet()) {
        if (props.length() > 1) {
          props.append(',');
        }
        props.append(e.getKey()).append('=').append(e.getValue());
      }
      props.append('}');
      String[] values = {
        g.basename(v),
        Long.toString(g.id(v)),
        member.toString(),
        g.name(v),
        paths.toString(),
        props.toString(),
        Long.toString(g.size(v)),
        g.type(v),
        Long.toString(g.uniqId(v)),
        g.unit(v)
      };
      w.write("    <node id=\"n" + index[v] + "\">\n");
      for (int i = 0; i < values.length; i++) {
        w.write("      <data key=\"key" + (i + 1) + "\">" + xml(values[i]) + "</data>\n");
      }
      w.write("    </node>\n");
    }
    int[] edgeNo = {0};
    IOException[] failure = new IOException[1];
    for (int s = 0; s < subsystems.size(); s++) {
      String label = "{" + subsystems.get(s) + "=" + subsystems.get(s) + "}";
      g.forEachEdge(
          s,
          (a, b, rel) -> {
            try {
              w.write(
                  "    <edge id=\"e"
                      + edgeNo[0]++
                      + "\" source=\"n"
                      + index[a]
                      + "\" target=\"n"
                      + index[b]
                      + "\">\n      <data key=\"key0\">"
                      + xml(label)
                      + "</data>\n    </edge>\n");
            } catch (IOException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
    w.write("  </graph>\n</graphml>\n");
  }

  private static int[] dense(ResourceGraph g) {
    int[] index = new int[g.vertexLimit()];
    int n = 0;
    for (int v = 0; v < g.vertexLimit(); v++) {
      index[v] = g.isLive(v) ? n++ : -1;
    }
    return index;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
