package org.flux4j.examples.workflow;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flux4j.core.Instance;
import org.flux4j.core.JobInfo;
import org.flux4j.core.SystemClock;
import org.flux4j.core.exec.Executor;
import org.flux4j.core.exec.ProcessExecutor;
import org.flux4j.core.exec.SlurmExecutor;
import org.flux4j.core.exec.TaskOutput;
import org.flux4j.examples.Terminal;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.VirtualCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flux4j workflow FILE}: runs a workflow file to completion through an embedded instance,
 * and the example a workflow engine copies: read ({@link WorkflowReader}), build an instance with
 * an executor, run ({@link WorkflowRunner}), summarize ({@link WorkflowSummary}).
 *
 * <p>Exit status: 0 when every job completed, 1 when some did not, 2 for a bad file or option
 * (refused before anything runs).
 */
@Command(
    name = "workflow",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a YAML workflow file (jobs with commands, shapes, time limits and RFC 26",
      "dependencies by name) through an embedded flux4j instance, and reports each job.",
      "Exit status 0 only when every job completed."
    })
public final class WorkflowCommand implements Callable<Integer> {
  /** Where the tasks run. */
  public enum ExecutorKind {
    /** Processes on this machine, on a virtual graph of --nodes x --cores-per-node. */
    local,
    /** srun steps in a Slurm allocation (the one this runs in, or a new one). */
    slurm
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the workflow file (YAML or JSON)")
  Path file;

  @Option(
      names = "--executor",
      paramLabel = "KIND",
      description = "local or slurm (default: ${DEFAULT-VALUE})")
  ExecutorKind executor = ExecutorKind.local;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = {
        "local: nodes of the virtual graph (default: 1);",
        "slurm outside an allocation: nodes to salloc (default: 1)"
      })
  void nodes(int n) {
    nodes = n;
    nodesGiven = true;
  }

  int nodes = 1;
  boolean nodesGiven;

  @Option(
      names = "--cores-per-node",
      paramLabel = "C",
      description = "local: cores per node (default: this machine's cores)")
  int coresPerNode = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--gpus-per-node",
      paramLabel = "G",
      description = "local: GPUs per node (default: 0)")
  int gpusPerNode;

  @Option(
      names = "--queue-policy",
      paramLabel = "NAME",
      description = "fcfs, easy, hybrid or conservative (default: ${DEFAULT-VALUE})")
  String queuePolicy = "fcfs";

  @Option(
      names = "--match-policy",
      paramLabel = "NAME",
      description = "a Fluxion match policy (default: ${DEFAULT-VALUE})")
  String matchPolicy = "first";

  @Option(names = "--json", description = "print the summary as one JSON object")
  boolean json;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "write each job's task output to DIR/NAME.out and DIR/NAME.err")
  Path output;

  @Option(names = "--quiet", description = "no progress line")
  boolean quiet;

  @Option(
      names = "--store",
      paramLabel = "DB",
      description = {
        "a durable job store (SQLite file): run again on the same store after a crash, the",
        "workflow goes on without running again the jobs that completed"
      })
  Path store;

  @Option(
      names = "--forecast",
      description = {
        "run nothing: predict each job's start and end in virtual time on the local graph",
        "(each job runs its duration, which every job must have), and the makespan"
      })
  boolean forecast;

  /** The command; run by picocli. */
  public WorkflowCommand() {}

  /** The virtual graph of the local executor: nodes of cores (and GPUs) under one cluster. */
  public static ResourceGraph localGraph(int nodes, int coresPerNode, int gpusPerNode) {
    if (nodes < 1 || coresPerNode < 1 || gpusPerNode < 0) {
      throw new IllegalArgumentException(
          "--nodes and --cores-per-node must be at least 1, --gpus-per-node at least 0");
    }
    return VirtualCluster.builder("cluster")
        .child(
            "node",
            nodes,
            n -> {
              n.child("core", coresPerNode, c -> c.idScope(1));
              if (gpusPerNode > 0) {
                n.child("gpu", gpusPerNode, g -> g.idScope(1));
              }
            })
        .build();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Workflow workflow;
    try {
      workflow = WorkflowReader.read(file);
    } catch (WorkflowException e) {
      err.println("flux4j workflow: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (forecast) {
      return forecast(workflow, out, err);
    }
    Backend backend;
    try {
      backend = backend();
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("flux4j workflow: " + e.getMessage());
      err.flush();
      return 2;
    }
    try (backend) {
      Instance instance;
      try {
        Instance.Builder b =
            Instance.builder(backend.graph())
                .name("workflow")
                .clock(SystemClock.get())
                .executor(backend.executor())
                .matchPolicy(matchPolicy)
                .queuePolicy(queuePolicy);
        if (store != null) {
          b.store(store);
        }
        instance = b.build();
      } catch (IllegalArgumentException | org.flux4j.core.JobStoreException e) {
        err.println("flux4j workflow: " + e.getMessage());
        err.flush();
        return 2;
      }
      Thread hook =
          new Thread(
              () -> {
                instance.close();
                backend.close();
              },
              "flux4j-workflow-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        backend.attach(instance);
        WorkflowRun run =
            store != null
                ? WorkflowRunner.resume(instance, workflow)
                : WorkflowRunner.start(instance, workflow);
        WorkflowSummary summary = await(run, !quiet && Terminal.interactive() ? err : null);
        if (output != null) {
          writeOutputs(run.finalInfos(), output);
        }
        out.print(json ? summary.toJson() + System.lineSeparator() : summary.toTable());
        out.flush();
        return summary.succeeded() ? 0 : 1;
      } finally {
        instance.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook runs anyway
        }
      }
    }
  }

  private int forecast(Workflow workflow, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    WorkflowSummary summary;
    try {
      if (executor != ExecutorKind.local || output != null) {
        throw new IllegalArgumentException(
            "--forecast runs nothing: it takes neither --executor slurm nor --output");
      }
      summary =
          WorkflowForecast.run(
              workflow, localGraph(nodes, coresPerNode, gpusPerNode), queuePolicy, matchPolicy);
    } catch (IllegalArgumentException e) {
      err.println("flux4j workflow: " + e.getMessage());
      err.flush();
      return 2;
    }
    out.print(
        json
            ? summary.toJson() + System.lineSeparator()
            : "forecast (nothing was run; each job takes its duration)"
                + System.lineSeparator()
                + summary.toTable());
    out.flush();
    return summary.succeeded() ? 0 : 1;
  }

  private Backend backend() {
    return switch (executor) {
      case local -> Backend.local(localGraph(nodes, coresPerNode, gpusPerNode));
      case slurm -> Backend.slurm(nodesGiven ? nodes : 1);
    };
  }

  /**
   * Writes each job's captured output: {@code NAME.out} and {@code NAME.err}, its tasks' streams in
   * rank order (each line prefixed with {@code RANK: } when the job has several tasks); see {@link
   * #fileName} for names that are not plain file names.
   */
  static void writeOutputs(List<JobInfo> infos, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (JobInfo info : infos) {
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      boolean label = info.outputs().size() > 1;
      for (TaskOutput t : info.outputs()) {
        append(out, t.stdout(), label ? t.rank() + ": " : "");
        append(err, t.stderr(), label ? t.rank() + ": " : "");
      }
      String file = fileName(info.name());
      Files.writeString(dir.resolve(file + ".out"), out, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(file + ".err"), err, StandardCharsets.UTF_8);
    }
  }

  /**
   * A job name as a file name in the output folder: other than {@code [A-Za-z0-9._-]} becomes _.
   */
  static String fileName(String jobName) {
    String f = jobName.replaceAll("[^A-Za-z0-9._-]", "_");
    return f.startsWith(".") ? "_" + f : f;
  }

  private static void append(StringBuilder sb, String text, String prefix) {
    for (String line : (Iterable<String>) text.lines()::iterator) {
      sb.append(prefix).append(line).append('\n');
    }
  }

  private static WorkflowSummary await(WorkflowRun run, PrintWriter progress)
      throws InterruptedException, ExecutionException {
    long t0 = System.nanoTime();
    while (true) {
      try {
        WorkflowSummary s = run.done().get(200, TimeUnit.MILLISECONDS);
        if (progress != null) {
          progress.print("\r" + " ".repeat(79) + "\r");
          progress.flush();
        }
        return s;
      } catch (TimeoutException e) {
        if (progress != null) {
          Map<WorkflowRun.Phase, Integer> p = run.progress();
          progress.printf(
              Locale.ROOT,
              "\r%7.1f s  pending %d  running %d  completed %d  unsuccessful %d   ",
              (System.nanoTime() - t0) / 1e9,
              p.get(WorkflowRun.Phase.PENDING),
              p.get(WorkflowRun.Phase.RUNNING),
              p.get(WorkflowRun.Phase.COMPLETED),
              p.get(WorkflowRun.Phase.UNSUCCESSFUL));
          progress.flush();
        }
      }
    }
  }

  /** What runs the tasks: a graph and an executor, and their resources to release. */
  interface Backend extends AutoCloseable {
    ResourceGraph graph();

    Executor executor();

    /** Connects the backend to the instance built on it (e.g. to report lost nodes). */
    default void attach(Instance instance) {}

    @Override
    void close();

    /**
     * Slurm: the allocation this runs in ({@code SLURM_JOB_ID}), else a new one of {@code nodes}
     * nodes, released at the end.
     */
    static Backend slurm(int nodes) {
      SlurmExecutor ex =
          System.getenv("SLURM_JOB_ID") != null
              ? SlurmExecutor.attach()
              : SlurmExecutor.builder().allocate(nodes);
      return new Backend() {
        @Override
        public ResourceGraph graph() {
          return ex.graph();
        }

        @Override
        public Executor executor() {
          return ex;
        }

        @Override
        public void attach(Instance instance) {
          ex.watch(instance);
        }

        @Override
        public void close() {
          ex.close();
        }
      };
    }

    static Backend local(ResourceGraph graph) {
      ProcessExecutor ex = new ProcessExecutor();
      return new Backend() {
        @Override
        public ResourceGraph graph() {
          return graph;
        }

        @Override
        public Executor executor() {
          return ex;
        }

        @Override
        public void close() {
          ex.close();
        }
      };
    }
  }
}
