package org.flux4j.policy.queue;

import java.util.Optional;

/**
 * The limits policy of a queue (RFC 33 {@code policy.limits}): job size in nodes, cores and GPUs
 * and the largest duration. A value of -1 means no limit. Immutable.
 *
 * @param maxNodes largest number of nodes
 * @param maxCores largest number of cores
 * @param maxGpus largest number of GPUs
 * @param minNodes smallest number of nodes
 * @param maxDuration longest duration in seconds
 */
public record QueueLimits(
    long maxNodes, long maxCores, long maxGpus, long minNodes, double maxDuration) {

  /** No limits at all. */
  public static final QueueLimits NONE = new QueueLimits(-1, -1, -1, -1, -1);

  /**
   * The first limit a job of this size would exceed, as a message for the submitter, or empty.
   *
   * @param nodes the nodes the job asks for (0 if it does not ask for whole nodes)
   * @param cores the cores it asks for
   * @param gpus the GPUs it asks for
   * @param duration its duration in seconds (0 = unlimited, which exceeds any duration limit)
   */
  public Optional<String> violation(long nodes, long cores, long gpus, double duration) {
    if (maxNodes >= 0 && nodes > maxNodes) {
      return Optional.of("requested nodes (" + nodes + ") exceeds the limit of " + maxNodes);
    }
    if (minNodes >= 0 && nodes < minNodes) {
      return Optional.of("requested nodes (" + nodes + ") is below the minimum of " + minNodes);
    }
    if (maxCores >= 0 && cores > maxCores) {
      return Optional.of("requested cores (" + cores + ") exceeds the limit of " + maxCores);
    }
    if (maxGpus >= 0 && gpus > maxGpus) {
      return Optional.of("requested gpus (" + gpus + ") exceeds the limit of " + maxGpus);
    }
    if (maxDuration >= 0 && (duration <= 0 || duration > maxDuration)) {
      return Optional.of(
          "requested duration ("
              + (duration <= 0 ? "unlimited" : fmt(duration) + "s")
              + ") exceeds the limit of "
              + fmt(maxDuration)
              + "s");
    }
    return Optional.empty();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
