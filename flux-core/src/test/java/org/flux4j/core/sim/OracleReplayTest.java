package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.core.sim.TraceCleaning.ProcsMode;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays through the real Instance (job manager, queue policy, counting pool, virtual clock) give
 * the textbook start time of every job, as computed by the independent {@link PoolOracle}: seeded
 * random workloads full of simultaneous events, windows of the KTH-SP2 and HPC2N traces, and hand
 * cases (simultaneous ends, an end at the shadow time, an estimated end equal to now).
 */
class OracleReplayTest {
  private static Path traces;

  @BeforeAll
  static void locate() {
    traces = SharedData.find("traces").orElse(null);
  }

  /** A queue policy and reservation mode, as the replay names them and as the oracle does. */
  record Mode(String queuePolicy, boolean compress, PoolOracle.Policy oracle, int depth) {
    @Override
    public String toString() {
      return queuePolicy + (compress ? "+compress" : "") + (depth > 1 ? "/" + depth : "");
    }
  }

  static List<Mode> modes() {
    return List.of(
        new Mode("fcfs", false, PoolOracle.Policy.FCFS, 0),
        new Mode("easy", false, PoolOracle.Policy.EASY, 1),
        new Mode("conservative", false, PoolOracle.Policy.CONSERVATIVE, 0),
        new Mode("conservative", true, PoolOracle.Policy.CONSERVATIVE, 0),
        new Mode("hybrid", false, PoolOracle.Policy.HYBRID, 3),
        new Mode("hybrid", true, PoolOracle.Policy.HYBRID, 3));
  }

  /** Replays {@code jobs} on {@code procs} one-core nodes with the counting pool. */
  static long[] replay(List<ReplayJob> jobs, long procs, Mode m, String matchPolicy) {
    ReplayOptions o =
        new ReplayOptions(
            procs,
            1,
            false,
            true,
            m.queuePolicy(),
            matchPolicy,
            ReplayOptions.UNLIMITED_QUEUE_DEPTH,
            Math.max(1, m.depth()),
            m.compress());
    ReplayResult r = new TraceReplay(o).run(jobs, null, 0, 0);
    long[] starts = new long[jobs.size()];
    for (int i = 0; i < jobs.size(); i++) {
      starts[i] = r.jobs().get(i).start();
    }
    return starts;
  }

  static long[] oracle(List<ReplayJob> jobs, long procs, Mode m) {
    return new PoolOracle(procs, m.oracle(), m.depth(), m.compress()).run(jobs);
  }

  /** The jobs whose start differs, as "id: replay vs oracle", the first few. */
  static List<String> differences(List<ReplayJob> jobs, long[] got, long[] want) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      if (got[i] != want[i]) {
        out.add("job " + jobs.get(i).id() + ": " + got[i] + " vs " + want[i]);
      }
    }
    return out;
  }

  /**
   * A random workload on {@code procs} processors: arrivals in bursts (many at the same second),
   * requested times from a few round values (many simultaneous estimated ends), run times that are
   * zero, equal to, shorter or longer than the request (then cut at it).
   */
  static List<ReplayJob> randomWorkload(long seed, int n, long procs) {
    Random r = new Random(seed);
    long[] requests = {10, 20, 30, 60, 100};
    List<ReplayJob> jobs = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(4) == 0 ? 0 : r.nextInt(15);
      long req = requests[r.nextInt(requests.length)];
      long run =
          switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> req;
            case 2 -> req + 5;
            default -> 1 + r.nextInt((int) req);
          };
      long p = 1L + (r.nextInt(3) == 0 ? r.nextInt((int) procs) : r.nextInt((int) (procs / 4) + 1));
      jobs.add(new ReplayJob(i + 1, t, run, req, p, 0, i + 1));
    }
    return jobs;
  }

  static List<Arguments> seededCases() {
    List<Arguments> out = new ArrayList<>();
    for (Mode m : modes()) {
      for (long seed = 1; seed <= 8; seed++) {
        out.add(Arguments.of(m, seed));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seededCases")
  void seededRandomWorkload_everyStartIsTheOracles(Mode m, long seed) {
    long procs = 16;
    List<ReplayJob> jobs = randomWorkload(seed, 250, procs);
    long[] want = oracle(jobs, procs, m);
    assertThat(differences(jobs, replay(jobs, procs, m, "counting"), want)).isEmpty();
  }

  static List<Arguments> traceWindows() {
    List<Arguments> out = new ArrayList<>();
    for (Mode m : modes()) {
      out.add(Arguments.of("KTH-SP2-1996-2.1-cln.swf.gz", 100L, 0L, m));
      out.add(Arguments.of("HPC2N-2002-2.1-cln.swf.gz", 240L, 20_000L, m));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("traceWindows")
  void traceWindow_everyStartIsTheOracles(String file, long procs, long first, Mode m) {
    assumeTrue(traces != null, "../shared/traces not found: trace windows skipped");
    List<ReplayJob> all =
        new TraceCleaning(ProcsMode.ALLOCATED, false, false, procs, 1)
            .clean(SwfReader.read(traces.resolve(file), false).jobs())
            .jobs();
    int from = (int) Math.min(first, all.size() - 1500);
    List<ReplayJob> jobs = all.subList(from, from + 1500);
    long[] want = oracle(jobs, procs, m);
    assertThat(differences(jobs, replay(jobs, procs, m, "counting"), want)).isEmpty();
  }

  /**
   * Hand cases: every start of the replay, for easy and both conservatives, equals the oracle's and
   * the one written down. A job is "submit run requested procs" (its id is its place, from 1).
   *
   * <ul>
   *   <li>simultaneous ends: jobs 1 and 2 end early at 100 together; the head (4 procs) needs both:
   *       it starts at 100, and job 4 (2 procs, 50 s) must not backfill into the first end alone;
   *   <li>ends at the shadow time: jobs 1 and 2 end at 100 (the shadow time of head job 3, extra
   *       0); job 4 ends at 100 exactly and backfills at 5; job 5 would end at 101 and waits;
   *   <li>an estimated end equal to now: job 1 runs to its limit (50) and job 2 past it (cut at
   *       50); jobs 3 and 4 arrive at 50: the ends of that second are applied first, so the head
   *       starts at 50, job 4 after it.
   * </ul>
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "simultaneous ends | 4 | 0 100 200 2; 0 100 200 2; 10 50 50 4; 20 50 50 2 | 0 0 100 150",
        "ends at the shadow time | 5 | 0 100 100 3; 0 100 100 1; 5 10 10 5; 5 95 95 1; 5 96 96 1"
            + " | 0 0 100 5 110",
        "estimated end equal to now | 3 | 0 50 50 2; 0 80 50 1; 50 10 10 3; 50 100 100 1"
            + " | 0 0 50 60"
      })
  void handCase(String name, long procs, String table, String starts) {
    List<ReplayJob> jobs = new ArrayList<>();
    for (String row : table.split(";", -1)) {
      long[] f = numbers(row);
      int id = jobs.size() + 1;
      jobs.add(new ReplayJob(id, f[0], f[1], f[2], f[3], 0, id));
    }
    long[] want = numbers(starts);
    for (Mode m : modes()) {
      if (m.oracle() == PoolOracle.Policy.FCFS || m.oracle() == PoolOracle.Policy.HYBRID) {
        continue;
      }
      assertThat(oracle(jobs, procs, m)).as("oracle %s", m).containsExactly(want);
      assertThat(replay(jobs, procs, m, "counting")).as("replay %s", m).containsExactly(want);
    }
  }

  private static long[] numbers(String text) {
    return java.util.Arrays.stream(text.strip().split(" +", -1))
        .mapToLong(Long::parseLong)
        .toArray();
  }

  @org.junit.jupiter.api.Test
  void compression_movesBookingsEarlier_andTheReplayFollowsIt() {
    long procs = 16;
    int moved = 0;
    for (long seed = 1; seed <= 8; seed++) {
      PoolOracle o = new PoolOracle(procs, PoolOracle.Policy.CONSERVATIVE, 0, true);
      o.run(randomWorkload(seed, 250, procs)); // throws if a booking ever moves later
      moved += o.moves;
    }
    assertThat(moved).isPositive();
  }

  /**
   * The graph matcher ({@code first}) on one-core nodes under fcfs is the oracle's fcfs. (Its
   * backfilling is not the textbook's: Fluxion pins a reservation to vertices, which a count of
   * processors does not; GraphEasyPropertyTest in flux-policy checks that its EASY never delays the
   * reserved job.)
   */
  @ParameterizedTest(name = "first fcfs seed {0}")
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
  void graphMatcher_fcfs_onOneCoreNodes_givesTheOraclesStarts(long seed) {
    long procs = 16;
    Mode m = modes().get(0);
    List<ReplayJob> jobs = randomWorkload(seed, 150, procs);
    long[] want = oracle(jobs, procs, m);
    assertThat(differences(jobs, replay(jobs, procs, m, "first"), want)).isEmpty();
  }
}
