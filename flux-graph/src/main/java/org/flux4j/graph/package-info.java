/**
 * The resource graph: vertices, types, subsystems, ranks, properties and status, after Fluxion's
 * resource graph (flux-sched {@code resource/schema}).
 *
 * <p>Start with a {@link org.flux4j.graph.ResourceGraph}: take a named preset from {@link
 * org.flux4j.graph.VirtualClusters#byName} ({@code tiny}, {@code small}, {@code medium}, {@code
 * 10k}, ...), describe a cluster in code with {@link org.flux4j.graph.VirtualCluster}, read a file
 * with {@link org.flux4j.graph.io.GraphReaders}, or add vertices and edges one by one with {@link
 * org.flux4j.graph.ResourceGraph#builder()}. Vertices are ints; {@link
 * org.flux4j.graph.ResourceGraph#out} gives the edges of one subsystem as an {@link
 * org.flux4j.graph.Adjacency} for hot loops. Malformed input is reported as a {@link
 * org.flux4j.graph.GraphParseException} naming the source and the place.
 */
package org.flux4j.graph;
