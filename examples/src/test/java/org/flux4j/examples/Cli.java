package org.flux4j.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the flux4j launcher in-process and keeps what its last run wrote to out and err. */
public final class Cli {
  private String out = "";
  private String err = "";

  /** Runs {@code flux4j ARGS}; returns the exit status. */
  public int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = new CommandLine(Flux4j.class);
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int rc = cl.execute(args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  /** What the last run wrote to picocli's out writer. */
  public String out() {
    return out;
  }

  /** What the last run wrote to picocli's err writer. */
  public String err() {
    return err;
  }
}
