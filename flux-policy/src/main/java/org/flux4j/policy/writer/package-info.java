/**
 * Match writers: the output formats of Fluxion's resource-query ({@code -F}), byte for byte.
 *
 * <p>Start with {@link org.flux4j.policy.writer.MatchWriters#byName}: it gives a new {@link
 * org.flux4j.policy.writer.MatchWriter} for simple, pretty_simple, jgf, jgf_shorthand, rlite, rv1,
 * rv1_nosched or rv1_shorthand (flux-sched {@code resource/writers/match_writers.cpp}); rlite and
 * the rv1 family write RFC 20 R (R_lite with RFC 22 idsets and a flux-core hostlist nodelist), the
 * jgf family writes JSON Graph Format through {@link org.flux4j.graph.io.JgfWriter}. Writers keep
 * the per-session state Fluxion's writer objects keep, so one instance should serve one output
 * stream.
 */
package org.flux4j.policy.writer;
