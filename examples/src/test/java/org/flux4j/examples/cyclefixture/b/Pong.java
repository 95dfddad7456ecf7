package org.flux4j.examples.cyclefixture.b;

import org.flux4j.examples.cyclefixture.a.Ping;

/** The other half of a two-package cycle, for the cycle rule's own test. */
public final class Pong {
  private Pong() {}

  /** Depends on {@link Ping} (a cycle across packages) and on {@link Solo} (one way). */
  public static int pong(int n) {
    return n <= 0 ? Solo.solo(0) : Ping.ping(n - 1);
  }
}
