/**
 * Jobspecs: RFC 14 (canonical), RFC 25 (V1) and RFC 31 constraints, parsed from YAML or JSON as
 * Flux and Fluxion read them.
 *
 * <p>Start with {@link org.flux4j.policy.jobspec.Jobspec#parse(String, String)} (or {@code
 * Jobspec.parse(Path)}) for a document, or {@link org.flux4j.policy.jobspec.Jobspec#builder()} for
 * a jobspec made in code. Parsing reads a document through Jackson into a plain tree (no YAML tag
 * can instantiate a class) and applies the rules of Fluxion's {@code resource/libjobspec} parser in
 * its order, so that the first error is Fluxion's first error; {@link
 * org.flux4j.policy.jobspec.JobspecException#reason()} is Fluxion's text for it (what
 * resource-query prints as {@code Jobspec error for N: <reason>}), and the exception's message
 * names the source and the JSON pointer. The model is immutable: {@link
 * org.flux4j.policy.jobspec.Resource} trees with {@link org.flux4j.policy.jobspec.Count} ranges
 * (Fluxion's {@code calc_count} for moldable requests), {@link org.flux4j.policy.jobspec.Task}s,
 * {@link org.flux4j.policy.jobspec.Attributes} with the RFC 31 {@link
 * org.flux4j.policy.jobspec.Constraint} expression.
 */
package org.flux4j.policy.jobspec;
