package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.flux4j.policy.queue.BackfillPolicy;
import org.flux4j.policy.queue.QueuePolicies;

/**
 * Through the real Instance with the counting pool: the rebuilding policies (easy, hybrid,
 * conservative), whose cycles the pool answers from kept bookings when nothing but time passed,
 * give every job exactly the start time of the same policies forced to rebuild every reservation
 * from the profile in every cycle ("-full"), and of the independent {@link PoolOracle}. The
 * workloads are random, with most jobs running to their requested time (so that many cycles keep
 * their bookings) and some ending early, running past it or arriving together.
 */
public class KeptReservationsPropertyTest {
  static {
    for (String p : List.of("easy", "hybrid", "conservative")) {
      QueuePolicies.register(
          p + "-fullrebuild",
          params -> ((BackfillPolicy) QueuePolicies.require(p, params)).withFullRecompute());
    }
  }

  /**
   * A random workload of {@code n} jobs on {@code procs} processors, {@code exactPercent} percent
   * of them running to their requested time, the others ending early or running past it (also used
   * by the pool's own kept-cycle property).
   */
  public static List<ReplayJob> workload(long seed, int n, long procs, int exactPercent) {
    Random r = new Random(seed);
    long[] requests = {10, 20, 30, 60, 100, 250};
    List<ReplayJob> jobs = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(3) == 0 ? 0 : r.nextInt(20);
      long req = requests[r.nextInt(requests.length)];
      int kind = r.nextInt(100);
      long run;
      if (kind < exactPercent) {
        run = req;
      } else if (kind % 3 == 0) {
        run = req + 7; // cut at the request
      } else {
        run = r.nextInt((int) req + 1);
      }
      long p = 1L + r.nextInt((int) (r.nextInt(4) == 0 ? procs : procs / 3 + 1));
      jobs.add(new ReplayJob(i + 1, t, run, req, p, 0, i + 1));
    }
    return jobs;
  }

  @Property(tries = 40)
  void keptBookings_giveTheStartsOfAFullRebuild(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 2) int policy,
      @ForAll @IntRange(min = 50, max = 100) int exactPercent) {
    compare(seed, policy, exactPercent);
  }

  /**
   * The same with most jobs ending early, so that many cycles follow early ends (the pool then
   * gives back the bookings that the freed processors cannot move, see EarlyEnds).
   */
  @Property(tries = 40)
  void cyclesAfterEarlyEnds_giveTheStartsOfAFullRebuild(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 2) int policy,
      @ForAll @IntRange(min = 0, max = 50) int exactPercent) {
    compare(seed, policy, exactPercent);
  }

  /** Replays one workload as shipped, forced to rebuild, and by the oracle: the same starts. */
  private static void compare(long seed, int policy, int exactPercent) {
    long procs = 16;
    List<ReplayJob> jobs = workload(seed, 150, procs, exactPercent);
    OracleReplayTest.Mode m = OracleReplayTest.modes().get(new int[] {1, 2, 4}[policy]);
    OracleReplayTest.Mode full =
        new OracleReplayTest.Mode(m.queuePolicy() + "-fullrebuild", false, m.oracle(), m.depth());
    long[] kept = OracleReplayTest.replay(jobs, procs, m, "counting");
    long[] rebuilt = OracleReplayTest.replay(jobs, procs, full, "counting");
    assertThat(OracleReplayTest.differences(jobs, kept, rebuilt)).as("%s", m).isEmpty();
    assertThat(OracleReplayTest.differences(jobs, kept, OracleReplayTest.oracle(jobs, procs, m)))
        .as("%s against the oracle", m)
        .isEmpty();
  }
}
