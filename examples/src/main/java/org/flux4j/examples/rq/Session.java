package org.flux4j.examples.rq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource-query session: reads commands line by line, finds each command by its name or
 * abbreviation, and runs it; the job commands ({@link JobCommands}) and graph commands ({@link
 * GraphCommands}) do the work against a {@link Backend}, and the reporting commands ({@code list},
 * {@code info}, {@code stat}, {@code cat}, {@code help}) are here.
 *
 * <p>Everything is per instance; a JVM can run many sessions one after another or side by side.
 */
final class Session {
  private final RqOptions options;
  private final Backend backend;
  private final SessionIo io;
  private final JobTable jobs = new JobTable();
  private final List<Command> commands;

  /** A command of the language: its name, abbreviation, handler and help note. */
  private record Command(String name, String abbr, Handler handler, String note) {}

  /** Runs one command; returns false to end the session. */
  @FunctionalInterface
  private interface Handler {
    boolean run(List<String> args) throws IOException;
  }

  /**
   * Creates a session.
   *
   * @param options the parsed command line
   * @param backend the loaded graph and matcher
   * @param cwd the directory relative file names are resolved against
   * @param out where match output goes (the {@code -t} file or stdout)
   * @param stdout the standard output (prompt, timings, list/info/stat/cat/help)
   * @param stderr the standard error
   */
  Session(
      RqOptions options,
      Backend backend,
      Path cwd,
      PrintStream out,
      PrintStream stdout,
      PrintStream stderr) {
    this.options = options;
    this.backend = backend;
    this.io = new SessionIo(out, stdout, stderr, cwd);
    JobCommands jobCommands = new JobCommands(io, backend, jobs, options.elapseTime());
    GraphCommands graphCommands = new GraphCommands(io, backend);
    this.commands =
        List.of(
            new Command(
                "match",
                "m",
                jobCommands::match,
                "match SUBCMD JOBSPEC: allocate or reserve resources for a jobspec (SUBCMD:"
                    + " allocate | allocate_with_satisfiability | allocate_orelse_reserve |"
                    + " satisfiability | without_allocating | without_allocating_future)"),
            new Command(
                "multi-match",
                "M",
                jobCommands::multiMatch,
                "multi-match SUBCMD JOBSPEC1 JOBSPEC2 ...: match several jobspecs in turn,"
                    + " stopping at the first that fails"),
            new Command(
                "update",
                "u",
                jobCommands::update,
                "update allocate|reserve jgf|jgf_shorthand|rv1exec FILE JOBID AT DURATION:"
                    + " re-create an allocation from an emitted resource set"),
            new Command(
                "attach",
                "j",
                graphCommands::attach,
                "attach JGF_FILE: grow the graph by a JGF subgraph"),
            new Command(
                "remove",
                "j",
                graphCommands::remove,
                "remove PATH true | remove IDSET false: shrink the graph by a subtree or by"
                    + " ranks"),
            new Command(
                "find",
                "f",
                graphCommands::find,
                "find EXPRESSION: list the resources that satisfy an expression of status=,"
                    + " sched-now=, sched-future=, agfilter=, names=, jobid-alloc=, jobid-span=,"
                    + " jobid-tag=, jobid-reserved=, property= terms with and, or, parentheses"),
            new Command(
                "cancel",
                "c",
                jobCommands::cancel,
                "cancel JOBID [stats]: free an allocation or reservation"),
            new Command(
                "partial-cancel",
                "pc",
                jobCommands::partialCancel,
                "partial-cancel JOBID jgf|rv1exec FILE [stats]: free part of an allocation"),
            new Command(
                "set-property",
                "p",
                graphCommands::setProperty,
                "set-property PATH KEY=VALUE: set a property on a resource"),
            new Command(
                "get-property",
                "g",
                graphCommands::getProperty,
                "get-property PATH: print the properties of a resource"),
            new Command(
                "set-status",
                "t",
                graphCommands::setStatus,
                "set-status PATH up|down: mark a resource up or down"),
            new Command(
                "get-status",
                "e",
                graphCommands::getStatus,
                "get-status PATH: print a resource's status"),
            new Command("list", "l", this::list, "list: print the job table"),
            new Command("info", "i", this::info, "info JOBID: print one job"),
            new Command("stat", "s", this::stat, "stat: print match statistics"),
            new Command("cat", "a", this::cat, "cat JOBSPEC: print a jobspec file"),
            new Command("help", "h", this::help, "help [COMMAND]: print this help"),
            new Command("quit", "q", args -> false, "quit: end the session"));
  }

  /** Reads and runs commands until {@code quit} or the end of input. */
  void run(BufferedReader in) throws IOException {
    String prompt = options.disablePrompt() ? "" : "resource-query> ";
    while (true) {
      if (!prompt.isEmpty()) {
        io.stdoutText(prompt);
      }
      String line = in.readLine();
      if (line == null) {
        return;
      }
      List<String> tokens = tokenize(line);
      if (tokens.isEmpty()) {
        continue;
      }
      Command cmd = find(tokens.get(0));
      if (cmd == null) {
        continue;
      }
      backend.newCommandLine();
      boolean goOn;
      try {
        goOn = cmd.handler().run(tokens);
      } catch (FluxionAbort e) {
        throw e; // Fluxion dies there too
      } catch (RuntimeException e) {
        // an engine defect must not end the session silently: report it and read on
        io.errLine("ERROR: internal error in " + cmd.name() + ": " + e);
        goOn = true;
      }
      if (!goOn) {
        return;
      }
    }
  }

  /** Splits a line at C-locale blanks. */
  static List<String> tokenize(String line) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && CFormat.isSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !CFormat.isSpace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        tokens.add(line.substring(start, i));
      }
    }
    return tokens;
  }

  private Command find(String word) {
    for (Command c : commands) {
      if (c.name().equals(word) || c.abbr().equals(word)) {
        return c;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ list, info, stat, cat, help

  private boolean list(List<String> args) {
    for (JobTable.Entry info : jobs.jobs.values()) {
      io.stdoutLine(info.line());
    }
    return true;
  }

  private boolean info(List<String> args) {
    if (args.size() != 2) {
      return io.malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    JobTable.Entry info = jobs.jobs.get(jobId);
    if (info == null) {
      io.errLine("info: ERROR: nonexistent job " + CFormat.unsigned(jobId));
      return true;
    }
    io.stdoutLine(info.line());
    return true;
  }

  private boolean stat(List<String> args) {
    if (args.size() != 1) {
      return io.malformed();
    }
    io.stdoutLine("INFO: Num. of Jobs Matched: " + jobs.jobs.size());
    io.stdoutLine("INFO: Min. Match Time: " + CFormat.general(jobs.minTime()));
    io.stdoutLine("INFO: Max. Match Time: " + CFormat.general(jobs.maxTime()));
    io.stdoutLine("INFO: Avg. Match Time: " + CFormat.general(jobs.avgTime()));
    return true;
  }

  private boolean cat(List<String> args) {
    if (args.size() < 2) {
      return io.malformed();
    }
    String file = args.get(1);
    String text = io.readFile(file);
    if (text != null && !text.isEmpty()) {
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      for (String line : body.split("\n", -1)) {
        io.stdoutLine(line);
      }
    }
    io.stdoutLine("INFO: Jobspec in " + file);
    return true;
  }

  private boolean help(List<String> args) {
    boolean all = args.size() != 2;
    String which = all ? "" : args.get(1);
    boolean found = false;
    for (Command c : commands) {
      if (all || c.name().equals(which) || c.abbr().equals(which)) {
        io.stdoutLine("INFO: " + c.name() + " (" + c.abbr() + ") -- " + c.note());
        found = true;
      }
    }
    if (!all && !found) {
      io.stdoutLine("ERROR: unknown command: " + which);
    }
    return true;
  }
}
