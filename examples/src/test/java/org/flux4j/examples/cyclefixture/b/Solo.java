package org.flux4j.examples.cyclefixture.b;

/** In a cycle with {@link Duo} inside one package: allowed by the cycle rule. */
public final class Solo {
  private Solo() {}

  /** Depends on {@link Duo}. */
  public static int solo(int n) {
    return n > 0 ? Duo.duo(n - 1) : 0;
  }
}
