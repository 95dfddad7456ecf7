package org.flux4j.graph.io;

/** GraphML text for the GRUG reader's tests. */
final class GraphmlText {
  private GraphmlText() {}

  /** A GRUG vertex kind: {@code <node>} with its type as basename, and the root flag if set. */
  static String node(String id, String type, boolean root) {
    return "<node id=\""
        + id
        + "\">"
        + (root ? "<data key=\"root\">1</data>" : "")
        + "<data key=\"type\">"
        + type
        + "</data><data key=\"basename\">"
        + type
        + "</data></node>";
  }
}
