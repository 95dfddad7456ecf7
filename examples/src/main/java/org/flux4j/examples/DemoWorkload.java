package org.flux4j.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.flux4j.core.JobRequest;
import org.flux4j.core.exec.InProcessTask;
import org.flux4j.core.exec.TaskContext;
import org.flux4j.policy.jobspec.Jobspec;

/**
 * The job mix of {@code flux4j demo}: seeded random jobs of several shapes whose in-process tasks
 * do a little real work (a Monte Carlo estimate of pi) and then hold their resources for their run
 * time. Not thread-safe to build; the tasks it makes are thread-safe.
 */
final class DemoWorkload {
  /** The job shapes of the mix, as the summary names them. */
  enum Shape {
    SERIAL("1-core"),
    MULTICORE("multi-core"),
    GPU("GPU"),
    WHOLE_NODE("whole-node");

    final String label;

    Shape(String label) {
      this.label = label;
    }
  }

  /** One generated job: its shape and request. */
  record Planned(Shape shape, JobRequest request) {}

  /** An RFC 25 (V1) jobspec, as {@code flux submit -n4 -c4} writes it: 4 slots of 4 cores. */
  static final String YAML_JOBSPEC =
      String.join(
          "\n",
          "version: 1",
          "resources:",
          "  - type: slot",
          "    count: 4",
          "    label: task",
          "    with:",
          "      - type: core",
          "        count: 4",
          "tasks:",
          "  - command: [\"analyze\", \"--input\", \"run-42\"]",
          "    slot: task",
          "    count:",
          "      per_slot: 1",
          "attributes:",
          "  system:",
          "    duration: 60",
          "    job:",
          "      name: yaml-analysis",
          "");

  private static final int SAMPLES_PER_TASK = 20_000;

  private final LongAdder samples = new LongAdder();
  private final LongAdder inside = new LongAdder();
  private final LongAdder tasksRun = new LongAdder();
  private final int nodes;
  private final int coresPerNode;
  private final int gpusPerNode;
  private final int slotsPerNode;
  private final double timeScale;

  /**
   * A workload for {@code nodes} usable nodes with these cores and GPUs each: no job needs more.
   *
   * @param slotsPerNode the slots a whole-node job fills a node with (one per socket: a slot holds
   *     cores of one socket)
   * @param timeScale multiplies every run time (1.0 for the default mix)
   */
  DemoWorkload(int nodes, int coresPerNode, int gpusPerNode, int slotsPerNode, double timeScale) {
    this.nodes = nodes;
    this.slotsPerNode = slotsPerNode;
    this.coresPerNode = coresPerNode;
    this.gpusPerNode = gpusPerNode;
    this.timeScale = timeScale;
  }

  /** A whole-node request of {@code k} nodes: one task per socket-sized slot. */
  JobRequest.Builder wholeNodes(int k) {
    return JobRequest.builder()
        .nodes(k)
        .tasks(k * slotsPerNode)
        .coresPerTask(coresPerNode / slotsPerNode);
  }

  /** {@code count} random jobs from {@code seed}; no GPU jobs on a cluster without GPUs. */
  List<Planned> randomJobs(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Planned> out = new ArrayList<>(count);
    int maxWhole = Math.max(1, Math.min(8, nodes / 8));
    for (int i = 0; i < count; i++) {
      int p = rnd.nextInt(100);
      Shape shape =
          p < 45 ? Shape.SERIAL : p < 72 ? Shape.MULTICORE : p < 87 ? Shape.GPU : Shape.WHOLE_NODE;
      if (shape == Shape.GPU && gpusPerNode == 0) {
        shape = Shape.MULTICORE;
      }
      JobRequest.Builder b = JobRequest.builder().name(shape.label + "-" + i);
      long ms;
      switch (shape) {
        case SERIAL -> ms = 300L + rnd.nextInt(2_500);
        case MULTICORE -> {
          int cpt = Math.min(coresPerNode, 4 << rnd.nextInt(3));
          int maxTasks = Math.max(1, Math.min(8, nodes * coresPerNode / cpt));
          b.tasks(1 + rnd.nextInt(maxTasks)).coresPerTask(cpt);
          ms = 800L + rnd.nextInt(3_000);
        }
        case GPU -> {
          b.tasks(1 + rnd.nextInt(gpusPerNode * Math.min(2, nodes)))
              .gpusPerTask(1)
              .coresPerTask(Math.min(coresPerNode, 8));
          ms = 800L + rnd.nextInt(3_000);
        }
        default -> {
          int k = 1 + rnd.nextInt(maxWhole);
          b = wholeNodes(k).name(shape.label + "-" + i);
          ms = 1_500L + rnd.nextInt(2_500);
        }
      }
      out.add(new Planned(shape, withTask(b, ms).build()));
    }
    return out;
  }

  /** The YAML jobspec job, its tasks given a run time of {@code ms}. */
  JobRequest yamlJob(long ms) {
    Jobspec spec = Jobspec.parse(YAML_JOBSPEC, "demo jobspec");
    return withTask(JobRequest.builder(spec), ms).build();
  }

  /**
   * Gives {@code b} a duration limit and an in-process task that samples, then holds its resources
   * for {@code ms} (scaled) in all.
   */
  JobRequest.Builder withTask(JobRequest.Builder b, long ms) {
    long scaled = Math.max(1, Math.round(ms * timeScale));
    return b.duration(Duration.ofMillis(scaled * 4 + 10_000)).task(computeThenHold(scaled));
  }

  /** A task that estimates pi from a few samples, then sleeps until {@code ms} have passed. */
  InProcessTask computeThenHold(long ms) {
    return ctx -> {
      long start = System.nanoTime();
      sample(ctx);
      long left = ms - (System.nanoTime() - start) / 1_000_000;
      if (left > 0) {
        Thread.sleep(left);
      }
    };
  }

  /** A task that holds its resources far longer than any duration limit in the demo. */
  InProcessTask holdForever() {
    return ctx -> {
      sample(ctx);
      Thread.sleep(600_000);
    };
  }

  /** A task that does its work and then fails, as a buggy task would. */
  InProcessTask failing() {
    return ctx -> {
      sample(ctx);
      throw new IllegalStateException("input file run-13.dat is corrupt");
    };
  }

  private void sample(TaskContext ctx) {
    SplittableRandom rnd = new SplittableRandom(ctx.jobId().value() * 31 + ctx.rank());
    long in = 0;
    for (int i = 0; i < SAMPLES_PER_TASK; i++) {
      double x = rnd.nextDouble();
      double y = rnd.nextDouble();
      if (x * x + y * y <= 1.0) {
        in++;
      }
    }
    samples.add(SAMPLES_PER_TASK);
    inside.add(in);
    tasksRun.increment();
  }

  /** The slots of a whole-node job per node. */
  int slotsPerNode() {
    return slotsPerNode;
  }

  /** The number of in-process tasks that did their work. */
  long tasksRun() {
    return tasksRun.sum();
  }

  /** The number of Monte Carlo samples taken by all tasks. */
  long samples() {
    return samples.sum();
  }

  /** The estimate of pi from all samples so far; NaN before any. */
  double pi() {
    long n = samples.sum();
    return n == 0 ? Double.NaN : 4.0 * inside.sum() / n;
  }
}
