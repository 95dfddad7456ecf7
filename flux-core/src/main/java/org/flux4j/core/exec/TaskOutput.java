package org.flux4j.core.exec;

/**
 * The captured output of one task.
 *
 * @param rank the task rank
 * @param stdout what the task wrote to standard output
 * @param stderr what the task wrote to standard error
 */
public record TaskOutput(int rank, String stdout, String stderr) {}
