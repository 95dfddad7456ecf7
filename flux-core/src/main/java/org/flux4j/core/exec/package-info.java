/**
 * Executors: how an instance starts a job's tasks (Flux's exec service and job shell).
 *
 * <p>Start by choosing one for {@code Instance.Builder.executor}: {@link
 * org.flux4j.core.exec.SimulatedExecutor} (each task takes its declared time on the virtual clock;
 * nothing runs), {@link org.flux4j.core.exec.InProcessExecutor} (Java {@link
 * org.flux4j.core.exec.InProcessTask}s, each given a {@link org.flux4j.core.exec.TaskContext}),
 * {@link org.flux4j.core.exec.ProcessExecutor} (real commands), or {@link
 * org.flux4j.core.exec.SlurmExecutor} (each job an {@code srun} step inside one Slurm allocation,
 * the instance's graph built from that allocation as {@code srun flux start} does). To write your
 * own, implement the {@link org.flux4j.core.exec.Executor} SPI: it gets an {@link
 * org.flux4j.core.exec.ExecJob} and reports to an {@link org.flux4j.core.exec.ExecListener}.
 */
package org.flux4j.core.exec;
