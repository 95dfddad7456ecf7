/**
 * {@code rq-diff}: a differential fuzzer that runs random resource-query scenarios through the real
 * Fluxion {@code resource-query} (a process) and through flux4j's {@link
 * org.flux4j.examples.rq.ResourceQueryMain} (in-process), compares the {@code -t} output, the exit
 * status and the errors reported for failed matches and path removals byte for byte, and shrinks a
 * scenario on which they differ to a small case.
 *
 * <p>A {@link org.flux4j.examples.rqdiff.Scenario} is a graph (a generated {@link
 * org.flux4j.examples.rqdiff.GrugRecipe} or one of Fluxion's test graphs), jobspecs ({@link
 * org.flux4j.examples.rqdiff.JobspecModel}), a command script and the command-line options; {@link
 * org.flux4j.examples.rqdiff.ScenarioGenerator} draws one from a seed, {@link
 * org.flux4j.examples.rqdiff.Shrinker} reduces one, {@link org.flux4j.examples.rqdiff.RqDiff} is
 * the command.
 */
package org.flux4j.examples.rqdiff;
