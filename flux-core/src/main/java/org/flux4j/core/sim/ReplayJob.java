package org.flux4j.core.sim;

/**
 * A trace job as the replay runs it, after cleaning.
 *
 * @param id the trace's job number
 * @param submit submit time in seconds, relative to the replay's time zero
 * @param runTime how long the simulated task takes once started (seconds, >= 0)
 * @param requestedTime the duration limit of the job (seconds, > 0); backfilling uses it
 * @param procs processors (cores) the job uses
 * @param nodes whole nodes the job asks for when replayed by node, else 0
 * @param line the trace line the job came from
 */
public record ReplayJob(
    long id, long submit, long runTime, long requestedTime, long procs, long nodes, int line) {}
