package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flux4j.fixtures.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM running a workload on a store ({@link KillWorkload}) with SIGKILL at random
 * points, again and again on the same store, and checks after each kill, reading the store
 * directly: every submit that returned is in the store, no id was issued twice, no job started
 * twice, every job that started had its {@code alloc} on disk first, and every stored eventlog is a
 * valid RFC 21 sequence with at most one allocation. A last child drains the store: every job ends
 * INACTIVE and every core is free again.
 *
 * <p>{@code -Dflux4j.kills=N} sets the number of kills (default 24; the long run uses hundreds);
 * {@code -Dflux4j.killSeed=S} replays a run.
 */
class StoreKillTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @TempDir Path dir;

  @Test
  void sigkillAtRandomPoints_losesNoSubmit_runsNoJobTwice_andDrainsClean() throws Exception {
    int kills = Integer.getInteger("flux4j.kills", 24);
    long seed = Long.getLong("flux4j.killSeed", System.nanoTime());
    Random rnd = new Random(seed);
    Path db = dir.resolve("store.db");
    Set<Long> submitted = new LinkedHashSet<>();
    Map<Long, Integer> starts = new HashMap<>();
    long jobsBefore = 0;
    for (int gen = 0; gen < kills; gen++) {
      Process p = child(db, gen, rnd.nextLong(), "run");
      awaitReady(p, "seed " + seed + ", generation " + gen);
      Thread.sleep(100 + rnd.nextInt(700));
      p.destroyForcibly(); // SIGKILL
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      collect(gen, submitted, starts, "seed " + seed + ", generation " + gen);
      long stored = verifyStore(db, submitted, starts, "seed " + seed + ", generation " + gen);
      assertThat(stored).as("the store grows (seed %d)", seed).isGreaterThanOrEqualTo(jobsBefore);
      jobsBefore = stored;
    }
    Process p = child(db, kills, rnd.nextLong(), "drain");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("drain child (seed %d): %s", seed, out).isZero();
    collect(kills, submitted, starts, "drain, seed " + seed);
    assertThat(out)
        .as("seed %d", seed)
        .contains(
            "drained free="
                + KillWorkload.NODES * KillWorkload.CORES
                + " total="
                + KillWorkload.NODES * KillWorkload.CORES
                + " active=0");
    verifyStore(db, submitted, starts, "drain, seed " + seed);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM active")) {
      rs.next();
      assertThat(rs.getInt(1)).as("jobs still active after the drain, seed %d", seed).isZero();
    }
    assertThat(submitted).as("seed %d", seed).hasSizeGreaterThan(kills);
    System.out.printf(
        "StoreKillTest: %d kills, %d jobs submitted, %d started, seed %d; %s%n",
        kills, submitted.size(), starts.size(), seed, out.strip().replace('\n', ' '));
  }

  private Process child(Path db, int gen, long seed, String mode) throws IOException {
    return new ProcessBuilder(
            ChildJvm.command(
                List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                KillWorkload.class,
                db.toString(),
                dir.toString(),
                Integer.toString(gen),
                Long.toString(seed),
                mode))
        .redirectErrorStream(true)
        .start();
  }

  private static void awaitReady(Process p, String what) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = r.readLine()) != null) {
      if (line.equals("ready")) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child ended before it was ready (" + what + "):\n" + seen);
  }

  private void collect(int gen, Set<Long> submitted, Map<Long, Integer> starts, String what)
      throws IOException {
    for (long id : ids(dir.resolve("submitted-" + gen))) {
      assertThat(submitted.add(id)).as("id %d issued twice (%s)", id, what).isTrue();
    }
    for (long id : ids(dir.resolve("started-" + gen))) {
      int n = starts.merge(id, 1, Integer::sum);
      assertThat(n).as("job %d started %d times (%s)", id, n, what).isEqualTo(1);
    }
  }

  private static List<Long> ids(Path file) throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String l : Files.readAllLines(file)) {
      if (!l.isBlank()) {
        try {
          out.add(Long.parseLong(l.strip()));
        } catch (NumberFormatException torn) {
          // the last line may be torn by the kill; the store check covers its job
        }
      }
    }
    return out;
  }

  /** Checks the store against what the children said; returns how many jobs it holds. */
  private static long verifyStore(
      Path db, Set<Long> submitted, Map<Long, Integer> starts, String what) throws Exception {
    Set<Long> stored = new HashSet<>();
    Map<Long, List<JobEvent>> logs = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id FROM job")) {
        while (rs.next()) {
          stored.add(rs.getLong(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT id, entry FROM event ORDER BY id, seq")) {
        while (rs.next()) {
          for (String line : rs.getString(2).lines().toList()) {
            logs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(parse(line));
          }
        }
      }
    }
    for (long id : submitted) {
      assertThat(stored).as("a returned submit is missing from the store (%s)", what).contains(id);
    }
    for (Map.Entry<Long, List<JobEvent>> e : logs.entrySet()) {
      List<String> names = e.getValue().stream().map(JobEvent::name).toList();
      assertThat(names.get(0)).as("job %d (%s)", e.getKey(), what).isEqualTo("submit");
      JobState.replay(e.getValue());
      assertThat(names.stream().filter("alloc"::equals).count())
          .as("job %d allocated twice: %s (%s)", e.getKey(), names, what)
          .isLessThanOrEqualTo(1);
      assertThat(names.stream().filter("clean"::equals).count())
          .as("job %d cleaned twice: %s (%s)", e.getKey(), names, what)
          .isLessThanOrEqualTo(1);
    }
    for (long id : starts.keySet()) {
      assertThat(logs.getOrDefault(id, List.of()).stream().map(JobEvent::name))
          .as("job %d started without its alloc on disk (%s)", id, what)
          .contains("alloc");
    }
    return stored.size();
  }

  private static JobEvent parse(String line) throws IOException {
    var n = MAPPER.readTree(line);
    Map<String, Object> ctx = new HashMap<>();
    n.path("context")
        .properties()
        .forEach(
            e ->
                ctx.put(
                    e.getKey(),
                    e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
    return new JobEvent(
        Math.round(n.get("timestamp").asDouble() * 1000), n.get("name").asText(), ctx);
  }
}
