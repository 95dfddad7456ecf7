/**
 * The workload manager: Instance, the job manager (RFC 19 FLUID ids, RFC 21 states and eventlog,
 * RFC 26 dependencies, RFC 30 urgency) and hierarchy.
 */
package org.flux4j.core;
