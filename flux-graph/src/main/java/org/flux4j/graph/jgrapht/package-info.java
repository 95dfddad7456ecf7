/**
 * JGraphT interoperability, the exchange and reference form of the graph, not its store (see
 * Fluxion's {@code resource/schema}).
 *
 * <p>Start with {@link org.flux4j.graph.jgrapht.ResourceGraphs}: {@code asJGraphT} gives an
 * unmodifiable JGraphT view of one subsystem of a {@link org.flux4j.graph.ResourceGraph} for
 * JGraphT's algorithms; {@code exportDot} and {@code exportGraphML} are resource-query's {@code -o}
 * and {@code -g}; {@code fromJGraphT} builds a resource graph from any JGraphT graph, each vertex
 * described by its {@link org.flux4j.graph.jgrapht.ResourceAttributes}.
 */
package org.flux4j.graph.jgrapht;
