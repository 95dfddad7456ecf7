/**
 * The resource graph: vertices, types, subsystems, ranks, properties and status, after Fluxion's
 * resource graph (flux-sched resource/schema), and the builder and named presets for virtual
 * clusters.
 */
package org.flux4j.graph;
