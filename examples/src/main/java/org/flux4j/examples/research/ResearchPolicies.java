package org.flux4j.examples.research;

import java.util.Map;
import java.util.function.Function;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.flux4j.policy.queue.QueuePolicy;

/**
 * Makes the research policies known by name: declared in {@code
 * META-INF/services/org.flux4j.policy.queue.QueuePolicies$Provider}, so that {@code --queue-policy
 * sjf}, {@code Instance.builder(g).queuePolicy("sjf")} and benchmarks find it.
 */
public final class ResearchPolicies implements QueuePolicies.Provider {
  /** Created by the service loader. */
  public ResearchPolicies() {}

  @Override
  public Map<String, Function<QueueParams, QueuePolicy>> policies() {
    return Map.of(ShortestJobFirst.NAME, ShortestJobFirst::new);
  }
}
