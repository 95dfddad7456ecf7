/**
 * Executors: the {@link org.flux4j.core.exec.Executor} SPI through which an instance starts a job's
 * tasks (Flux's exec service and job shell), with an in-process executor for Java tasks, a process
 * executor for real commands and a simulated executor whose tasks take a declared time on the
 * virtual clock, and a Slurm executor that runs each job as an {@code srun} step inside one Slurm
 * allocation, the instance's graph built from that allocation as {@code srun flux start} does.
 */
package org.flux4j.core.exec;
