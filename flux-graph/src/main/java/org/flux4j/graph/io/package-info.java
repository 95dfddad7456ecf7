/**
 * Readers and writers of resource graph files with Fluxion's exact semantics: GRUG GraphML recipes,
 * JGF (RFC 20 scheduling key; {@link org.flux4j.graph.io.JgfReader}), hwloc XML ({@link
 * org.flux4j.graph.io.HwlocReader}) and RV1/rv1exec (RFC 20 R; {@link
 * org.flux4j.graph.io.Rv1ExecReader}), all behind {@link org.flux4j.graph.io.GraphReaders}; the
 * vertices an emitted R names in an existing graph ({@link org.flux4j.graph.io.GraphSelection}, for
 * update and partial cancel); the JGF writer ({@link org.flux4j.graph.io.JgfWriter}); and the two
 * compact notations of Flux: RFC 22 idsets ({@link org.flux4j.graph.io.IdSet}) and flux-core
 * hostlists ({@link org.flux4j.graph.io.Hostlist}).
 */
package org.flux4j.graph.io;
