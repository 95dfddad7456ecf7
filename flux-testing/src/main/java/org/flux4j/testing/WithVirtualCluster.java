package org.flux4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method on a virtual cluster: its parameters of type {@code Instance}, {@code
 * VirtualClock} and {@code ResourceGraph} receive a new instance (with a {@code
 * SimulatedExecutor}), its clock and its graph, and the instance is closed after the test, whether
 * it passed or not. On a class, it applies to every test method; on a method, it replaces the
 * class's settings.
 *
 * <p>The cluster is the preset named by {@link #preset()} (see {@code VirtualClusters.NAMES}) or,
 * if that is empty, {@link #nodes()} nodes of {@link #coresPerNode()} cores and {@link
 * #gpusPerNode()} GPUs (ranks 0 to nodes - 1). Each test gets its own graph, clock and instance.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(VirtualClusterExtension.class)
public @interface WithVirtualCluster {
  /** A preset of {@code VirtualClusters} ({@code tiny}, {@code small}, ...); empty for custom. */
  String preset() default "";

  /** Nodes of the custom cluster (when {@link #preset()} is empty). */
  int nodes() default 4;

  /** Cores per node of the custom cluster. */
  int coresPerNode() default 4;

  /** GPUs per node of the custom cluster. */
  int gpusPerNode() default 0;

  /** The queue policy: fcfs, easy, hybrid, conservative or a registered name. */
  String queuePolicy() default "fcfs";

  /** The match policy (see {@code Instance.Builder#matchPolicy}). */
  String matchPolicy() default "first";

  /** Queue parameters as Fluxion writes them, e.g. {@code "queue-depth=8"}; empty for defaults. */
  String queueParams() default "";

  /** The virtual clock's start, in milliseconds since the epoch. */
  long startMillis() default 0;
}
