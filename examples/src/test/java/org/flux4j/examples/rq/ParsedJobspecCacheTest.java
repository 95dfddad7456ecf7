package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flux4j.examples.rqdiff.GrugRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session parses each jobspec text once ({@link EngineBackend} keeps the parsed requests): the
 * same file matched again allocates new resources with the next job id, two files with the same
 * text behave alike, and a request for a type the graph lacks fails on every attempt. The job ids
 * and blocks are the ones the real Fluxion prints for this session.
 */
class ParsedJobspecCacheTest {
  private static final String CORE2 =
      "version: 9999\nresources:\n  - type: slot\n    count: 1\n    label: default\n    with:\n"
          + "      - type: core\n        count: 2\nattributes:\n  system:\n    duration: 60\n"
          + "tasks:\n  - command: [ \"app\" ]\n    slot: default\n    count:\n      per_slot: 1\n";

  @Test
  void sameText_matchedAgain_allocatesNextCoresAndErrorsRepeat(@TempDir Path dir)
      throws IOException {
    GrugRecipe r =
        new GrugRecipe(
            List.of(
                new GrugRecipe.Kind("cluster", "tiny", 1, ""),
                new GrugRecipe.Kind("node", "node", 1, ""),
                new GrugRecipe.Kind("core", "core", 1, "")),
            List.of(new GrugRecipe.Edge(0, 1, 1, 0, 0, 1), new GrugRecipe.Edge(1, 2, 4, 0, 0, 1)));
    Files.writeString(dir.resolve("g.graphml"), r.toGraphml());
    Files.writeString(dir.resolve("a.yaml"), CORE2);
    Files.writeString(dir.resolve("b.yaml"), CORE2);
    Files.writeString(dir.resolve("bad.yaml"), CORE2.replace("type: core", "type: ssd"));
    String cmds =
        "match allocate a.yaml\nmatch allocate bad.yaml\nmatch allocate b.yaml\n"
            + "match allocate bad.yaml\nmatch allocate a.yaml\nquit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        ResourceQueryMain.run(
            new String[] {"-L", "g.graphml", "-P", "low", "-d"},
            new ByteArrayInputStream(cmds.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            dir);
    assertThat(rc).isZero();
    String o = out.toString(StandardCharsets.UTF_8);
    assertThat(o)
        .contains("core0[1:x]", "core1[1:x]", "core2[1:x]", "core3[1:x]")
        .contains(
            "INFO: JOBID=1\nINFO: RESOURCES=ALLOCATED",
            "No matching resources found\nINFO: JOBID=2\n",
            "INFO: JOBID=3\nINFO: RESOURCES=ALLOCATED",
            "No matching resources found\nINFO: JOBID=4\n",
            "No matching resources found\nINFO: JOBID=5\n");
    assertThat(o.split("INFO: RESOURCES=ALLOCATED", -1)).hasSize(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
