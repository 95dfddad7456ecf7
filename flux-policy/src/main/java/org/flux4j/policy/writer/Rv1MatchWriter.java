package org.flux4j.policy.writer;

import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "rv1", "rv1_nosched" and "rv1_shorthand" writers: RFC 20 R version 1 on one line and a
 * newline,
 *
 * <pre>{@code
 * {"version": 1, "execution": {"R_lite": [...], "nodelist": ["<hostlist>"], "properties": {...},
 *  "starttime": S, "expiration": E}, "scheduling": <jgf>}
 * }</pre>
 *
 * where "properties" appears only when a node has properties, S is the set's start time and E is S
 * plus its duration; "scheduling" is the JGF of the set (rv1), its shorthand JGF (rv1_shorthand) or
 * absent (rv1_nosched). Nothing is written when the R_lite is empty, or (with a scheduling key)
 * when the JGF would be empty or edgeless.
 */
final class Rv1MatchWriter implements MatchWriter {
  /** Which scheduling key to write. */
  enum Mode {
    RV1,
    NOSCHED,
    SHORTHAND
  }

  private final Mode mode;
  private final JgfMatchWriter jgf;

  Rv1MatchWriter(Mode mode) {
    this.mode = mode;
    this.jgf = mode == Mode.NOSCHED ? null : new JgfMatchWriter(mode == Mode.SHORTHAND);
  }

  @Override
  public String name() {
    switch (mode) {
      case RV1:
        return "rv1";
      case NOSCHED:
        return "rv1_nosched";
      default:
        return "rv1_shorthand";
    }
  }

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    if (set.isEmpty()) {
      return;
    }
    Rlite r = Rlite.of(set);
    JgfWriter doc = jgf == null ? null : jgf.document(set);
    if (r == null || (jgf != null && doc == null)) {
      return;
    }
    out.append("{\"version\": 1, \"execution\": {\"R_lite\": ").append(r.rlite);
    out.append(", \"nodelist\": [");
    JgfWriter.appendString(out, r.nodelist);
    out.append(']');
    if (r.properties != null) {
      out.append(", \"properties\": ").append(r.properties);
    }
    long start = set.startTime();
    out.append(", \"starttime\": ").append(start);
    out.append(", \"expiration\": ").append(start + set.duration()).append('}');
    if (doc != null) {
      out.append(", \"scheduling\": ");
      jgf.appendDocument(doc, out);
    }
    out.append("}\n");
  }
}
