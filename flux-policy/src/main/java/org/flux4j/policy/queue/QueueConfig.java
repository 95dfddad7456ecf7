package org.flux4j.policy.queue;

import java.util.List;
import java.util.Objects;

/**
 * One named queue (RFC 33): the property constraints added to every job in it ({@code requires}),
 * its limits, and its scheduler policy with parameters. Immutable.
 *
 * @param name the queue's name
 * @param requires resource properties every job of this queue must run on (appended to the job's
 *     property constraints)
 * @param limits the job-size and duration limits
 * @param policy the queue policy name (fcfs, easy, hybrid, conservative or a registered one)
 * @param params the queue and policy parameters
 */
public record QueueConfig(
    String name, List<String> requires, QueueLimits limits, String policy, QueueParams params) {

  /** Checks and copies. */
  public QueueConfig {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a queue needs a non-blank name");
    }
    requires = List.copyOf(requires);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(params, "params");
    QueuePolicies.require(policy, params);
  }

  /** A queue with no constraints or limits, with the given policy and Fluxion's defaults. */
  public static QueueConfig of(String name, String policy) {
    return new QueueConfig(name, List.of(), QueueLimits.NONE, policy, QueueParams.DEFAULTS);
  }

  /** A new policy object for this queue. */
  public QueuePolicy newPolicy() {
    return QueuePolicies.require(policy, params);
  }
}
