package org.flux4j.policy.writer;

import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "rlite" writer: the R_lite array of RFC 20 R (see {@link Rlite}) on one line and a
 * newline; nothing when no node with cores or gpus has been gathered.
 */
final class RliteMatchWriter implements MatchWriter {
  private final Rlite rlite = new Rlite();

  @Override
  public String name() {
    return "rlite";
  }

  private String lastError = "";

  @Override
  public void write(ResourceSet set, StringBuilder out) {
    lastError = "";
    if (set.isEmpty()) {
      return;
    }
    rlite.feed(set);
    Rlite.Result r = rlite.emit();
    if (r != null) {
      out.append(r.rlite).append('\n');
    } else {
      lastError = Rlite.INVALID;
    }
  }

  @Override
  public String lastError() {
    return lastError;
  }
}
