/**
 * The embedding path: a workflow engine that runs its DAG of Java steps on an {@link
 * org.flux4j.core.Instance} inside its own JVM ({@link org.flux4j.examples.embed.DagRunner}):
 * submit with RFC 26 {@code afterok} dependencies, follow the jobs through a {@link
 * org.flux4j.core.JobListener}, retry a failed step together with the steps that depended on it,
 * and close the instance when the DAG is done.
 */
package org.flux4j.examples.embed;
