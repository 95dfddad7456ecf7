package org.flux4j.policy.queue;

/**
 * A job waiting in a queue: its id, its priority (higher first) and its submission sequence
 * (earlier first among equal priorities), which is Fluxion's pending-queue order.
 *
 * @param id the job id
 * @param priority the job's priority (Flux: 0 to 2^32-1; higher runs first)
 * @param sequence the submission sequence number, unique per queue
 */
public record PendingJob(long id, long priority, long sequence) implements Comparable<PendingJob> {
  @Override
  public int compareTo(PendingJob o) {
    int c = Long.compare(o.priority, priority);
    if (c != 0) {
      return c;
    }
    c = Long.compare(sequence, o.sequence);
    return c != 0 ? c : Long.compare(id, o.id);
  }
}
