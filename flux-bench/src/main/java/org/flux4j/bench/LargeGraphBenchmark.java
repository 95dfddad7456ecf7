package org.flux4j.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings the benchmarks on large graphs share: state per thread, one fork with a 6 GB
 * heap and the parallel collector, 3 warm-up and 5 measured iterations. JMH's annotations are
 * inherited, so a subclass states only what it does otherwise (its mode and time unit, or other
 * iterations).
 */
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public abstract class LargeGraphBenchmark {}
