package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visit counts (resource-query's -e PREORDER/POSTORDER lines) against Fluxion's t3029 cases. */
class VisitCountTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "t3029-001, high, '', cmds01.in",
    "t3029-002, high, '', cmds02.in",
    "t3029-003, high, ALL:gpu, cmds02.in",
    "t3029-005, first, '', cmds01.in",
    "t3029-006, first, ALL:gpu, cmds02.in",
    "t3029-007, high, '', cmds04.in"
  })
  void visitCounts_matchFluxion(String id, String policy, String prune, String cmds)
      throws IOException {
    Path base = SharedData.require("conformance/flux-sched");
    ResourceQuery.Options.Builder ob = ResourceQuery.Options.builder().policy(policy);
    if (!prune.isEmpty()) {
      ob.pruneFilters(prune);
    }
    ResourceQuery rq = ResourceQuery.create(TestSupport.grug("tiny.graphml"), ob.build());
    List<String> got = new ArrayList<>();
    long jobId = 1;
    for (String line :
        Files.readAllLines(base.resolve("t/data/resource/commands/pruning/" + cmds))) {
      String[] t = line.trim().split("\\s+", 0);
      if (t.length == 3 && t[0].equals("match")) {
        MatchOp op = MatchOp.byWord(t[1]);
        Path js = base.resolve(t[2].replace("@TEST_SRCDIR@", "t"));
        rq.match(op, TestSupport.jobspec(js), jobId);
        VisitCounts vc = rq.visitCounts();
        got.add("INFO: PREORDER VISIT COUNT=" + vc.preorder());
        got.add("INFO: POSTORDER VISIT COUNT=" + vc.postorder());
        if (op.allocates()) {
          jobId++;
        }
      }
    }
    List<String> want =
        Files.readAllLines(SharedData.require("conformance/derived/" + id + ".expected"));
    assertThat(got).as(id).isEqualTo(want);
  }
}
