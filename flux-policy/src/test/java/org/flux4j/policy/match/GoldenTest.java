package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden checks against Fluxion's expected outputs (conformance manifest cases that only use match
 * and cancel with the simple writer on GRUG graphs).
 */
class GoldenTest {
  static Stream<Arguments> cases() throws IOException {
    Path manifest = TestSupport.sharedRoot().orElseThrow().resolve("conformance/manifest-dev.tsv");
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(manifest)) {
      String[] f = line.split("\t", -1);
      if (f.length < 11 || f[0].equals("case_id") || !f[11].equals("tfile")) {
        continue;
      }
      if (!f[3].isEmpty() || !f[6].isEmpty() || !f[7].isEmpty() || !f[8].isEmpty()) {
        continue; // non-default format, writer, prune filters or options
      }
      if (!f[4].equals("CA") || !List.of("basics", "prefix", "exclusive", "nodex").contains(f[1])) {
        continue;
      }
      out.add(Arguments.of(f[0], f[2], f[5].isEmpty() ? "first" : f[5], f[9], f[10]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("cases")
  void golden_matchesFluxionExpectedOutput(
      String id, String graph, String policy, String cmds, String expected) throws IOException {
    Path base = TestSupport.require("conformance/flux-sched");
    ResourceQuery rq =
        ResourceQuery.create(
            org.flux4j.graph.io.GrugReader.read(base.resolve(graph)),
            ResourceQuery.Options.builder().policy(policy).build());
    StringBuilder out = new StringBuilder();
    long jobId = 1;
    for (String line : Files.readAllLines(base.resolve(cmds))) {
      String[] t = line.trim().split("\\s+");
      if (t.length == 3 && (t[0].equals("match") || t[0].equals("m"))) {
        Path js = base.resolve(t[2].replace("@TEST_SRCDIR@", "t"));
        if (!Files.exists(js)) {
          continue; // resource-query prints "can't open" on stderr only
        }
        MatchOp op = MatchOp.byWord(t[1]);
        MatchResult r = rq.match(op, TestSupport.jobspec(js), jobId);
        r.resourceSet().ifPresent(s -> out.append(TestSupport.simple(s)));
        out.append("INFO: =============================\n");
        if (r.isSuccess()) {
          out.append("INFO: JOBID=").append(jobId).append('\n');
          String kind =
              r instanceof MatchResult.Matched
                  ? "MATCHED"
                  : r instanceof MatchResult.Reserved ? "RESERVED" : "ALLOCATED";
          out.append("INFO: RESOURCES=").append(kind).append('\n');
          long at = r.at();
          out.append("INFO: SCHEDULED AT=").append(at == 0 ? "Now" : String.valueOf(at));
          out.append('\n');
        } else {
          out.append("INFO: No matching resources found\n");
          if (r instanceof MatchResult.Unsatisfiable) {
            out.append("INFO: Unsatisfiable request\n");
          }
          out.append("INFO: JOBID=").append(jobId).append('\n');
        }
        out.append("INFO: =============================\n");
        if (op.allocates()) {
          jobId++;
        }
      } else if (t.length >= 2 && (t[0].equals("cancel") || t[0].equals("c"))) {
        rq.cancel(Long.parseLong(t[1]));
      }
    }
    String want = Files.readString(TestSupport.require("conformance/flux-sched/" + expected));
    assertThat(out.toString()).as(id).isEqualTo(want);
  }
}
