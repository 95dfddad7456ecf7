/**
 * Virtual clusters in tests. Start with {@link org.flux4j.testing.WithVirtualCluster} on a test
 * method or class: the test method's {@code Instance}, {@code VirtualClock} and {@code
 * ResourceGraph} parameters are then filled with a fresh instance on a named preset ({@code tiny},
 * {@code small}, {@code medium}, ...) or on a custom cluster of N nodes, driven by a virtual clock
 * and a simulated executor, and closed after the test. {@link org.flux4j.testing.FluxAssertions}
 * checks what the jobs did: state, result, ranks, order ({@code ranBefore}) and that no two jobs
 * running at the same time ever held the same core.
 */
package org.flux4j.testing;
