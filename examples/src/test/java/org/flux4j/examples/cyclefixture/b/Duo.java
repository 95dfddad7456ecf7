package org.flux4j.examples.cyclefixture.b;

/** In a cycle with {@link Solo} inside one package: allowed by the cycle rule. */
public final class Duo {
  private Duo() {}

  /** Depends on {@link Solo}. */
  public static int duo(int n) {
    return n > 0 ? Solo.solo(n - 1) : 0;
  }
}
