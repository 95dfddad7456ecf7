package org.flux4j.policy.writer;

import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's "rlite" writer: the R_lite array of RFC 20 R (see {@link Rlite}) on one line and a
 * newline. As Fluxion's, it fails to emit (Invalid argument) when no node with cores or gpus has
 * been gathered, an empty set included, and once a gathered node has a negative rank.
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
    rlite.feed(set);
    Rlite.Result r = rlite.emit();
    if (r != null) {
      out.append(r.rlite()).append('\n');
    } else {
      lastError = Rlite.INVALID;
    }
  }

  @Override
  public String lastError() {
    return lastError;
  }
}
