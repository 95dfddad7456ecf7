package org.flux4j.policy.writer;

import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "rlite" writer: the R_lite array of RFC 20 R (see {@link Rlite}) on one line and a
 * newline; nothing when the set has no node with cores or gpus.
 */
final class RliteMatchWriter implements MatchWriter {
  @Override
  public String name() {
    return "rlite";
  }

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    Rlite r = Rlite.of(set);
    if (r != null) {
      out.append(r.rlite).append('\n');
    }
  }
}
