package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBackendTest {
  @TempDir Path dir;

  /** One node of two cores, as an rv1exec R. */
  private static final String GRAPH =
      "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\": {\"core\":"
          + " \"0-1\"}}], \"starttime\": 0, \"expiration\": 0, \"nodelist\": [\"node0\"]}}";

  private static String core(int id) {
    return "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \"0\", \"children\":"
        + " {\"core\": \""
        + id
        + "\"}}], \"nodelist\": [\"node0\"], \"starttime\": 0, \"expiration\": 0}}";
  }

  private Backend open(String... args) throws Exception {
    Files.writeString(dir.resolve("g.json"), GRAPH);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RqOptions o = RqOptions.parse(args, dir, new PrintStream(err, true, StandardCharsets.UTF_8));
    return EngineBackend.open(o, GRAPH, dir);
  }

  /**
   * Under node_exclusive an rv1exec update of core 0 takes the whole node's aggregate, so the
   * update of core 1 cannot add the node's aggregate span: Fluxion's upd_sched then leaves the node
   * out of what it emits, and the rlite writer, with cores but no node, fails to emit. Fluxion's
   * update_run ignores that failure (as checked against the real resource-query): the update stands
   * with no R printed, and the writer keeps the cores for the next emit (rq-diff seed 408710).
   */
  @Test
  void update_writerFailsAfterUpdate_updateStandsAndWriterKeepsItsCores() throws Exception {
    Backend b =
        open(
            "-L",
            "g.json",
            "-f",
            "rv1exec",
            "--match-policy=policy=high node_exclusive=true",
            "-F",
            "rlite");

    Backend.UpdateReply first = b.update("rv1exec", core(0), 1, 0, 100);
    Backend.UpdateReply second = b.update("rv1exec", core(1), 2, 0, 100);

    assertThat(first)
        .isEqualTo(
            new Backend.UpdateReply(
                true, "[{\"rank\": \"0\", \"children\":" + " {\"core\": \"0-1\"}}]\n", ""));
    assertThat(second).isEqualTo(new Backend.UpdateReply(true, "", ""));
    // what the find emits (core 1 of job 2 and node0) is added to the cores left in the writer
    assertThat(b.find("sched-now=allocated").r())
        .isEqualTo("[{\"rank\": \"0\", \"children\": {\"core\": \"0-1\"}}]\n");
    assertThat(b.cancel(2)).isTrue();
  }

  /** An update the engine refuses (a named vertex busy) still fails with the reader's message. */
  @Test
  void update_busyVertex_fails() throws Exception {
    Backend b = open("-L", "g.json", "-f", "rv1exec", "-F", "rlite");

    assertThat(b.update("rv1exec", core(0), 1, 0, 100).ok()).isTrue();
    Backend.UpdateReply again = b.update("rv1exec", core(0), 2, 0, 100);

    assertThat(again.ok()).isFalse();
    assertThat(again.r()).isEmpty();
    assertThat(again.detail()).contains("core0 is unavailable");
  }
}
