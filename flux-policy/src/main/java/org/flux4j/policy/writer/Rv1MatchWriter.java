package org.flux4j.policy.writer;

import java.util.Map;
import java.util.TreeMap;
import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "rv1", "rv1_nosched" and "rv1_shorthand" writers: RFC 20 R version 1 on one line and a
 * newline,
 *
 * <pre>{@code
 * {"version": 1, "execution": {"R_lite": [...], "nodelist": ["<hostlist>"], "properties": {...},
 *  "starttime": S, "expiration": E}, "scheduling": <jgf>, "attributes": {"system":
 *  {"scheduler": {...}}}}
 * }</pre>
 *
 * where "properties" appears only when a node has properties, S is the set's start time and E is S
 * plus its duration; "scheduling" is the JGF of the set (rv1), its shorthand JGF (rv1_shorthand) or
 * absent (rv1_nosched); "attributes" (not for rv1_nosched) appears once a set has carried scheduler
 * attributes (the queue), and then stays, as in Fluxion's writer object.
 *
 * <p>Nothing is written when no node with cores or gpus has been gathered, or (with a scheduling
 * key) when the JGF has nothing; what was collected then carries over to the next set, as in
 * Fluxion. If the JGF has vertices but no edges, the R_lite is consumed and nothing is written.
 */
final class Rv1MatchWriter implements MatchWriter {
  /** Which scheduling key to write. */
  enum Mode {
    RV1,
    NOSCHED,
    SHORTHAND
  }

  private final Mode mode;
  private final Rlite rlite = new Rlite();
  private final JgfMatchWriter jgf;
  private final TreeMap<String, String> attributes = new TreeMap<>();
  private long startTime;
  private long expiration;

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

  private String lastError = "";

  @Override
  public String lastError() {
    return lastError;
  }

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    lastError = "";
    // an empty set (a match that found nothing) still emits what is pending, as Fluxion does
    if (!set.isEmpty()) {
      rlite.feed(set);
      if (jgf != null) {
        jgf.feed(set);
        attributes.putAll(set.attributes());
      }
      startTime = set.startTime();
      expiration = set.startTime() + set.duration();
    }
    if (rlite.isEmpty() || (jgf != null && jgf.isEmpty())) {
      return;
    }
    Rlite.Result r = rlite.emit();
    if (r == null) {
      lastError = Rlite.INVALID;
      return;
    }
    StringBuilder doc = null;
    if (jgf != null) {
      doc = new StringBuilder(1024);
      if (!jgf.emit(doc)) {
        lastError = JgfMatchWriter.ONE_SIDED;
        return;
      }
    }
    out.append("{\"version\": 1, \"execution\": {\"R_lite\": ").append(r.rlite());
    out.append(", \"nodelist\": [");
    JgfWriter.appendString(out, r.nodelist());
    out.append(']');
    if (r.properties() != null) {
      out.append(", \"properties\": ").append(r.properties());
    }
    out.append(", \"starttime\": ").append(startTime);
    out.append(", \"expiration\": ").append(expiration).append('}');
    if (doc != null) {
      out.append(", \"scheduling\": ").append(doc);
      if (!attributes.isEmpty()) {
        out.append(", \"attributes\": {\"system\": {\"scheduler\": {");
        boolean first = true;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
          if (!first) {
            out.append(", ");
          }
          first = false;
          JgfWriter.appendString(out, a.getKey());
          out.append(": ");
          JgfWriter.appendString(out, a.getValue());
        }
        out.append("}}}");
      }
    }
    out.append("}\n");
  }
}
