package org.flux4j.examples.rq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;

/**
 * One resource-query session: reads commands line by line, runs them against a {@link Backend}, and
 * writes Fluxion's texts to the three streams (match output "out", stdout, stderr).
 *
 * <p>The session keeps what the tool itself keeps beside the engine: the job id counter, the job
 * table shown by {@code list} and {@code info}, and which jobs are allocations or reservations.
 * Everything is per instance; a JVM can run many sessions one after another or side by side.
 */
final class Session {
  private static final String RULE = "INFO: =============================";

  private final RqOptions options;
  private final Backend backend;
  private final Path cwd;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final PrintStream out;
  private final List<Command> commands;

  private long jobCounter = 1;
  private final Map<Long, JobInfo> jobs = new TreeMap<>(Long::compareUnsigned);
  private final SortedSet<Long> allocations = new TreeSet<>(Long::compareUnsigned);
  private final SortedSet<Long> reservations = new TreeSet<>(Long::compareUnsigned);
  private double perfMin = Double.MAX_VALUE;
  private double perfMax;
  private double perfAccum;

  /** The life-cycle states of a job in the job table. */
  enum JobState {
    ALLOCATED,
    RESERVED,
    CANCELED
  }

  /** A row of the job table. */
  static final class JobInfo {
    final long jobId;
    JobState state;
    final long at;
    final String jobspecFile;
    final double overhead;

    JobInfo(long jobId, JobState state, long at, String jobspecFile, double overhead) {
      this.jobId = jobId;
      this.state = state;
      this.at = at;
      this.jobspecFile = jobspecFile;
      this.overhead = overhead;
    }
  }

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
    this.cwd = cwd;
    this.out = out;
    this.stdout = stdout;
    this.stderr = stderr;
    this.commands =
        List.of(
            new Command(
                "match",
                "m",
                this::match,
                "match SUBCMD JOBSPEC: allocate or reserve resources for a jobspec (SUBCMD:"
                    + " allocate | allocate_with_satisfiability | allocate_orelse_reserve |"
                    + " satisfiability | without_allocating | without_allocating_future)"),
            new Command(
                "multi-match",
                "M",
                this::multiMatch,
                "multi-match SUBCMD JOBSPEC1 JOBSPEC2 ...: match several jobspecs in turn,"
                    + " stopping at the first that fails"),
            new Command(
                "update",
                "u",
                this::update,
                "update allocate|reserve jgf|jgf_shorthand|rv1exec FILE JOBID AT DURATION:"
                    + " re-create an allocation from an emitted resource set"),
            new Command(
                "attach", "j", this::attach, "attach JGF_FILE: grow the graph by a JGF subgraph"),
            new Command(
                "remove",
                "j",
                this::remove,
                "remove PATH true | remove IDSET false: shrink the graph by a subtree or by"
                    + " ranks"),
            new Command(
                "find",
                "f",
                this::find,
                "find EXPRESSION: list the resources that satisfy an expression of status=,"
                    + " sched-now=, sched-future=, agfilter=, names=, jobid-alloc=, jobid-span=,"
                    + " jobid-tag=, jobid-reserved=, property= terms with and, or, parentheses"),
            new Command(
                "cancel",
                "c",
                this::cancel,
                "cancel JOBID [stats]: free an allocation or reservation"),
            new Command(
                "partial-cancel",
                "pc",
                this::partialCancel,
                "partial-cancel JOBID jgf|rv1exec FILE [stats]: free part of an allocation"),
            new Command(
                "set-property",
                "p",
                this::setProperty,
                "set-property PATH KEY=VALUE: set a property on a resource"),
            new Command(
                "get-property",
                "g",
                this::getProperty,
                "get-property PATH: print the properties of a resource"),
            new Command(
                "set-status",
                "t",
                this::setStatus,
                "set-status PATH up|down: mark a resource up or down"),
            new Command(
                "get-status", "e", this::getStatus, "get-status PATH: print a resource's status"),
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
        stdout.print(prompt);
        stdout.flush();
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
      boolean goOn;
      try {
        goOn = cmd.handler().run(tokens);
      } catch (RuntimeException e) {
        // an engine defect must not end the session silently: report it and read on
        errLine("ERROR: internal error in " + cmd.name() + ": " + e);
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

  // ------------------------------------------------------------------ output helpers

  private void outText(String s) {
    if (!s.isEmpty()) {
      out.print(s);
      out.flush();
    }
  }

  private void outLine(String s) {
    out.print(s + "\n");
    out.flush();
  }

  private void stdoutLine(String s) {
    stdout.print(s + "\n");
    stdout.flush();
  }

  private void errText(String s) {
    if (!s.isEmpty()) {
      stderr.print(s);
      stderr.flush();
    }
  }

  private void errLine(String s) {
    errText(s + "\n");
  }

  private boolean malformed() {
    errLine("ERROR: malformed command");
    return true;
  }

  /** The file's text, or null when it cannot be opened (a directory reads as empty). */
  private String readFile(String name) {
    try {
      Path p = cwd.resolve(name);
      if (Files.isDirectory(p)) {
        return "";
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      return null;
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private List<Integer> verticesAt(String path) {
    ResourceGraph g = backend.graph();
    List<Integer> found = new ArrayList<>();
    List<String> subsystems = g.subsystems();
    for (int s = 0; s < subsystems.size(); s++) {
      g.vertexByPath(s, path)
          .ifPresent(
              v -> {
                if (!found.contains(v)) {
                  found.add(v);
                }
              });
    }
    return found;
  }

  // ------------------------------------------------------------------ match

  private boolean match(List<String> args) {
    if (args.size() != 3) {
      return malformed();
    }
    Backend.Op op = Backend.Op.byWord(args.get(1));
    if (op == null) {
      errLine("ERROR: unknown subcmd " + args.get(1));
      return true;
    }
    runMatch(jobCounter, op, args.get(2));
    return true;
  }

  private boolean multiMatch(List<String> args) {
    if (args.size() <= 3) {
      return malformed();
    }
    Backend.Op op = Backend.Op.byWord(args.get(1));
    if (op == null) {
      errLine("ERROR: unknown subcmd " + args.get(1));
      return true;
    }
    for (int i = 2; i < args.size(); i++) {
      if (!runMatch(jobCounter, op, args.get(i))) {
        break;
      }
    }
    return true;
  }

  /** Runs one match; returns whether it succeeded (a file that cannot be read counts as such). */
  private boolean runMatch(long jobId, Backend.Op op, String jobspecFile) {
    String jobspec = readFile(jobspecFile);
    if (jobspec == null) {
      errLine("ERROR: can't open " + jobspecFile);
      return true;
    }
    long t0 = System.nanoTime();
    Backend.MatchReply reply = backend.match(op, jobspec, jobId);
    Backend.Outcome o = reply.outcome();
    boolean traversed =
        o == Backend.Outcome.MATCHED
            || o == Backend.Outcome.SATISFIABLE
            || o == Backend.Outcome.BUSY
            || o == Backend.Outcome.UNSATISFIABLE;
    double elapse = traversed ? seconds(t0) : 0.0;
    boolean ok = o == Backend.Outcome.MATCHED || o == Backend.Outcome.SATISFIABLE;
    boolean sat = o != Backend.Outcome.UNSATISFIABLE && o != Backend.Outcome.NO_SUCH_RESOURCE;
    if (op.allocates() && traversed) {
      jobCounter++;
    }
    errText(reply.error());
    outText(reply.r());
    if (op == Backend.Op.SATISFIABILITY) {
      printSatInfo(sat, elapse);
    } else {
      printScheduleInfo(
          jobId,
          jobspecFile,
          o == Backend.Outcome.MATCHED,
          op.allocates(),
          reply.at(),
          sat,
          elapse);
    }
    return ok;
  }

  private void printSatInfo(boolean sat, double elapse) {
    outLine(RULE);
    outLine("INFO: " + (sat ? "Satisfiable" : "Unsatisfiable") + " request");
    outLine(RULE);
    if (options.elapseTime()) {
      stdoutLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
      stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
      stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
    }
  }

  private void printScheduleInfo(
      long jobId,
      String jobspecFile,
      boolean matched,
      boolean allocated,
      long at,
      boolean sat,
      double elapse) {
    String id = CFormat.unsigned(jobId);
    if (matched) {
      String mode = allocated ? (at == 0 ? "ALLOCATED" : "RESERVED") : "MATCHED";
      outLine(RULE);
      outLine("INFO: JOBID=" + id);
      outLine("INFO: RESOURCES=" + mode);
      outLine("INFO: SCHEDULED AT=" + (at == 0 ? "Now" : Long.toString(at)));
      if (options.elapseTime()) {
        stdoutLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
        stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
        stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
      }
      outLine(RULE);
      if (allocated) {
        JobState st = at == 0 ? JobState.ALLOCATED : JobState.RESERVED;
        jobs.put(jobId, new JobInfo(jobId, st, at, jobspecFile, elapse));
        if (at == 0) {
          allocations.add(jobId);
        } else {
          reservations.add(jobId);
        }
      }
    } else {
      outLine(RULE);
      outLine("INFO: No matching resources found");
      if (!sat) {
        outLine("INFO: Unsatisfiable request");
      }
      outLine("INFO: JOBID=" + id);
      if (options.elapseTime()) {
        outLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
        stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
        stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
      }
      outLine(RULE);
    }
  }

  // ------------------------------------------------------------------ update, attach, remove

  private boolean update(List<String> args) {
    if (args.size() != 7) {
      return malformed();
    }
    String sub = args.get(1);
    String reader = args.get(2);
    if (!sub.equals("allocate") && !sub.equals("reserve")) {
      errLine("ERROR: unknown subcmd " + sub);
      return true;
    }
    if (!reader.equals("jgf") && !reader.equals("rv1exec") && !reader.equals("jgf_shorthand")) {
      errLine("ERROR: unsupported reader " + reader);
      return true;
    }
    String text = readFile(args.get(3));
    if (text == null) {
      errLine("ERROR: can't open " + args.get(3));
      return true;
    }
    long jobId = CFormat.strtoll(args.get(4));
    if (allocations.contains(jobId) || reservations.contains(jobId)) {
      errLine("ERROR: existing Jobid ");
      return true;
    }
    long at = CFormat.strtoll(args.get(5));
    long duration = CFormat.strtoll(args.get(6));
    if (at < 0 || duration == 0) {
      errLine("ERROR: invalid time (" + at + ", " + CFormat.unsigned(duration) + ")");
      return true;
    }
    long t0 = System.nanoTime();
    Backend.UpdateReply reply = backend.update(reader, text, jobId, at, duration);
    if (!reply.ok()) {
      errLine("ERROR: traverser run () returned error ");
      if (!reply.detail().isEmpty()) {
        errText("ERROR: " + reply.detail());
      }
    }
    outText(reply.r());
    double elapse = seconds(t0);
    perfMin = Math.min(perfMin, elapse);
    perfMax = Math.max(perfMax, elapse);
    perfAccum += elapse;
    jobCounter = jobId;
    printScheduleInfo(jobId, args.get(3), reply.ok(), true, at, true, elapse);
    jobCounter++;
    return true;
  }

  private boolean attach(List<String> args) {
    if (args.size() != 2) {
      return malformed();
    }
    String text = readFile(args.get(1));
    if (text == null) {
      errLine("ERROR: can't open " + args.get(1));
      return true;
    }
    String error = backend.attach(text);
    if (error != null) {
      errLine("ERROR: can't attach JGF subgraph ");
      errText("ERROR: " + error);
    }
    return true;
  }

  private boolean remove(List<String> args) {
    if (args.size() != 3) {
      return malformed();
    }
    String target = args.get(1);
    String isPath = args.get(2);
    if (isPath.equals("true")) {
      String error = backend.removeSubgraph(target);
      if (error != null) {
        errLine("ERROR: can't remove subgraph ");
        errText("ERROR: " + error);
      }
    } else if (isPath.equals("false")) {
      SortedSet<Long> ranks = decodeIdset(target);
      if (ranks == null) {
        errText("ERROR: failed to decode ranks.\n");
        return true;
      }
      String error = backend.removeRanks(ranks);
      if (error != null) {
        errText(error);
      }
    } else {
      errLine("ERROR: invalid path boolean input ");
    }
    return true;
  }

  /**
   * Decodes an RFC 22 idset ("0-3,7", optionally in brackets); null if malformed. Ids are
   * non-negative and ranges ascend.
   */
  static SortedSet<Long> decodeIdset(String s) {
    String body = s;
    if (body.startsWith("[") && body.endsWith("]") && body.length() >= 2) {
      body = body.substring(1, body.length() - 1);
    }
    SortedSet<Long> ids = new TreeSet<>();
    if (body.isEmpty()) {
      return ids;
    }
    for (String part : body.split(",", -1)) {
      int dash = part.indexOf('-');
      String lo = dash < 0 ? part : part.substring(0, dash);
      String hi = dash < 0 ? part : part.substring(dash + 1);
      if (!isDigits(lo) || !isDigits(hi)) {
        return null;
      }
      long a;
      long b;
      try {
        a = Long.parseLong(lo);
        b = Long.parseLong(hi);
      } catch (NumberFormatException e) {
        return null;
      }
      if (b < a || b - a > 100_000_000L) {
        return null;
      }
      for (long x = a; x <= b; x++) {
        ids.add(x);
      }
    }
    return ids;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ find, cancel

  private boolean find(List<String> args) {
    if (args.size() < 2) {
      errLine("ERROR: malformed command: ");
      return true;
    }
    String criteria = String.join(" ", args.subList(1, args.size()));
    Backend.FindReply reply = backend.find(criteria);
    if (!reply.ok()) {
      errText(reply.error());
      return true;
    }
    outText(reply.r());
    outLine(RULE);
    outLine("INFO: EXPRESSION=\"" + criteria + "\"");
    outLine(RULE);
    return true;
  }

  private boolean cancel(List<String> args) {
    if (args.size() < 2 || args.size() > 3) {
      return malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    String id = CFormat.unsigned(jobId);
    boolean isAlloc = allocations.contains(jobId);
    if (!isAlloc && !reservations.contains(jobId)) {
      errLine("cancel: ERROR: nonexistent job " + id);
      return true;
    }
    if (!backend.cancel(jobId)) {
      errLine("cancel: ERROR: error encountered while removing job " + id);
      return true;
    }
    if (isAlloc) {
      allocations.remove(jobId);
    } else {
      reservations.remove(jobId);
    }
    JobInfo info = jobs.get(jobId);
    if (info != null) {
      info.state = JobState.CANCELED;
    }
    if (args.size() == 3 && args.get(2).equals("stats")) {
      outLine(RULE);
      outLine("INFO: CANCEL PREORDER COUNT=\"" + backend.preorderCount() + "\"");
      outLine("INFO: CANCEL POSTORDER COUNT=\"" + backend.postorderCount() + "\"");
      outLine(RULE);
    }
    return true;
  }

  private boolean partialCancel(List<String> args) {
    if (args.size() < 4 || args.size() > 5) {
      return malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    String reader = args.get(2);
    if (!reader.equals("jgf") && !reader.equals("rv1exec")) {
      errLine("ERROR: unsupported reader " + reader);
      return true;
    }
    String text = readFile(args.get(3));
    if (text == null) {
      errLine("ERROR: can't open " + args.get(3));
      return true;
    }
    boolean ok;
    if (allocations.contains(jobId)) {
      Backend.PartialReply reply = backend.partialCancel(jobId, reader, text);
      ok = reply.ok();
      if (ok) {
        if (reply.full()) {
          allocations.remove(jobId);
          JobInfo info = jobs.get(jobId);
          if (info != null) {
            info.state = JobState.CANCELED;
          }
        }
      } else if (!reply.detail().isEmpty()) {
        stdout.print(reply.detail());
        stdout.flush();
      }
    } else if (reservations.contains(jobId)) {
      errLine("ERROR: reservations not currently supported by partial cancel");
      return true;
    } else {
      errLine("ERROR: nonexistent job " + CFormat.unsigned(jobId));
      return true;
    }
    if (!ok) {
      errLine("ERROR: error encountered while removing job " + CFormat.unsigned(jobId));
    }
    if (args.size() == 5 && args.get(4).equals("stats")) {
      outLine(RULE);
      outLine("INFO: PARTIAL CANCEL PREORDER COUNT=\"" + backend.preorderCount() + "\"");
      outLine("INFO: PARTIAL CANCEL POSTORDER COUNT=\"" + backend.postorderCount() + "\"");
      outLine(RULE);
    }
    return true;
  }

  // ------------------------------------------------------------------ properties and status

  private boolean setProperty(List<String> args) {
    if (args.size() != 3) {
      return malformed();
    }
    String path = args.get(1);
    String kv = args.get(2);
    int pos = kv.indexOf('=');
    if (pos <= 0 || pos == kv.length() - 1) {
      outLine("Incorrect input format. ");
      outLine("Please use `set-property <resource> PROPERTY=VALUE`.");
      return true;
    }
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      outLine("Couldn't find path " + path + " in resource graph.");
      return true;
    }
    backend.setProperty(path, kv.substring(0, pos), kv.substring(pos + 1));
    return true;
  }

  private boolean getProperty(List<String> args) {
    if (args.size() != 2) {
      return malformed();
    }
    String path = args.get(1);
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    ResourceGraph g = backend.graph();
    for (int v : vs) {
      Map<String, String> props = g.properties(v);
      if (props.isEmpty()) {
        outLine("No properties were found for " + path + " (vtx's uniq_id=" + g.uniqId(v) + ").");
      } else {
        for (Map.Entry<String, String> e : props.entrySet()) {
          outLine(e.getKey() + "=" + e.getValue());
        }
      }
    }
    return true;
  }

  private boolean setStatus(List<String> args) {
    if (args.size() != 3) {
      return malformed();
    }
    String path = args.get(1);
    if (verticesAt(path).isEmpty()) {
      outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    String status = args.get(2);
    if (!status.equals("up") && !status.equals("down")) {
      errLine("ERROR: unrecognized status");
      return true;
    }
    return backend.markStatus(path, status.equals("up")) == 0;
  }

  private boolean getStatus(List<String> args) {
    if (args.size() != 2) {
      return malformed();
    }
    String path = args.get(1);
    List<Integer> vs = verticesAt(path);
    if (vs.isEmpty()) {
      outLine("Could not find path " + path + " in resource graph.");
      return true;
    }
    for (int v : vs) {
      outLine(path + " is " + (backend.graph().status(v) == Status.UP ? "up" : "down"));
    }
    return true;
  }

  // ------------------------------------------------------------------ list, info, stat, cat, help

  private String jobLine(JobInfo info) {
    return "INFO: "
        + CFormat.unsigned(info.jobId)
        + ", "
        + info.state.name()
        + ", "
        + info.at
        + ", "
        + info.jobspecFile
        + ", "
        + CFormat.general(info.overhead);
  }

  private boolean list(List<String> args) {
    for (JobInfo info : jobs.values()) {
      stdoutLine(jobLine(info));
    }
    return true;
  }

  private boolean info(List<String> args) {
    if (args.size() != 2) {
      return malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    JobInfo info = jobs.get(jobId);
    if (info == null) {
      errLine("info: ERROR: nonexistent job " + CFormat.unsigned(jobId));
      return true;
    }
    stdoutLine(jobLine(info));
    return true;
  }

  private boolean stat(List<String> args) {
    if (args.size() != 1) {
      return malformed();
    }
    double avg = 0;
    double min = 0;
    if (!jobs.isEmpty()) {
      avg = perfAccum / jobs.size();
      min = perfMin;
    }
    stdoutLine("INFO: Num. of Jobs Matched: " + jobs.size());
    stdoutLine("INFO: Min. Match Time: " + CFormat.general(min));
    stdoutLine("INFO: Max. Match Time: " + CFormat.general(perfMax));
    stdoutLine("INFO: Avg. Match Time: " + CFormat.general(avg));
    return true;
  }

  private boolean cat(List<String> args) {
    if (args.size() < 2) {
      return malformed();
    }
    String file = args.get(1);
    String text = readFile(file);
    if (text != null && !text.isEmpty()) {
      String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
      for (String line : body.split("\n", -1)) {
        stdoutLine(line);
      }
    }
    stdoutLine("INFO: Jobspec in " + file);
    return true;
  }

  private boolean help(List<String> args) {
    boolean all = args.size() != 2;
    String which = all ? "" : args.get(1);
    boolean found = false;
    for (Command c : commands) {
      if (all || c.name().equals(which) || c.abbr().equals(which)) {
        stdoutLine("INFO: " + c.name() + " (" + c.abbr() + ") -- " + c.note());
        found = true;
      }
    }
    if (!all && !found) {
      stdoutLine("ERROR: unknown command: " + which);
    }
    return true;
  }
}
