package org.flux4j.examples.rq;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flux4j.graph.ResourceGraph;

/**
 * Fluxion's {@code resource-query} on flux4j: loads a resource graph, then reads commands on stdin
 * (match, update, cancel, find, status, properties, ...) and prints what Fluxion's tool prints,
 * byte for byte.
 *
 * <p>{@link #run} is re-entrant: it keeps no static state, so tests can run many sessions in one
 * JVM, also concurrently (each on its own streams).
 */
public final class ResourceQueryMain {
  private ResourceQueryMain() {}

  /** Runs one session on the process's streams and exits with its status. */
  public static void main(String[] args) {
    PrintStream stdout =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream stderr =
        new PrintStream(new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
    int status = run(args, System.in, stdout, stderr, Path.of("").toAbsolutePath());
    stdout.flush();
    stderr.flush();
    System.exit(status);
  }

  /**
   * Runs one session.
   *
   * @param args the command-line arguments (options only)
   * @param stdin the commands, one per line
   * @param stdout the standard output (not closed)
   * @param stderr the standard error (not closed)
   * @param cwd the working directory that relative file names are resolved against
   * @return the exit status: 0 after {@code quit} or the end of input, 1 after a usage or setup
   *     error, 0 after {@code -h}
   */
  public static int run(
      String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Path cwd) {
    return run(args, stdin, stdout, stderr, cwd, EngineBackend::open);
  }

  /** Opens a {@link Backend} for a session; fails with the message of a setup error. */
  @FunctionalInterface
  interface BackendFactory {
    Backend open(RqOptions options, String graphText, Path cwd) throws SetupException;
  }

  /** A failure to build the graph or the matcher; the tool prints it and exits with 1. */
  static final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
      super(message);
    }

    SetupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static int run(
      String[] args,
      InputStream stdin,
      PrintStream stdout,
      PrintStream stderr,
      Path cwd,
      BackendFactory factory) {
    RqOptions options;
    try {
      options = RqOptions.parse(args, cwd, stderr);
    } catch (RqOptions.Exit e) {
      stderr.flush();
      return e.status;
    }
    String graphText = readGraph(cwd.resolve(options.loadFile()));
    long t0 = System.nanoTime();
    Backend backend;
    try {
      backend = factory.open(options, graphText, cwd);
    } catch (SetupException e) {
      stderr.print(": Runtime error: " + e.getMessage() + "\n");
      stderr.flush();
      return 1;
    }
    double loadTime = (System.nanoTime() - t0) / 1e9;
    if (options.elapseTime()) {
      printLoadStats(backend.graph(), loadTime, stdout);
    }
    OutputStream file = null;
    PrintStream out = stdout;
    if (options.testOutput() != null) {
      try {
        file =
            Files.newOutputStream(
                cwd.resolve(options.testOutput()),
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        out = new PrintStream(new BufferedOutputStream(file), false, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        stderr.print(
            "ERROR: can't open " + options.testOutput() + " for writing: " + e.getMessage() + "\n");
        stderr.flush();
        return 1;
      }
    }
    int status = 0;
    try {
      Session session = new Session(options, backend, cwd, out, stdout, stderr);
      session.run(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)));
      if (options.graphOutput() != null) {
        writeGraph(options, backend.graph(), cwd, stdout, stderr);
      }
    } catch (IOException e) {
      stderr.print("ERROR: " + e.getMessage() + "\n");
    } catch (FluxionAbort e) {
      stderr.print(e.getMessage());
      status = FluxionAbort.EXIT_STATUS;
    } finally {
      out.flush();
      if (file != null) {
        out.close();
      }
      stdout.flush();
      stderr.flush();
    }
    return status;
  }

  private static String readGraph(Path p) {
    try {
      if (Files.isRegularFile(p)) {
        return Files.readString(p, StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable file loads like an empty one: the reader reports the error
    }
    return "";
  }

  private static void printLoadStats(ResourceGraph g, double loadTime, PrintStream stdout) {
    Set<String> types = new HashSet<>();
    Set<String> names = new HashSet<>();
    Set<String> paths = new HashSet<>();
    Map<Integer, Integer> ranks = new TreeMap<>();
    List<String> subsystems = g.subsystems();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      types.add(g.type(v));
      names.add(g.name(v));
      for (int s = 0; s < subsystems.size(); s++) {
        if (g.isMember(v, s)) {
          paths.add(g.path(v, s));
          // Fluxion's by_path keeps the paths a GRUG associate edge replaced
          paths.addAll(g.formerPaths(v, s));
        }
      }
      ranks.merge(g.rank(v), 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("INFO: Graph Load Time: ").append(CFormat.general(loadTime)).append('\n');
    sb.append("INFO: Vertex Count: ").append(g.vertexCount()).append('\n');
    sb.append("INFO: Edge Count: ").append(g.edgeCount()).append('\n');
    sb.append("INFO: by_type Key-Value Pairs: ").append(types.size()).append('\n');
    sb.append("INFO: by_name Key-Value Pairs: ").append(names.size()).append('\n');
    sb.append("INFO: by_path Key-Value Pairs: ").append(paths.size()).append('\n');
    for (Map.Entry<Integer, Integer> e : ranks.entrySet()) {
      sb.append("INFO: number of vertices with rank ")
          .append(e.getKey())
          .append(": ")
          .append(e.getValue())
          .append('\n');
    }
    stdout.print(sb);
    stdout.flush();
  }

  private static void writeGraph(
      RqOptions options, ResourceGraph g, Path cwd, PrintStream stdout, PrintStream stderr) {
    stdout.print("INFO: Write the target graph of the matcher...\n");
    stdout.flush();
    Path p = cwd.resolve(options.graphOutput() + "." + options.graphFormatExt());
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      if (options.graphFormatExt().equals("graphml")) {
        GraphDump.graphml(g, w);
      } else {
        GraphDump.dot(g, w);
      }
    } catch (IOException | RuntimeException e) {
      stderr.print("ERROR: Failure encountered in writing\n");
      stderr.flush();
    }
  }
}
