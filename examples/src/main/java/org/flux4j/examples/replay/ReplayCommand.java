package org.flux4j.examples.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flux4j.core.sim.JobOutcome;
import org.flux4j.core.sim.ReplayJob;
import org.flux4j.core.sim.ReplayMetrics;
import org.flux4j.core.sim.ReplayOptions;
import org.flux4j.core.sim.ReplayResult;
import org.flux4j.core.sim.SwfParseException;
import org.flux4j.core.sim.SwfReader;
import org.flux4j.core.sim.SwfTrace;
import org.flux4j.core.sim.TraceCleaning;
import org.flux4j.core.sim.TraceReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flux4j replay TRACE}: replays an SWF trace through an Instance in virtual time. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a Standard Workload Format trace (plain or .gz) through a flux4j Instance",
      "(job manager, queue policy and graph matcher) in virtual time and prints a summary."
    })
public final class ReplayCommand implements Callable<Integer> {
  /** Whether jobs ask for cores anywhere or for whole nodes. */
  public enum Unit {
    core,
    node
  }

  /** Which trace field gives a job's size. */
  public enum Procs {
    allocated,
    requested,
    max
  }

  @Parameters(index = "0", paramLabel = "TRACE", description = "the SWF trace (.swf or .swf.gz)")
  Path trace;

  @Option(names = "--nodes", paramLabel = "N", description = "nodes (default: MaxNodes)")
  Long nodes;

  @Option(
      names = "--cores-per-node",
      paramLabel = "C",
      description = "cores per node (default: MaxProcs / MaxNodes)")
  Long coresPerNode;

  @Option(names = "--unit", description = "core or node (default: ${DEFAULT-VALUE})")
  Unit unit = Unit.core;

  @Option(
      names = "--queue-policy",
      paramLabel = "NAME",
      description = {
        "fcfs, easy, conservative, hybrid or a registered name (default: ${DEFAULT-VALUE});",
        "a comma-separated list (e.g. easy,conservative,sjf) replays the same jobs under each",
        "and prints one row per policy (--plot then draws them together)"
      })
  String queuePolicy = "easy";

  @Option(
      names = "--match-policy",
      paramLabel = "NAME",
      description = "match policy (default: ${DEFAULT-VALUE})")
  String matchPolicy = "first";

  @Option(
      names = "--queue-depth",
      paramLabel = "N",
      description = "jobs considered per cycle (default: all)")
  int queueDepth = ReplayOptions.UNLIMITED_QUEUE_DEPTH;

  @Option(
      names = "--reservation-depth",
      paramLabel = "N",
      description = "reservations per cycle of hybrid (default: ${DEFAULT-VALUE})")
  int reservationDepth = 64;

  /** How hybrid and conservative keep reservations between cycles. */
  public enum Reservations {
    rebuild,
    compress
  }

  @Option(
      names = "--reservations",
      paramLabel = "MODE",
      description =
          "rebuild (every cycle, as Fluxion) or compress (kept, only ever moved earlier) for"
              + " hybrid and conservative (default: ${DEFAULT-VALUE})")
  Reservations reservations = Reservations.rebuild;

  @Option(
      names = "--procs",
      description = "allocated, requested or max (default: allocated, else requested)")
  Procs procs = Procs.allocated;

  @Option(names = "--drop-zero-runtime", description = "drop jobs whose run time is 0")
  boolean dropZeroRuntime;

  @Option(
      names = "--no-truncate",
      description = "let jobs run past their requested time (default: stop them there)")
  boolean noTruncate;

  @Option(names = "--first-job", paramLabel = "J", description = "first job number of a window")
  Long firstJob;

  @Option(names = "--count", paramLabel = "K", description = "jobs in the window")
  Integer count;

  @Option(names = "--json", description = "print the summary as one JSON object")
  boolean json;

  @Option(names = "--jobs-csv", paramLabel = "FILE", description = "write one row per job")
  Path jobsCsv;

  @Option(names = "--plot", paramLabel = "FILE", description = "draw the replay (.png or .svg)")
  Path plot;

  @Option(names = "--strict", description = "a malformed trace line is fatal")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    if (!Files.isRegularFile(trace)) {
      err.println("flux4j replay: no trace file " + trace);
      return 1;
    }
    SwfTrace t;
    try {
      t = SwfReader.read(trace, strict);
    } catch (SwfParseException e) {
      err.println("flux4j replay: " + e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println("flux4j replay: " + e.getMessage());
      return 1;
    }
    long n = nodes != null ? nodes : t.maxNodes().orElse(-1);
    if (n <= 0) {
      err.println("flux4j replay: the trace has no MaxNodes header: give --nodes");
      return 1;
    }
    long c = coresPerNode != null ? coresPerNode : Math.max(1, t.maxProcs().orElse(n) / n);
    TraceCleaning cleaning;
    ReplayOptions options;
    try {
      cleaning =
          new TraceCleaning(
              TraceCleaning.ProcsMode.valueOf(procs.name().toUpperCase(Locale.ROOT)),
              dropZeroRuntime,
              unit == Unit.node,
              n,
              c);
      options =
          new ReplayOptions(
              n,
              c,
              unit == Unit.node,
              !noTruncate,
              queuePolicy,
              matchPolicy,
              queueDepth,
              reservationDepth,
              reservations == Reservations.compress);
    } catch (IllegalArgumentException e) {
      err.println("flux4j replay: " + e.getMessage());
      return 2;
    }
    TraceCleaning.Result cleaned = cleaning.clean(t.jobs());
    if (strict && !cleaned.dropped().isEmpty()) {
      err.println("flux4j replay: " + trace + ": " + cleaned.dropped().get(0));
      return 1;
    }
    List<ReplayJob> jobs = cleaned.jobs();
    if (firstJob != null || count != null) {
      try {
        jobs =
            TraceCleaning.window(
                jobs,
                firstJob != null ? firstJob : jobs.isEmpty() ? 0 : jobs.get(0).id(),
                count != null ? count : jobs.size());
      } catch (IllegalArgumentException e) {
        err.println("flux4j replay: " + e.getMessage());
        return 2;
      }
    }
    if (queuePolicy.contains(",")) {
      return compare(jobs, options, t.skipped().size(), cleaned.dropped().size());
    }
    Progress progress = new Progress(err, jobs.size(), org.flux4j.examples.Terminal.interactive());
    ReplayResult result;
    try {
      result =
          new TraceReplay(options)
              .run(jobs, progress::update, t.skipped().size(), cleaned.dropped().size());
    } catch (IllegalArgumentException e) {
      err.println("flux4j replay: " + e.getMessage());
      return 2;
    }
    progress.done();
    if (jobsCsv != null) {
      try (BufferedWriter w = Files.newBufferedWriter(jobsCsv, StandardCharsets.UTF_8)) {
        w.write(ReplayMetrics.csvHeader());
        w.newLine();
        for (JobOutcome o : result.jobs()) {
          w.write(ReplayMetrics.csvRow(o));
          w.newLine();
        }
      }
    }
    if (plot != null) {
      try {
        ReplayPlot.write(result, trace.getFileName() + " (" + queuePolicy + ")", plot);
      } catch (IllegalArgumentException e) {
        err.println("flux4j replay: " + e.getMessage());
        return 2;
      }
    }
    if (json) {
      out.println(json(result));
    } else {
      out.print(table(result));
    }
    out.flush();
    return 0;
  }

  /** Several policies over the same jobs: a row each, and one plot of them all. */
  private int compare(List<ReplayJob> jobs, ReplayOptions options, int skipped, int dropped)
      throws IOException {
    if (jobsCsv != null) {
      System.err.println("flux4j replay: --jobs-csv takes a single --queue-policy");
      return 2;
    }
    List<String> policies;
    try {
      policies = PolicyComparison.parse(queuePolicy);
    } catch (IllegalArgumentException e) {
      System.err.println("flux4j replay: " + e.getMessage());
      return 2;
    }
    List<PolicyComparison.Run> runs =
        PolicyComparison.run(policies, jobs, options, skipped, dropped);
    if (plot != null) {
      try {
        PolicyComparison.plot(runs, trace.getFileName() + ": " + queuePolicy, plot);
      } catch (IllegalArgumentException e) {
        System.err.println("flux4j replay: " + e.getMessage());
        return 2;
      }
    }
    System.out.print(json ? PolicyComparison.json(runs) + "\n" : PolicyComparison.table(runs));
    System.out.flush();
    return 0;
  }

  private String json(ReplayResult r) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    ReplayMetrics x = r.metrics();
    o.put("trace", trace.toString());
    o.put("queue_policy", queuePolicy);
    o.put("reservations", reservations.name());
    o.put("match_policy", matchPolicy);
    o.put("unit", unit.name());
    o.put("nodes", r.nodes());
    o.put("cores_per_node", r.coresPerNode());
    PolicyComparison.putMetrics(o, x);
    o.put("skipped_lines", r.skippedLines());
    o.put("dropped_jobs", r.droppedJobs());
    o.put("wall_seconds", r.wallSeconds());
    return o.toString();
  }

  private String table(ReplayResult r) {
    ReplayMetrics x = r.metrics();
    StringBuilder sb = new StringBuilder();
    row(sb, "trace", trace.toString());
    row(sb, "machine", r.nodes() + " nodes x " + r.coresPerNode() + " cores, by " + unit);
    row(sb, "policies", "queue " + queuePolicy + ", match " + matchPolicy);
    row(sb, "jobs", Integer.toString(x.jobs()));
    row(sb, "skipped lines", Integer.toString(r.skippedLines()));
    row(sb, "dropped jobs", Integer.toString(r.droppedJobs()));
    row(sb, "avg wait (s)", String.format(Locale.ROOT, "%.2f", x.avgWait()));
    row(sb, "max wait (s)", Long.toString(x.maxWait()));
    row(sb, "avg turnaround (s)", String.format(Locale.ROOT, "%.2f", x.avgTurnaround()));
    row(sb, "avg bsld (tau 10 s)", String.format(Locale.ROOT, "%.2f", x.avgBsld()));
    row(sb, "utilization", String.format(Locale.ROOT, "%.4f", x.utilization()));
    row(sb, "makespan (s)", Long.toString(x.makespan()));
    row(sb, "wall time (s)", String.format(Locale.ROOT, "%.2f", r.wallSeconds()));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "%-22s %s%n", key, value));
  }

  /** A one-line progress bar on a terminal; silent otherwise. */
  private static final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean on;
    private int shown = -1;

    Progress(PrintStream err, int total, boolean on) {
      this.err = err;
      this.total = Math.max(1, total);
      this.on = on;
    }

    void update(int done) {
      if (!on) {
        return;
      }
      int pct = (int) (100L * done / total);
      if (pct == shown) {
        return;
      }
      shown = pct;
      int bar = pct * 40 / 100;
      err.print(
          "\rreplay ["
              + "#".repeat(bar)
              + " ".repeat(40 - bar)
              + "] "
              + pct
              + "% ("
              + done
              + "/"
              + total
              + " jobs)");
      err.flush();
    }

    void done() {
      if (on && shown >= 0) {
        err.println();
      }
    }
  }
}
