/**
 * Queue policies (fcfs, easy, conservative, hybrid) after Fluxion's qmanager, and named queues (RFC
 * 33).
 */
package org.flux4j.policy.queue;
