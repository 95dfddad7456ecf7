package org.flux4j.policy.queue.support;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.flux4j.policy.match.MatchOp;
import org.flux4j.policy.match.MatchResult;
import org.flux4j.policy.match.ResourceQuery;
import org.flux4j.policy.match.ResourceRequest;
import org.flux4j.policy.match.ScheduledJob;
import org.flux4j.policy.queue.JobMatcher;
import org.flux4j.policy.queue.MatchOutcome;

/**
 * A {@link JobMatcher} over the graph match engine: what a queue policy asks is answered by {@link
 * ResourceQuery} with Fluxion's operations (allocate, allocate_orelse_reserve, cancel).
 *
 * <p>Requests are looked up by job id; "now" comes from a clock. Called from the scheduling loop's
 * thread only, like the query itself.
 */
public final class ResourceQueryMatcher implements JobMatcher {
  private final ResourceQuery query;
  private final LongFunction<ResourceRequest> requests;
  private final LongSupplier now;
  private final RepeatCheck repeat;

  /**
   * Creates the adapter.
   *
   * @param query the match engine
   * @param requests the resource request of a pending job, by job id
   * @param now the current time of the instance (seconds, as the query's planner counts them)
   */
  public ResourceQueryMatcher(
      ResourceQuery query, LongFunction<ResourceRequest> requests, LongSupplier now) {
    this.query = Objects.requireNonNull(query, "query");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.now = Objects.requireNonNull(now, "now");
    this.repeat = new RepeatCheck(query);
  }

  /** The match engine behind this adapter. */
  public ResourceQuery query() {
    return query;
  }

  @Override
  public MatchOutcome allocate(long jobId) {
    return outcome(query.match(MatchOp.ALLOCATE, requests.apply(jobId), jobId, now.getAsLong()));
  }

  @Override
  public MatchOutcome allocateOrReserve(long jobId) {
    return outcome(
        query.match(
            MatchOp.ALLOCATE_ORELSE_RESERVE, requests.apply(jobId), jobId, now.getAsLong()));
  }

  @Override
  public boolean repeatsCycles() {
    return true;
  }

  @Override
  public boolean beginCycle(Object previous) {
    return repeat.begin(previous, now.getAsLong());
  }

  @Override
  public Object endCycle() {
    return repeat.end(now.getAsLong());
  }

  @Override
  public void cancelReservation(long jobId) {
    query
        .info(jobId)
        .filter(i -> i.state() == ScheduledJob.State.RESERVED)
        .ifPresent(i -> query.cancel(jobId));
  }

  @Override
  public void cancelReservations(List<Long> jobIds) {
    query.cancelAll(reservedAmong(query, jobIds));
  }

  /** The ids of {@code jobIds} that {@code query} holds reserved, in order. */
  public static long[] reservedAmong(ResourceQuery query, List<Long> jobIds) {
    long[] ids = new long[jobIds.size()];
    int n = 0;
    for (Long id : jobIds) {
      ids[n++] = id;
    }
    return reservedAmong(query, ids);
  }

  /** The ids of {@code jobIds} that {@code query} holds reserved, in order. */
  public static long[] reservedAmong(ResourceQuery query, long[] jobIds) {
    long[] ids = new long[jobIds.length];
    int n = 0;
    for (long id : jobIds) {
      if (query.info(id).filter(i -> i.state() == ScheduledJob.State.RESERVED).isPresent()) {
        ids[n++] = id;
      }
    }
    return java.util.Arrays.copyOf(ids, n);
  }

  private MatchOutcome outcome(MatchResult r) {
    if (r instanceof MatchResult.Allocated) {
      repeat.allocated();
      return MatchOutcome.ALLOCATED;
    }
    repeat.notAllocated();
    if (r instanceof MatchResult.Reserved res) {
      return new MatchOutcome.Reserved(res.resources().startTime());
    }
    if (r instanceof MatchResult.Unsatisfiable u) {
      return new MatchOutcome.Unsatisfiable(u.reason());
    }
    if (r instanceof MatchResult.RequestError e) {
      return new MatchOutcome.Unsatisfiable(e.message());
    }
    return MatchOutcome.BUSY;
  }
}
