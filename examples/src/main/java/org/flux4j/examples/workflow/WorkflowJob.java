package org.flux4j.examples.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;

/**
 * One job of a workflow file, as written. Immutable.
 *
 * @param name the unique name that dependencies refer to
 * @param command the argv, run once per task
 * @param nodes whole nodes requested (0: tasks go anywhere)
 * @param tasks the number of tasks (each one slot)
 * @param coresPerTask cores per task
 * @param gpusPerTask GPUs per task
 * @param duration the time limit; zero for none
 * @param dependencies what must happen to other jobs first
 * @param env extra environment variables of the tasks, in file order
 * @param line the line where the job starts in the file
 */
public record WorkflowJob(
    String name,
    List<String> command,
    int nodes,
    int tasks,
    int coresPerTask,
    int gpusPerTask,
    Duration duration,
    List<WorkflowDependency> dependencies,
    Map<String, String> env,
    int line) {

  /** Copies the lists and map. */
  public WorkflowJob {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command);
    dependencies = List.copyOf(dependencies);
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
  }

  /**
   * The request that submits this job, its dependencies naming the ids of the jobs already
   * submitted.
   *
   * @param ids the id of every job this one depends on, by name
   * @throws IllegalArgumentException if a dependency's job is not in {@code ids}
   */
  public JobRequest toRequest(Map<String, JobId> ids) {
    JobRequest.Builder b =
        JobRequest.builder()
            .name(name)
            .command(command)
            .nodes(nodes)
            .tasks(tasks)
            .coresPerTask(coresPerTask)
            .gpusPerTask(gpusPerTask)
            .duration(duration);
    env.forEach(b::env);
    for (WorkflowDependency d : dependencies) {
      JobId id = ids.get(d.name());
      if (id == null) {
        throw new IllegalArgumentException(
            "job " + name + " depends on " + d.name() + ", which has not been submitted");
      }
      b.dependency(d.uri(id.decimal()));
    }
    return b.build();
  }
}
