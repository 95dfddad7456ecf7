/**
 * Readers and writers of resource graph files with Fluxion's exact semantics: GRUG GraphML recipes,
 * JGF (RFC 20 scheduling key), hwloc XML and RV1/rv1exec (RFC 20 R).
 */
package org.flux4j.graph.io;
