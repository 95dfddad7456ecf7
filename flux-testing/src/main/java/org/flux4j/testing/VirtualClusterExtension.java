package org.flux4j.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.flux4j.core.Instance;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import org.flux4j.graph.VirtualClusters;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithVirtualCluster}: resolves {@link Instance}, {@link
 * VirtualClock} and {@link ResourceGraph} parameters of a test method to one instance built for
 * that test, and closes the instance after it. Registered by the annotation; used alone through
 * {@code @ExtendWith}, it builds the annotation's default cluster (4 nodes of 4 cores, fcfs).
 *
 * <p>The instance is built on first use by a parameter, so a test that asks only for a clock still
 * gets the clock of the instance it would have had. Thread-safe as JUnit requires: state lives in
 * the test's extension store.
 */
public final class VirtualClusterExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VirtualClusterExtension.class);
  private static final String KEY = "cluster";

  /** The extension; JUnit creates it. */
  public VirtualClusterExtension() {}

  /** What one test method gets; closed by {@link #afterEach}. */
  private static final class Fixture {
    final ResourceGraph graph;
    final VirtualClock clock;
    final Instance instance;

    Fixture(WithVirtualCluster spec) {
      this.graph = graphOf(spec);
      this.clock = new VirtualClock(spec.startMillis());
      Instance.Builder b =
          Instance.builder(graph)
              .name("virtual-" + (spec.preset().isEmpty() ? "custom" : spec.preset()))
              .clock(clock)
              .executor(new SimulatedExecutor())
              .matchPolicy(spec.matchPolicy())
              .queuePolicy(spec.queuePolicy());
      if (!spec.queueParams().isEmpty()) {
        b.queueParams(spec.queueParams());
      }
      this.instance = b.build();
    }
  }

  /**
   * The graph that {@code spec} describes.
   *
   * @throws IllegalArgumentException for an unknown preset or a custom size below 1 node or core
   */
  static ResourceGraph graphOf(WithVirtualCluster spec) {
    if (!spec.preset().isEmpty()) {
      return VirtualClusters.byName(spec.preset());
    }
    return customCluster(spec.nodes(), spec.coresPerNode(), spec.gpusPerNode());
  }

  /**
   * A cluster of {@code nodes} nodes (ranks 0 to nodes - 1, named node0, node1, ...), each with
   * {@code cores} cores and {@code gpus} GPUs.
   *
   * @throws IllegalArgumentException if nodes or cores is below 1 or gpus below 0
   */
  public static ResourceGraph customCluster(int nodes, int cores, int gpus) {
    if (nodes < 1 || cores < 1 || gpus < 0) {
      throw new IllegalArgumentException(
          "@WithVirtualCluster: a custom cluster needs nodes >= 1, coresPerNode >= 1 and"
              + " gpusPerNode >= 0; got nodes="
              + nodes
              + ", coresPerNode="
              + cores
              + ", gpusPerNode="
              + gpus);
    }
    return VirtualCluster.builder("cluster")
        .child(
            "node",
            nodes,
            node -> {
              node.child("core", cores);
              if (gpus > 0) {
                node.child("gpu", gpus);
              }
            })
        .build();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    Class<?> t = p.getParameter().getType();
    return t == Instance.class || t == VirtualClock.class || t == ResourceGraph.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    Fixture f = fixture(c);
    Class<?> t = p.getParameter().getType();
    if (t == Instance.class) {
      return f.instance;
    }
    if (t == VirtualClock.class) {
      return f.clock;
    }
    return f.graph;
  }

  private static Fixture fixture(ExtensionContext c) {
    ExtensionContext.Store store = c.getStore(NAMESPACE);
    Fixture f = store.get(KEY, Fixture.class);
    if (f == null) {
      WithVirtualCluster spec = specOf(c);
      try {
        f = new Fixture(spec);
      } catch (IllegalArgumentException e) {
        throw new ParameterResolutionException(
            "cannot build the virtual cluster of " + c.getDisplayName() + ": " + e.getMessage(), e);
      }
      store.put(KEY, f);
    }
    return f;
  }

  /** The method's annotation, else the class's (or an enclosing class's), else the defaults. */
  private static WithVirtualCluster specOf(ExtensionContext c) {
    Optional<WithVirtualCluster> m = find(c.getTestMethod());
    if (m.isPresent()) {
      return m.get();
    }
    for (Optional<Class<?>> k = c.getTestClass(); k.isPresent(); ) {
      Optional<WithVirtualCluster> a = find(k);
      if (a.isPresent()) {
        return a.get();
      }
      Class<?> enclosing = k.get().getEnclosingClass();
      k = Optional.ofNullable(enclosing);
    }
    return Defaults.class.getAnnotation(WithVirtualCluster.class);
  }

  private static Optional<WithVirtualCluster> find(Optional<? extends AnnotatedElement> e) {
    return AnnotationSupport.findAnnotation(e, WithVirtualCluster.class);
  }

  @WithVirtualCluster
  private static final class Defaults {}

  @Override
  public void afterEach(ExtensionContext c) {
    Fixture f = c.getStore(NAMESPACE).remove(KEY, Fixture.class);
    if (f != null) {
      f.instance.close();
    }
  }
}
