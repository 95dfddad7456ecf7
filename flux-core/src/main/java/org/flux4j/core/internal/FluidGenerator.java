package org.flux4j.core.internal;

import org.flux4j.core.Clock;
import org.flux4j.core.JobId;

/**
 * Generates FLUIDs (RFC 19) from a clock: the timestamp is the clock's time since the generator's
 * epoch, then the generator id, then a sequence that restarts each millisecond.
 *
 * <p>Flux busy-waits for the next millisecond once 1024 ids were issued in one; a virtual clock
 * never moves while the loop is busy, so this generator instead lets its logical timestamp run
 * ahead of the clock by a millisecond. Ids stay unique and increasing either way. Thread-safe
 * (synchronized; one short critical section per id).
 */
public final class FluidGenerator {
  private static final int MAX_SEQUENCE = 1 << 10;

  private final Clock clock;
  private long epoch;
  private final int generator;
  private long timestamp = -1;
  private int sequence;

  /**
   * A generator whose timestamps count from {@code epochMillis}.
   *
   * @param generator the 14-bit generator id
   */
  public FluidGenerator(Clock clock, long epochMillis, int generator) {
    this.clock = clock;
    this.epoch = epochMillis;
    this.generator = generator;
    JobId.of(0, generator, 0); // range check
  }

  /**
   * Continues the ids of an earlier run of the instance (from its store): counts timestamps from
   * {@code epochMillis} again and issues only ids greater than {@code last}, so that no id is used
   * twice even if the clock now reads earlier than it did.
   *
   * @param last the greatest id issued before, or null
   */
  public synchronized void resume(long epochMillis, JobId last) {
    epoch = epochMillis;
    if (last != null && last.generator() == generator) {
      timestamp = last.timestamp();
      sequence = last.sequence() + 1;
    } else if (last != null) {
      timestamp = last.timestamp() + 1;
      sequence = 0;
    }
  }

  /** The epoch timestamps count from. */
  public synchronized long epoch() {
    return epoch;
  }

  /** The next id. */
  public synchronized JobId next() {
    long now = Math.max(0, clock.millis() - epoch);
    if (now > timestamp) {
      timestamp = now;
      sequence = 0;
    } else if (sequence >= MAX_SEQUENCE) {
      timestamp++;
      sequence = 0;
    }
    return JobId.of(timestamp, generator, sequence++);
  }
}
