package org.flux4j.examples;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;

/** Whether the program talks to a person at a terminal (for progress lines). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when standard input and output are a terminal. On Java 17 to 21 that is {@code
   * System.console() != null}; from Java 22 a console always exists and {@code
   * Console.isTerminal()} (looked up reflectively, as the project targets Java 17) tells.
   */
  public static boolean interactive() {
    @SuppressWarnings("SystemConsoleNull") // the Java 17-21 meaning is the one wanted here
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
