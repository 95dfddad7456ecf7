/**
 * The graph scheduler alone: Fluxion's resource API (REAPI, {@code resource/reapi}) and its
 * depth-first-and-up traverser, over one {@link org.flux4j.graph.ResourceGraph}.
 *
 * <h2>Where to start</h2>
 *
 * <p>{@link org.flux4j.policy.match.ResourceQuery} is the entry point: create one with {@link
 * org.flux4j.policy.match.ResourceQuery#create(org.flux4j.graph.ResourceGraph,
 * org.flux4j.policy.match.ResourceQuery.Options) ResourceQuery.create(graph, options)}, choosing
 * the match policy by the name Flux users know ({@code first}, {@code lonodex}, ...; see {@link
 * org.flux4j.policy.match.MatchPolicies}), then {@link org.flux4j.policy.match.ResourceQuery#match
 * match} requests with a {@link org.flux4j.policy.match.MatchOp} (allocate, allocate or else
 * reserve, satisfiability, ...):
 *
 * <pre>{@code
 * ResourceQuery rq = ResourceQuery.create(graph,
 *     ResourceQuery.Options.builder().policy("lonodex").build());
 * MatchResult r = rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE,
 *     ResourceRequest.from(Jobspec.parse(yaml)), jobId, now);
 * }</pre>
 *
 * <p>A request is a {@link org.flux4j.policy.match.ResourceRequest}: made from a parsed jobspec
 * ({@code org.flux4j.policy.jobspec}), or built directly from {@link
 * org.flux4j.policy.match.ResourceRequest.Item items}. A match answers with a sealed {@link
 * org.flux4j.policy.match.MatchResult} (allocated or reserved with a {@link
 * org.flux4j.policy.match.ResourceSet}, busy, unsatisfiable with Fluxion's reason), which the
 * writers of {@code org.flux4j.policy.writer} print as R. Jobs are then cancelled (fully or
 * partially, {@link org.flux4j.policy.match.CancelStatus}) and listed ({@link
 * org.flux4j.policy.match.ScheduledJob}).
 *
 * <p>To plug in a policy of one's own, implement {@link org.flux4j.policy.match.MatchPolicy} and
 * {@link org.flux4j.policy.match.MatchPolicies#register register} it. The engine itself lives in
 * the module's non-exported {@code internal} package.
 */
package org.flux4j.policy.match;
