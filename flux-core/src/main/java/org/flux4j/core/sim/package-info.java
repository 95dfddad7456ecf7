/** Simulation: Standard Workload Format traces, replay in virtual time and metrics. */
package org.flux4j.core.sim;
