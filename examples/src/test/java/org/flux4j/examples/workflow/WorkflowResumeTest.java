package org.flux4j.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flux4j.examples.Flux4j;
import org.flux4j.fixtures.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flux4j workflow FILE --store DB}: a 30-job workflow run in a child JVM is killed with
 * SIGKILL in the middle, then run again on the same store: every job completes, the summary covers
 * all 30, the exit status is 0, and no job that had completed before the kill runs again (each job
 * appends a line to its own marker file when it runs).
 */
class WorkflowResumeTest {
  private static final int JOBS = 30;

  @TempDir Path dir;

  @Test
  void killedMidway_thenRunAgainOnTheStore_completesWithoutRerunningCompletedJobs()
      throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    StringBuilder yaml = new StringBuilder("jobs:\n");
    for (int i = 0; i < JOBS; i++) {
      yaml.append("  - name: j").append(i).append('\n');
      yaml.append("    command: [\"sh\", \"-c\", \"echo ran >> ")
          .append(runs.resolve("j" + i))
          .append("; sleep 0.3\"]\n");
      if (i >= 3) {
        yaml.append("    dependencies: [\"afterok:j").append(i - 3).append("\"]\n");
      }
    }
    Path wf = Files.writeString(dir.resolve("wf.yaml"), yaml);
    Path db = dir.resolve("wf.db");
    String[] args = {
      "workflow",
      wf.toString(),
      "--store",
      db.toString(),
      "--nodes",
      "1",
      "--cores-per-node",
      "3",
      "--json",
      "--quiet"
    };

    Process p = child(args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (countFiles(runs) < 10 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the first run ended before it could be killed").isTrue();
    p.destroyForcibly(); // SIGKILL, mid-way
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Set<String> completedBefore = completed(db);
    assertThat(completedBefore).isNotEmpty().hasSizeLessThan(JOBS);

    WorkflowCommandTest.Result second = WorkflowCommandTest.run(args);
    assertThat(second.status()).as("second run: %s %s", second.out(), second.err()).isZero();

    JsonNode summary = new ObjectMapper().readTree(second.out());
    assertThat(summary.get("jobs")).hasSize(JOBS);
    Set<String> names = new HashSet<>();
    for (JsonNode j : summary.get("jobs")) {
      names.add(j.get("name").asText());
      assertThat(j.get("result").asText()).as(j.toString()).isEqualTo("COMPLETED");
    }
    assertThat(names).hasSize(JOBS);
    for (int i = 0; i < JOBS; i++) {
      Path marker = runs.resolve("j" + i);
      assertThat(marker).exists();
      if (completedBefore.contains("j" + i)) {
        assertThat(Files.readAllLines(marker))
            .as("j%d had completed before the kill: it must not run again", i)
            .hasSize(1);
      }
    }
  }

  private static long countFiles(Path d) throws Exception {
    try (var s = Files.list(d)) {
      return s.count();
    }
  }

  /** The names of the jobs the store shows COMPLETED: finish status 0, cleaned, no exception. */
  private static Set<String> completed(Path db) throws Exception {
    Set<String> out = new LinkedHashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT j.request, group_concat(e.entry, char(10)) FROM job j JOIN event e ON"
                    + " e.id = j.id GROUP BY j.id")) {
      ObjectMapper m = new ObjectMapper();
      while (rs.next()) {
        String log = rs.getString(2);
        if (log.contains("\"name\":\"finish\",\"context\":{\"status\":0}")
            && log.contains("\"name\":\"clean\"")
            && !log.contains("\"name\":\"exception\"")) {
          out.add(m.readTree(rs.getString(1)).get("name").asText());
        }
      }
    }
    return out;
  }

  private static Process child(String... args) throws Exception {
    List<String> cmd = ChildJvm.command(List.of("-Xmx256m"), Flux4j.class, args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
