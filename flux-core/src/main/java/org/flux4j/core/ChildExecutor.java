package org.flux4j.core;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.flux4j.core.exec.ExecJob;
import org.flux4j.core.exec.ExecListener;
import org.flux4j.core.exec.Execution;
import org.flux4j.core.exec.Executor;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/**
 * The executor of a job that is a child instance: on start it builds a graph of exactly the job's
 * allocation and starts an {@link Instance} over it; the job finishes when that instance is closed.
 * Killing the job (cancel, timeout, parent shutdown) closes the child, canceling its jobs.
 */
final class ChildExecutor implements Executor {
  private final Instance parent;
  private final Consumer<Instance.Builder> config;
  private final CompletableFuture<Instance> child = new CompletableFuture<>();

  ChildExecutor(Instance parent, Consumer<Instance.Builder> config) {
    this.parent = parent;
    this.config = config;
  }

  CompletableFuture<Instance> child() {
    return child;
  }

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    ResourceGraph sub = subgraph(parent.graph(), job.allocation().vertices());
    Instance.Builder b =
        Instance.builder(sub)
            .name(parent.name() + "/" + job.id().f58())
            .clock(job.clock())
            .executor(parent.executor())
            .matchPolicy(parent.matchPolicy());
    config.accept(b);
    b.parentJob(job.id());
    Instance in;
    try {
      in = b.build();
    } catch (RuntimeException e) {
      child.completeExceptionally(e);
      throw e;
    }
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    in.onClose(
        () -> {
          if (done.compareAndSet(false, true)) {
            listener.finished(killed.get() ? 15 : 0, null, List.of());
          }
        });
    listener.started();
    child.complete(in);
    return () -> {
      if (done.get() || !killed.compareAndSet(false, true)) {
        return;
      }
      // close blocks until the child's jobs are gone: do it off the parent's loop, and keep a
      // virtual clock from advancing until the parent hears of it
      job.clock().beginActivity();
      Thread t =
          new Thread(
              () -> {
                try {
                  in.close();
                } finally {
                  job.clock().endActivity();
                }
              },
              "flux4j-close-" + in.name());
      t.setDaemon(true);
      t.start();
    };
  }

  /**
   * The part of {@code g} made of {@code vertices} and their containment ancestors, with every
   * attribute, property and status kept, in {@code g}'s depth-first order.
   */
  static ResourceGraph subgraph(ResourceGraph g, int[] vertices) {
    BitSet keep = new BitSet(g.vertexLimit());
    for (int v : vertices) {
      for (int u = v; u >= 0 && !keep.get(u); u = g.parent(u)) {
        keep.set(u);
      }
    }
    GraphBuilder b = ResourceGraph.builder(keep.cardinality());
    IntIntHashMap map = new IntIntHashMap();
    Adjacency out = g.out(0);
    ArrayDeque<int[]> stack = new ArrayDeque<>();
    int[] roots = g.roots();
    for (int i = roots.length - 1; i >= 0; i--) {
      if (keep.get(roots[i])) {
        stack.push(new int[] {roots[i], -1});
      }
    }
    while (!stack.isEmpty()) {
      int[] top = stack.pop();
      int v = top[0];
      int nv = b.addVertexCopy(g, v);
      map.put(v, nv);
      if (top[1] < 0) {
        b.root(nv, Subsystems.CONTAINMENT);
      } else {
        b.contain(top[1], nv);
      }
      g.properties(v).forEach((k, val) -> b.property(nv, k, val));
      b.status(nv, g.status(v));
      for (int e = out.end(v) - 1; e >= out.start(v); e--) {
        int c = out.target(e);
        if (keep.get(c) && !map.containsKey(c) && g.parent(c) == v) {
          stack.push(new int[] {c, nv});
        }
      }
    }
    return b.build();
  }
}
