/**
 * Readers and writers of resource graph files and R, with Fluxion's exact semantics.
 *
 * <p>Start with {@link org.flux4j.graph.io.GraphReaders#read(java.nio.file.Path, GraphFormat)}: it
 * reads any {@link org.flux4j.graph.io.GraphFormat} (GRUG GraphML recipes, JGF, the RFC 20
 * scheduling key, hwloc XML, and RV1/rv1exec R) into a {@link org.flux4j.graph.ResourceGraph}. To
 * give a scheduler back a job's allocation from its R text (Fluxion's {@code update}, partial
 * cancel), read it with {@link org.flux4j.graph.io.RSubgraph#read}, which finds the vertices R
 * names in the scheduler's graph; {@link org.flux4j.graph.io.Rv1ExecReader} reads the ranks and the
 * scheduling graph of an rv1exec R. {@link org.flux4j.graph.io.JgfWriter} writes a graph as JGF.
 * The compact notations of Flux are here too: RFC 22 idsets ({@link org.flux4j.graph.io.IdSet}) and
 * flux-core hostlists ({@link org.flux4j.graph.io.Hostlist}).
 */
package org.flux4j.graph.io;
