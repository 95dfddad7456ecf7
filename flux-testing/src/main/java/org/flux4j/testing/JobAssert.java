package org.flux4j.testing;

import java.util.Arrays;
import java.util.OptionalLong;
import org.assertj.core.api.AbstractAssert;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobResult;
import org.flux4j.core.JobState;

/**
 * AssertJ assertions on a {@link JobInfo}: its state, result, ranks, times and order against other
 * jobs. Times come from the eventlog: a job runs from its {@code alloc} event to its {@code free}
 * event.
 */
public final class JobAssert extends AbstractAssert<JobAssert, JobInfo> {
  JobAssert(JobInfo actual) {
    super(actual, JobAssert.class);
  }

  /** The job is in this state. */
  public JobAssert hasState(JobState expected) {
    isNotNull();
    if (actual.state() != expected) {
      failWithMessage(
          "expected job %s to be %s but it is %s (events %s)",
          actual.id(), expected, actual.state(), actual.eventNames());
    }
    return this;
  }

  /** The job is inactive with this result. */
  public JobAssert hasResult(JobResult expected) {
    isNotNull();
    if (actual.result().isEmpty() || actual.result().get() != expected) {
      failWithMessage(
          "expected job %s to end %s but its result is %s (state %s, error %s)",
          actual.id(),
          expected,
          actual.result().map(Enum::name).orElse("none yet"),
          actual.state(),
          actual.error().orElse("none"));
    }
    return this;
  }

  /** The job ran and completed successfully. */
  public JobAssert isCompleted() {
    return hasResult(JobResult.COMPLETED);
  }

  /** The job was allocated exactly these execution target ranks (in any order). */
  public JobAssert ranOnRanks(int... expected) {
    isNotNull();
    int[] want = expected.clone();
    Arrays.sort(want);
    int[] got = actual.allocation().map(a -> a.ranks()).orElse(null);
    if (got == null || !Arrays.equals(got, want)) {
      failWithMessage(
          "expected job %s to run on ranks %s but it %s",
          actual.id(),
          Arrays.toString(want),
          got == null ? "was never allocated" : "ran on " + Arrays.toString(got));
    }
    return this;
  }

  /** The job got its resources at {@code millis} on the instance's clock. */
  public JobAssert startedAt(long millis) {
    isNotNull();
    OptionalLong t = JobTimes.allocated(actual);
    if (t.isEmpty() || t.getAsLong() != millis) {
      failWithMessage(
          "expected job %s to start at %d ms but it %s",
          actual.id(), millis, t.isEmpty() ? "never started" : "started at " + t.getAsLong());
    }
    return this;
  }

  /** The job gave its resources back at {@code millis} on the instance's clock. */
  public JobAssert endedAt(long millis) {
    isNotNull();
    long t = JobTimes.freed(actual);
    if (t != millis) {
      failWithMessage(
          "expected job %s to end at %d ms but it %s",
          actual.id(), millis, t == Long.MAX_VALUE ? "has not ended" : "ended at " + t);
    }
    return this;
  }

  /**
   * The job ran, and freed its resources no later than {@code other} was allocated (RFC 21: its
   * {@code free} event is not after the other's {@code alloc}).
   */
  public JobAssert ranBefore(JobInfo other) {
    isNotNull();
    OptionalLong mine = JobTimes.allocated(actual);
    OptionalLong theirs = JobTimes.allocated(other);
    long freed = JobTimes.freed(actual);
    if (mine.isEmpty() || theirs.isEmpty() || freed > theirs.getAsLong()) {
      failWithMessage(
          "expected job %s to run before job %s, but %s ran %s and %s ran %s",
          actual.id(),
          other.id(),
          actual.id(),
          span(mine, freed),
          other.id(),
          span(theirs, JobTimes.freed(other)));
    }
    return this;
  }

  private static String span(OptionalLong from, long to) {
    if (from.isEmpty()) {
      return "never";
    }
    return "from " + from.getAsLong() + " to " + (to == Long.MAX_VALUE ? "now" : to) + " ms";
  }

  /** The eventlog has an event of this name. */
  public JobAssert hasEvent(String name) {
    isNotNull();
    if (!actual.eventNames().contains(name)) {
      failWithMessage(
          "expected job %s to have a %s event; its events are %s",
          actual.id(), name, actual.eventNames());
    }
    return this;
  }

  /** Assertions on the job's allocation; fails if it was never allocated. */
  public AllocationAssert allocation() {
    isNotNull();
    if (actual.allocation().isEmpty()) {
      failWithMessage("expected job %s to have an allocation but it has none", actual.id());
    }
    return new AllocationAssert(actual.allocation().get());
  }
}
