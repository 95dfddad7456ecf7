package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
  @TempDir Path dir;

  /** What match allocate prints for job 1 on the fake backend's graph. */
  private static final String ALLOCATED_JOB1 =
      "      ---cluster0[1:s]\n"
          + "INFO: =============================\n"
          + "INFO: JOBID=1\n"
          + "INFO: RESOURCES=ALLOCATED\n"
          + "INFO: SCHEDULED AT=Now\n"
          + "INFO: =============================\n";

  private final FakeBackend backend = new FakeBackend();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String commands, String... args) throws IOException {
    Files.writeString(dir.resolve("job.yaml"), "jobspec\n");
    Files.writeString(dir.resolve("g.graphml"), "graph");
    String[] all = new String[args.length + 3];
    all[0] = "-L";
    all[1] = "g.graphml";
    all[2] = "-d";
    System.arraycopy(args, 0, all, 3, args.length);
    return runWith((o, text, cwd) -> backend, commands, all);
  }

  /**
   * A session on {@code commands} with exactly these arguments and backends from {@code factory}.
   */
  private int runWith(ResourceQueryMain.BackendFactory factory, String commands, String... args) {
    return ResourceQueryMain.run(
        args,
        new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8),
        dir,
        factory);
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static Backend.MatchReply reply(Backend.Outcome o) {
    return new Backend.MatchReply(o, "", 0, "");
  }

  @Test
  void match_allocated_printsResourcesAndInfoBlock() throws IOException {
    assertThat(run("match allocate job.yaml\nquit\n")).isZero();
    assertThat(out()).isEqualTo(ALLOCATED_JOB1);
    assertThat(backend.calls).containsExactly("match allocate 1 jobspec");
  }

  @Test
  void match_jobIdCounter_followsFluxionRules() throws IOException {
    backend.matchReplies.add(reply(Backend.Outcome.BUSY));
    backend.matchReplies.add(reply(Backend.Outcome.REQUEST_ERROR));
    backend.matchReplies.add(reply(Backend.Outcome.SATISFIABLE));
    backend.matchReplies.add(reply(Backend.Outcome.UNSATISFIABLE));
    backend.matchReplies.add(new Backend.MatchReply(Backend.Outcome.MATCHED, "", 0, ""));
    run(
        "match allocate job.yaml\n"
            + "m allocate job.yaml\n"
            + "match satisfiability job.yaml\n"
            + "match allocate_with_satisfiability job.yaml\n"
            + "match without_allocating job.yaml\n"
            + "match allocate job.yaml\n");
    assertThat(backend.calls)
        .containsExactly(
            "match allocate 1 jobspec",
            "match allocate 2 jobspec",
            "match satisfiability 2 jobspec",
            "match allocate_with_satisfiability 2 jobspec",
            "match without_allocating 3 jobspec",
            "match allocate 3 jobspec");
  }

  @Test
  void match_failures_printNoMatchBlocks() throws IOException {
    backend.matchReplies.add(reply(Backend.Outcome.BUSY));
    backend.matchReplies.add(reply(Backend.Outcome.UNSATISFIABLE));
    backend.matchReplies.add(reply(Backend.Outcome.UNSATISFIABLE));
    run("match allocate job.yaml\nmatch allocate job.yaml\nmatch satisfiability job.yaml\n");
    assertThat(out())
        .isEqualTo(
            "INFO: =============================\n"
                + "INFO: No matching resources found\n"
                + "INFO: JOBID=1\n"
                + "INFO: =============================\n"
                + "INFO: =============================\n"
                + "INFO: No matching resources found\n"
                + "INFO: Unsatisfiable request\n"
                + "INFO: JOBID=2\n"
                + "INFO: =============================\n"
                + "INFO: =============================\n"
                + "INFO: Unsatisfiable request\n"
                + "INFO: =============================\n");
  }

  @Test
  void match_reserved_printsStartTime() throws IOException {
    backend.matchReplies.add(new Backend.MatchReply(Backend.Outcome.MATCHED, "R\n", 3600, ""));
    run("match allocate_orelse_reserve job.yaml\nlist\n");
    assertThat(out())
        .contains("INFO: RESOURCES=RESERVED\nINFO: SCHEDULED AT=3600\n")
        .contains("INFO: 1, RESERVED, 3600, job.yaml, ");
  }

  @Test
  void match_badArguments_reportOnStderr() throws IOException {
    run("match allocate\nmatch foo job.yaml\nmatch allocate nope.yaml\nfind\n");
    assertThat(err())
        .isEqualTo(
            "ERROR: malformed command\n"
                + "ERROR: unknown subcmd foo\n"
                + "ERROR: can't open nope.yaml\n"
                + "ERROR: malformed command: \n");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void elapse_countsGoToStdout_whileBlockGoesToTestOutput() throws IOException {
    run("match allocate job.yaml\nquit\n", "-e", "-t", "R.out");
    assertThat(Files.readString(dir.resolve("R.out"))).isEqualTo(ALLOCATED_JOB1);
    assertThat(out())
        .contains("INFO: Vertex Count: 5\n")
        .contains("INFO: number of vertices with rank -1: 3\n")
        .contains("INFO: PREORDER VISIT COUNT=7\nINFO: POSTORDER VISIT COUNT=5\n")
        .containsPattern("INFO: ELAPSE=\\d+\\.\\d{6}\n");
  }

  @Test
  void multiMatch_stopsAtFirstFailure() throws IOException {
    backend.matchReplies.add(reply(Backend.Outcome.MATCHED));
    backend.matchReplies.add(reply(Backend.Outcome.BUSY));
    run("multi-match allocate job.yaml job.yaml job.yaml\nM allocate job.yaml\n");
    assertThat(backend.calls)
        .containsExactly("match allocate 1 jobspec", "match allocate 2 jobspec");
    assertThat(err()).isEqualTo("ERROR: malformed command\n");
  }

  @Test
  void cancel_knownJobWithStats_printsCounts_unknownJobIsAnError() throws IOException {
    run("match allocate job.yaml\ncancel 1 stats\ncancel 1\ninfo 1\n");
    assertThat(out())
        .contains(
            "INFO: =============================\n"
                + "INFO: CANCEL PREORDER COUNT=\"7\"\n"
                + "INFO: CANCEL POSTORDER COUNT=\"5\"\n"
                + "INFO: =============================\n")
        .contains("INFO: 1, CANCELED, 0, job.yaml, ");
    assertThat(err()).isEqualTo("cancel: ERROR: nonexistent job 1\n");
  }

  @Test
  void partialCancel_errorsFollowFluxionOrder() throws IOException {
    run(
        "partial-cancel 1 foo job.yaml\n"
            + "partial-cancel 1 jgf nope.json\n"
            + "partial-cancel 1 jgf job.yaml\n"
            + "match allocate_orelse_reserve job.yaml\n");
    assertThat(err())
        .isEqualTo(
            "ERROR: unsupported reader foo\n"
                + "ERROR: can't open nope.json\n"
                + "ERROR: nonexistent job 1\n");
  }

  @Test
  void partialCancel_failure_printsDetailOnStdoutAndErrorOnStderr() throws IOException {
    backend.partialReply = new Backend.PartialReply(false, false, "detail\n");
    run("match allocate job.yaml\npartial-cancel 1 rv1exec job.yaml stats\n");
    assertThat(out()).contains("detail\n").contains("INFO: PARTIAL CANCEL PREORDER COUNT=\"7\"\n");
    assertThat(err()).isEqualTo("ERROR: error encountered while removing job 1\n");
  }

  @Test
  void update_setsCounterToJobIdPlusOne() throws IOException {
    run(
        "update allocate jgf job.yaml 5 0 3600\nmatch allocate job.yaml\nupdate allocate jgf job.yaml 5 0 10\n");
    assertThat(backend.calls).containsExactly("update jgf 5 0 3600", "match allocate 6 jobspec");
    assertThat(err()).isEqualTo("ERROR: existing Jobid \n");
    assertThat(out()).startsWith("R\nINFO: =============================\nINFO: JOBID=5\n");
  }

  @Test
  void update_invalidTime_isRejected() throws IOException {
    run("update reserve rv1exec job.yaml 5 -1 3600\nupdate allocate jgf job.yaml 5 0 0\n");
    assertThat(err()).isEqualTo("ERROR: invalid time (-1, 3600)\nERROR: invalid time (0, 0)\n");
  }

  @Test
  void find_printsResultAndExpression() throws IOException {
    backend.findReply = new Backend.FindReply(true, "X\n", "");
    run("find status=up  and  sched-now=free\n");
    assertThat(out())
        .isEqualTo(
            "X\n"
                + "INFO: =============================\n"
                + "INFO: EXPRESSION=\"status=up and sched-now=free\"\n"
                + "INFO: =============================\n");
  }

  @Test
  void properties_setGetAndErrors() throws IOException {
    run(
        "set-property /cluster0/node1 class=5\n"
            + "get-property /cluster0/node1\n"
            + "get-property /cluster0/node0\n"
            + "set-property /cluster0/node1 =5\n"
            + "set-property /nope a=b\n"
            + "get-property /nope\n");
    assertThat(out())
        .isEqualTo(
            "class=5\n"
                + "No properties were found for /cluster0/node0 (vtx's uniq_id=1).\n"
                + "Incorrect input format. \n"
                + "Please use `set-property <resource> PROPERTY=VALUE`.\n"
                + "Couldn't find path /nope in resource graph.\n"
                + "Could not find path /nope in resource graph.\n");
  }

  @Test
  void status_setAndGet() throws IOException {
    run(
        "set-status /cluster0/node0 down\n"
            + "get-status /cluster0/node0\n"
            + "set-status /cluster0/node0 sideways\n"
            + "get-status /cluster0\n"
            + "get-status\n");
    assertThat(out()).isEqualTo("/cluster0/node0 is down\n/cluster0 is up\n");
    assertThat(err()).isEqualTo("ERROR: unrecognized status\nERROR: malformed command\n");
  }

  @Test
  void attach_failure_printsBothLines() throws IOException {
    backend.attachError = "detail\nmore\n";
    run("attach job.yaml\nj job.yaml\n");
    assertThat(err())
        .isEqualTo(
            "ERROR: can't attach JGF subgraph \nERROR: detail\nmore\n"
                + "ERROR: can't attach JGF subgraph \nERROR: detail\nmore\n");
  }

  @Test
  void remove_decodesRanksOrReportsErrors() throws IOException {
    run("remove 0-1 false\nremove 1-0 false\nremove /cluster0/node1 true\nremove x maybe\n");
    assertThat(backend.calls).containsExactly("remove-ranks [0, 1]", "remove /cluster0/node1");
    assertThat(err())
        .isEqualTo("ERROR: failed to decode ranks.\nERROR: invalid path boolean input \n");
  }

  @Test
  void quit_endsSession_andUnknownWordsAreIgnored() throws IOException {
    assertThat(run("# comment\n!ls\n\nbogus\nquit\nmatch allocate job.yaml\n")).isZero();
    assertThat(backend.calls).isEmpty();
    assertThat(out()).isEmpty();
    assertThat(err()).isEmpty();
  }

  @Test
  void prompt_isPrintedUnlessDisabled() throws IOException {
    Files.writeString(dir.resolve("g.graphml"), "graph");
    int rc = runWith((o, text, cwd) -> backend, "help q\n", "-L", "g.graphml");
    assertThat(rc).isZero();
    assertThat(out()).startsWith("resource-query> INFO: quit (q) -- ").endsWith("resource-query> ");
  }

  @Test
  void stat_reportsFluxionsNeverUpdatedTimes() throws IOException {
    run("match allocate job.yaml\nstat\n");
    assertThat(out())
        .contains(
            "INFO: Num. of Jobs Matched: 1\n"
                + "INFO: Min. Match Time: 1.79769e+308\n"
                + "INFO: Max. Match Time: 0\n"
                + "INFO: Avg. Match Time: 0\n");
  }

  @Test
  void setupFailure_printsRuntimeErrorAndExits1() throws IOException {
    Files.writeString(dir.resolve("g.graphml"), "graph");
    int rc =
        runWith(
            (o, text, cwd) -> {
              throw new ResourceQueryMain.SetupException("bad graph\n");
            },
            "",
            "-L",
            "g.graphml");
    assertThat(rc).isEqualTo(1);
    assertThat(err()).isEqualTo(": Runtime error: bad graph\n\n");
  }

  @Test
  void testOutput_isTruncatedAndFlushedPerLine_beforeStderrAppends() throws IOException {
    Files.writeString(dir.resolve("R.out"), "old content that must go away\n");
    run("cancel 9\nmatch allocate job.yaml\n", "-t", "R.out");
    assertThat(Files.readString(dir.resolve("R.out"))).startsWith("      ---cluster0[1:s]\n");
  }

  @Test
  void graphOutput_isWrittenAtQuit_inDotOrGraphml() throws IOException {
    run("quit\n", "-o", "g1");
    assertThat(out()).isEqualTo("INFO: Write the target graph of the matcher...\n");
    assertThat(Files.readString(dir.resolve("g1.dot")))
        .startsWith("digraph G {\n0[label=\"cluster0\"];\n")
        .contains("0->1 [label=\"containment\"];\n")
        .endsWith("}\n");
    run("quit\n", "-o", "g2", "-g", "graphml");
    assertThat(Files.readString(dir.resolve("g2.graphml")))
        .startsWith("<?xml")
        .contains("<data key=\"key4\">cluster0</data>")
        .endsWith("</graphml>\n");
  }
}
