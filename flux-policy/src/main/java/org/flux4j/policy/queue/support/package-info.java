/**
 * Machinery behind the queue policies, for flux4j's own modules (exported only to {@code
 * org.flux4j.core}): {@link org.flux4j.policy.queue.support.ResourceQueryMatcher}, a {@link
 * org.flux4j.policy.queue.JobMatcher} over the graph match engine, and {@link
 * org.flux4j.policy.queue.support.RepeatCheck}, which tells such a matcher whether a scheduling
 * cycle may repeat the previous one. Embedders start at {@link org.flux4j.policy.queue}.
 */
package org.flux4j.policy.queue.support;
