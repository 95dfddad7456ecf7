/**
 * {@code resource-query}: Fluxion's command-line test utility re-implemented on flux4j, with the
 * same options, command language and output bytes (see flux-sched {@code
 * resource/utilities/resource-query.cpp} and {@code command.cpp}). {@link
 * org.flux4j.examples.rq.ResourceQueryMain} is the entry point; its {@code run} method runs a whole
 * session in-process, which the conformance suite uses.
 */
package org.flux4j.examples.rq;
