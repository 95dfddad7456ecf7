package org.flux4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The flux4j launcher: one picocli command with a subcommand per tool. */
@Command(
    name = "flux4j",
    mixinStandardHelpOptions = true,
    version = "flux4j 0.1.0-SNAPSHOT",
    description = "An embeddable workload manager for the JVM after Flux and Fluxion.",
    subcommands = {
      CommandLine.HelpCommand.class,
      org.flux4j.examples.replay.ReplayCommand.class,
      GraphCommand.class,
      DemoCommand.class,
      SchedBench.class,
      org.flux4j.examples.rq.ResourceQueryCommand.class,
      org.flux4j.examples.workflow.WorkflowCommand.class,
      org.flux4j.examples.rqdiff.RqDiff.class
    })
public final class Flux4j {
  private Flux4j() {}

  /** Runs the launcher and exits with the command's status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new Flux4j()).execute(args));
  }
}
