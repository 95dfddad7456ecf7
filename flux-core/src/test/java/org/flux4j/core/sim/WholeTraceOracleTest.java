package org.flux4j.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.flux4j.core.sim.TraceCleaning.ProcsMode;
import org.flux4j.fixtures.SharedData;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole KTH-SP2 (100 processors) and HPC2N (240) traces replayed with the counting pool give every
 * job the start time of the independent {@link PoolOracle}. Minutes of run time, so only with
 * {@code -Dflux4j.wholeTraces=true}; it prints the number of jobs whose start differs.
 */
@EnabledIfSystemProperty(named = "flux4j.wholeTraces", matches = "true")
class WholeTraceOracleTest {
  @ParameterizedTest(name = "{0} {2} compress={3}")
  @CsvSource({
    "KTH-SP2-1996-2.1-cln.swf.gz, 100, easy, false",
    "KTH-SP2-1996-2.1-cln.swf.gz, 100, conservative, false",
    "KTH-SP2-1996-2.1-cln.swf.gz, 100, conservative, true",
    "HPC2N-2002-2.1-cln.swf.gz, 240, easy, false",
    "HPC2N-2002-2.1-cln.swf.gz, 240, conservative, false",
    "HPC2N-2002-2.1-cln.swf.gz, 240, conservative, true"
  })
  void wholeTrace_everyStartIsTheOracles(String file, long procs, String policy, boolean compress) {
    Path traces = SharedData.find("traces").orElse(null);
    assumeTrue(traces != null, "../shared/traces not found");
    List<ReplayJob> jobs =
        new TraceCleaning(ProcsMode.ALLOCATED, false, false, procs, 1)
            .clean(SwfReader.read(traces.resolve(file), false).jobs())
            .jobs();
    OracleReplayTest.Mode m =
        new OracleReplayTest.Mode(
            policy,
            compress,
            policy.equals("easy") ? PoolOracle.Policy.EASY : PoolOracle.Policy.CONSERVATIVE,
            policy.equals("easy") ? 1 : 0);
    long[] want = OracleReplayTest.oracle(jobs, procs, m);
    List<String> diff =
        OracleReplayTest.differences(
            jobs, OracleReplayTest.replay(jobs, procs, m, "counting"), want);
    System.out.println(
        "WHOLE " + file + " " + m + ": " + diff.size() + " of " + jobs.size() + " starts differ");
    assertThat(diff).isEmpty();
  }
}
