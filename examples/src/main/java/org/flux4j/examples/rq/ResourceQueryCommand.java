package org.flux4j.examples.rq;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code flux4j resource-query}: Fluxion's resource-query. Every argument is handed unparsed to
 * {@link ResourceQueryMain}, which reads options the way the original tool does ({@code -h} for
 * them).
 */
@Command(
    name = "resource-query",
    description = {
      "Fluxion's resource-query: load a resource graph, then match, reserve, cancel and",
      "find resources with commands read from stdin (options as the original; -h lists them)."
    })
public final class ResourceQueryCommand implements Callable<Integer> {
  @Unmatched private final List<String> args = new ArrayList<>();

  /** Creates the command (picocli instantiates it). */
  public ResourceQueryCommand() {}

  /** Runs one session on the process's streams; returns its exit status. */
  @Override
  public Integer call() {
    PrintStream stdout =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream stderr =
        new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
    int rc =
        ResourceQueryMain.run(
            args.toArray(new String[0]), System.in, stdout, stderr, Path.of("").toAbsolutePath());
    stdout.flush();
    stderr.flush();
    return rc;
  }
}
