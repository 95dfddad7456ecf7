/**
 * Queue policies after Fluxion's qmanager, and named queues (RFC 33).
 *
 * <p>Where an embedder starts: {@link org.flux4j.policy.queue.QueuePolicies} gives a policy by name
 * (fcfs, easy, hybrid, conservative, or one registered with {@link
 * org.flux4j.policy.queue.QueuePolicies#register} or a {@link
 * org.flux4j.policy.queue.QueuePolicies.Provider}) with its {@link
 * org.flux4j.policy.queue.QueueParams} (queue and reservation depths, rebuild or compress); an
 * Instance runs it. To write a policy, implement {@link org.flux4j.policy.queue.QueuePolicy}: each
 * cycle walks the {@link org.flux4j.policy.queue.JobQueue} and asks the {@link
 * org.flux4j.policy.queue.JobMatcher} to allocate or reserve, answering a {@link
 * org.flux4j.policy.queue.CycleResult} built from the {@link
 * org.flux4j.policy.queue.MatchOutcome}s; {@link org.flux4j.policy.queue.BackfillPolicy} is the
 * built-in family. {@link org.flux4j.policy.queue.Queues}, {@link
 * org.flux4j.policy.queue.QueueConfig} and {@link org.flux4j.policy.queue.QueueLimits} describe
 * named queues and their limits.
 */
package org.flux4j.policy.queue;
