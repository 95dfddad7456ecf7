/**
 * JGraphT interoperability: an unmodifiable JGraphT view of one subsystem of a {@link
 * org.flux4j.graph.ResourceGraph}, export to DOT and GraphML (resource-query's {@code -o} and
 * {@code -g}), and building a resource graph from any JGraphT graph. JGraphT is the exchange and
 * reference form of the graph, not its store (see Fluxion's {@code resource/schema}).
 */
package org.flux4j.graph.jgrapht;
