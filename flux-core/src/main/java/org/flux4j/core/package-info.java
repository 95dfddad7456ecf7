/**
 * The workload manager: an instance of Flux's job manager with Fluxion's scheduler inside.
 *
 * <p>Start with {@link org.flux4j.core.Instance#builder(org.flux4j.graph.ResourceGraph)}: choose
 * the match and queue policies by their Flux names, a {@link org.flux4j.core.Clock} ({@link
 * org.flux4j.core.VirtualClock} to run hours of jobs in milliseconds, {@link
 * org.flux4j.core.SystemClock} for real time) and an {@link org.flux4j.core.exec.Executor}; then
 * {@link org.flux4j.core.Instance#submit} a {@link org.flux4j.core.JobRequest} and follow the job
 * by its {@link org.flux4j.core.JobId}: {@link org.flux4j.core.Instance#info} gives a {@link
 * org.flux4j.core.JobInfo} snapshot with its RFC 21 eventlog, and a {@link
 * org.flux4j.core.JobListener} hears every {@link org.flux4j.core.JobEvent}. Ids are RFC 19 FLUIDs;
 * requests carry RFC 26 dependencies and RFC 30 urgency; an instance can run child instances inside
 * a job's allocation.
 */
package org.flux4j.core;
