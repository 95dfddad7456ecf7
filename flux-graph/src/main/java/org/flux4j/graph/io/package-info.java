/**
 * Readers and writers of resource graph files with Fluxion's exact semantics: GRUG GraphML recipes,
 * JGF (RFC 20 scheduling key), hwloc XML and RV1/rv1exec (RFC 20 R); the JGF writer ({@link
 * org.flux4j.graph.io.JgfWriter}); and the two compact notations of Flux: RFC 22 idsets ({@link
 * org.flux4j.graph.io.IdSet}) and flux-core hostlists ({@link org.flux4j.graph.io.Hostlist}).
 */
package org.flux4j.graph.io;
