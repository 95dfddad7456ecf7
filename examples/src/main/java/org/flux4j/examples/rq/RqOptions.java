package org.flux4j.examples.rq;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command-line options of resource-query, parsed with Fluxion's rules (option letters {@code
 * L:f:W:S:P:T:F:g:o:p:t:r:edh}, their long forms, and the checks made while parsing).
 *
 * @param loadFile the graph file ({@code -L}); {@code conf/default} when not given
 * @param loadFormat the graph reader ({@code -f})
 * @param loadAllowlist the resource types to load ({@code -W}, each value prefixed by "cluster,"),
 *     empty for all
 * @param matchSubsystems the matcher's subsystem set name ({@code -S})
 * @param matchPolicy the match policy name or custom policy string ({@code -P})
 * @param traverserPolicy {@code simple} or {@code flexible} ({@code -T})
 * @param matchFormat the writer of matched resources ({@code -F})
 * @param pruneFilters the prune filter specification ({@code -p} values joined by commas), or null
 *     when none was given (the engine's default applies)
 * @param graphFormatExt the extension of the {@code -o} dump: "dot" or "graphml" ({@code -g})
 * @param graphOutput the basename of the graph dump at quit ({@code -o}), or null
 * @param testOutput the file that receives match output ({@code -t}), or null for stdout
 * @param reserveVertices the vertex capacity hint ({@code -r})
 * @param elapseTime whether timing and visit-count lines are printed ({@code -e})
 * @param disablePrompt whether the prompt is suppressed ({@code -d})
 */
record RqOptions(
    String loadFile,
    String loadFormat,
    String loadAllowlist,
    String matchSubsystems,
    String matchPolicy,
    String traverserPolicy,
    String matchFormat,
    String pruneFilters,
    String graphFormatExt,
    String graphOutput,
    String testOutput,
    int reserveVertices,
    boolean elapseTime,
    boolean disablePrompt) {

  /** The prune filters in effect when none are given on the command line. */
  static final String DEFAULT_PRUNE_FILTERS = "ALL:core,ALL:node";

  /** The reader names accepted by {@code -f}. */
  static final Set<String> LOAD_FORMATS =
      Set.of("grug", "hwloc", "jgf", "jgf_shorthand", "rv1exec", "rv1exec_force");

  /** The writer names accepted by {@code -F}. */
  static final Set<String> MATCH_FORMATS =
      Set.of(
          "simple",
          "pretty_simple",
          "jgf",
          "jgf_shorthand",
          "rlite",
          "rv1",
          "rv1_nosched",
          "rv1_shorthand");

  private static final String SHORT_OPTIONS = "L:f:W:S:P:T:F:g:o:p:t:r:edh";

  private static final List<Getopt.LongOption> LONG_OPTIONS =
      List.of(
          new Getopt.LongOption("load-file", true, 'L'),
          new Getopt.LongOption("load-format", true, 'f'),
          new Getopt.LongOption("load-allowlist", true, 'W'),
          new Getopt.LongOption("match-subsystems", true, 'S'),
          new Getopt.LongOption("match-policy", true, 'P'),
          new Getopt.LongOption("match-format", true, 'F'),
          new Getopt.LongOption("traverser-policy", true, 'T'),
          new Getopt.LongOption("graph-format", true, 'g'),
          new Getopt.LongOption("graph-output", true, 'o'),
          new Getopt.LongOption("prune-filters", true, 'p'),
          new Getopt.LongOption("test-output", true, 't'),
          new Getopt.LongOption("reserve-vtx-vec", true, 'r'),
          new Getopt.LongOption("elapse-time", false, 'e'),
          new Getopt.LongOption("disable-prompt", false, 'd'),
          new Getopt.LongOption("help", false, 'h'));

  /** Thrown when parsing ends the program: after {@code -h} (status 0) or a usage error (1). */
  static final class Exit extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exit status of the program. */
    final int status;

    Exit(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  /** The effective prune filter specification. */
  String effectivePruneFilters() {
    return pruneFilters == null ? DEFAULT_PRUNE_FILTERS : pruneFilters;
  }

  /**
   * Parses the command line; relative paths are checked against {@code cwd}. Diagnostics and the
   * usage text go to {@code err}.
   *
   * @throws Exit when the program must end now, with its status
   */
  static RqOptions parse(String[] args, Path cwd, PrintStream err) throws Exit {
    String loadFile = "conf/default";
    String loadFormat = "grug";
    String allowlist = null;
    String subsystems = "CA";
    String policy = "first";
    String traverser = "simple";
    String matchFormat = "simple";
    String prune = null;
    String graphExt = "dot";
    String graphOutput = null;
    String testOutput = null;
    int reserve = 0;
    boolean elapse = false;
    boolean noPrompt = false;

    Getopt.Result scan = new Getopt("resource-query", SHORT_OPTIONS, LONG_OPTIONS).scan(args);
    for (Getopt.Option o : scan.options()) {
      String v = o.arg();
      switch (o.letter()) {
        case 'h':
          usage(err);
          throw new Exit(0);
        case 'L':
          loadFile = v;
          Path p = cwd.resolve(v);
          if (!Files.exists(p)) {
            throw refuse(err, "[ERROR] file does not exist for --load-file: " + v);
          } else if (Files.isDirectory(p)) {
            throw refuse(err, "[ERROR] path passed to --load-file is a directory: " + v);
          }
          break;
        case 'f':
          loadFormat = knownFormat(err, LOAD_FORMATS, "--load-format", v);
          break;
        case 'W':
          if (v.chars().anyMatch(ch -> ch != ' ')) {
            allowlist = (allowlist == null ? "" : allowlist) + "cluster," + v;
          }
          break;
        case 'S':
          subsystems = v;
          break;
        case 'P':
          policy = v;
          break;
        case 'T':
          traverser = v;
          break;
        case 'F':
          matchFormat = knownFormat(err, MATCH_FORMATS, "--match-format", v);
          break;
        case 'g':
          String g = v.toLowerCase(Locale.ROOT);
          if (!g.equals("dot") && !g.equals("graphml")) {
            throw refuse(err, "[ERROR] unknown format for --graph-format: " + v);
          }
          graphExt = g;
          break;
        case 'o':
          graphOutput = v;
          break;
        case 'p':
          if (v.chars().anyMatch(ch -> ch != ' ')) {
            prune = prune == null ? v : prune + "," + v;
          }
          break;
        case 't':
          testOutput = v;
          break;
        case 'r':
          reserve = atoi(v);
          if (reserve < 0 || reserve > 2_000_000) {
            reserve = 0;
            err.println("WARN: out of range specified for --reserve-vtx-vec: " + v);
          }
          break;
        case 'e':
          elapse = true;
          break;
        case 'd':
          noPrompt = true;
          break;
        default:
          usage(err);
          throw new Exit(1);
      }
    }
    if (scan.error() != null) {
      throw refuse(err, scan.error());
    }
    if (!scan.operands().isEmpty()) {
      usage(err);
      throw new Exit(1);
    }
    return new RqOptions(
        loadFile,
        loadFormat,
        allowlist == null ? "" : allowlist,
        subsystems,
        policy,
        traverser,
        matchFormat,
        prune,
        graphExt,
        graphOutput,
        testOutput,
        reserve,
        elapse,
        noPrompt);
  }

  /** C {@code atoi}: optional blanks and sign, then digits; 0 when there are none. */
  static int atoi(String s) {
    long n = 0;
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      n = n * 10 + (s.charAt(i) - '0');
      if (n > Integer.MAX_VALUE + 1L) {
        n = Integer.MAX_VALUE + 1L;
      }
      i++;
    }
    long r = neg ? -n : n;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
  }

  /** Prints the usage text. */
  /** {@code name} if {@code formats} holds it; else refuses it as a format for {@code option}. */
  private static String knownFormat(
      PrintStream err, Set<String> formats, String option, String name) throws Exit {
    if (!formats.contains(name)) {
      throw refuse(err, "[ERROR] unknown format for " + option + ": " + name);
    }
    return name;
  }

  /** Prints {@code message} and the usage to {@code err}; the exit (status 1) to throw. */
  private static Exit refuse(PrintStream err, String message) {
    err.println(message);
    usage(err);
    return new Exit(1);
  }

  static void usage(PrintStream err) {
    err.print(
        "\n"
            + "usage: resource-query [OPTIONS...]\n"
            + "\n"
            + "Loads a resource graph, then reads scheduling commands (type \"help\" at the\n"
            + "prompt) that match Flux jobspecs (RFC 14) against it, one per line, and prints\n"
            + "the selected resources.\n"
            + "\n"
            + "OPTIONS:\n"
            + "    -h, --help                     this text\n"
            + "    -L, --load-file=PATH           graph file (default=conf/default)\n"
            + "    -f, --load-format=FMT          grug|hwloc|jgf|jgf_shorthand|rv1exec|\n"
            + "                                   rv1exec_force (default=grug)\n"
            + "    -W, --load-allowlist=T1[,T2..] resource types to load (others dropped)\n"
            + "    -S, --match-subsystems=NAME    CA|IBA|IBBA|PFS1BA|PA|C+IBA|C+PFS1BA|C+PA|\n"
            + "                                   IB+IBBA|C+P+IBA|VA|V+PFS1BA|ALL (default=CA)\n"
            + "    -P, --match-policy=NAME        low|high|lonode|hinode|lonodex|hinodex|first|\n"
            + "                                   firstnodex|locality|variation, or a custom\n"
            + "                                   \"policy=... node_centric=...\" string\n"
            + "                                   (default=first); flux4j adds the option\n"
            + "                                   stable_ties=true: tied candidates in\n"
            + "                                   traversal order, not Fluxion's\n"
            + "    -F, --match-format=FMT         simple|pretty_simple|jgf|jgf_shorthand|rlite|\n"
            + "                                   rv1|rv1_nosched|rv1_shorthand (default=simple)\n"
            + "    -T, --traverser-policy=NAME    simple|flexible (default=simple)\n"
            + "    -p, --prune-filters=HL:LL[,..] aggregate filters, HL may be ALL\n"
            + "                                   (default=ALL:core,ALL:node)\n"
            + "    -g, --graph-format=FMT         dot|graphml, for -o (default=dot)\n"
            + "    -r, --reserve-vtx-vec=N        vertex capacity hint (0..2000000)\n"
            + "    -e, --elapse-time              print timings and visit counts\n"
            + "    -d, --disable-prompt           no prompt\n"
            + "    -o, --graph-output=BASENAME    write the graph to BASENAME.<format> at quit\n"
            + "    -t, --test-output=FILE         write matched resources to FILE\n"
            + "\n");
    err.flush();
  }
}
