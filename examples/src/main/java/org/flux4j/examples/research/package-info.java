/**
 * The researcher's path: a queue policy written outside flux4j ({@link
 * org.flux4j.examples.research.ShortestJobFirst}), made known by name to every tool through the
 * {@code QueuePolicies.Provider} service ({@link org.flux4j.examples.research.ResearchPolicies}),
 * then compared with Fluxion's easy and conservative on a trace window by {@code flux4j replay
 * --queue-policy easy,conservative,sjf} and benchmarked by flux-bench's {@code
 * PolicyReplayBenchmark} with this jar on the class path.
 */
package org.flux4j.examples.research;
