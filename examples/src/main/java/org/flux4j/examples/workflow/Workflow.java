package org.flux4j.examples.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A checked workflow: jobs with unique names whose dependencies name jobs of the same workflow and
 * form no cycle. Read one with {@link WorkflowReader}. Immutable.
 *
 * @param source the file (or other name) it was read from
 * @param jobs the jobs in file order
 * @param order the same jobs in an order where every job comes after the jobs it depends on (file
 *     order where dependencies allow): the order to submit them in
 */
public record Workflow(String source, List<WorkflowJob> jobs, List<WorkflowJob> order) {
  /** Copies the lists. */
  public Workflow {
    jobs = List.copyOf(jobs);
    order = List.copyOf(order);
  }

  /** The job named {@code name}. */
  public Optional<WorkflowJob> job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
  }
}
