package org.flux4j.testing;

import java.util.Collection;
import java.util.List;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobInfo;

/**
 * Entry points of the AssertJ assertions for flux4j's domain objects; import statically beside
 * {@code org.assertj.core.api.Assertions.assertThat}.
 *
 * <pre>{@code
 * assertThat(flux.info(a)).hasResult(JobResult.COMPLETED).ranOnRanks(0).ranBefore(flux.info(b));
 * assertThatJobs(infos).neverSharedACore();
 * }</pre>
 */
public final class FluxAssertions {
  private FluxAssertions() {}

  /** Assertions on one job snapshot. */
  public static JobAssert assertThat(JobInfo actual) {
    return new JobAssert(actual);
  }

  /** Assertions on one allocation. */
  public static AllocationAssert assertThat(Allocation actual) {
    return new AllocationAssert(actual);
  }

  /** Assertions on a set of jobs together (for example, that they never shared a core). */
  public static JobsAssert assertThatJobs(Collection<JobInfo> actual) {
    return new JobsAssert(List.copyOf(actual));
  }
}
