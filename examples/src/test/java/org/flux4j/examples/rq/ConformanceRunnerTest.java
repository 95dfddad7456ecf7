package org.flux4j.examples.rq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceRunnerTest {
  @TempDir Path dir;

  private static String post(String name, String in) throws IOException {
    return new String(
        ConformanceRunner.postprocess(name, in.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  @Test
  void postprocess_stripUniqId_removesSingleDigitIdsOnly() throws IOException {
    assertThat(post("strip_uniq_id", "No properties were found for /a (vtx's uniq_id=3).\n"))
        .isEqualTo("No properties were found for /a.\n");
    assertThat(post("strip_uniq_id", "x (vtx's uniq_id=12).\n"))
        .isEqualTo("x (vtx's uniq_id=12).\n");
  }

  @Test
  void postprocess_grepOrder_keepsOrderLines() throws IOException {
    assertThat(
            post(
                "grep_ORDER",
                "a\nINFO: PREORDER VISIT COUNT=3\nb\nINFO: POSTORDER VISIT COUNT=2\n"))
        .isEqualTo("INFO: PREORDER VISIT COUNT=3\nINFO: POSTORDER VISIT COUNT=2\n");
  }

  @Test
  void postprocess_jq_readsJgfDocumentsLikeJq() throws IOException {
    String out =
        "{\"graph\": {\"nodes\": [{\"id\": \"1\", \"metadata\": {\"type\": \"storage\","
            + " \"properties\": {\"LinuxDeviceID\": \"sda\"}, \"ephemeral\": {\"label\": \"b\"}}},"
            + " {\"id\": \"2\", \"metadata\": {\"type\": \"core\"}}]}}\n"
            + "INFO: =============================\n"
            + "{\"graph\": {\"nodes\": [{\"id\": \"3\", \"metadata\": {\"type\": \"storage\"}}]}}\n";
    assertThat(post("jq_storage_ids", out)).isEqualTo("sda\n");
    assertThat(post("jq_label_counts", out)).isEqualTo("      1 b\n      2 null\n");
  }

  @Test
  void run_exit0Case_passesAndMissingDataIsSkipped() throws IOException {
    Path conf = dir.resolve("conformance");
    Files.createDirectories(conf.resolve("flux-sched/t/data"));
    Files.createDirectories(conf.resolve("derived"));
    Files.writeString(conf.resolve("derived/cmds.in"), "quit\n");
    Files.writeString(
        conf.resolve("manifest.tsv"),
        "case_id\tfeature_group\tload_file\tload_format\tsubsystems\tpolicy\tmatch_format"
            + "\tprune_filters\tother_options\tcmds_file\texpected_file\tcompare\tpostprocess\tnotes\n"
            + "a-1\tg\tt/data/missing.graphml\t\t\t\t\t\t\tderived/cmds.in\t\texit0\t\t\n"
            + "a-2\tg\t\t\t\t\t\t\t\tderived/cmds.in\t\tskip\t\t\n");
    ConformanceRunner runner = new ConformanceRunner(conf, dir.resolve("out"));
    var cases = ConformanceRunner.readManifest(conf.resolve("manifest.tsv"));
    assertThat(cases).hasSize(2);
    assertThat(runner.run(cases.get(0)).verdict()).isEqualTo(ConformanceRunner.Verdict.SKIP);
    assertThat(runner.run(cases.get(0)).reason()).contains("missing data file");
    assertThat(runner.run(cases.get(1)).verdict()).isEqualTo(ConformanceRunner.Verdict.SKIP);
  }

  @Test
  void firstDifference_namesTheLine() {
    assertThat(
            ConformanceRunner.firstDifference(
                "a\nb\n".getBytes(StandardCharsets.UTF_8),
                "a\nc\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("line 2: expected [b] got [c]");
  }
}
