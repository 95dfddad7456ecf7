package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  private static Instance open(ResourceGraph g, VirtualClock clock, Path store) {
    return Instance.builder(g).clock(clock).executor(new SimulatedExecutor()).store(store).build();
  }

  private static JobRequest sleep(int seconds) {
    return JobRequest.builder().name("sleep").runtime(Duration.ofSeconds(seconds)).build();
  }

  /** A store that a closed one-node instance wrote after taking one job. */
  private Path storeWithOneJob(String file) {
    Path db = dir.resolve(file);
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), new VirtualClock(T0), db)) {
      in.submit(sleep(1));
    }
    return db;
  }

  /**
   * Asserts that opening {@code store} for {@code g} fails with a {@link JobStoreException} whose
   * message holds every one of {@code problems}, and leaves the file's bytes as they were.
   */
  private static void assertRefusedUntouched(ResourceGraph g, Path store, String... problems)
      throws IOException {
    byte[] before = Files.readAllBytes(store);
    Throwable t = catchThrowable(() -> open(g, new VirtualClock(T0), store));
    assertThat(t).isInstanceOf(JobStoreException.class);
    for (String problem : problems) {
      assertThat(t).hasMessageContaining(problem);
    }
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
  }

  private static void quiet(VirtualClock c) {
    assertThat(c.awaitQuiet(10_000)).isTrue();
  }

  private static List<String> lines(List<JobEvent> log) {
    return log.stream().map(JobEvent::toJson).toList();
  }

  @Test
  void store_inactiveJobs_readBackAsTheyWere_afterPurgeAndRestart() {
    Path db = dir.resolve("jobs.db");
    ResourceGraph g = ClusterBuilder.nodes(1).cores(2).leafRanks().build();
    VirtualClock clock = new VirtualClock(T0);
    JobId a;
    JobId b;
    List<String> logA;
    JobInfo infoB;
    try (Instance in = open(g, clock, db)) {
      a = in.submit(sleep(5));
      b = in.submit(JobRequest.builder().name("held").urgency(0).build());
      in.cancel(b, "not needed");
      clock.runUntilIdle();
      logA = lines(in.eventlog(a));
      infoB = in.info(b);
      assertThat(in.purge(Duration.ZERO, 0)).isEqualTo(2);
      assertThat(in.jobs()).isEmpty();
      // purged from memory, still in the store
      assertThat(lines(in.eventlog(a))).isEqualTo(logA);
      assertThat(in.info(a).result()).contains(JobResult.COMPLETED);
    }
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), new VirtualClock(T0), db)) {
      assertThat(in.storedJobs()).containsExactly(a, b);
      assertThat(lines(in.eventlog(a))).isEqualTo(logA);
      JobInfo rb = in.info(b);
      assertThat(rb.result()).contains(JobResult.CANCELED);
      assertThat(rb.state()).isEqualTo(JobState.INACTIVE);
      assertThat(rb.error()).isEqualTo(infoB.error());
      assertThat(rb.submitTime()).isEqualTo(infoB.submitTime());
      assertThat(rb.urgency()).isZero();
      assertThat(in.whenInactive(a).join().result()).contains(JobResult.COMPLETED);
      in.cancel(a); // a no-op on an inactive job, as in memory
    }
  }

  @Test
  void restart_pendingBackInQueue_runningLost_resourcesFree_idsNotReused() throws Exception {
    Path db = dir.resolve("jobs.db");
    VirtualClock clock = new VirtualClock(T0);
    JobId run1;
    JobId run2;
    JobId queued;
    JobId held;
    JobId dependent;
    JobInfo queuedBefore;
    try (Instance in = open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), clock, db)) {
      run1 = in.submit(sleep(100));
      run2 = in.submit(sleep(100));
      // urgency 10 (below the default 16): submitted in the same instant as the two sleeps, it is
      // queued behind them (one cycle sees all three, in priority order)
      queued =
          in.submit(
              JobRequest.builder().name("q").urgency(10).runtime(Duration.ofSeconds(7)).build());
      held = in.submit(JobRequest.builder().name("held").urgency(0).build());
      dependent =
          in.submit(JobRequest.builder().name("dep").dependency("afterany:" + run1).build());
      quiet(clock);
      clock.advanceBy(1000);
      quiet(clock);
      assertThat(in.state(run1)).isEqualTo(JobState.RUN);
      assertThat(in.state(queued)).isEqualTo(JobState.SCHED);
      assertThat(in.state(dependent)).isEqualTo(JobState.DEPEND);
      queuedBefore = in.info(queued);
    } // close with a store keeps the jobs as they are
    VirtualClock later = new VirtualClock(T0 + 60_000);
    try (Instance in = open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), later, db)) {
      quiet(later);
      for (JobId lost : List.of(run1, run2)) {
        JobInfo i = in.info(lost);
        assertThat(i.state()).isEqualTo(JobState.INACTIVE);
        assertThat(i.result()).contains(JobResult.FAILED);
        assertThat(i.error()).contains("lost at restart");
        assertThat(i.eventNames())
            .containsSubsequence("alloc", "exception", "release", "free", "clean");
      }
      // resources of the lost jobs are free: the queued job runs, then the dependent one
      JobInfo q = in.info(queued);
      assertThat(q.state()).isEqualTo(JobState.RUN);
      assertThat(q.urgency()).isEqualTo(10);
      assertThat(q.submitTime()).isEqualTo(queuedBefore.submitTime());
      assertThat(q.priority()).isEqualTo(queuedBefore.priority());
      assertThat(in.info(held).state()).isEqualTo(JobState.SCHED);
      assertThat(in.info(held).priority()).isZero();
      assertThat(in.info(dependent).eventNames()).contains("dependency-remove", "alloc");
      JobId fresh = in.submit(sleep(1));
      assertThat(fresh).isGreaterThan(dependent);
      later.runUntilIdle();
      assertThat(in.info(queued).result()).contains(JobResult.COMPLETED);
      assertThat(in.resourceCounts().get()[0]).isEqualTo(2);
      in.setUrgency(held, 16);
      later.runUntilIdle();
      assertThat(in.info(held).result()).contains(JobResult.COMPLETED);
      assertThat(in.activeJobs()).isZero();
    }
  }

  /**
   * A kill between the two entries of an urgency change (its {@code urgency} event written, its
   * {@code priority} event not) leaves a SCHED job whose last priority is that of its old urgency.
   * Restart computes the priority again, as flux-core's does: the released job runs. (Before, it
   * stayed held with urgency 16, and setting urgency 16 again was a no-op: StoreKillTest's drain
   * hung on it and its dependents.)
   */
  @Test
  void restart_afterATornUrgencyChange_recomputesThePriority() throws Exception {
    Path db = dir.resolve("torn.db");
    JobId held;
    JobId after;
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(1).leafRanks().build(), new VirtualClock(T0), db)) {
      held = in.submit(JobRequest.builder().name("held").urgency(0).build());
      after = in.submit(JobRequest.builder().name("dep").dependency("afterok:" + held).build());
      assertThat(in.info(held).priority()).isZero();
    }
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = conn.createStatement()) {
      int seq = 0;
      try (var rs = s.executeQuery("SELECT entry FROM event WHERE id = " + held.value())) {
        while (rs.next()) {
          seq += (int) rs.getString(1).lines().count();
        }
      }
      String urgency =
          new JobEvent(T0 + 5, "urgency", java.util.Map.of("urgency", 16, "userid", 0)).toJson();
      s.executeUpdate(
          "INSERT INTO event VALUES (" + held.value() + ", " + seq + ", '" + urgency + "')");
    }
    VirtualClock later = new VirtualClock(T0 + 60_000);
    try (Instance in = open(ClusterBuilder.nodes(1).cores(1).leafRanks().build(), later, db)) {
      quiet(later); // the first cycle runs on the loop thread
      JobInfo i = in.info(held);
      assertThat(i.urgency()).isEqualTo(16);
      assertThat(i.priority()).isEqualTo(16);
      List<String> names = i.eventNames();
      int u = names.lastIndexOf("urgency");
      assertThat(names.subList(u, names.size())).startsWith("urgency", "priority", "alloc");
      later.runUntilIdle();
      assertThat(in.info(held).result()).contains(JobResult.COMPLETED);
      assertThat(in.info(after).result()).contains(JobResult.COMPLETED);
    }
  }

  /**
   * A singleton waiting for its name keeps waiting after a restart while a same-named job submitted
   * after it is still pending: every pending job holds its name before dependencies are evaluated
   * again (before, the singleton was looked at before the later job was counted, and ran beside
   * it).
   */
  @Test
  void restart_waitingSingleton_stillWaitsForALaterSameNamedJob() {
    Path db = dir.resolve("singleton.db");
    VirtualClock clock = new VirtualClock(T0);
    JobId single;
    JobId later;
    try (Instance in = open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), clock, db)) {
      in.submit(JobRequest.builder().name("x").runtime(Duration.ofSeconds(100)).build());
      quiet(clock);
      single =
          in.submit(
              JobRequest.builder()
                  .name("x")
                  .dependency("singleton")
                  .runtime(Duration.ofSeconds(1))
                  .build());
      later = in.submit(JobRequest.builder().name("x").urgency(0).build());
      quiet(clock);
      assertThat(in.state(single)).isEqualTo(JobState.DEPEND);
      assertThat(in.state(later)).isEqualTo(JobState.SCHED);
    } // the running job is lost at restart; the held one stays pending
    VirtualClock restart = new VirtualClock(T0 + 60_000);
    try (Instance in = open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), restart, db)) {
      quiet(restart);
      assertThat(in.state(single)).isEqualTo(JobState.DEPEND);
      in.setUrgency(later, 16);
      restart.runUntilIdle();
      assertThat(in.info(later).result()).contains(JobResult.COMPLETED);
      assertThat(in.info(single).result()).contains(JobResult.COMPLETED);
      assertThat(in.info(single).eventNames()).containsSubsequence("dependency-remove", "alloc");
    }
  }

  @Test
  void restart_fromAVirtualClockAtZero_neverReusesIds() {
    Path db = dir.resolve("ids.db");
    JobId last;
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(1).leafRanks().build(), new VirtualClock(), db)) {
      for (int i = 0; i < 2000; i++) {
        in.submit(JobRequest.builder().urgency(0).build());
      }
      last = in.jobs().get(in.jobs().size() - 1);
    }
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(1).leafRanks().build(), new VirtualClock(), db)) {
      assertThat(in.submit(sleep(1))).isGreaterThan(last);
      assertThat(in.jobs()).hasSize(2001);
    }
  }

  @Test
  void open_anotherGraph_isRefused_fileUntouched() throws Exception {
    Path db = storeWithOneJob("g.db");
    assertRefusedUntouched(
        ClusterBuilder.nodes(2).cores(2).leafRanks().build(),
        db,
        db.toString(),
        "another resource graph");
  }

  @Test
  void open_newerFormat_isRefused_fileUntouched() throws Exception {
    Path db = storeWithOneJob("new.db");
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      f.seek(60); // SQLite header: user_version, the store's format version
      f.writeInt(99);
    }
    assertRefusedUntouched(
        ClusterBuilder.nodes(1).cores(2).leafRanks().build(), db, "format version 99", "newer");
  }

  @Test
  void open_truncatedOrCorruptOrForeign_isRefused_fileUntouched() throws Exception {
    Path db = dir.resolve("t.db");
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(2).leafRanks().build(), new VirtualClock(T0), db)) {
      for (int i = 0; i < 300; i++) {
        in.submit(JobRequest.builder().name("job" + i).urgency(0).build());
      }
    }
    byte[] whole = Files.readAllBytes(db);
    ResourceGraph g = ClusterBuilder.nodes(1).cores(2).leafRanks().build();
    // truncated at a page boundary, in the middle of a page, and to nothing
    for (int len : new int[] {whole.length / 2 / 4096 * 4096, whole.length - 100, 50, 0}) {
      Path t = dir.resolve("cut" + len + ".db");
      Files.write(t, java.util.Arrays.copyOf(whole, len));
      byte[] before = Files.readAllBytes(t);
      assertThatThrownBy(() -> open(g, new VirtualClock(T0), t))
          .as("truncated to %d of %d bytes", len, whole.length)
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining(t.toString())
          .hasMessageMatching("(?s).*(truncated|corrupt).*");
      assertThat(Files.readAllBytes(t)).isEqualTo(before);
    }
    // a page of garbage in the middle
    Path c = dir.resolve("corrupt.db");
    byte[] bad = whole.clone();
    for (int i = 2 * 4096; i < 3 * 4096 && i < bad.length; i++) {
      bad[i] = (byte) (i * 31);
    }
    Files.write(c, bad);
    assertRefusedUntouched(g, c, "corrupt");
    // not SQLite at all, and SQLite but not a store
    Path text = dir.resolve("text.db");
    Files.writeString(text, "hello ".repeat(100));
    assertThatThrownBy(() -> open(g, new VirtualClock(T0), text))
        .isInstanceOf(JobStoreException.class)
        .hasMessageContaining("not an SQLite database");
    Path other = dir.resolve("other.db");
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE t(x)");
    }
    assertRefusedUntouched(g, other, "not a flux4j job store");
  }

  @Test
  void submit_returnsOnlyOnceOnDisk() throws Exception {
    Path db = dir.resolve("d.db");
    try (Instance in =
        open(ClusterBuilder.nodes(1).cores(1).leafRanks().build(), new VirtualClock(T0), db)) {
      JobId id = in.submit(JobRequest.builder().name("x").urgency(0).command("echo", "hi").build());
      // another connection sees the job at once: the submit was committed before it returned
      try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement s = conn.createStatement();
          var rs = s.executeQuery("SELECT request FROM job WHERE id = " + id.value())) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("\"command\":[\"echo\",\"hi\"]");
      }
    }
  }
}
