package org.flux4j.examples.cyclefixture.a;

import org.flux4j.examples.cyclefixture.b.Pong;

/** Half of a two-package cycle, for the cycle rule's own test. */
public final class Ping {
  private Ping() {}

  /** Depends on {@link Pong}. */
  public static int ping(int n) {
    return n <= 0 ? 0 : Pong.pong(n - 1);
  }
}
