package org.flux4j.core.internal;

import java.util.Map;
import org.flux4j.core.JobRequest;
import org.flux4j.policy.queue.QueueConfig;
import org.flux4j.policy.queue.Queues;

/**
 * Routes a request to its RFC 33 queue and checks it against the queue's limits, as flux-core's
 * {@code job-manager/queues.c} and its {@code limit-job-size} and {@code limit-duration} plugins.
 * Immutable; any thread.
 */
final class QueueRouter {
  private final Queues config;

  QueueRouter(Queues config) {
    this.config = config;
  }

  /**
   * The queue a request goes to: the one it names or the default.
   *
   * @throws IllegalArgumentException if it names an unknown queue or exceeds the queue's limits
   */
  QueueConfig route(JobRequest request) {
    QueueConfig q =
        config
            .route(request.queue())
            .orElseThrow(
                () -> new IllegalArgumentException(config.unknownQueueMessage(request.queue())));
    long cores = SchedNote.coresOf(request);
    long gpus = SchedNote.gpusOf(request);
    double seconds = request.duration().toMillis() / 1000.0;
    q.limits()
        .violation(request.nodes(), cores, gpus, seconds)
        .ifPresent(
            m -> {
              throw new IllegalArgumentException(label(q.name()) + ": " + m);
            });
    return q;
  }

  /** The queue a request goes to, or null where {@link #route} throws. */
  QueueConfig routeOrNull(JobRequest request) {
    try {
      return route(request);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Refuses a queue policy that reserves with a match policy that cannot honour its reservations:
   * the counting pool counts cores over time, so it cannot reserve GPUs.
   *
   * @throws IllegalArgumentException naming the queue and the two ways out
   */
  static void refuseUnreservable(
      ResourcePool pool, Map<String, QueueDiscipline> queues, String matchPolicy) {
    if (!(pool instanceof CountingPool) || pool.freeGpus() == 0) {
      return;
    }
    for (Map.Entry<String, QueueDiscipline> q : queues.entrySet()) {
      if (q.getValue().reserves()) {
        throw new IllegalArgumentException(
            label(q.getKey())
                + " uses a queue policy that reserves, but match policy '"
                + matchPolicy
                + "' cannot honour reservations on this graph: it counts cores over time, and the"
                + " graph has "
                + pool.freeGpus()
                + " GPU(s); use a graph match policy (e.g. first) or queue policy fcfs");
      }
    }
  }

  private static String label(String queue) {
    return queue.isEmpty() ? "the queue" : "queue '" + queue + "'";
  }
}
