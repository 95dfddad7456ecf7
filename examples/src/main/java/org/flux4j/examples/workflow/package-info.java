/**
 * {@code flux4j workflow FILE}: runs a YAML workflow file through an embedded {@link
 * org.flux4j.core.Instance}, the example a workflow engine copies.
 *
 * <p>The model has three steps, each reusable alone: {@link
 * org.flux4j.examples.workflow.WorkflowReader} parses and checks a file into a {@link
 * org.flux4j.examples.workflow.Workflow} (every error names its line before anything runs); {@link
 * org.flux4j.examples.workflow.WorkflowRunner} submits its jobs to an instance built by the caller
 * (any executor, any clock), naming RFC 26 dependencies by job id; {@link
 * org.flux4j.examples.workflow.WorkflowSummary} is built from the jobs' final {@link
 * org.flux4j.core.JobInfo}s alone, so it reads the same for real and virtual-time runs.
 */
package org.flux4j.examples.workflow;
